package dev.tlaconform.impl.fastpaxos;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.fastpaxos.PickRule.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Single-decree Fast Paxos (Lamport, "Fast Paxos", Distributed Computing 2006; seed notes §3.4):
 * one node is acceptor, learner and the coordinator of its ballots at once. Ballot b is
 * coordinated by node ((b / 2) % N) + 1; even ballots are fast, odd ones classic. Every branch
 * below is one action of specs/fastpaxos/FastPaxos.tla and logs the trace event of that name
 * (specs/fastpaxos/EVENTS.md); a message that changes no spec variable and sends nothing is
 * handled without an event.
 *
 * <p>The fast path: node 1 opens fast ballot 0 at once (StartFast, a 2a carrying Any); a client's
 * proposal goes from the node it reaches to every acceptor (ClientRequest); an acceptor holding
 * the Any of its ballot votes for the first proposal it received (FastVote) and tells every
 * learner; a fast quorum of equal votes decides. When proposals collide, the coordinator of the
 * fast ballot (a learner too) sees a classic quorum of its 2b disagree and recovers in the next
 * ballot, which it also coordinates, without phase 1 (Recover).
 *
 * <p>Policy (outside the spec): an undecided node retries when its timer fires (randomised,
 * backing off; a node that has seen no proposal twice as slowly: it only needs to learn what the
 * others decided) with phase 1 of its next ballot above everything it has seen (its first
 * attempt: fast or classic, whichever comes first; later ones classic, since with a crashed
 * acceptor a fast ballot may never gather a fast quorum), and stops once it decides or the ballot
 * would exceed MaxBallot. An acceptor that promises a 1a also sends the 1a's coordinator a copy of
 * its last 2b (a message already sent: what a network duplicate is), so that a learner that lost
 * one learns without spending another ballot. The acceptor remembers the Any it holds and the proposals it received
 * (volatile, not spec variables: a restart just makes it wait for the next copies).
 */
public final class FastPaxosNode implements ProtocolNode {
    /** Retry phase 1. */
    public static final int RETRY = 1;
    /** Node 1 opens fast ballot 0 right after it starts. */
    public static final int START_FAST = 2;
    private static final int BACKOFF_MAX_SHIFT = 4;

    private final int id;
    private final int n;
    private final int cq;
    private final int fq;
    private final int maxBallot;
    private final long timeout;
    private final RandomSource random;
    private final Effects fx;
    /** The seeded bug switched on for this run, or null (the correct protocol). */
    private final FastPaxosMutant mutant;

    // acceptor (durable)
    private int maxBal = -1;
    private int maxVBal = -1;
    private String maxVal = "";
    // coordinator: cBal durable, the rest volatile
    private int cBal = -1;
    private String cPhase = "idle";
    private final TreeMap<Integer, Report> cReports = new TreeMap<>();
    // learner (volatile)
    private String decided = "";
    private final TreeMap<Vote, Long> l2b = new TreeMap<>();
    // acceptor policy (volatile, not spec variables): the fast ballot whose Any it holds, the proposals received
    private int anyBal = -1;
    private final List<FastPaxosMessage.Propose> proposals = new ArrayList<>();
    // coordinator policy
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
     * @param cq           classic quorum size
     * @param fq           fast quorum size
     * @param timeoutTicks the base retry timeout: a few network delays
     * @param sink         where trace events go, or null for no trace
     * @param mutant       the seeded bug switched on, or null
     */
    public FastPaxosNode(int id, int n, int cq, int fq, int maxBallot, long timeoutTicks, RandomSource random,
            EventSink sink, FastPaxosMutant mutant) {
        if (id < 1 || id > n || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("node id " + id + " outside 1.." + n);
        }
        this.id = id;
        this.n = n;
        this.cq = cq;
        this.fq = fq;
        this.maxBallot = maxBallot;
        this.timeout = Math.max(1, timeoutTicks);
        this.random = random;
        this.fx = new Effects(id, sink);
        this.mutant = mutant;
    }

    /** The coordinator of ballot b: ((b / 2) % n) + 1 (FastPaxos.tla's Coord). */
    public static int coord(int bal, int n) {
        return Math.floorMod(Math.floorDiv(bal, 2), n) + 1;
    }

    /** Even ballots are fast (FastPaxos.tla's IsFast). */
    public static boolean isFast(int bal) {
        return Math.floorMod(bal, 2) == 0;
    }

