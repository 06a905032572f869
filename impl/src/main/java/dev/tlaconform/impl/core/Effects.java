package dev.tlaconform.impl.core;

import java.util.Arrays;

/**
 * What one {@link ProtocolNode#step} asks its driver to do, in the order the driver must do it:
 * make {@link #durable()} durable, then send {@link #sends()}, then apply timers and record
 * decisions. Trace events are not buffered here: they go to the {@link EventSink} at the moment
 * the node takes each action. One instance per node, cleared at the start of every step
 * (etcd-io/raft's {@code Ready}), so a step allocates nothing for its bookkeeping.
 */
public final class Effects {
    /** Destination meaning "every node, 1..N, the sender included". */
    public static final int ALL = 0;

    private final int node;
    private final EventSink sink;
    private int eventCount;

    private int sendCount;
    private int[] sendTo = new int[8];
    private Message[] sendMsg = new Message[8];

    private Object durable;

    private int timerCount;
    private int[] timerId = new int[2];
    private long[] timerDelay = new long[2]; // < 0 = cancel

    private int decisionCount;
    private int[] decisionSlot = new int[2];
    private String[] decisionValue = new String[2];

    public Effects(int node, EventSink sink) {
        this.node = node;
        this.sink = sink;
    }

    /** Clears everything a previous step left; the node calls this first in every step. */
    public void clear() {
        Arrays.fill(sendMsg, 0, sendCount, null);
        sendCount = 0;
        durable = null;
        timerCount = 0;
        decisionCount = 0;
        eventCount = 0;
    }

    // ---- trace --------------------------------------------------------------------------------

    /**
     * True when a trace is being written: build objects that exist only for the trace (e.g. a
     * ClientRequest's {@code msg}) only then, and pass null otherwise.
     */
    public boolean tracing() {
        return sink != null;
    }

    /** Records the spec action just taken; {@code state} is written now, as it is now. */
    public void event(String action, Traceable msg, Traceable state) {
        eventCount++;
        if (sink != null) {
            sink.event(node, action, msg, state);
        }
    }

    /** As {@link #event(String, Traceable, Traceable)}, logged as the action of {@code traceNode} (see {@link EventSink}). */
    public void event(String action, int traceNode, Traceable msg, Traceable state) {
        eventCount++;
        if (sink != null) {
            sink.event(node, traceNode, action, msg, state);
        }
    }

    /** Spec actions taken in this step (counted with tracing off too). */
    public int events() {
        return eventCount;
    }

    // ---- durability -------------------------------------------------------------------------------

    /**
     * The node's complete durable state after this step (an immutable snapshot replacing the
     * previous one). The driver stores it before any of the step's messages leave.
     */
    public void persist(Object snapshot) {
        durable = snapshot;
    }

    /** The snapshot to store before sending, or null when the step changed no durable state. */
    public Object durable() {
        return durable;
    }

    // ---- messages ---------------------------------------------------------------------------------

    /** Sends {@code msg} to node {@code to}, or to every node (itself included) when to = {@link #ALL}. */
    public void send(int to, Message msg) {
        if (sendCount == sendTo.length) {
            sendTo = Arrays.copyOf(sendTo, sendCount * 2);
            sendMsg = Arrays.copyOf(sendMsg, sendCount * 2);
        }
        sendTo[sendCount] = to;
        sendMsg[sendCount] = msg;
        sendCount++;
    }

    public void broadcast(Message msg) {
        send(ALL, msg);
    }

    public int sends() {
        return sendCount;
    }

    public int sendTo(int i) {
        return sendTo[i];
    }

    public Message sendMessage(int i) {
        return sendMsg[i];
    }

    // ---- timers ----------------------------------------------------------------------------------

    /** (Re)starts timer {@code timer} to fire after {@code delayTicks} > 0 ticks, replacing a pending one. */
    public void setTimer(int timer, long delayTicks) {
        if (delayTicks <= 0) {
            throw new IllegalArgumentException("timer delay must be > 0 ticks: " + delayTicks);
        }
        addTimer(timer, delayTicks);
    }

    /** Cancels timer {@code timer} if pending. */
    public void cancelTimer(int timer) {
        addTimer(timer, -1);
    }

    private void addTimer(int timer, long delay) {
        if (timerCount == timerId.length) {
            timerId = Arrays.copyOf(timerId, timerCount * 2);
            timerDelay = Arrays.copyOf(timerDelay, timerCount * 2);
        }
        timerId[timerCount] = timer;
        timerDelay[timerCount] = delay;
        timerCount++;
    }

    public int timers() {
        return timerCount;
    }

    public int timerId(int i) {
        return timerId[i];
    }

    /** The delay in ticks, or -1 for a cancellation. */
    public long timerDelay(int i) {
        return timerDelay[i];
    }

    // ---- decisions ----------------------------------------------------------------------------

    /** The node's learner decided {@code value} for log slot {@code slot} (single-decree: slot 1). */
    public void decide(int slot, String value) {
        if (decisionCount == decisionSlot.length) {
            decisionSlot = Arrays.copyOf(decisionSlot, decisionCount * 2);
            decisionValue = Arrays.copyOf(decisionValue, decisionCount * 2);
        }
        decisionSlot[decisionCount] = slot;
        decisionValue[decisionCount] = value;
        decisionCount++;
    }

    public int decisions() {
        return decisionCount;
    }

    public int decisionSlot(int i) {
        return decisionSlot[i];
    }

    public String decisionValue(int i) {
        return decisionValue[i];
    }
}
