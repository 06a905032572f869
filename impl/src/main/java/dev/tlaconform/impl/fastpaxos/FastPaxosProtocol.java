package dev.tlaconform.impl.fastpaxos;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import dev.tlaconform.impl.paxos.PaxosProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Single-decree Fast Paxos as the simulator runs it. Constants (the trace header's): N nodes,
 * classic and fast quorum sizes CQ and FQ (the smallest Lamport's quorum requirement allows:
 * CQ = N/2 + 1, FQ the least with CQ + 2·FQ > 2N; N = 4 gives 3 and 3), Values "v1".."vK",
 * MaxBallot. Workload: Paxos's ({@link PaxosProtocol#randomWorkload}): each node is handed one
 * random value with probability 1/2 (at least one node is), at a random time, so proposals may
 * collide.
 */
public final class FastPaxosProtocol implements Protocol {
    private final int n;
    private final int cq;
    private final int fq;
    private final List<String> values;
    private final int maxBallot;
    private final EventSink sink;
    private final FastPaxosMutant mutant;

    /** Every node running with the seeded bug {@code mutant} switched on (null = none). */
    public FastPaxosProtocol(int n, int valueCount, int maxBallot, EventSink sink, FastPaxosMutant mutant) {
        if (n < 1 || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be 1.." + Quorum.MAX_NODES + ": " + n);
        }
        if (valueCount < 1) {
            throw new IllegalArgumentException("need at least one value: " + valueCount);
        }
        if (maxBallot < 1) {
            throw new IllegalArgumentException("MaxBallot must be >= 1 (a fast ballot and its recovery): " + maxBallot);
        }
        this.n = n;
        this.cq = classicQuorum(n);
        this.fq = fastQuorum(n);
        this.maxBallot = maxBallot;
        this.sink = sink;
        this.mutant = mutant;
        List<String> vs = new ArrayList<>();
        for (int i = 1; i <= valueCount; i++) {
            vs.add("v" + i);
        }
        this.values = List.copyOf(vs);
    }

    /** A majority: N/2 + 1. */
    public static int classicQuorum(int n) {
        return n / 2 + 1;
    }

    /** The smallest FQ with CQ + 2·FQ > 2N (a classic quorum meets any two fast quorums). */
    public static int fastQuorum(int n) {
        return (2 * n - classicQuorum(n)) / 2 + 1;
    }

    @Override
    public String name() {
        return "fastpaxos";
    }

    @Override
    public int nodes() {
        return n;
    }

    public List<String> values() {
        return values;
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return new FastPaxosNode(id, n, cq, fq, maxBallot, timeoutTicks, random, sink, mutant);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", n).field("CQ", cq).field("FQ", fq).name("Values").beginArray();
        for (String v : values) {
            out.value(v);
        }
        out.endArray().field("MaxBallot", maxBallot).endObject();
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        return PaxosProtocol.randomWorkload(n, values, random, spreadTicks);
    }

    @Override
    public boolean answered(String value, java.util.SortedMap<Integer, String> decided) {
        return !decided.isEmpty();
    }

    @Override
    public SafetyMonitor newMonitor() {
        return new Monitor(n, cq, fq);
    }

    /**
     * FastPaxos.tla's message-level invariants on what was actually sent: one 2a per ballot, from
     * its coordinator (Inv2a); one vote per acceptor and ballot (Inv2b); at most one value chosen
     * (a quorum of the ballot's kind of 2b for one value) over the whole run.
     */
    static final class Monitor implements SafetyMonitor {
        private final int n;
        private final int cq;
        private final int fq;
        private final TreeMap<Integer, String> proposed = new TreeMap<>();
        private final TreeMap<Long, String> votes = new TreeMap<>();
        private final TreeMap<String, Long> voters = new TreeMap<>();
        private String chosen;

        Monitor(int n, int cq, int fq) {
            this.n = n;
            this.cq = cq;
            this.fq = fq;
        }

        @Override
        public String onSend(Message msg) {
            if (msg instanceof FastPaxosMessage.Accept a) {
                String prev = proposed.putIfAbsent(a.bal(), a.val());
                if (prev != null && !prev.equals(a.val())) {
                    return "two 2a at ballot " + a.bal() + ": " + prev + " and " + a.val();
                }
                if (FastPaxosNode.coord(a.bal(), n) != a.from()) {
                    return "2a at ballot " + a.bal() + " sent by node " + a.from() + ", not its coordinator";
                }
            } else if (msg instanceof FastPaxosMessage.Accepted a) {
                String p = proposed.get(a.bal());
                if (p == null || !(p.equals(a.val()) || p.equals(FastPaxosMessage.ANY))) {
                    return "2b for (" + a.bal() + ", " + a.val() + ") without a 2a allowing it";
                }
                String prev = votes.putIfAbsent(((long) a.bal() << 8) | a.from(), a.val());
                if (prev != null && !prev.equals(a.val())) {
                    return "acceptor " + a.from() + " voted twice at ballot " + a.bal() + ": " + prev + " and " + a.val();
                }
                String key = a.bal() + "/" + a.val();
                long mask = voters.getOrDefault(key, 0L) | Quorum.bit(a.from());
                voters.put(key, mask);
                if (Long.bitCount(mask) >= (FastPaxosNode.isFast(a.bal()) ? fq : cq)) {
                    if (chosen != null && !chosen.equals(a.val())) {
                        return "two values chosen: " + chosen + " and " + a.val() + " (ballot " + a.bal() + ")";
                    }
                    chosen = a.val();
                }
            }
            return null;
        }
    }
}
