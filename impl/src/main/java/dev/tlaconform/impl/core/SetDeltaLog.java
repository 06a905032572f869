package dev.tlaconform.impl.core;

import java.util.TreeSet;

/**
 * What a traced set-valued state variable changed since the node's last trace event, in the trace
 * mapping's {@code "delta"} form for sets (docs/validate.md): {@code {"add": [...], "del": [...]}},
 * post = (pre \ del) ∪ add, or {@code {"set": [...]}} after the set was replaced as a whole (a
 * restart). Kept only while tracing.
 */
public final class SetDeltaLog {
    private final TreeSet<String> added = new TreeSet<>();
    private final TreeSet<String> removed = new TreeSet<>();
    private boolean replaced;

    public void add(boolean tracing, String x) {
        if (tracing) {
            removed.remove(x);
            added.add(x);
        }
    }

    public void remove(boolean tracing, String x) {
        if (tracing) {
            added.remove(x);
            removed.add(x);
        }
    }

    /** The set was replaced as a whole: the next event logs all of it. */
    public void replace(boolean tracing) {
        if (tracing) {
            replaced = true;
        }
    }

    /** Writes the delta (or the whole of {@code now} after a replacement) and forgets it. */
    public void write(JsonOut out, Iterable<String> now) {
        out.beginObject();
        if (replaced) {
            out.name("set").beginArray();
            for (String x : now) {
                out.value(x);
            }
            out.endArray();
        } else {
            out.name("add").beginArray();
            for (String x : added) {
                out.value(x);
            }
            out.endArray().name("del").beginArray();
            for (String x : removed) {
                out.value(x);
            }
            out.endArray();
        }
        out.endObject();
        added.clear();
        removed.clear();
        replaced = false;
    }
}
