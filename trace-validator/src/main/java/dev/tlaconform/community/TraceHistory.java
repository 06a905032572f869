package dev.tlaconform.community;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tlc2.util.LongVec;

/**
 * The predecessor of every state TLC keeps, by fingerprint, for TLCExt!Trace: TLC 2.18 cannot
 * read a behaviour back from its trace files while its workers still write them. Recorded (by
 * {@code tlaconform check}'s state watcher) only when the spec uses TLCExt: an entry per distinct
 * state, the price newer TLC's documentation warns of for Trace too.
 */
public final class TraceHistory {
    private static volatile boolean enabled;
    private static final Map<Long, Long> PARENT = new ConcurrentHashMap<>();

    private TraceHistory() {}

    public static void enable() {
        enabled = true;
    }

    public static boolean enabled() {
        return enabled;
    }

    /** A state (fingerprint) TLC kept, and its predecessor's (or none for an initial state). */
    public static void record(long state, Long predecessor) {
        if (enabled && predecessor != null) {
            PARENT.putIfAbsent(state, predecessor);
        }
    }

    /**
     * The fingerprints from this state back to an initial one (the order TLC's own trace
     * reconstruction, TLCTrace.getTrace(LongVec), takes them in).
     */
    static LongVec chain(long state) {
        LongVec v = new LongVec(16);
        Long fp = state;
        for (int n = 0; fp != null && n < 10_000_000; n++) {
            v.addElement(fp);
            fp = PARENT.get(fp);
        }
        return v;
    }
}
