package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.RandomSource;

/**
 * The simulated network of a {@link Simulation} (TigerBeetle's packet simulator): each message
 * sent is lost, delayed or duplicated by draws of the fault stream, and arrives when the system
 * model says (drawn from the network stream), with the configuration's least delay applied.
 */
final class Network {
    private final SimConfig cfg;
    private final long delta;
    private final long gst;
    private final RandomSource faultRandom;
    private final RandomSource netRandom;
    private final Agenda agenda;
    long messages;
    long dropped;
    long duplicated;
    long delayed;

    Network(SimConfig cfg, long gst, RandomSource faultRandom, RandomSource netRandom, Agenda agenda) {
        this.cfg = cfg;
        this.delta = cfg.deltaTicks();
        this.gst = gst;
        this.faultRandom = faultRandom;
        this.netRandom = netRandom;
        this.agenda = agenda;
    }

    /** Message m sent at {@code now} to node {@code to}, with the sender's vector clock (null untraced). */
    void send(long now, int to, Message m, int[] clock) {
        messages++;
        if (faultRandom.chance(cfg.faults().drop())) {
            dropped++;
            return;
        }
        long extra = 0;
        if (faultRandom.chance(cfg.faults().delay())) {
            extra = 1 + netRandom.nextLong(10 * delta);
            delayed++;
        }
        Ev e = agenda.push(floor(now, cfg.model().arrival(now, delta, gst, extra, netRandom)), Ev.DELIVER, to);
        e.msg = m;
        e.clock = clock;
        if (faultRandom.chance(cfg.faults().dup())) {
            duplicated++;
            Ev d = agenda.push(floor(now, cfg.model().arrival(now, delta, gst, 0, netRandom)), Ev.DELIVER, to);
            d.msg = m;
            d.clock = clock;
        }
    }

    /**
     * The arrival time with the configuration's least delay m applied: a delay d of at most Δ is
     * mapped linearly into [m, Δ] (so its distribution keeps its shape, and no random number is
     * drawn); a longer one (asynchrony) is kept. m = 0 leaves every arrival as the model drew it.
     */
    private long floor(long now, long arrival) {
        long m = cfg.minDelayTicks();
        long d = arrival - now;
        if (m == 0 || d > delta) {
            return arrival;
        }
        return now + m + d * (delta - m) / delta;
    }
}
