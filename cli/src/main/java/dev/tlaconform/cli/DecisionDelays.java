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
import dev.tlaconform.impl.fastpaxos.FastPaxosMessage;
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
import java.util.TreeSet;

/**
 * The decision-delay experiment ({@code tlaconform experiment decision-delays}): how many message
 * delays from a client's request to the first decision, Paxos against Fast Paxos, with one client
 * (no collision) and with several clients proposing different values at the same moment
 * (collisions), measured in the simulator.
 *
 * <p>A run's <b>message delays to decision</b> is the length of the longest causal chain of
 * messages from a client request to the step where a learner first decides (a client request,
 * handed to a node as an input, counts 0; a node's count is the maximum, over the messages it
 * received that were sent after some request, of their sender's count plus one; chains that
 * start before any request, such as Fast Paxos's Any, do not count): the decision latency if
 * every message took one network delay.
 * It is counted by wrapping the protocol's nodes (the simulator and the protocol code are
 * unchanged): the wrapper sees each step's input and the messages the step sends.
 *
 * <p>Every run: the system model {@code sync} with every message taking 100..110 ticks (one
 * delay, jittered per message, so acceptors see simultaneous proposals in different orders, and
 * a chain of k messages, k < 10, takes between 100k and 110k ticks: no message of hop k + 1 can
 * arrive before one of hop k, so the count is the time to decision in delays), no faults, N
 * nodes, the clients' requests all at t = 5Δ (after Fast Paxos's coordinator has opened fast
 * ballot 0, as Lamport assumes it does ahead of time; before any idle Paxos node's first retry
 * timer), each at a different node, with different values.
 */
final class DecisionDelays {
    private DecisionDelays() {}

    /** Δ in ticks: every message takes MIN_DELAY..DELTA ticks, one delay with a 10 % jitter. */
    static final long DELTA = 110;
    static final long MIN_DELAY = 100;
    /** When the clients ask: after Fast Paxos's Any has arrived, before any idle node's first retry timer. */
    static final long REQUEST_AT = 5 * DELTA;

    /** One row: a protocol with a number of simultaneous clients, over {@code runs} seeds. */
    record Row(String protocol, int clients, int runs, int decided, double median, double mean, int p90, int min,
            int max, int collided, int[] histogram) {}

    /** Runs one row: seeds {@code seed .. seed + runs - 1}. */
    static Row measure(String protocol, int nodes, int clients, int runs, long seed) {
        int[] delays = new int[runs];
        int decided = 0;
        int collided = 0;
        int[] histogram = new int[16];
        for (int i = 0; i < runs; i++) {
            SimConfig cfg = SimConfig.builder(protocol).seed(seed + i).nodes(nodes).faults(FaultPlan.named("none"))
                    .model(SystemModel.SYNC).deltaTicks(DELTA).minDelayTicks(MIN_DELAY).values(Math.max(2, clients)).build();
            Counter c = new Counter(protocol, cfg, clients);
            SimResult r = Simulation.run(cfg, c, null);
            if (!r.ok()) {
                throw new IllegalStateException("run failed: " + r.summary() + "\n" + cfg.replayCommand());
            }
            delays[i] = c.firstDecision;
            if (c.firstDecision >= 0) {
                decided++;
                histogram[Math.min(histogram.length - 1, c.firstDecision)]++;
            }
            if (c.fastValues.size() > 1) {
                collided++;
            }
        }
        int[] d = Arrays.stream(delays).filter(x -> x >= 0).sorted().toArray();
        if (d.length == 0) {
            return new Row(protocol, clients, runs, 0, -1, -1, -1, -1, -1, collided, histogram);
        }
        double median = d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2.0;
        double mean = Arrays.stream(d).average().orElse(-1);
        int p90 = d[Math.min(d.length - 1, (int) Math.ceil(0.9 * d.length) - 1)];
        return new Row(protocol, clients, runs, decided, median, mean, p90, d[0], d[d.length - 1], collided, histogram);
    }

    /** The run's protocol with its nodes wrapped, and a fixed workload: {@code clients} requests at once. */
    private static final class Counter implements dev.tlaconform.impl.core.ProtocolFactory {
        private final String protocol;
        private final SimConfig cfg;
        private final int clients;
        private final IdentityHashMap<Message, Integer> depth = new IdentityHashMap<>();
        private final TreeSet<String> fastValues = new TreeSet<>();
        private int firstDecision = -1;

        Counter(String protocol, SimConfig cfg, int clients) {
            this.protocol = protocol;
            this.cfg = cfg;
            this.clients = clients;
        }

        @Override
        public Protocol create(EventSink sink) {
            Protocol base = Protocols.create(cfg, sink);
            return new ForwardingProtocol(base) {
                @Override
                public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
                    return new Node(base.newNode(id, random, timeoutTicks));
                }

                @Override
                public List<ClientOp> workload(RandomSource random, long spreadTicks) {
                    // clients at distinct nodes drawn from the seed, values v1..vC, all at once
                    List<Integer> ids = new ArrayList<>();
                    for (int k = 1; k <= base.nodes(); k++) {
                        ids.add(k);
                    }
                    List<ClientOp> ops = new ArrayList<>();
                    for (int c = 1; c <= clients && !ids.isEmpty(); c++) {
                        int node = ids.remove(random.nextInt(ids.size()));
                        ops.add(new ClientOp(REQUEST_AT, node, "v" + c));
                    }
                    return ops;
                }
            };
        }

        /** A node whose message-delay count is the longest chain of messages it has heard. */
        private final class Node extends ForwardingNode {
            /** Longest chain of messages from a client request to this node; -1 until it has heard of one. */
            private int count = -1;

            Node(ProtocolNode inner) {
                super(inner);
            }

            @Override
            public Effects step(Input input) {
                if (input instanceof Input.Receive r) {
                    int d = depth.getOrDefault(r.msg(), -1);
                    if (d >= 0) {
                        count = Math.max(count, d + 1);
                    }
                } else if (input instanceof Input.ClientRequest) {
                    count = Math.max(count, 0);
                }
                Effects fx = inner.step(input);
                for (int i = 0; i < fx.sends(); i++) {
                    Message m = fx.sendMessage(i);
                    if (count >= 0) {
                        depth.merge(m, count, Math::max);
                    }
                    if (m instanceof FastPaxosMessage.Accepted a && a.bal() == 0) {
                        fastValues.add(a.val());
                    }
                }
                if (fx.decisions() > 0 && firstDecision < 0) {
                    firstDecision = count;
                }
                return fx;
            }
        }
    }
}
