package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.history.HistoryWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;

/**
 * The simulator's clients as a key-value store sees them, for the black-box history
 * ({@link HistoryWriter}, {@code tlaconform linearizable}). Each distinct command of the run's
 * workload is one client operation (its own process, sequence number 0): a write, a read or a
 * compare-and-set on one of {@link #KEYS} keys, drawn from the seed and the command's number
 * alone (the simulator's random streams are untouched, so traces stay byte-identical). An
 * operation is invoked when a node is first handed its command and completes when the command is
 * applied: the decided log is applied in slot order to a register per key, each operation at most
 * once (the client id + sequence number check every replicated state machine needs, since a
 * protocol may decide a retried command twice); a read returns the register, a cas whose
 * comparison fails completes as {@code fail}. Operations not applied when the run ends are
 * {@code info} (indeterminate). Single-decree Paxos has one register written at most once: every
 * proposer's request is cas(nil, v); the first proposer (in invocation order) of the chosen value
 * gets ok, every other one fail. The cluster driver ({@code ClusterRun}) uses the same clients over
 * the decisions its node processes report, so a cluster run's history.ndjson is checked alike.
 */
public final class KvClients {
    static final String[] KEYS = {"x", "y"};

    private static final class Op {
        final long id;
        final String f;
        final String key;
        final Object arg;
        boolean invoked;
        boolean done;
        boolean applied;

        Op(long id, String f, String key, Object arg) {
            this.id = id;
            this.f = f;
            this.key = key;
            this.arg = arg;
        }
    }

    private final HistoryWriter out;
    private final Protocol protocol;
    private final boolean singleDecree;
    private final boolean appliesOnce;
    private final Map<String, Op> ops = new HashMap<>();
    private final List<Op> order = new ArrayList<>();
    private final Map<String, Long> registers = new HashMap<>();
    private int nextSlot = 1;

    public KvClients(HistoryWriter out, long seed, Protocol protocol, List<Protocol.ClientOp> workload, boolean singleDecree) {
        this.out = out;
        this.protocol = protocol;
        this.singleDecree = singleDecree;
        this.appliesOnce = protocol.appliesOnce();
        List<String> commands = new ArrayList<>();
        for (Protocol.ClientOp op : workload) {
            if (singleDecree ? true : !commands.contains(op.value())) {
                commands.add(singleDecree ? op.node() + "\u0000" + op.value() : op.value());
            }
        }
        long k = commands.size();
        for (int i = 0; i < commands.size(); i++) {
            long id = i + 1;
            Op op;
            if (singleDecree) {
                op = new Op(id, "cas", "x", new Object[] {null, commands.get(i).substring(commands.get(i).indexOf('\u0000') + 1)});
            } else {
                SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
                String key = KEYS[r.nextInt(KEYS.length)];
                int d = r.nextInt(100);
                if (d < 45) {
                    op = new Op(id, "write", key, id);
                } else if (d < 80) {
                    op = new Op(id, "read", key, null);
                } else {
                    Long expected = r.nextInt(3) == 0 ? null : Long.valueOf(1 + r.nextLong(k));
                    op = new Op(id, "cas", key, new Object[] {expected, id});
                }
            }
            ops.put(commands.get(i), op);
            order.add(op);
        }
    }

    /** Node {@code node} is handed {@code value} at {@code time}: the operation's invocation, the first time. */
    public void handed(int node, String value, long time) {
        Op op = ops.get(singleDecree ? node + "\u0000" + value : value);
        if (op != null && !op.invoked) {
            op.invoked = true;
            out.event(op.id, HistoryWriter.INVOKE, op.f, op.key, op.f.equals("read") ? null : op.arg, time);
        }
    }

    /** The log grew: applies every slot now contiguous with what was applied, in order. */
    public void decided(SortedMap<Integer, String> decided, long time) {
        if (singleDecree) {
            String chosen = decided.get(1);
            if (chosen != null && nextSlot == 1) {
                nextSlot = 2;
                boolean given = false;
                for (Op op : order) {
                    if (op.invoked && !op.done) {
                        boolean won = !given && ((Object[]) op.arg)[1].equals(chosen);
                        given |= won;
                        complete(op, won ? HistoryWriter.OK : HistoryWriter.FAIL, op.arg, time);
                    }
                }
            }
            return;
        }
        for (String v; (v = decided.get(nextSlot)) != null; nextSlot++) {
            Op op = ops.get(v);
            if (op == null || protocol.isFiller(v) || (op.applied && appliesOnce)) {
                continue;
            }
            op.applied = true;
            Long cur = registers.get(op.key);
            switch (op.f) {
                case "write":
                    registers.put(op.key, (Long) op.arg);
                    complete(op, HistoryWriter.OK, op.arg, time);
                    break;
                case "read":
                    complete(op, HistoryWriter.OK, cur, time);
                    break;
                default:
                    Object[] cas = (Object[]) op.arg;
                    boolean swap = java.util.Objects.equals(cur, cas[0]);
                    if (swap) {
                        registers.put(op.key, (Long) cas[1]);
                    }
                    complete(op, swap ? HistoryWriter.OK : HistoryWriter.FAIL, op.arg, time);
            }
        }
    }

    private void complete(Op op, String type, Object value, long time) {
        if (op.done) {
            return; // applied again (no client id check): the client had its answer
        }
        op.done = true;
        if (!op.invoked) {
            // decided before any client asked (a Byzantine primary's invention): no client to answer
            return;
        }
        out.event(op.id, type, op.f, op.key, value, time);
    }

    /** The run is over: every operation invoked and not completed is indeterminate. */
    public void finish(long time) {
        for (Op op : order) {
            if (op.invoked && !op.done) {
                op.done = true;
                out.event(op.id, HistoryWriter.INFO, op.f, op.key, op.f.equals("read") ? null : op.arg, time);
            }
        }
    }
}
