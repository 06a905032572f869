package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.Message;

/** One pending thing of a {@link Simulation} in virtual time; ordered by (time, seq), so ties break by creation order. */
final class Ev {
    static final int DELIVER = 0;
    static final int TIMER = 1;
    static final int CLIENT = 2;
    static final int FAULT = 3;

    final long time;
    final long seq;
    final int kind;
    final int node;
    Message msg;
    int[] clock;
    int timer;
    long gen;
    long inc;
    String value;
    boolean resend;
    boolean retry;
    FaultSchedule.Entry fault;

    Ev(long time, long seq, int kind, int node) {
        this.time = time;
        this.seq = seq;
        this.kind = kind;
        this.node = node;
    }
}
