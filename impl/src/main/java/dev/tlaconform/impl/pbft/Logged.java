package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Traceable;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * A trace {@code msg}: a message's JSON with extra keys appended at its end (EVENTS.md: the
 * {@code quorum} a step used, a Byzantine send's {@code authentic}). Built only when tracing.
 */
final class Logged implements Traceable {
    private final Traceable base;
    private final Consumer<JsonOut> extra;

    private Logged(Traceable base, Consumer<JsonOut> extra) {
        this.base = base;
        this.extra = extra;
    }

    static Logged quorum(Traceable base, Collection<Integer> quorum) {
        return new Logged(base, out -> writeIds(out, "quorum", quorum));
    }

    static Logged authentic(Traceable base, boolean authentic) {
        return new Logged(base, out -> out.field("authentic", authentic));
    }

    static void writeIds(JsonOut out, String key, Collection<Integer> ids) {
        out.name(key).beginArray();
        for (int id : ids) {
            out.value(id);
        }
        out.endArray();
    }

    @Override
    public void writeJson(JsonOut out) {
        base.writeJson(new Appending(out));
    }

    /** Passes everything through, inserting the extra keys before the outermost object closes. */
    private final class Appending implements JsonOut {
        private final JsonOut out;
        private int depth;

        Appending(JsonOut out) {
            this.out = out;
        }

        public JsonOut beginObject() { depth++; out.beginObject(); return this; }

        public JsonOut endObject() {
            if (--depth == 0) {
                extra.accept(out);
            }
            out.endObject();
            return this;
        }

        public JsonOut beginArray() { depth++; out.beginArray(); return this; }

        public JsonOut endArray() { depth--; out.endArray(); return this; }

        public JsonOut name(String key) { out.name(key); return this; }

        public JsonOut value(long v) { out.value(v); return this; }

        public JsonOut value(String s) { out.value(s); return this; }

        public JsonOut value(double v) { out.value(v); return this; }

        public JsonOut value(boolean b) { out.value(b); return this; }
    }
}
