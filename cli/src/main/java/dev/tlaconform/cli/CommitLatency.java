package dev.tlaconform.cli;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.ForwardingNode;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.ForwardingProtocol;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.epaxos.EPaxosProtocol;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.TreeMap;

/**
 * The commit-latency experiment ({@code tlaconform experiment commit-latency}): message delays
 * from a client's request to the first commit of its command, Multi-Paxos, Fast Paxos and EPaxos,
 * at a given share of conflicting commands, measured in the simulator (seed notes §3.5's question).
 *
 * <p>A command's <b>commit latency in message delays</b> is the length of the longest causal
 * chain of messages from its request (handed to a node as an input: 0) to the step where some
 * node first decides it (a node's count for a command is the maximum, over the messages it
 * received whose sender had heard of the request, of the sender's count plus one). Every message
 * takes 100..110 ticks (DecisionDelays's timing: no message of hop k + 1 overtakes one of hop k),
 * no faults, system model sync, N nodes.
 *
 * <p>Workloads, per run, conflict share p %:
 * <ul>
 *   <li>EPaxos: K commands at random replicas, at random times within 10 delays after t0; a
 *       command touches the shared key with share p ({@link EPaxosProtocol#isHot}), else a key of
 *       its own; conflicting commands in flight together change each other's attributes and take
 *       the slow path;</li>
 *   <li>Multi-Paxos: the same commands and times, each handed to every node (so to the leader),
 *       after a warm-up command (not measured) at t = 1 made a leader (phase 1 runs on demand);
 *       the leader orders them all: conflicts do not matter;</li>
 *   <li>Fast Paxos (single decree): one proposal per run; with probability p a second client
 *       proposes another value at the same moment (its fast round collides), at t = 5 delays as in
 *       {@link DecisionDelays} (later, idle nodes would have left fast ballot 0 for classic
 *       ballots); the first decision's chain from its own request.</li>
 * </ul>
 */
final class CommitLatency {
    private CommitLatency() {}

    static final long DELTA = 110;
    static final long MIN_DELAY = 100;
    /** The measured requests (Multi-Paxos, EPaxos): after Multi-Paxos's warm-up command made a leader. */
    static final long REQUEST_AT = 40 * DELTA;
    /** Fast Paxos's proposals: after its coordinator's Any arrived, before any idle node's retry (DecisionDelays's). */
    static final long FAST_REQUEST_AT = DecisionDelays.REQUEST_AT;
    /** Requests spread over this many delays after REQUEST_AT. */
    static final int SPREAD_DELAYS = 10;
    private static final String WARM_UP_PREFIX = "c";

    /** One row: a protocol at a conflict share, over every command of {@code runs} seeds. */
    record Row(String protocol, int conflictPercent, int runs, int commands, double median, double mean, int p90,
            int min, int max, int[] histogram) {}

    static Row measure(String protocol, int nodes, int conflictPercent, int commands, int runs, long seed) {
        List<Integer> all = new ArrayList<>();
        int[] histogram = new int[12];
        for (int i = 0; i < runs; i++) {
            long s = seed + i;
            RandomSource pick = new RandomSource(s * 7919 + conflictPercent);
            int clients = 1;
            if (protocol.equals("fastpaxos") && pick.chance(conflictPercent / 100.0)) {
                clients = 2;
            }
            // Multi-Paxos: one more command, the warm-up that elects a leader before the measured ones
            int k = protocol.equals("fastpaxos") ? Math.max(2, clients) : protocol.equals("multipaxos") ? commands + 1 : commands;
            SimConfig cfg = SimConfig.builder(protocol).seed(s).nodes(nodes).faults(FaultPlan.named("none"))
                    .model(SystemModel.SYNC).deltaTicks(DELTA).minDelayTicks(MIN_DELAY).values(k).build();
            Counter c = new Counter(protocol, cfg, conflictPercent, protocol.equals("fastpaxos") ? clients : commands);
            SimResult r = Simulation.run(cfg, c, null);
            if (!r.ok()) {
                throw new IllegalStateException("run failed: " + r.summary() + "\n" + cfg.replayCommand());
            }
            c.latency.remove(WARM_UP_PREFIX + (commands + 1));
            for (int d : c.latency.values()) {
                all.add(d);
                histogram[Math.min(histogram.length - 1, d)]++;
            }
        }
        int[] d = all.stream().mapToInt(Integer::intValue).sorted().toArray();
        if (d.length == 0) {
            return new Row(protocol, conflictPercent, runs, 0, -1, -1, -1, -1, -1, histogram);
        }
        double median = d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2.0;
        double mean = Arrays.stream(d).average().orElse(-1);
        int p90 = d[Math.min(d.length - 1, (int) Math.ceil(0.9 * d.length) - 1)];
        return new Row(protocol, conflictPercent, runs, d.length, median, mean, p90, d[0], d[d.length - 1], histogram);
    }

