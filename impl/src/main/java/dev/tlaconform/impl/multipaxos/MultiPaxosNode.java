package dev.tlaconform.impl.multipaxos;

import dev.tlaconform.impl.core.DeltaLog;
import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.RequestMsg;
import dev.tlaconform.impl.core.SetDeltaLog;
import dev.tlaconform.impl.core.SpecAction;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Multi-Paxos with a stable leader (seed notes §3.4; Lamport, "Paxos Made Simple" §3): a leader
 * runs phase 1 once for its ballot, covering every log slot, then phase 2 once per slot for as
 * many client commands as come, filling holes with "noop". Every branch is one action of
 * specs/multipaxos (EVENTS.md) and logs the event of that name; a message that changes nothing
 * and sends nothing is ignored without an event.
 *
 * <p>Leader policy (outside the spec): a node that still wants something decided (a command it
 * was handed is not in its log, or its log has a hole) and has seen no progress (a decision, a
 * 1a or 2a from a leader) for a randomised, backing-off timeout starts phase 1 with its next
 * owned ballot; so a crashed leader is replaced and a learner that missed 2b messages catches up
 * by becoming leader (its quorum of promises reports every chosen value).
 *
 * <p>A leader whose own acceptor promised or voted a higher ballot ({@link #superseded()}) sends
 * no more 2a (each would be refused) and keeps its commands pending (Phase2a would spend them); its
 * no-progress timer restarts phase 1 if the newer leader stalls. The spec needs no step-down action
 * (pPhase stays "p2"; Phase2a stays enabled, untaken): docs/cluster.md.
 */
public final class MultiPaxosNode implements ProtocolNode {
    /** The one timer: no progress, (re)start phase 1. */
    public static final int RETRY = 1;
    /** The value that fills a hole in the log; never a client command. */
    public static final String NOOP = "noop";
    private static final int BACKOFF_MAX_SHIFT = 4;

    private final int id;
    private final int n;
    private final int slots;
    private final int maxBallot;
    private final long timeout;
    private final RandomSource random;
    private final Effects fx;
    /** The seeded bug switched on for this run, or null (the correct protocol). */
    private final MultiPaxosMutant mutant;

    // acceptor (durable)
    private int maxBal = -1;
    private final Votes votes;
    // proposer: pBal durable, the rest volatile
    private int pBal = -1;
    private String pPhase = "idle";
    private long pPromises;
    private final int[] hBal;
    private final String[] hVal;
    private int pNext = 1;
    private final String[] proposed;
    private final TreeSet<String> pending = new TreeSet<>();
    // learner (volatile)
    private final String[] decided;
    private final TreeMap<VoteKey, Long> l2b = new TreeMap<>();
    // policy (volatile, not spec variables): wanted commands, counts kept so no step scans the log
    private final LogCounts counts = new LogCounts(pending);
    private int attempts;
    // trace deltas
    private final DeltaLog votesLog = new DeltaLog();
    private final DeltaLog highLog = new DeltaLog();
    private final DeltaLog proposedLog = new DeltaLog();
    private final DeltaLog decidedLog = new DeltaLog();
    private final SetDeltaLog pendingLog = new SetDeltaLog();

    public MultiPaxosNode(int id, int n, int maxSlot, int maxBallot, long timeoutTicks, RandomSource random,
            EventSink sink) {
        this(id, n, maxSlot, maxBallot, timeoutTicks, random, sink, null);
    }

    /** As above, with one seeded bug switched on ({@code mutant}; null = none). */
    public MultiPaxosNode(int id, int n, int maxSlot, int maxBallot, long timeoutTicks, RandomSource random,
            EventSink sink, MultiPaxosMutant mutant) {
        if (id < 1 || id > n || n > Quorum.MAX_NODES || maxSlot < 1) {
            throw new IllegalArgumentException("node " + id + " of " + n + ", " + maxSlot + " slots");
        }
        this.id = id;
        this.n = n;
        this.slots = maxSlot;
        this.maxBallot = maxBallot;
        this.timeout = Math.max(1, timeoutTicks);
        this.random = random;
        this.fx = new Effects(id, sink);
        this.mutant = mutant;
        this.votes = new Votes(maxSlot);
        this.hBal = filled(maxSlot);
        this.hVal = empty(maxSlot);
        this.proposed = empty(maxSlot);
        this.decided = empty(maxSlot);
    }

    private static int[] filled(int k) {
        int[] a = new int[k];
        Arrays.fill(a, -1);
        return a;
    }

    private static String[] empty(int k) {
        String[] a = new String[k];
        Arrays.fill(a, "");
        return a;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            MultiPaxosMessage m = (MultiPaxosMessage) r.msg();
            if (m instanceof MultiPaxosMessage.Prepare p) {
                phase1b(p);
            } else if (m instanceof MultiPaxosMessage.Promise p) {
                handlePromise(p);
            } else if (m instanceof MultiPaxosMessage.Accept a) {
                phase2b(a);
            } else if (m instanceof MultiPaxosMessage.Accepted a) {
                learn(a);
            }
        } else if (input instanceof Input.TimerFired t) {
            if (t.timer() == RETRY && !satisfied()) {
                phase1a();
            }
        } else if (input instanceof Input.ClientRequest c) {
            clientRequest(c.value());
        } else if (input instanceof Input.Restart r) {
            restart((MultiPaxosDurable) r.durable());
        }
        assertInvariants();
        return fx;
    }

    /** ClientRequest(n, c): enabled while c is not pending. */
    @SpecAction("ClientRequest")
    private void clientRequest(String c) {
        if (c.isEmpty() || c.equals(NOOP)) {
            return;
        }
        boolean fresh = counts.want(c);
        if (pending.contains(c)) {
            return;
        }
        pending.add(c);
        counts.pendingAdded(c);
        pendingLog.add(fx.tracing(), c);
        fx.event("ClientRequest", fx.tracing() ? new RequestMsg(c) : null, this);
        if (pPhase.equals("p2") && !superseded()) {
            proposeNew();
        }
        if (fresh && !satisfied()) {
            armRetry();
        }
    }

    /** Phase1a(p, b): one phase 1 for every slot, with the next owned ballot above all seen. */
    @SpecAction("Phase1a")
    private void phase1a() {
        int b = Quorum.nextOwnedBallot(Math.max(pBal, maxBal), id, n);
        if (b > maxBallot) {
            return; // out of ballots: the header's MaxBallot bounds the run
        }
        if (mutant == MultiPaxosMutant.SKIP_PHASE1_ON_TAKEOVER && maxBal >= 0 && Quorum.owner(maxBal, n) != id) {
            takeOverWithoutPhase1(b);
            return;
        }
        newBallot(b, "p1");
        MultiPaxosMessage.Prepare m = new MultiPaxosMessage.Prepare(b, id);
        fx.broadcast(m);
        fx.event("Phase1a", m, this);
        attempts++;
        armRetry();
    }

    /** Phase1a's reset of the proposer for its new ballot b, made durable. */
    private void newBallot(int b, String phase) {
        pBal = b;
        pPhase = phase;
        pPromises = 0;
        Arrays.fill(hBal, -1);
        Arrays.fill(hVal, "");
        Arrays.fill(proposed, "");
        highLog.fill(fx.tracing());
        proposedLog.fill(fx.tracing());
        counts.newBallot();
        pNext = 1;
        persist();
    }

    /** Phase1b(a, m): promise m.bal, report the votes of every slot. */
    @SpecAction("Phase1b")
    private void phase1b(MultiPaxosMessage.Prepare m) {
        if (m.bal() <= maxBal) {
            return;
        }
        maxBal = m.bal();
        if (mutant != MultiPaxosMutant.PROMISE_NOT_DURABLE) {
            persist();
        }
        fx.send(Quorum.owner(m.bal(), n), new MultiPaxosMessage.Promise(m.bal(), id, votes.bals(), votes.vals()));
        fx.event("Phase1b", m, this);
        progress(false);
    }

    /** HandlePromise(p, m), then BecomeLeader and its Phase2a actions once a quorum has promised. */
    @SpecAction({"HandlePromise", "BecomeLeader"})
    private void handlePromise(MultiPaxosMessage.Promise m) {
        if (!pPhase.equals("p1") || m.bal() != pBal) {
            return;
        }
        boolean changed = !Quorum.contains(pPromises, m.from());
        pPromises |= Quorum.bit(m.from());
        for (int s = 0; s < slots && mutant != MultiPaxosMutant.IGNORE_PROMISE_VOTES; s++) {
            if (m.vbal()[s] > hBal[s]) {
                counts.reported(hBal[s] >= 0, hVal[s], m.vval()[s]);
                hBal[s] = m.vbal()[s];
                hVal[s] = m.vval()[s];
                highLog.mark(fx.tracing(), s + 1);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        fx.event("HandlePromise", m, this);
        if (!Quorum.isMajority(pPromises, n) && mutant != MultiPaxosMutant.LEAD_WITHOUT_QUORUM) {
            return;
        }
        pPhase = "p2";
        int highest = 0;
        for (int s = 1; s <= slots; s++) {
            if (hBal[s - 1] >= 0) {
                highest = s;
            }
        }
        pNext = mutant == MultiPaxosMutant.NEXT_SLOT_IGNORES_VOTES ? 1 : highest + 1;
        fx.event("BecomeLeader", null, this);
        if (superseded()) {
            return; // a higher ballot was promised meanwhile: 2a messages would be refused
        }
        for (int s = 1; s < pNext; s++) {
            if (proposed[s - 1].isEmpty()) {
                phase2a(s, hBal[s - 1] >= 0 ? hVal[s - 1] : hole());
            }
        }
        proposeNew();
    }

    /** A newer leader exists: this node's acceptor promised or voted above pBal (Phase1a ends it). */
    private boolean superseded() {
        return maxBal > pBal;
    }

    /** What fills a hole: noop (the mutant fill-gap-with-command takes a pending command). */
    private String hole() {
        if (mutant == MultiPaxosMutant.FILL_GAP_WITH_COMMAND) {
            for (String c : counts.free()) {
                if (!counts.inUse(c)) {
                    pending.remove(c);
                    counts.free().remove(c);
                    pendingLog.remove(fx.tracing(), c);
                    return c;
                }
            }
        }
        return NOOP;
    }

    /** The mutant skip-phase1-on-takeover: ballot b, straight to phase 2, holes filled with noop. */
    private void takeOverWithoutPhase1(int b) {
        newBallot(b, "p2");
        for (int s = 1; s <= slots; s++) pNext = decided[s - 1].isEmpty() ? pNext : s + 1;
        fx.event("BecomeLeader", null, this);
        for (int s = 1; s < pNext; s++) if (decided[s - 1].isEmpty()) phase2a(s, NOOP);
        proposeNew();
        attempts++;
        armRetry();
    }

    /** Phase2a case (c): the leader puts pending commands into the next free slots. */
    private void proposeNew() {
        while (pNext <= slots) {
            if (counts.free().isEmpty()) {
                return;
            }
            String c = counts.free().pollFirst();
            pending.remove(c);
            pendingLog.remove(fx.tracing(), c);
            int s = pNext;
            pNext = s + 1;
            phase2a(s, c);
        }
    }

    @SpecAction("Phase2a")
    private void phase2a(int s, String v) {
        counts.proposed(proposed[s - 1], decided[s - 1], v);
        proposed[s - 1] = v;
        proposedLog.mark(fx.tracing(), s);
        MultiPaxosMessage.Accept m = new MultiPaxosMessage.Accept(pBal, s, v, id);
        fx.broadcast(m);
        fx.event("Phase2a", m, this);
    }

    /** Phase2b(a, m): vote in m.slot unless a higher ballot was promised. */
    @SpecAction("Phase2b")
    private void phase2b(MultiPaxosMessage.Accept m) {
        int s = m.slot() - 1;
        if ((m.bal() < maxBal && mutant != MultiPaxosMutant.ACCEPT_BELOW_PROMISE) || s < 0 || s >= slots) {
            return;
        }
        if (maxBal != m.bal() || votes.bal(s + 1) != m.bal() || !votes.val(s + 1).equals(m.val())) {
            maxBal = Math.max(maxBal, m.bal());
            votes.set(s + 1, m.bal(), m.val());
            assertVote(s + 1);
            votesLog.mark(fx.tracing(), s + 1);
            persist();
        }
        fx.broadcast(new MultiPaxosMessage.Accepted(m.bal(), m.slot(), m.val(), id));
        fx.event("Phase2b", m, this);
        progress(false);
    }

    /** Learn(l, m): record the 2b; a quorum for one (bal, slot, val) decides the slot. */
    @SpecAction("Learn")
    private void learn(MultiPaxosMessage.Accepted m) {
        int s = m.slot() - 1;
        if (s < 0 || s >= slots) {
            return;
        }
        VoteKey key = new VoteKey(m.slot(), m.bal(), m.val());
        long mask = l2b.getOrDefault(key, 0L);
        if (Quorum.contains(mask, m.from())) {
            return;
        }
        mask |= Quorum.bit(m.from());
        l2b.put(key, mask);
        boolean decides = Quorum.isMajority(mask, n) || mutant == MultiPaxosMutant.LEARN_ON_MINORITY;
        if (decides) {
            decide(s + 1, m.val());
            decidedLog.mark(fx.tracing(), s + 1);
            fx.decide(m.slot(), m.val());
        }
        fx.event("Learn", m, this);
        if (decides) {
            progress(true);
        }
    }

    /** decided[s] = v, with the counts satisfied() and inUse() read. */
    private void decide(int s, String v) {
        counts.decided(s, decided[s - 1], proposed[s - 1], v);
        decided[s - 1] = v;
    }

    /** Restart(n): durable state back, volatile state fresh (this object is new). */
    @SpecAction("Restart")
    private void restart(MultiPaxosDurable d) {
        if (d != null) {
            if (d.slots() != slots) {
                throw new IllegalStateException("durable state has " + d.slots() + " slots, node has " + slots);
            }
            maxBal = d.maxBal();
            pBal = d.pBal();
            for (int s = 1; s <= slots; s++) {
                boolean forget = mutant == MultiPaxosMutant.RESTART_FORGETS_VOTES;
                votes.set(s, forget ? -1 : d.voteBal(s), forget ? "" : d.voteVal(s));
            }
        }
        for (int s = 1; s <= slots; s++) {
            assertVote(s);
        }
        // the restart logs its whole recovered state: every vote (sparse, over the fill "no vote"),
        // and the volatile state reset (so a recovery that loses a vote is caught at this event)
        votesLog.fill(fx.tracing());
        for (int s = 1; s <= slots; s++) {
            if (votes.bal(s) != -1) {
                votesLog.mark(fx.tracing(), s);
            }
        }
        highLog.fill(fx.tracing());
        proposedLog.fill(fx.tracing());
        decidedLog.fill(fx.tracing());
        pendingLog.replace(fx.tracing());
        fx.event("Restart", null, this);
    }

    private void persist() {
        fx.persist(new MultiPaxosDurable(maxBal, votes.snapshot(), pBal));
    }

    /** Someone is making progress: hold off phase 1 (decision = our own progress, reset backoff). */
    private void progress(boolean decision) {
        if (decision) {
            attempts = 0;
        }
        if (satisfied()) {
            fx.cancelTimer(RETRY);
        } else {
            armRetry();
        }
    }

    private void armRetry() {
        long base = timeout << Math.min(attempts, BACKOFF_MAX_SHIFT);
        fx.setTimer(RETRY, base + random.nextLong(timeout));
    }

    /**
     * Every wanted command is in the log, the log has no hole, and every own proposal is decided
     * (from counts kept as the logs change: O(1) a step).
     */
    private boolean satisfied() {
        return counts.satisfied(pPhase.equals("p2"));
    }

    /**
     * A vote's own consistency, checked where it is written (Phase2b, Restart): maxBal only grows,
     * so a vote once at or below it stays so, and the steps that write none need not look again.
     */
    private void assertVote(int s) {
        int b = votes.bal(s);
        if (b > maxBal || (b == -1) != votes.val(s).isEmpty()) {
            throw new IllegalStateException("multipaxos node " + id + ": slot " + s + " vote " + b
                    + "/" + votes.val(s) + " with maxBal " + maxBal);
        }
    }

    private void assertInvariants() {
        if ((pBal != -1 && Quorum.owner(pBal, n) != id) || pNext < 1 || pNext > slots + 1) {
            throw new IllegalStateException("multipaxos node " + id + ": pBal " + pBal + " pNext " + pNext);
        }
    }

    @Override
    public boolean done() {
        return satisfied();
    }

    /**
     * The node's state for a trace event: scalars and pPromises in full, the per-slot logs and
     * pending as what changed since this node's last event (EVENTS.md), so an event's size does not
     * grow with the log.
     */
    @Override
    public void writeJson(JsonOut out) {
        Runnable noVote = () -> Votes.writeVote(out, -1, "");
        Runnable none = () -> out.value("");
        out.beginObject().field("maxBal", maxBal).name("aVotes");
        votesLog.write(out, slots, noVote, s -> Votes.writeVote(out, votes.bal(s), votes.val(s)));
        out.field("pBal", pBal).field("pPhase", pPhase).nodeSet("pPromises", pPromises).name("pHigh");
        highLog.write(out, slots, noVote, s -> Votes.writeVote(out, hBal[s - 1], hVal[s - 1]));
        out.field("pNext", pNext).name("pProposed");
        proposedLog.write(out, slots, none, s -> out.value(proposed[s - 1]));
        out.name("pending");
        pendingLog.write(out, pending);
        out.name("decided");
        decidedLog.write(out, slots, none, s -> out.value(decided[s - 1]));
        out.endObject();
    }

    // ---- read access for tests ----------------------------------------------------------------

    public int maxBal() {
        return maxBal;
    }

    public int pBal() {
        return pBal;
    }

    public String pPhase() {
        return pPhase;
    }

    /** The decided value of slot s (1-based), "" if none. */
    public String decided(int s) {
        return decided[s - 1];
    }

    /** The durable part of the current state. */
    public MultiPaxosDurable durableState() {
        return new MultiPaxosDurable(maxBal, votes.snapshot(), pBal);
    }
}