    /** The smallest ballot b > max(above, 0) that node id coordinates (ballot 0 needs no phase 1). */
    static int nextOwnedBallot(int above, int id, int n) {
        int b = Math.max(above + 1, 1);
        while (coord(b, n) != id) {
            b++;
        }
        return b;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            onReceive((FastPaxosMessage) r.msg());
        } else if (input instanceof Input.TimerFired t) {
            onTimer(t.timer());
        } else if (input instanceof Input.ClientRequest c) {
            clientRequest(c.value());
        } else if (input instanceof Input.Restart r) {
            restart((FastPaxosDurable) r.durable());
        } else if (input instanceof Input.Start) {
            armStartFast();
            armRetry();
        }
        assertInvariants();
        return fx;
    }

    private void onReceive(FastPaxosMessage m) {
        if (m instanceof FastPaxosMessage.Propose p) {
            onPropose(p);
        } else if (m instanceof FastPaxosMessage.Prepare p) {
            phase1b(p);
        } else if (m instanceof FastPaxosMessage.Promise p) {
            handlePromise(p);
        } else if (m instanceof FastPaxosMessage.Accept a) {
            if (a.val().equals(FastPaxosMessage.ANY)) {
                handleAny(a);
            } else {
                phase2b(a);
            }
        } else if (m instanceof FastPaxosMessage.Accepted a) {
            learn(a);
        }
    }

    private void onTimer(int timer) {
        if (timer == START_FAST) {
            startFast();
        } else if (timer == RETRY) {
            if (decided.isEmpty()) {
                phase1a();
            }
        }
    }

    /** ClientRequest(p, v): the client's proposal goes from this node to every acceptor. */
    @SpecAction("ClientRequest")
    private void clientRequest(String v) {
        if (v.isEmpty()) {
            return;
        }
        FastPaxosMessage.Propose m = new FastPaxosMessage.Propose(v, id);
        fx.broadcast(m);
        fx.event("ClientRequest", m, this);
    }

    /** A proposal reaches this acceptor: remembered (not a spec variable), voted for if a fast ballot is open. */
    private void onPropose(FastPaxosMessage.Propose m) {
        for (FastPaxosMessage.Propose p : proposals) {
            if (p.val().equals(m.val())) {
                return;
            }
        }
        proposals.add(m);
        if (proposals.size() == 1) {
            armRetry(); // work to do now: the sooner retry timer of a node that knows a proposal
        }
        fastVote();
        phase2a(); // a coordinator in a classic ballot with nothing reported waits for a proposal
    }

    /** StartFast(c): node Coord(0) opens fast ballot 0 without phase 1. */
    @SpecAction("StartFast")
    private void startFast() {
        if (coord(0, n) != id || cBal != -1) {
            return;
        }
        cBal = 0;
        cPhase = "p2";
        cReports.clear();
        persist();
        FastPaxosMessage.Accept m = new FastPaxosMessage.Accept(0, FastPaxosMessage.ANY, id);
        fx.broadcast(m);
        fx.event("StartFast", m, this);
    }

    /** Phase1a(c, b): the next ballot this node coordinates above anything it has seen. */
    @SpecAction("Phase1a")
    private void phase1a() {
        int b = nextOwnedBallot(Math.max(cBal, maxBal), id, n);
        if (attempts > 0 && isFast(b)) {
            b++; // a retry after a failed attempt is classic: a fast ballot may never gather a fast quorum
        }
        if (b > maxBallot) {
            return; // out of ballots: this coordinator stops (the header's MaxBallot bounds the run)
        }
        cBal = b;
        cPhase = "p1";
        cReports.clear();
        persist();
        FastPaxosMessage.Prepare m = new FastPaxosMessage.Prepare(b, id);
        fx.broadcast(m);
        fx.event("Phase1a", m, this);
        attempts++;
        armRetry();
    }

    /** Phase1b(a, m): promise m.bal if it is above every promise made; report the last vote. */
    @SpecAction("Phase1b")
    private void phase1b(FastPaxosMessage.Prepare m) {
        if (m.bal() <= maxBal) {
            return;
        }
        maxBal = m.bal();
        persist();
        fx.send(coord(m.bal(), n), new FastPaxosMessage.Promise(m.bal(), id, maxVBal, maxVal));
        fx.event("Phase1b", m, this);
        if (maxVBal >= 0) {
            // policy (outside the spec): the 1a's sender is undecided; this acceptor's last 2b (sent when it
            // voted, so already in msgs: a copy, as the network's duplicates are) may be the one it lost, and
            // with it learn without a new ballot (a lossy link otherwise spends the ballots one by one)
            fx.send(coord(m.bal(), n), new FastPaxosMessage.Accepted(maxVBal, maxVal, id));
        }
    }

    /** HandlePromise(c, m): record the reported vote. */
    @SpecAction("HandlePromise")
    private void handlePromise(FastPaxosMessage.Promise m) {
        if (!cPhase.equals("p1") || m.bal() != cBal) {
            return;
        }
        Report r = new Report(m.mbal(), m.mval());
        if (r.equals(cReports.get(m.from()))) {
            return; // a duplicate: changes nothing
        }
        cReports.put(m.from(), r);
        fx.event("HandlePromise", m, this);
        phase2a();
    }

    /** Phase2a(c, v): with reports from a classic quorum, the one 2a of this ballot, value by the picking rule. */
    @SpecAction("Phase2a")
    private void phase2a() {
        if (!cPhase.equals("p1") || cReports.size() < cq) {
            return;
        }
        String v = PickRule.pick(cReports, cBal, n, fq, firstProposal(), mutant);
        if (v == null) {
            return; // nothing reported, classic ballot, no proposal known yet: wait for one
        }
        cPhase = "p2";
        cReports.clear();
        FastPaxosMessage.Accept m = new FastPaxosMessage.Accept(cBal, v, id);
        fx.broadcast(m);
        fx.event("Phase2a", m, this);
    }

    /** The first proposal this node received, or null. */
    private String firstProposal() {
        return proposals.isEmpty() ? null : proposals.get(0).val();
    }

    /** HandleAny(a, m): join the fast ballot m opens, unless a higher ballot was promised or voted. */
    @SpecAction("HandleAny")
    private void handleAny(FastPaxosMessage.Accept m) {
        if (m.bal() < maxBal || m.bal() <= maxVBal || anyBal == m.bal()) {
            return;
        }
        anyBal = m.bal();
        if (maxBal != m.bal()) {
            maxBal = m.bal();
            persist();
        }
        fx.event("HandleAny", m, this);
        fastVote();
    }

    /** FastVote(a, m): in the fast ballot whose Any it holds, vote for the first proposal received. */
    @SpecAction("FastVote")
    private void fastVote() {
        if (anyBal == -1 || anyBal != maxBal || proposals.isEmpty()) {
            return;
        }
        FastPaxosMessage.Propose p = proposals.get(0);
        if (maxVBal >= maxBal) {
            if (mutant != FastPaxosMutant.FAST_VOTE_TWICE || proposals.size() < 2 || maxVBal != maxBal) {
                return;
            }
            p = proposals.get(proposals.size() - 1); // the bug: a later proposal gets a second vote
            if (p.val().equals(maxVal)) {
                return;
            }
        }
        maxVBal = maxBal;
        maxVal = p.val();
        persist();
        fx.broadcast(new FastPaxosMessage.Accepted(maxVBal, maxVal, id));
        fx.event("FastVote", p, this);
    }

    /** Phase2b(a, m): vote for m's value unless a higher ballot was promised. */
    @SpecAction("Phase2b")
    private void phase2b(FastPaxosMessage.Accept m) {
        if (m.bal() < maxBal && mutant != FastPaxosMutant.ACCEPT_BELOW_PROMISE) {
            return;
        }
        if (maxBal != m.bal() || maxVBal != m.bal() || !maxVal.equals(m.val())) {
            maxBal = m.bal();
            maxVBal = m.bal();
            maxVal = m.val();
            persist();
        }
        fx.broadcast(new FastPaxosMessage.Accepted(m.bal(), m.val(), id));
        fx.event("Phase2b", m, this);
    }

    /** Learn(l, m): record the 2b; a quorum of m.bal's kind for one (bal, val) decides val. */
    @SpecAction("Learn")
    private void learn(FastPaxosMessage.Accepted m) {
        Vote key = new Vote(m.bal(), m.val());
        long mask = l2b.getOrDefault(key, 0L);
        if (Quorum.contains(mask, m.from())) {
            return; // already recorded
        }
        mask |= Quorum.bit(m.from());
        l2b.put(key, mask);
        int q = !isFast(m.bal()) ? cq : mutant == FastPaxosMutant.FAST_QUORUM_TOO_SMALL ? fq - 1 : fq;
        if (Long.bitCount(mask) >= q) {
            decided = m.val();
            fx.decide(1, decided);
            fx.cancelTimer(RETRY);
        }
        fx.event("Learn", m, this);
        recover();
    }

    /**
     * Recover(c, v): the coordinator of the open fast ballot has 2b from a classic quorum there
     * that disagree; they stand for the 1b of the next ballot, which it also coordinates, and it
     * sends that ballot's 2a at once with the value the picking rule gives.
     */
    @SpecAction("Recover")
    private void recover() {
        if (!cPhase.equals("p2") || cBal == -1 || !isFast(cBal) || cBal + 1 > maxBallot || !decided.isEmpty()) {
            return;
        }
        TreeMap<Integer, Report> reports = new TreeMap<>();
        TreeMap<String, Boolean> values = new TreeMap<>();
        for (Map.Entry<Vote, Long> e : l2b.subMap(new Vote(cBal, ""), new Vote(cBal + 1, "")).entrySet()) {
            for (int k = 1; k <= n; k++) {
                if (Quorum.contains(e.getValue(), k)) {
                    reports.put(k, new Report(cBal, e.getKey().val()));
                    values.put(e.getKey().val(), true);
                }
            }
        }
        int need = mutant == FastPaxosMutant.RECOVER_WITHOUT_QUORUM ? 2 : cq;
        if (reports.size() < need || values.size() < 2) {
            return;
        }
        String v = PickRule.pick(reports, cBal + 1, n, fq, firstProposal(), mutant);
        if (mutant == FastPaxosMutant.RECOVERY_IGNORES_FAST_ROUND && !proposals.isEmpty()) {
            v = proposals.get(0).val();
        }
        cBal = cBal + 1;
        cReports.clear();
        persist();
        FastPaxosMessage.Accept m = new FastPaxosMessage.Accept(cBal, v, id);
        fx.broadcast(m);
        fx.event("Recover", m, this);
    }

    /** Restart(n): a fresh object; the durable state comes back, the volatile state starts over. */
    @SpecAction("Restart")
    private void restart(FastPaxosDurable d) {
        FastPaxosDurable s = d == null ? FastPaxosDurable.INITIAL : d;
        maxBal = s.maxBal();
        maxVBal = mutant == FastPaxosMutant.RESTART_FORGETS_VOTE ? -1 : s.maxVBal();
        maxVal = mutant == FastPaxosMutant.RESTART_FORGETS_VOTE ? "" : s.maxVal();
        cBal = s.cBal();
        fx.event("Restart", null, this);
        armStartFast();
        armRetry();
    }

    private void persist() {
        fx.persist(new FastPaxosDurable(maxBal, maxVBal, maxVal, cBal));
    }

    private void armStartFast() {
        if (coord(0, n) == id && cBal == -1) {
            fx.setTimer(START_FAST, 1);
        }
    }

    private void armRetry() {
        if (!decided.isEmpty()) {
            return;
        }
        long base = timeout << Math.min(attempts, BACKOFF_MAX_SHIFT);
        if (proposals.isEmpty()) {
            base *= 2; // a node that has seen no proposal retries only so that it learns what others decided
        }
        fx.setTimer(RETRY, base + random.nextLong(timeout));
    }

    private void assertInvariants() {
        if (maxVBal > maxBal || (maxVBal == -1) != maxVal.isEmpty()
                || (cBal != -1 && coord(cBal, n) != id) || (!cPhase.equals("idle") && cBal == -1)) {
            throw new IllegalStateException("fast paxos node " + id + " broke its local invariants: maxBal=" + maxBal
                    + " maxVBal=" + maxVBal + " maxVal=" + maxVal + " cBal=" + cBal + " cPhase=" + cPhase);
        }
    }

    @Override
    public boolean done() {
        return !decided.isEmpty();
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject()
                .field("maxBal", maxBal).field("maxVBal", maxVBal).field("maxVal", maxVal)
                .field("cBal", cBal).field("cPhase", cPhase)
                .name("cReports").beginArray();
        for (Map.Entry<Integer, Report> e : cReports.entrySet()) {
            out.beginObject().field("from", e.getKey()).field("mbal", e.getValue().mbal())
                    .field("mval", e.getValue().mval()).endObject();
        }
        out.endArray().field("decided", decided).endObject();
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

    public int cBal() {
        return cBal;
    }

    public String cPhase() {
        return cPhase;
    }

    public String decided() {
        return decided;
    }
}
