package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import java.util.ArrayList;
import java.util.Arrays;


import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * EPaxos as the simulator runs it. Constants (the trace header's): N replicas, FQ = max(N - 1, 1)
 * (EPaxos.tla's ASSUME FQ >= N - 1: for N = 3 EPaxos's own fast quorum of 2), Commands
 * "c1".."cK", KeyGroups (the commands grouped by key), MaxSlot instances per replica, MaxBallot.
 * Keys: a command touches the shared key "hot" with the given percentage ({@link #isHot}), else
 * a key of its own. Workload: each command is handed to one random replica at a random time.
 */
public final class EPaxosProtocol implements Protocol {
    /** The default share of commands on the shared key: c1 and c3 of the default three interfere. */
    public static final int DEFAULT_CONFLICT_PERCENT = 50;
    private final int n;
    private final int fq;
    private final List<String> commands;
    private final Map<String, String> keyOf;
    private final int maxSlot;
    private final int maxBallot;
    private final EventSink sink;
    private final EPaxosMutant mutant;

    /** Every replica running with the seeded bug {@code mutant} switched on (null = none). */
    public EPaxosProtocol(int n, int commandCount, int conflictPercent, int maxSlot, int maxBallot, EventSink sink,
            EPaxosMutant mutant) {
        if (n < 1 || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("nodes must be 1.." + Quorum.MAX_NODES + ": " + n);
        }
        if (commandCount < 1) {
            throw new IllegalArgumentException("need at least one command: " + commandCount);
        }
        if (conflictPercent < 0 || conflictPercent > 100) {
            throw new IllegalArgumentException("conflict percentage must be 0..100: " + conflictPercent);
        }
        if (maxSlot < 1) {
            throw new IllegalArgumentException("MaxSlot must be >= 1: " + maxSlot);
        }
        this.n = n;
        this.fq = fastQuorum(n);
        this.maxSlot = maxSlot;
        this.maxBallot = maxBallot;
        this.sink = sink;
        this.mutant = mutant;
        List<String> cs = new ArrayList<>();
        Map<String, String> keys = new TreeMap<>();
        for (int j = 1; j <= commandCount; j++) {
            String c = "c" + j;
            cs.add(c);
            keys.put(c, isHot(j, conflictPercent) ? "hot" : "k" + j);
        }
        this.commands = List.copyOf(cs);
        this.keyOf = new TreeMap<>(keys);
    }

    /** Command j touches the shared key: one in 100/p of the commands, spread evenly (j = 1 first). */
    public static boolean isHot(int j, int conflictPercent) {
        return conflictPercent > 0 && ((long) (j - 1) * conflictPercent) % 100 < conflictPercent;
    }

    /** FQ = max(N - 1, 1): EPaxos.tla assumes FQ >= N - 1 (recovery from fast witnesses). */
    public static int fastQuorum(int n) {
        return Math.max(n - 1, 1);
    }

    @Override
    public String name() {
        return "epaxos";
    }

    @Override
    public int nodes() {
        return n;
    }

    public List<String> commands() {
        return commands;
    }

    /** The key command c touches. */
    public String keyOf(String c) {
        return keyOf.get(c);
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return new EPaxosNode(id, n, fq, maxSlot, maxBallot, keyOf, timeoutTicks, random, sink, mutant);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", n).field("FQ", fq).name("Commands").beginArray();
        for (String c : commands) {
            out.value(c);
        }
        out.endArray().name("KeyGroups").beginArray();
        TreeMap<String, List<String>> groups = new TreeMap<>();
        for (String c : commands) {
            groups.computeIfAbsent(keyOf.get(c), k -> new ArrayList<>()).add(c);
        }
        for (List<String> g : groups.values()) {
            out.beginArray();
            for (String c : g) {
                out.value(c);
            }
            out.endArray();
        }
        out.endArray().field("MaxSlot", maxSlot).field("MaxBallot", maxBallot).endObject();
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        List<ClientOp> ops = new ArrayList<>();
        for (String c : commands) {
            ops.add(new ClientOp(random.nextLong(spreadTicks + 1), 1 + random.nextInt(n), c));
        }
        return ops;
    }

    @Override
    public boolean isFiller(String value) {
        return EPaxosNode.NOOP.equals(value);
    }

    @Override
    public SafetyMonitor newMonitor() {
        return new Monitor();
    }

    /**
     * EPaxos.tla's Consistency on what was sent: every Commit of one instance carries the same
     * command, deps and seq; and one Accept per instance and ballot.
     */
    static final class Monitor implements SafetyMonitor {
        private final TreeMap<Integer, EPaxosMessage.Commit> commits = new TreeMap<>();
        private final TreeMap<Long, EPaxosMessage.Accept> accepts = new TreeMap<>();

        @Override
        public String onSend(Message msg) {
            if (msg instanceof EPaxosMessage.Commit c) {
                EPaxosMessage.Commit prev = commits.putIfAbsent(c.inst(), c);
                if (prev != null && !(prev.cmd().equals(c.cmd()) && prev.seq() == c.seq()
                        && Arrays.equals(prev.deps(), c.deps()))) {
                    return "consistency: instance " + c.inst() + " committed as " + prev.cmd() + " deps "
                            + Arrays.toString(prev.deps()) + " seq " + prev.seq() + " and as " + c.cmd() + " deps "
                            + Arrays.toString(c.deps()) + " seq " + c.seq();
                }
            } else if (msg instanceof EPaxosMessage.Accept a) {
                EPaxosMessage.Accept prev = accepts.putIfAbsent(((long) a.inst() << 32) | a.bal(), a);
                if (prev != null && !(prev.cmd().equals(a.cmd()) && prev.seq() == a.seq()
                        && Arrays.equals(prev.deps(), a.deps()))) {
                    return "two Accept for instance " + a.inst() + " at ballot " + a.bal();
                }
            }
            return null;
        }
    }
}
