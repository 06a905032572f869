package dev.tlaconform.impl.paxos;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Single-decree Paxos as the simulator runs it. Constants (the trace header's):
 * N nodes, Values "v1".."vK", MaxBallot. Workload: each node is handed one random value with
 * probability 1/2 (at least one node is), at a random time, so proposers usually compete.
 */
public final class PaxosProtocol implements Protocol {
    private final int n;
    private final List<String> values;
    private final int maxBallot;
    private final EventSink sink;
    private final PaxosMutant mutant;

    /**
     * @param valueCount how many distinct client values ("v1".."vK") may be proposed
     * @param maxBallot  the highest ballot any proposer may use
     * @param sink       trace events, or null for no trace
     */
    public PaxosProtocol(int n, int valueCount, int maxBallot, EventSink sink) {
        this(n, valueCount, maxBallot, sink, null);
    }

    /** As above, every node running with the seeded bug {@code mutant} switched on (null = none). */
    public PaxosProtocol(int n, int valueCount, int maxBallot, EventSink sink, PaxosMutant mutant) {
        if (n < 1 || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be 1.." + Quorum.MAX_NODES + ": " + n);
        }
        if (valueCount < 1) {
            throw new IllegalArgumentException("need at least one value: " + valueCount);
        }
        if (maxBallot < 0) {
            throw new IllegalArgumentException("MaxBallot must be >= 0: " + maxBallot);
        }
        this.n = n;
        this.maxBallot = maxBallot;
        this.sink = sink;
        this.mutant = mutant;
        List<String> vs = new ArrayList<>();
        for (int i = 1; i <= valueCount; i++) {
            vs.add("v" + i);
        }
        this.values = List.copyOf(vs);
    }

    @Override
    public String name() {
        return "paxos";
    }

    @Override
    public int nodes() {
        return n;
    }

    public List<String> values() {
        return values;
    }

    public int maxBallot() {
        return maxBallot;
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return new PaxosNode(id, n, maxBallot, timeoutTicks, random, sink, mutant);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", n).name("Values").beginArray();
        for (String v : values) {
            out.value(v);
        }
        out.endArray().field("MaxBallot", maxBallot).endObject();
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        return randomWorkload(n, values, random, spreadTicks);
    }

    /**
     * The single-decree workload (Paxos, Fast Paxos): each of the n nodes is handed one random
     * value of {@code values} with probability 1/2 (at least one node is), at a random time in
     * [0, spreadTicks], so proposals usually compete.
     */
    public static List<ClientOp> randomWorkload(int n, List<String> values, RandomSource random, long spreadTicks) {
        List<ClientOp> ops = new ArrayList<>();
        int forced = 1 + random.nextInt(n);
        for (int k = 1; k <= n; k++) {
            boolean asked = random.chance(0.5);
            String v = values.get(random.nextInt(values.size()));
            long t = random.nextLong(spreadTicks + 1);
            if (asked || k == forced) {
                ops.add(new ClientOp(t, k, v));
            }
        }
        return ops;
    }

    @Override
    public boolean answered(String value, java.util.SortedMap<Integer, String> decided) {
        return !decided.isEmpty();
    }

    @Override
    public SafetyMonitor newMonitor() {
        return new Monitor(n);
    }

    /**
     * Paxos.tla's message-level invariants on what was actually sent: one 2a value per ballot
     * (Inv2a), and at most one value chosen (a majority of 2b at one ballot) over the whole run.
     */
    static final class Monitor implements SafetyMonitor {
        private final int n;
        private final TreeMap<Integer, String> proposed = new TreeMap<>();
        private final TreeMap<Integer, String> votedValue = new TreeMap<>();
        private final TreeMap<Integer, Long> voters = new TreeMap<>();
        private String chosen;

        Monitor(int n) {
            this.n = n;
        }

        @Override
        public String onSend(Message msg) {
            if (msg instanceof PaxosMessage.Accept a) {
                String prev = proposed.putIfAbsent(a.bal(), a.val());
                if (prev != null && !prev.equals(a.val())) {
                    return "two 2a at ballot " + a.bal() + ": " + prev + " and " + a.val();
                }
                if (a.bal() % n + 1 != a.from()) {
                    return "2a at ballot " + a.bal() + " sent by node " + a.from() + ", not its owner";
                }
            } else if (msg instanceof PaxosMessage.Accepted a) {
                String p = proposed.get(a.bal());
                if (p == null || !p.equals(a.val())) {
                    return "2b for (" + a.bal() + ", " + a.val() + ") without a matching 2a";
                }
                votedValue.put(a.bal(), a.val());
                long mask = voters.getOrDefault(a.bal(), 0L) | Quorum.bit(a.from());
                voters.put(a.bal(), mask);
                if (Quorum.isMajority(mask, n)) {
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
