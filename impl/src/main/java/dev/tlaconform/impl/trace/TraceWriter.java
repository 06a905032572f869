package dev.tlaconform.impl.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Traceable;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Writes an NDJSON trace (DESIGN.md, "The trace") with Jackson's streaming generator: one header
 * line, one line per event, one end line. Keys are written in a fixed order by this code, numbers
 * as integers, no pretty-printing, '\n' after every line: the same run gives the same bytes.
 * Not thread-safe; the caller owns the stream (closed by {@link #close}).
 *
 * <pre>
 * {"kind":"header","schema":1,"protocol":"paxos","constants":{...},"seed":7,"faults":{...},"model":"partial",...}
 * {"kind":"event","seq":1,"node":2,"action":"Phase1a","msg":{...},"state":{...},"clock":{"1":0,"2":1,"3":0}}
 * {"kind":"end","events":1}
 * </pre>
 * {@code msg} is left out of an event that has none (Restart, BecomeLeader).
 */
public final class TraceWriter implements Closeable {
    /** The trace schema version written in every header. */
    public static final int SCHEMA = 1;
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator g;
    private final JsonOut out;
    private long events;
    private boolean ended;

    public TraceWriter(OutputStream stream) {
        try {
            this.g = FACTORY.createGenerator(stream, JsonEncoding.UTF8);
            this.g.setRootValueSeparator(null); // we write '\n' ourselves, after every line
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.out = new JacksonJsonOut(g);
    }

    /**
     * Line 1. {@code constants} writes the constants object; {@code faults} the fault-plan object;
     * {@code extra} may add further header fields (name then value) after {@code model}.
     */
    public void header(String protocol, Traceable constants, long seed, Traceable faults, String model,
            Consumer<JsonOut> extra) {
        out.beginObject().field("kind", "header").field("schema", SCHEMA).field("protocol", protocol);
        out.name("constants");
        constants.writeJson(out);
        out.field("seed", seed);
        out.name("faults");
        faults.writeJson(out);
        out.field("model", model);
        if (extra != null) {
            extra.accept(out);
        }
        out.endObject();
        newline();
    }

    /** One event line; {@code clock[k]} is node k's component (index 0 unused), k = 1..n. */
    public void event(long seq, int node, String action, Traceable msg, Traceable state, int[] clock, int n) {
        out.beginObject().field("kind", "event").field("seq", seq).field("node", node).field("action", action);
        if (msg != null) {
            out.name("msg");
            msg.writeJson(out);
        }
        out.name("state");
        state.writeJson(out);
        out.name("clock").beginObject();
        for (int k = 1; k <= n; k++) {
            out.field(NODE_KEYS[k], clock[k]);
        }
        out.endObject().endObject();
        newline();
        events++;
    }

    /** The last line: {"kind":"end","events":N} where N counts the event lines written. */
    public void end() {
        out.beginObject().field("kind", "end").field("events", events).endObject();
        newline();
        ended = true;
    }

    public long events() {
        return events;
    }

    public boolean ended() {
        return ended;
    }

    private void newline() {
        try {
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hands what was written so far to the underlying stream (the cluster driver writes each step's lines before its messages leave). */
    public void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and closes the generator and the underlying stream. */
    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String[] NODE_KEYS = new String[64];

    static {
        for (int k = 0; k < NODE_KEYS.length; k++) {
            NODE_KEYS[k] = Integer.toString(k);
        }
    }
}