    /** The run's protocol with its nodes wrapped and the experiment's workload. */
    private static final class Counter implements dev.tlaconform.impl.core.ProtocolFactory {
        private final String protocol;
        private final SimConfig cfg;
        private final int conflictPercent;
        private final int clients;
        /** Per message sent: the sender's chain length for every command it had heard of. */
        private final IdentityHashMap<Message, TreeMap<String, Integer>> depth = new IdentityHashMap<>();
        /** Per command: message delays to its first decision. */
        private final TreeMap<String, Integer> latency = new TreeMap<>();

        Counter(String protocol, SimConfig cfg, int conflictPercent, int clients) {
            this.protocol = protocol;
            this.cfg = cfg;
            this.conflictPercent = conflictPercent;
            this.clients = clients;
        }

        @Override
        public Protocol create(EventSink sink) {
            Protocol base = protocol.equals("epaxos")
                    ? new EPaxosProtocol(cfg.nodes(), cfg.values(), conflictPercent, cfg.maxSlot(), cfg.maxBallot(), sink, null)
                    : Protocols.create(cfg, sink);
            return new ForwardingProtocol(base) {
                @Override
                public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
                    return new Node(base.newNode(id, random, timeoutTicks));
                }

                @Override
                public List<ClientOp> workload(RandomSource random, long spreadTicks) {
                    List<ClientOp> ops = new ArrayList<>();
                    int n = base.nodes();
                    if (protocol.equals("fastpaxos")) {
                        List<Integer> ids = new ArrayList<>();
                        for (int k = 1; k <= n; k++) {
                            ids.add(k);
                        }
                        for (int c = 1; c <= clients && !ids.isEmpty(); c++) {
                            ops.add(new ClientOp(FAST_REQUEST_AT, ids.remove(random.nextInt(ids.size())), "v" + c));
                        }
                        return ops;
                    }
                    if (protocol.equals("multipaxos")) {
                        for (int k = 1; k <= n; k++) {
                            ops.add(new ClientOp(1, k, WARM_UP_PREFIX + (clients + 1)));
                        }
                    }
                    for (int c = 1; c <= clients; c++) {
                        long t = REQUEST_AT + random.nextLong(SPREAD_DELAYS * DELTA + 1);
                        if (protocol.equals("epaxos")) {
                            ops.add(new ClientOp(t, 1 + random.nextInt(n), "c" + c));
                        } else {
                            for (int k = 1; k <= n; k++) {
                                ops.add(new ClientOp(t, k, "c" + c));
                            }
                        }
                    }
                    return ops;
                }
            };
        }

        /** A node counting, per command, the longest chain of messages from its request. */
        private final class Node extends ForwardingNode {
            private final TreeMap<String, Integer> count = new TreeMap<>();

            Node(ProtocolNode inner) {
                super(inner);
            }

            @Override
            public Effects step(Input input) {
                if (input instanceof Input.Receive r) {
                    TreeMap<String, Integer> d = depth.get(r.msg());
                    if (d != null) {
                        d.forEach((c, k) -> count.merge(c, k + 1, Math::max));
                    }
                } else if (input instanceof Input.ClientRequest c) {
                    count.merge(c.value(), 0, Math::max);
                }
                Effects fx = inner.step(input);
                if (!count.isEmpty()) {
                    for (int i = 0; i < fx.sends(); i++) {
                        depth.put(fx.sendMessage(i), new TreeMap<>(count));
                    }
                }
                for (int i = 0; i < fx.decisions(); i++) {
                    String v = fx.decisionValue(i);
                    Integer k = count.get(v);
                    if (k != null && !latency.containsKey(v)) {
                        latency.put(v, k);
                    }
                }
                return fx;
            }
        }
    }
}
