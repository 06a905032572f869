package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.Protocol;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Simulation}'s pending events in (time, seq) order: each event takes the next sequence
 * number when it is created, so ties break by creation order.
 */
final class Agenda {
    private static final Comparator<Ev> ORDER =
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq);
    private final TimeQueue<Ev> queue = new TimeQueue<>(e -> e.time);
    /**
     * The workload's requests, sorted in the queue's order and merged with it on poll: their
     * sequence numbers are the run's first, so they cannot go through the queue's FIFO buckets
     * (whose order is the order of adds), and a run of 100,000 commands does not hold them there.
     */
    private Ev[] workloadEvs = new Ev[0];
    private int nextWorkload;
    private long seq;

    /** The workload's client requests, as the run's first events; returns how many. */
    int workload(List<Protocol.ClientOp> workload) {
        workloadEvs = new Ev[workload.size()];
        for (int i = 0; i < workloadEvs.length; i++) {
            Protocol.ClientOp op = workload.get(i);
            Ev e = new Ev(op.time(), seq++, Ev.CLIENT, op.node());
            e.value = op.value();
            workloadEvs[i] = e;
        }
        Arrays.sort(workloadEvs, ORDER);
        return workloadEvs.length;
    }

    /** The next event in (time, seq) order, from the queue or the sorted workload. */
    Ev poll() {
        if (nextWorkload < workloadEvs.length) {
            Ev w = workloadEvs[nextWorkload];
            Ev q = queue.peek();
            if (q == null || ORDER.compare(w, q) < 0) {
                workloadEvs[nextWorkload++] = null;
                return w;
            }
        }
        return queue.poll();
    }

    /** A new event, pending. */
    Ev push(long time, int kind, int node) {
        Ev e = new Ev(time, seq++, kind, node);
        queue.add(e);
        return e;
    }
}
