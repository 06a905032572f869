package dev.tlaconform.impl.multipaxos;

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
 * Multi-Paxos as the simulator runs it. Constants (the trace header's): N, Commands "c1".."cK",
 * MaxBallot, MaxSlot. Workload: each command is sent by its client to every node (there is no
 * forwarding message in the protocol), at a random time, with a small per-node jitter.
 */
public final class MultiPaxosProtocol implements Protocol {
    private final int n;
    private final List<String> commands;
    private final int maxBallot;
    private final int maxSlot;
    private final EventSink sink;
    private final MultiPaxosMutant mutant;

    public MultiPaxosProtocol(int n, int commandCount, int maxBallot, int maxSlot, EventSink sink) {
        this(n, commandCount, maxBallot, maxSlot, sink, null);
    }

    /** As above, every node running with the seeded bug {@code mutant} switched on (null = none). */
    public MultiPaxosProtocol(int n, int commandCount, int maxBallot, int maxSlot, EventSink sink,
            MultiPaxosMutant mutant) {
        if (n < 1 || n > Quorum.MAX_NODES || commandCount < 1 || maxBallot < 0 || maxSlot < commandCount) {
            throw new IllegalArgumentException("multipaxos: N=" + n + " commands=" + commandCount + " MaxBallot="
                    + maxBallot + " MaxSlot=" + maxSlot);
        }
        this.n = n;
        this.maxBallot = maxBallot;
        this.maxSlot = maxSlot;
        this.sink = sink;
        this.mutant = mutant;
        List<String> cs = new ArrayList<>();
        for (int i = 1; i <= commandCount; i++) {
            cs.add("c" + i);
        }
        this.commands = List.copyOf(cs);
    }

    @Override
    public String name() {
        return "multipaxos";
    }

    @Override
    public int nodes() {
        return n;
    }

    public List<String> commands() {
        return commands;
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return new MultiPaxosNode(id, n, maxSlot, maxBallot, timeoutTicks, random, sink, mutant);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", n).name("Commands").beginArray();
        for (String c : commands) {
            out.value(c);
        }
        out.endArray().field("MaxBallot", maxBallot).field("MaxSlot", maxSlot).endObject();
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        List<ClientOp> ops = new ArrayList<>();
        long jitter = Math.max(1, spreadTicks / 10);
        for (String c : commands) {
            long t = random.nextLong(spreadTicks + 1);
            for (int k = 1; k <= n; k++) {
                ops.add(new ClientOp(t + random.nextLong(jitter), k, c));
            }
        }
        return ops;
    }

    @Override
    public boolean isFiller(String value) {
        return MultiPaxosNode.NOOP.equals(value);
    }

    @Override
    public SafetyMonitor newMonitor() {
        return new Monitor(n);
    }

    /** Per slot: one 2a value per ballot, 2b only for a proposed value, at most one value chosen. */
    static final class Monitor implements SafetyMonitor {
        private final int n;
        private final TreeMap<Long, String> proposed = new TreeMap<>();
        private final TreeMap<Long, Long> voters = new TreeMap<>();
        private final TreeMap<Integer, String> chosen = new TreeMap<>();

        Monitor(int n) {
            this.n = n;
        }

        private static long key(int slot, int bal) {
            return ((long) slot << 32) | (bal & 0xffffffffL);
        }

        @Override
        public String onSend(Message msg) {
            if (msg instanceof MultiPaxosMessage.Accept a) {
                String prev = proposed.putIfAbsent(key(a.slot(), a.bal()), a.val());
                if (prev != null && !prev.equals(a.val())) {
                    return "two 2a for slot " + a.slot() + " at ballot " + a.bal() + ": " + prev + " and " + a.val();
                }
                if (a.bal() % n + 1 != a.from()) {
                    return "2a at ballot " + a.bal() + " sent by node " + a.from() + ", not its owner";
                }
            } else if (msg instanceof MultiPaxosMessage.Accepted a) {
                long k = key(a.slot(), a.bal());
                String p = proposed.get(k);
                if (p == null || !p.equals(a.val())) {
                    return "2b for slot " + a.slot() + " (" + a.bal() + ", " + a.val() + ") without a matching 2a";
                }
                long mask = voters.getOrDefault(k, 0L) | Quorum.bit(a.from());
                voters.put(k, mask);
                if (Quorum.isMajority(mask, n)) {
                    String c = chosen.putIfAbsent(a.slot(), a.val());
                    if (c != null && !c.equals(a.val())) {
                        return "two values chosen for slot " + a.slot() + ": " + c + " and " + a.val();
                    }
                }
            }
            return null;
        }
    }
}
