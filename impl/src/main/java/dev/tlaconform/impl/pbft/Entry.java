package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Traceable;

/** A log entry {view, req} of ppAcc / prepCert; {@link #NONE} is the spec's NoEntry. */
record Entry(int view, Req req) implements Traceable {
    static final Entry NONE = new Entry(-1, Req.NONE);

    /** Some entry of the log at from..to holds request r. */
    static boolean holds(Entry[] log, int from, int to, Req r) {
        for (int k = from; k <= to; k++) {
            if (log[k].req().equals(r)) {
                return true;
            }
        }
        return false;
    }

    boolean none() {
        return view < 0;
    }

    /**
     * A per-seq log (index 1..) as the mapping's "sparse" state key: an object listing only the seqs
     * whose entry is not {@code none} (the spec's NoEntry / NoReq), e.g. {"5": {...}}; every entry
     * above {@code last} is {@code none}.
     */
    static void writeSparse(JsonOut out, String key, Traceable[] log, Traceable none, int last) {
        out.name(key).beginObject();
        for (int n = 1; n <= last; n++) {
            if (!log[n].equals(none)) {
                out.name(Integer.toString(n));
                log[n].writeJson(out);
            }
        }
        out.endObject();
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("view", view).name("req");
        req.writeJson(out);
        out.endObject();
    }
}
