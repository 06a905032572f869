package dev.tlaconform.impl.paxos;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.RequestMsg;
import dev.tlaconform.impl.core.SpecAction;
import java.util.TreeMap;

/**
 * Single-decree Paxos (seed notes §3.3, Lamport's "Paxos Made Simple"): one node is proposer,
 * acceptor and learner at once. Every branch below is one action of specs/paxos/Paxos.tla and
 * logs the trace event of that name (specs/paxos/EVENTS.md); a message that changes nothing and
 * sends nothing (a stale or duplicate one) is ignored without an event.
 *
 * <p>Proposer policy (outside the spec): a node handed a value starts phase 1 at once; an
 * undecided node retries phase 1 with its next owned ballot above everything it has seen when its
 * retry timer fires (randomised, backing off), and stops once it decides or its next ballot would
 * exceed MaxBallot. A node with no value of its own retries too (more slowly), so a learner that
 * missed the 2b messages still learns: a quorum of promises reports the chosen value.
 */
public final class PaxosNode implements ProtocolNode {
    /** The one timer: retry phase 1. */
    public static final int RETRY = 1;
    private static final int BACKOFF_MAX_SHIFT = 4;

    private final int id;
    private final int n;
    private final int maxBallot;
    private final long timeout;
    private final RandomSource random;
    private final Effects fx;
    /** The seeded bug switched on for this run, or null (the correct protocol). */
    private final PaxosMutant mutant;

    // acceptor (durable)
    private int maxBal = -1;
    private int maxVBal = -1;
    private String maxVal = "";
    // proposer: pBal durable, the rest volatile
    private int pBal = -1;
    private String pPhase = "idle";
    private long pPromises;
    private int pHighBal = -1;
    private String pHighVal = "";
    private String pInput = "";
    // learner (volatile)
    private String decided = "";
    private final TreeMap<Vote, Long> l2b = new TreeMap<>();
    // policy (volatile, not a spec variable)
    private int attempts;

    /** A (ballot, value) pair the learner counts 2b messages for. */
    private record Vote(int bal, String val) implements Comparable<Vote> {
        @Override
        public int compareTo(Vote o) {
            int c = Integer.compare(bal, o.bal);
            return c != 0 ? c : val.compareTo(o.val);
        }
    }

    /**
     * @param timeoutTicks the base retry timeout: a few network delays
     * @param sink         where trace events go, or null for no trace
     */
    public PaxosNode(int id, int n, int maxBallot, long timeoutTicks, RandomSource random, EventSink sink) {
        this(id, n, maxBallot, timeoutTicks, random, sink, null);
    }

