package dev.tlaconform.impl.sim;

import static dev.tlaconform.impl.sim.Ev.CLIENT;
import static dev.tlaconform.impl.sim.Ev.DELIVER;
import static dev.tlaconform.impl.sim.Ev.TIMER;
import static dev.tlaconform.impl.sim.Ev.FAULT;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolFactory;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import dev.tlaconform.impl.core.Traceable;
import dev.tlaconform.impl.trace.TraceWriter;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The deterministic simulator (TigerBeetle's VOPR, dslabs): one thread, virtual time in ticks, one
 * seed. The seed's {@link RandomSource} is split, in this order, into the fault stream (schedule
 * and per-message drop/dup/delay draws), the network stream (delays), the workload stream (client
 * requests) and one stream per node; so the same configuration gives the same run, byte for byte.
 *
 * <p>Every step: the node handles one input; its durable snapshot is stored before its messages
 * enter the network (the {@link ProtocolNode} contract); the safety checks run on what it sent and
 * decided. A run is bounded by {@link SimConfig#maxSteps()}; with a liveness duty it must also be
 * decided within {@link #LIVENESS_WINDOW_DELTAS}·Δ of becoming stable (GST passed, partitions
 * healed, restarts done).
 */
public final class Simulation implements EventSink {
    /** Liveness deadline after the run stabilises, in Δ. */
    public static final long LIVENESS_WINDOW_DELTAS = 2000;
    /** A client re-sends an unanswered request after this many Δ. */
    public static final long CLIENT_RETRY_DELTAS = 40;
    /** Base retry timeout handed to nodes, in Δ. */
    public static final long TIMEOUT_DELTAS = 5;
    private static final int MAX_TIMERS = 8;

    private final SimConfig cfg;
    private final int n;
    private final long delta;
    private final Protocol protocol;
    private final SafetyMonitor monitor;
    private final RandomSource faultRandom;
    private final RandomSource netRandom;
    private final RandomSource workRandom;
    private final RandomSource[] nodeRandom;
    private final FaultSchedule schedule;
    private final Network network;
    private final TraceWriter trace;
    private final dev.tlaconform.impl.history.HistoryWriter history;
    private KvClients clients;

    /** What is pending in virtual time: deliveries, timers, client requests, faults. */
    private final Agenda agenda = new Agenda();
    private long now;
    /** Client requests pending in the agenda. */
    private int clientPending;

    private final ProtocolNode[] nodes;
    private final Object[] storage;
    private final boolean[] down;
    private final boolean[] stopped;
    private final long[] incarnation;
    private final long[][] timerGen;
    private final long[] blocked;
    private final int[][] clocks;
    private final List<List<Protocol.ClientOp>> given = new ArrayList<>();

    private final DecidedSlots decided = new DecidedSlots();
    private final TreeSet<String> requested = new TreeSet<>();
    private String failure;
    private SimResult.Outcome failureKind;

    private long steps;
    private long events;
    private long delivered;
    private long cut;
    private int partitions;
    private int crashes;
    private int restarts;

    /** Runs {@code cfg} without a trace: no event object is built. */
    public static SimResult run(SimConfig cfg) {
        return new Simulation(cfg, Protocols.factory(cfg), null, null).execute();
    }

    /**
     * Runs {@code cfg}, writing its NDJSON trace to {@code traceOut} (flushed and closed at the
     * end, also after a violation, so the end line is always there); null = no trace.
     */
    public static SimResult run(SimConfig cfg, OutputStream traceOut) {
        return run(cfg, Protocols.factory(cfg), traceOut);
    }

    /**
     * Runs {@code cfg} with the protocol {@code factory} builds (instead of the one the
     * configuration names; its constants should match the configuration's), trace as above.
     */
    public static SimResult run(SimConfig cfg, ProtocolFactory factory, OutputStream traceOut) {
        return run(cfg, factory, traceOut, null);
    }

    /**
     * As {@link #run(SimConfig, ProtocolFactory, OutputStream)}, also writing the clients' history
     * ({@link KvClients}, docs/linearizable.md) to {@code historyOut} (closed at the end; null = none).
     */
    public static SimResult run(SimConfig cfg, ProtocolFactory factory, OutputStream traceOut, OutputStream historyOut) {
        TraceWriter w = traceOut == null ? null : new TraceWriter(traceOut);
        dev.tlaconform.impl.history.HistoryWriter h =
                historyOut == null ? null : new dev.tlaconform.impl.history.HistoryWriter(historyOut);
        try {
            return new Simulation(cfg, factory, w, h).execute();
        } finally {
            if (w != null) {
                w.close();
            }
            if (h != null) {
                h.close();
            }
        }
    }

    private Simulation(SimConfig cfg, ProtocolFactory factory, TraceWriter trace,
            dev.tlaconform.impl.history.HistoryWriter history) {
        this.cfg = cfg;
        this.history = history;
        this.n = cfg.nodes();
        this.delta = cfg.deltaTicks();
        this.trace = trace;
        this.protocol = factory.create(trace == null ? null : this);
        if (protocol.nodes() != n) {
            throw new IllegalArgumentException("protocol has " + protocol.nodes() + " nodes, configuration " + n);
        }
        this.monitor = protocol.newMonitor();
        RandomSource root = new RandomSource(cfg.seed());
        this.faultRandom = root.split();
        this.netRandom = root.split();
        this.workRandom = root.split();
        this.nodeRandom = new RandomSource[n + 1];
        for (int k = 1; k <= n; k++) {
            nodeRandom[k] = root.split();
        }
        this.schedule = new FaultSchedule(cfg, faultRandom);
        this.network = new Network(cfg, schedule.gst, faultRandom, netRandom, agenda);
        this.nodes = new ProtocolNode[n + 1];
        this.storage = new Object[n + 1];
        this.down = new boolean[n + 1];
        this.stopped = new boolean[n + 1];
        this.incarnation = new long[n + 1];
        this.timerGen = new long[n + 1][MAX_TIMERS];
        this.blocked = new long[n + 1];
        this.clocks = trace == null ? null : new int[n + 1][n + 1];
        for (int k = 0; k <= n; k++) {
            given.add(new ArrayList<>());
        }
    }

    private SimResult execute() {
        long t0 = System.nanoTime();
        if (trace != null) {
            trace.header(protocol.name(), protocol::writeConstants, cfg.seed(), out -> schedule.writeJson(out, cfg),
                    cfg.model().label(), out -> out.field("delta", delta).field("gst", schedule.gst));
        }
        List<Protocol.ClientOp> workload = protocol.workload(workRandom, cfg.spreadDeltas() * delta);
        if (history != null) {
            clients = new KvClients(history, cfg.seed(), protocol, workload, cfg.protocol().equals("paxos"));
        }
        clientPending += agenda.workload(workload);
        for (FaultSchedule.Entry f : schedule.entries) {
            push(f.time(), FAULT, f.node()).fault = f;
        }
        for (int k = 1; k <= n && failure == null; k++) {
            nodes[k] = protocol.newNode(k, nodeRandom[k], TIMEOUT_DELTAS * delta);
            step(k, Input.START);
        }
        boolean live = cfg.livenessRequired();
        long deadline = schedule.stableAt() + cfg.livenessWindowDeltas() * delta;
        SimResult.Outcome outcome = null;
        long handled = 0;
        long handledMax = 64 * cfg.maxSteps() + 1_000_000; // maxSteps <= 10^12: no overflow. Events that are not steps (lost copies, stale timers) are bounded too
        while (failure == null && handled++ < handledMax) {
            if (cfg.untilDecided() && now >= schedule.lastFault() && allDone()) {
                outcome = SimResult.Outcome.DECIDED;
                break;
            }
            if (steps >= cfg.maxSteps()) {
                break;
            }
            Ev e = agenda.poll();
            if (e == null) {
                if (live && !allDone()) {
                    fail(SimResult.Outcome.LIVENESS_VIOLATION, "liveness: nothing left to happen at t=" + now
                            + " and not every live node has decided" + undecidedNodes());
                }
                break;
            }
            if (live && e.time > deadline && !allDone()) {
                now = deadline;
                fail(SimResult.Outcome.LIVENESS_VIOLATION, "liveness: not decided " + cfg.livenessWindowDeltas()
                        + "Δ after the run became stable at t=" + schedule.stableAt() + undecidedNodes());
                break;
            }
            now = e.time;
            handle(e);
        }
        if (outcome == null) {
            outcome = failure != null ? failureKind : allDone() ? SimResult.Outcome.DECIDED : SimResult.Outcome.UNDECIDED;
        }
        if (trace != null) {
            trace.end();
        }
        if (clients != null) {
            clients.finish(now);
        }
        return new SimResult(cfg, outcome, failure, steps, events, network.messages, delivered, network.dropped, network.duplicated, network.delayed,
                cut, partitions, crashes, restarts, now, schedule.gst, new TreeMap<>(decided), System.nanoTime() - t0);
    }

    private void handle(Ev e) {
        int k = e.node;
        switch (e.kind) {
            case DELIVER:
                if (down[k] || (blocked[e.msg.from()] & (1L << k)) != 0) {
                    cut++;
                    return;
                }
                delivered++;
                if (clocks != null) {
                    int[] c = clocks[k];
                    for (int i = 1; i <= n; i++) {
                        c[i] = Math.max(c[i], e.clock[i]);
                    }
                }
                step(k, new Input.Receive(e.msg));
                return;
            case TIMER:
                if (!down[k] && e.gen == timerGen[k][e.timer] && e.inc == incarnation[k]) {
                    step(k, new Input.TimerFired(e.timer));
                }
                return;
            case CLIENT:
                clientPending--;
                clientRequest(e);
                return;
            default:
                fault(e.fault);
        }
    }

    private void clientRequest(Ev e) {
        int k = e.node;
        Protocol.ClientOp op = new Protocol.ClientOp(e.time, k, e.value);
        if (clients != null) {
            clients.handed(k, e.value, now); // the client's first attempt invokes the operation
        }
        if (stopped[k]) {
            redirect(op); // the client times out and asks another node
            return;
        }
        if (!e.resend) {
            given.get(k).add(op);
        }

        boolean answered = protocol.answered(e.value, decided);
        if (e.retry && answered) {
            return; // the client has its answer: no retry
        }
        if (!answered) {
            Ev retry = push(now + CLIENT_RETRY_DELTAS * delta, CLIENT, k);
            retry.value = e.value;
            retry.resend = true;
            retry.retry = true;
        }
        if (down[k]) {
            return; // lost; re-sent when the node restarts, or retried
        }
        requested.add(e.value);
        step(k, new Input.ClientRequest(e.value));
    }

    private Ev push(long time, int kind, int node) {
        if (kind == CLIENT) {
            clientPending++;
        }
        return agenda.push(time, kind, node);
    }

    private void redirect(Protocol.ClientOp op) {
        int live = 0;
        for (int k = 1; k <= n; k++) {
            live += stopped[k] ? 0 : 1;
        }
        if (live == 0) {
            return;
        }
        int pick = workRandom.nextInt(live);
        for (int k = 1; k <= n; k++) {
            if (!stopped[k] && pick-- == 0) {
                push(now + TIMEOUT_DELTAS * delta, CLIENT, k).value = op.value();
                return;
            }
        }
    }

    private void fault(FaultSchedule.Entry f) {
        int k = f.node();
        switch (f.fault()) {
            case "partition":
            case "oneway":
                System.arraycopy(f.blocked(), 0, blocked, 0, n + 1);
                partitions++;
                return;
            case "heal":
                java.util.Arrays.fill(blocked, 0);
                return;
            case "crash":
                if (down[k] || stopped[k]) {
                    return;
                }
                down[k] = true;
                nodes[k] = null; // the volatile state is gone with the object
                incarnation[k]++;
                crashes++;
                if (!hasRestart(k)) {
                    stopped[k] = true;
                    for (Protocol.ClientOp op : given.get(k)) {
                        redirect(op);
                    }
                }
                return;
            case "restart":
                if (!down[k] || stopped[k]) {
                    return;
                }
                down[k] = false;
                restarts++;
                nodes[k] = protocol.newNode(k, nodeRandom[k], TIMEOUT_DELTAS * delta);
                step(k, new Input.Restart(storage[k]));
                long t = now;
                for (Protocol.ClientOp op : given.get(k)) {
                    Ev e = push(++t, CLIENT, k);
                    e.value = op.value();
                    e.resend = true;
                }
                return;
            default:
                throw new IllegalStateException("unknown fault " + f.fault());
        }
    }

    private boolean hasRestart(int k) {
        for (FaultSchedule.Entry f : schedule.entries) {
            if (f.node() == k && f.fault().equals("restart") && f.time() >= now) {
                return true;
            }
        }
        return false;
    }

    /** One node step, then its effects in contract order: durable state, sends, timers, decisions. */
    private void step(int k, Input input) {
        Effects fx = nodes[k].step(input);
        steps++;
        events += fx.events();
        if (fx.durable() != null) {
            storage[k] = fx.durable();
        }
        int sends = fx.sends();
        int[] clock = sends > 0 && clocks != null ? clocks[k].clone() : null;
        for (int i = 0; i < sends; i++) {
            Message m = fx.sendMessage(i);
            String bad = monitor.onSend(m);
            if (bad != null) {
                fail(SimResult.Outcome.SAFETY_VIOLATION, "safety: " + bad + " (node " + k + ", t=" + now + ")");
            }
            int to = fx.sendTo(i);
            if (to == Effects.ALL) {
                for (int j = 1; j <= n; j++) {
                    network.send(now, j, m, clock);
                }
            } else {
                network.send(now, to, m, clock);
            }
        }
        for (int i = 0; i < fx.timers(); i++) {
            int id = fx.timerId(i);
            long[] gens = timerGen[k];
            gens[id]++;
            long d = fx.timerDelay(i);
            if (d > 0) {
                Ev e = push(now + d, TIMER, k);
                e.timer = id;
                e.gen = gens[id];
                e.inc = incarnation[k];
            }
        }
        for (int i = 0; i < fx.decisions(); i++) {
            decide(k, fx.decisionSlot(i), fx.decisionValue(i));
        }
    }

    /** Agreement (one value per slot, across nodes and restarts) and validity (only requested values). */
    private void decide(int k, int slot, String value) {
        if (!protocol.isCorrect(k)) {
            return; // a Byzantine node's "decisions" bind nobody
        }
        if (!requested.contains(value) && !protocol.isFiller(value)) {
            fail(SimResult.Outcome.SAFETY_VIOLATION, "validity: node " + k + " decided '" + value
                    + "' for slot " + slot + ", which no client requested (t=" + now + ")");
            return;
        }
        String prev = decided.putIfAbsent(slot, value);
        if (prev == null && clients != null) {
            clients.decided(decided, now);
        }
        if (prev != null && !prev.equals(value)) {
            fail(SimResult.Outcome.SAFETY_VIOLATION, "agreement: node " + k + " decided '" + value + "' for slot "
                    + slot + " but '" + prev + "' was decided before (t=" + now + ")");
        }
    }

    private void fail(SimResult.Outcome kind, String why) {
        if (failure == null) {
            failure = why;
            failureKind = kind;
        }
    }

    /** Every client request has reached a node, and every node not crashed for good is up and done. */
    private boolean allDone() {
        if (clientPending > 0) {
            return false;
        }
        for (int k = 1; k <= n; k++) {
            if (!stopped[k] && protocol.isCorrect(k) && (down[k] || !nodes[k].done())) {
                return false;
            }
        }
        return true;
    }

    private String undecidedNodes() {
        StringBuilder b = new StringBuilder(" (undecided:");
        for (int k = 1; k <= n; k++) {
            if (!stopped[k] && (down[k] || !nodes[k].done())) {
                b.append(' ').append(k);
            }
        }
        return b.append(')').toString();
    }

    /** Trace events: the node's vector-clock component ticks once per spec action. */
    @Override
    public void event(int node, String action, Traceable msg, Traceable state) {
        event(node, node, action, msg, state);
    }

    @Override
    public void event(int node, int traceNode, String action, Traceable msg, Traceable state) {
        clocks[node][node]++;
        trace.event(trace.events() + 1, traceNode, action, msg, state, clocks[node], n);
    }
}
