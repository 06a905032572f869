package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.RandomSource;

/**
 * The timing models of the seed notes (§1): how long the network takes to deliver a message.
 * Δ is {@link SimConfig#deltaTicks()}; GST the run's global stabilisation time.
 */
public enum SystemModel {
    /** Every message arrives within Δ. */
    SYNC("sync"),
    /** Delays are finite but unbounded and adversarial: there is no Δ to rely on; no liveness duty. */
    ASYNC("async"),
    /** Asynchronous until GST, then every message arrives within Δ (a message sent before GST by GST + Δ). */
    PARTIAL("partial");

    private final String label;

    SystemModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static SystemModel parse(String s) {
        for (SystemModel m : values()) {
            if (m.label.equals(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown system model '" + s + "' (sync, async or partial)");
    }

    /**
     * The arrival time of a message sent at {@code now}. {@code extraTicks} is the delay a
     * delay/reorder fault adds; the model's bound still caps it (sync, and partial after GST).
     */
    long arrival(long now, long delta, long gst, long extraTicks, RandomSource r) {
        long bounded = 1 + r.nextLong(delta);
        switch (this) {
            case SYNC:
                return now + Math.min(delta, bounded + extraTicks);
            case ASYNC:
                return now + asyncDelay(delta, r) + extraTicks;
            default:
                long free = now + asyncDelay(delta, r) + extraTicks;
                long latest = Math.max(now, gst) + delta;
                return Math.min(free, latest);
        }
    }

    /**
     * The longest a message can take from send to delivery (the network's maximum message
     * lifetime, TCP's MSL): Δ when synchronous; GST + Δ in partial synchrony (GST is at most
     * {@code gstTicks}, or below 100Δ when the run draws it); asynchronous delays are finite:
     * below (2^12 + 11)Δ, the heavy tail's cap plus a delay fault's 10Δ. Zab servers stay silent
     * this long before they log closing a connection.
     */
    public long maxDelayTicks(long delta, long gstTicks) {
        switch (this) {
            case SYNC:
                return delta;
            case ASYNC:
                return ((1L << 12) + 11) * delta;
            default:
                return (gstTicks >= 0 ? gstTicks : 100 * delta) + delta;
        }
    }

    /** Finite, heavy-tailed: mostly within Δ, sometimes Δ·2^k for a geometric k (capped at 2^12). */
    private static long asyncDelay(long delta, RandomSource r) {
        long d = 1 + r.nextLong(delta);
        if (r.chance(0.3)) {
            int k = 1;
            while (k < 12 && r.chance(0.5)) {
                k++;
            }
            d += r.nextLong(delta << k);
        }
        return d;
    }
}
