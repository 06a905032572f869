package dev.tlaconform.impl.core;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * What one traced per-index state variable (a log: a function on 1..n, or a sequence) changed
 * since the node's last trace event, written in the trace mapping's {@code "delta"} form
 * (docs/validate.md): {@code {"len": n, "at": [[i, v], ...]}}, or with {@code "fill"} after the
 * whole variable was reset to one value. A node marks each index it writes ({@link #mark}) or a
 * reset ({@link #fill}); {@link #write} logs those entries and forgets them, so an event costs
 * what the step changed, not the length of the log. Marks are only kept while tracing (the
 * caller passes {@code tracing}), so an untraced run keeps nothing.
 */
public final class DeltaLog {
    private int[] marked = new int[8];
    private int count;
    private boolean reset;

    /** Index i (1-based) was written in this step. */
    public void mark(boolean tracing, int i) {
        if (!tracing) {
            return;
        }
        if (count == marked.length) {
            marked = Arrays.copyOf(marked, count * 2);
        }
        marked[count++] = i;
    }

    /** Every index was set to the variable's fill value (the entries marked before are moot; later marks count). */
    public void fill(boolean tracing) {
        if (tracing) {
            reset = true;
            count = 0;
        }
    }

    /** Writes {@code {"len": len, ["fill": ...,] "at": [[i, entry(i)], ...]}} and forgets the marks. */
    public void write(JsonOut out, int len, Runnable fillValue, IntConsumer entry) {
        out.beginObject().field("len", len);
        if (reset) {
            out.name("fill");
            fillValue.run();
        }
        out.name("at").beginArray();
        Arrays.sort(marked, 0, count);
        for (int k = 0; k < count; k++) {
            if (k > 0 && marked[k] == marked[k - 1]) {
                continue;
            }
            out.beginArray().value(marked[k]);
            entry.accept(marked[k]);
            out.endArray();
        }
        out.endArray().endObject();
        count = 0;
        reset = false;
    }
}