    /** As above, with one seeded bug switched on ({@code mutant}; null = none). */
    public PaxosNode(int id, int n, int maxBallot, long timeoutTicks, RandomSource random, EventSink sink,
            PaxosMutant mutant) {
        if (id < 1 || id > n || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("node id " + id + " outside 1.." + n);
        }
        this.id = id;
        this.n = n;
        this.maxBallot = maxBallot;
        this.timeout = Math.max(1, timeoutTicks);
        this.random = random;
        this.fx = new Effects(id, sink);
        this.mutant = mutant;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            onReceive((PaxosMessage) r.msg());
        } else if (input instanceof Input.TimerFired t) {
            onTimer(t.timer());
        } else if (input instanceof Input.ClientRequest c) {
            clientRequest(c.value());
        } else if (input instanceof Input.Restart r) {
            restart((PaxosDurable) r.durable());
        } else if (input instanceof Input.Start) {
            armRetry();
        }
        assertInvariants();
        return fx;
    }

    private void onReceive(PaxosMessage m) {
        if (m instanceof PaxosMessage.Prepare p) {
            phase1b(p);
        } else if (m instanceof PaxosMessage.Promise p) {
            handlePromise(p);
        } else if (m instanceof PaxosMessage.Accept a) {
            phase2b(a);
        } else if (m instanceof PaxosMessage.Accepted a) {
            learn(a);
        }
    }

    private void onTimer(int timer) {
        if (timer == RETRY && decided.isEmpty()) {
            phase1a();
        }
    }

    /** ClientRequest(p, v): enabled only while pInput[p] = "". */
    @SpecAction("ClientRequest")
    private void clientRequest(String v) {
        if (!pInput.isEmpty() || v.isEmpty()) {
            return;
        }
        pInput = v;
        fx.event("ClientRequest", fx.tracing() ? new RequestMsg(v) : null, this);
        if (!decided.isEmpty()) {
            return;
        }
        if (pPhase.equals("idle")) {
            phase1a();
        } else {
            phase2a();
        }
    }

    /** Phase1a(p, b): the next owned ballot above anything this node has seen. */
    @SpecAction("Phase1a")
    private void phase1a() {
        int b = Quorum.nextOwnedBallot(Math.max(pBal, maxBal), id, n);
        if (b > maxBallot) {
            return; // out of ballots: this proposer stops (the header's MaxBallot bounds the run)
        }
        pBal = b;
        pPhase = "p1";
        pPromises = 0;
        pHighBal = -1;
        pHighVal = "";
        persist();
        PaxosMessage.Prepare m = new PaxosMessage.Prepare(b, id);
        fx.broadcast(m);
        fx.event("Phase1a", m, this);
        attempts++;
        armRetry();
    }

    /** Phase1b(a, m): promise m.bal if it is above every promise made. */
    @SpecAction("Phase1b")
    private void phase1b(PaxosMessage.Prepare m) {
        if (m.bal() <= maxBal && mutant != PaxosMutant.PROMISE_WITHOUT_BALLOT_CHECK) {
            return;
        }
        maxBal = Math.max(maxBal, m.bal());
        if (mutant != PaxosMutant.PROMISE_NOT_DURABLE) {
            persist();
        }
        fx.send(Quorum.owner(m.bal(), n), new PaxosMessage.Promise(m.bal(), id, maxVBal, maxVal));
        fx.event("Phase1b", m, this);
    }

    /** HandlePromise(p, m): count the promise, keep the highest-ballot vote reported. */
    @SpecAction("HandlePromise")
    private void handlePromise(PaxosMessage.Promise m) {
        if (!pPhase.equals("p1") || m.bal() != pBal) {
            return;
        }
        boolean fresh = !Quorum.contains(pPromises, m.from());
        boolean higher = m.mbal() > pHighBal;
        if (mutant == PaxosMutant.IGNORE_PROMISE_VOTES) {
            higher = false;
        } else if (mutant == PaxosMutant.LOWEST_BALLOT_VALUE) {
            higher = m.mbal() != -1 && (pHighBal == -1 || m.mbal() < pHighBal);
        }
        if (!fresh && !higher) {
            return; // a duplicate: changes nothing
        }
        pPromises |= Quorum.bit(m.from());
        if (higher) {
            pHighBal = m.mbal();
            pHighVal = m.mval();
        }
        fx.event("HandlePromise", m, this);
        phase2a();
    }

    /** Phase2a(p): with a quorum of promises, send the one 2a of this ballot. */
    @SpecAction("Phase2a")
    private void phase2a() {
        boolean quorum = Quorum.isMajority(pPromises, n)
                || (mutant == PaxosMutant.PHASE2A_WITHOUT_QUORUM && pPromises != 0);
        if (!pPhase.equals("p1") || !quorum) {
            return;
        }
        String v = pHighBal == -1 ? pInput : pHighVal;
        if (v.isEmpty()) {
            return; // no reported vote and no client value yet: wait for one
        }
        pPhase = "p2";
        PaxosMessage.Accept m = new PaxosMessage.Accept(pBal, v, id);
        fx.broadcast(m);
        fx.event("Phase2a", m, this);
    }

    /** Phase2b(a, m): vote for m unless a higher ballot was promised. */
    @SpecAction("Phase2b")
    private void phase2b(PaxosMessage.Accept m) {
        if (m.bal() < maxBal && mutant != PaxosMutant.ACCEPT_BELOW_PROMISE) {
            return;
        }
        if (maxBal != m.bal() || maxVBal != m.bal() || !maxVal.equals(m.val())) {
            maxBal = m.bal();
            maxVBal = m.bal();
            maxVal = m.val();
            persist();
        }
        fx.broadcast(new PaxosMessage.Accepted(m.bal(), m.val(), id));
        fx.event("Phase2b", m, this);
    }

    /** Learn(l, m): record the 2b; a quorum of 2b for one (bal, val) decides val. */
    @SpecAction("Learn")
    private void learn(PaxosMessage.Accepted m) {
        Vote key = new Vote(m.bal(), m.val());
        long mask = l2b.getOrDefault(key, 0L);
        if (Quorum.contains(mask, m.from())) {
            return; // already recorded
        }
        mask |= Quorum.bit(m.from());
        l2b.put(key, mask);
        if (Quorum.isMajority(mask, n) || mutant == PaxosMutant.LEARN_ON_MINORITY) {
            decided = m.val();
            fx.decide(1, decided);
            fx.cancelTimer(RETRY);
        }
        fx.event("Learn", m, this);
    }

    /** Restart(n): a fresh object; the durable state comes back, the volatile state starts over. */
    @SpecAction("Restart")
    private void restart(PaxosDurable d) {
        PaxosDurable s = d == null ? PaxosDurable.INITIAL : d;
        maxBal = s.maxBal();
        maxVBal = mutant == PaxosMutant.RESTART_FORGETS_VOTE ? -1 : s.maxVBal();
        maxVal = mutant == PaxosMutant.RESTART_FORGETS_VOTE ? "" : s.maxVal();
        pBal = s.pBal();
        fx.event("Restart", null, this);
        armRetry();
    }

    private void persist() {
        fx.persist(new PaxosDurable(maxBal, maxVBal, maxVal, pBal));
    }

    private void armRetry() {
        if (!decided.isEmpty()) {
            return;
        }
        long base = timeout << Math.min(attempts, BACKOFF_MAX_SHIFT);
        if (pInput.isEmpty()) {
            base *= 2; // learners catching up give proposers with a value the first go
        }
        fx.setTimer(RETRY, base + random.nextLong(timeout));
    }


    private void assertInvariants() {
        if (maxVBal > maxBal || (maxVBal == -1) != maxVal.isEmpty()
                || (pBal != -1 && Quorum.owner(pBal, n) != id) || (!pPhase.equals("idle") && pBal == -1)) {
            throw new IllegalStateException("paxos node " + id + " broke its local invariants: " + describe());
        }
    }

    private String describe() {
        return "maxBal=" + maxBal + " maxVBal=" + maxVBal + " maxVal=" + maxVal + " pBal=" + pBal + " pPhase=" + pPhase;
    }

    @Override
    public boolean done() {
        return !decided.isEmpty();
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("maxBal", maxBal).field("maxVBal", maxVBal).field("maxVal", maxVal)
                .field("pBal", pBal).field("pPhase", pPhase)
                .nodeSet("pPromises", pPromises)
                .field("pHighBal", pHighBal).field("pHighVal", pHighVal)
                .field("pInput", pInput).field("decided", decided)
                .endObject();
    }

    // ---- read access for tests and checkers ------------------------------------------------------

    public int maxBal() {
        return maxBal;
    }

    public int maxVBal() {
        return maxVBal;
    }

    public String maxVal() {
        return maxVal;
    }

    public int pBal() {
        return pBal;
    }

    public String pPhase() {
        return pPhase;
    }

    public String pInput() {
        return pInput;
    }

    public String decided() {
        return decided;
    }

    /** The durable part of the current state, as the node would persist it now. */
    public PaxosDurable durableState() {
        return new PaxosDurable(maxBal, maxVBal, maxVal, pBal);
    }
}
