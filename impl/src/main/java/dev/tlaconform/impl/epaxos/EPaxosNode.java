package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.DeltaLog;
import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SpecAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Egalitarian Paxos (Moraru, Andersen, Kaminsky, SOSP 2013; seed notes §3.5) with the corrected
 * recovery of specs/epaxos/EPaxos.tla (Recovery = "corrected"). Every replica leads the commands
 * its clients hand it, each in its next instance (instance i belongs to replica ((i - 1) mod N) + 1;
 * replica r's k-th is (k - 1)·N + r). Every branch below is one action of EPaxos.tla and logs the
 * trace event of that name (specs/epaxos/EVENTS.md); a message that changes no spec variable and
 * sends nothing is handled without an event, and the replies a coordinator collects are not spec
 * variables (the spec reads them from the messages sent).
 *
 * <p>Commands interfere when they touch the same key. PreAccept at ballot 0: the leader's own
 * attributes (the interfering instances it knows, seq above theirs); each replica adds what it
 * knows. Fast path: FQ - 1 replies left the attributes unchanged. Slow path: CQ - 1 replies,
 * attributes united, Accept, CQ - 1 AcceptOK. Execution: a committed instance whose dependency
 * closure is committed executes with its strongly connected component, in seq order (ties:
 * instance), after every component it depends on.
 *
 * <p>Recovery (policy, outside the spec): a retry timer; an instance this replica knows (or needs,
 * as a dependency of a committed one) that stays uncommitted for two timer periods is recovered
 * with Prepare at the replica's next ballot above everything it saw for that instance, up to
 * MaxBallot. The recoverer decides from a majority of PrepareOK by the spec's five cases. A leader
 * whose instance was committed with another command (a no-op) proposes its command again.
 */
public final class EPaxosNode implements ProtocolNode {
    /** The retry timer: slow-path fallback and recovery. */
    public static final int RETRY = 1;
    /** What recovery commits in an instance no one saw. */
    public static final String NOOP = "noop";
    private static final int CHUNK = 64;
    private static final int STUCK_PERIODS = 2;

    private final int id;
    private final int n;
    private final int fq;
    private final int cq;
    private final int maxSlot;
    private final int maxBallot;
    private final int nInst;
    private final long timeout;
    private final RandomSource random;
    private final Effects fx;
    private final Map<String, String> keyOf;
    private final EPaxosMutant mutant;

    // durable, copy-on-write in chunks of CHUNK instances (index i - 1)
    private EPaxosRec[][] log;
    private int[][] cbal;
    private boolean[] logShared;
    private boolean[] cbalShared;
    private int[] executed = new int[16];
    private int executedLen;
    // volatile
    private String[] cphase;
    private boolean[] isExecuted;
    private final TreeMap<Integer, Replies> replies = new TreeMap<>();
    private final TreeMap<Integer, Integer> stuck = new TreeMap<>();
    private final TreeMap<Integer, Integer> attempts = new TreeMap<>();
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private final TreeSet<String> mine = new TreeSet<>();
    /** The commands of mine that this replica has not seen committed in any instance. */
    private final TreeSet<String> waiting = new TreeSet<>();
    /** The command this replica proposed in each of its instances (volatile: lost with a crash). */
    private final TreeMap<Integer, String> proposedAt = new TreeMap<>();
    /** Instances with a record that is neither "none" nor committed; committed and not executed. */
    private int unsettled;
    private final TreeSet<Integer> toExecute = new TreeSet<>();
    /** Per key, the instances whose record holds a command on that key (LocalDeps's candidates). */
    private final TreeMap<String, TreeSet<Integer>> byKey = new TreeMap<>();
    private boolean timerArmed;
    // trace deltas
    private final DeltaLog logDelta = new DeltaLog();
    private final DeltaLog cbalDelta = new DeltaLog();
    private final DeltaLog cphaseDelta = new DeltaLog();
    private final DeltaLog execDelta = new DeltaLog();

    /** What a coordinator collected for its current ballot of one instance, in arrival order. */
    private static final class Replies {
        final int bal;
        /** The Accept this coordinator sent at bal, once it did. */
        EPaxosMessage.Accept accept;
        final List<EPaxosMessage.PreAcceptOK> pre = new ArrayList<>();
        long acceptMask;
        final List<EPaxosMessage.PrepareOK> prep = new ArrayList<>();

        Replies(int bal) {
            this.bal = bal;
        }
    }

    /**
     * @param keyOf        the key each command touches (commands on one key interfere)
     * @param timeoutTicks the base retry timeout: a few network delays
     * @param sink         where trace events go, or null for no trace
     * @param mutant       the seeded bug switched on, or null
     */
    public EPaxosNode(int id, int n, int fq, int maxSlot, int maxBallot, Map<String, String> keyOf, long timeoutTicks,
            RandomSource random, EventSink sink, EPaxosMutant mutant) {
        if (id < 1 || id > n || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("node id " + id + " outside 1.." + n);
        }
        this.id = id;
        this.n = n;
        this.fq = fq;
        this.cq = n / 2 + 1;
        this.maxSlot = maxSlot;
        this.maxBallot = maxBallot;
        this.nInst = n * maxSlot;
        this.timeout = Math.max(1, timeoutTicks);
        this.random = random;
        this.fx = new Effects(id, sink);
        this.keyOf = keyOf;
        this.mutant = mutant;
        int chunks = (nInst + CHUNK - 1) / CHUNK;
        log = new EPaxosRec[chunks][];
        cbal = new int[chunks][];
        logShared = new boolean[chunks];
        cbalShared = new boolean[chunks];
        for (int c = 0; c < chunks; c++) {
            int len = Math.min(CHUNK, nInst - c * CHUNK);
            log[c] = new EPaxosRec[len];
            Arrays.fill(log[c], EPaxosRec.EMPTY);
            cbal[c] = new int[len];
            Arrays.fill(cbal[c], -1);
        }
        cphase = new String[nInst + 1];
        Arrays.fill(cphase, "idle");
        isExecuted = new boolean[nInst + 1];
    }

    /** Instance i's leader: ((i - 1) mod N) + 1 (EPaxos.tla's Leader). */
    public static int leader(int inst, int n) {
        return Math.floorMod(inst - 1, n) + 1;
    }

    /** Replica r's k-th instance: (k - 1)·N + r (EPaxos.tla's InstOf). */
    public static int instOf(int r, int k, int n) {
        return (k - 1) * n + r;
    }

    @Override
    public int id() {
        return id;
    }

    // ---- state access -----------------------------------------------------------------------

    EPaxosRec rec(int i) {
        return log[(i - 1) / CHUNK][(i - 1) % CHUNK];
    }

    private void setRec(int i, EPaxosRec r) {
        int c = (i - 1) / CHUNK;
        if (logShared[c]) {
            log[c] = log[c].clone();
            logShared[c] = false;
        }
        EPaxosRec old = log[c][(i - 1) % CHUNK];
        log[c][(i - 1) % CHUNK] = r;
        logDelta.mark(fx.tracing(), i);
        index(i, old, -1);
        index(i, r, +1);
    }

    /** Keeps unsettled, toExecute and byKey in step with record r of instance i entering (+1) or leaving (-1). */
    private void index(int i, EPaxosRec r, int sign) {
        if (r.status().equals(EPaxosRec.NONE)) {
            return;
        }
        if (!r.committed()) {
            unsettled += sign;
        } else if (!isExecuted[i]) {
            if (sign > 0) {
                toExecute.add(i);
            } else {
                toExecute.remove(i);
            }
        }
        String k = keyOf.get(r.cmd());
        if (k != null) {
            if (sign > 0) {
                byKey.computeIfAbsent(k, x -> new TreeSet<>()).add(i);
            } else {
                TreeSet<Integer> s = byKey.get(k);
                if (s != null) {
                    s.remove(i);
                }
            }
        }
    }

    int cbal(int i) {
        return cbal[(i - 1) / CHUNK][(i - 1) % CHUNK];
    }

    private void setCbal(int i, int b) {
        int c = (i - 1) / CHUNK;
        if (cbalShared[c]) {
            cbal[c] = cbal[c].clone();
            cbalShared[c] = false;
        }
        cbal[c][(i - 1) % CHUNK] = b;
        cbalDelta.mark(fx.tracing(), i);
    }

    private void setPhase(int i, String p) {
        cphase[i] = p;
        cphaseDelta.mark(fx.tracing(), i);
    }

    // ---- step -------------------------------------------------------------------------------

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            onReceive((EPaxosMessage) r.msg());
        } else if (input instanceof Input.TimerFired t) {
            timerArmed = false;
            onTimer();
        } else if (input instanceof Input.ClientRequest c) {
            clientRequest(c.value());
        } else if (input instanceof Input.Restart r) {
            restart((EPaxosDurable) r.durable());
        }
        armTimer();
        return fx;
    }

    private void onReceive(EPaxosMessage m) {
        stuck.remove(m.inst());
        if (m instanceof EPaxosMessage.PreAccept p) {
            preAcceptReply(p);
        } else if (m instanceof EPaxosMessage.PreAcceptOK p) {
            Replies r = current(p.inst(), p.bal(), "preaccept");
            if (r != null && !hasPre(r, p.from())) {
                r.pre.add(p);
                collect(p);
                afterPreAcceptOK(p.inst(), r);
            }
        } else if (m instanceof EPaxosMessage.Accept a) {
            acceptReply(a);
        } else if (m instanceof EPaxosMessage.AcceptOK a) {
            Replies r = current(a.inst(), a.bal(), "accept");
            if (r != null && !Quorum.contains(r.acceptMask, a.from())) {
                r.acceptMask |= Quorum.bit(a.from());
                collect(a);
                commitSlow(a.inst(), r);
            }
        } else if (m instanceof EPaxosMessage.Commit c) {
            commitReply(c);
        } else if (m instanceof EPaxosMessage.Prepare p) {
            prepareReply(p);
        } else if (m instanceof EPaxosMessage.PrepareOK p) {
            Replies r = current(p.inst(), p.bal(), "prepare");
            if (r != null && !hasPrep(r, p.from())) {
                r.prep.add(p);
                collect(p);
                recover(p.inst(), r);
            }
        }
    }

    /**
     * Collect(r, m): a reply to this coordinator's current ballot joins the ones it holds. No
     * spec variable changes (the spec reads replies from the messages sent), but the event lets
     * the validator compare the reply with the one the spec's replica sent.
     */
    @SpecAction("Collect")
    private void collect(EPaxosMessage m) {
        fx.event("Collect", m, this);
    }

    /** The replies of instance i this coordinator collects, if it is in phase {@code phase} of ballot bal. */
    private Replies current(int i, int bal, String phase) {
        if (i < 1 || i > nInst || cbal(i) != bal || !cphase[i].equals(phase)) {
            return null;
        }
        Replies r = replies.get(i);
        if (r == null || r.bal != bal) {
            r = new Replies(bal);
            replies.put(i, r);
        }
        return r;
    }

    private static boolean hasPre(Replies r, int from) {
        for (EPaxosMessage.PreAcceptOK p : r.pre) {
            if (p.from() == from) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPrep(Replies r, int from) {
        for (EPaxosMessage.PrepareOK p : r.prep) {
            if (p.from() == from) {
                return true;
            }
        }
        return false;
    }

    // ---- command leader ---------------------------------------------------------------------

    private void clientRequest(String c) {
        if (c.isEmpty() || pending.contains(c) || ownInstanceHolds(c) || committedAnywhere(c)) {
            return; // a client's retry of a command this replica leads: nothing new
        }
        pending.add(c);
        proposePending();
    }

    /** Whether one of this replica's instances holds c (a recovery's no-op in its place does not). */
    private boolean ownInstanceHolds(String c) {
        for (int k = 1; k <= maxSlot; k++) {
            if (rec(instOf(id, k, n)).cmd().equals(c)) {
                return true;
            }
        }
        return false;
    }

    /** Proposes the waiting commands while this replica has free instances. */
    private void proposePending() {
        while (!pending.isEmpty()) {
            if (committedAnywhere(pending.peek()) || ownInstanceHolds(pending.peek())) {
                pending.poll(); // committed or in flight meanwhile: nothing to propose
                continue;
            }
            int i = freeInstance();
            if (i == -1) {
                return; // out of instances: the header's MaxSlot bounds the run
            }
            propose(i, pending.poll());
        }
    }

    /** The next instance of this replica: the first whose cbal is -1, if it is still untouched. */
    private int freeInstance() {
        for (int k = 1; k <= maxSlot; k++) {
            int i = instOf(id, k, n);
            if (cbal(i) == -1) {
                EPaxosRec r = rec(i);
                return r.status().equals(EPaxosRec.NONE) && r.bal() == 0 ? i : -1;
            }
        }
        return -1;
    }

    /** The interfering instances this replica's log knows for command c of instance i. */
    private int[] localDeps(int i, String c) {
        String k = keyOf.get(c);
        TreeSet<Integer> s = k == null ? null : byKey.get(k);
        if (s == null) {
            return EPaxosRec.NO_DEPS;
        }
        int[] out = new int[s.size()];
        int count = 0;
        for (int j : s) {
            if (j != i) {
                out[count++] = j;
            }
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    private int maxSeq(int[] deps) {
        int s = 0;
        for (int j : deps) {
            s = Math.max(s, rec(j).seq());
        }
        return s;
    }

    /** Propose(r, c): pre-accept c in instance i with this log's attributes; send PreAccept. */
    @SpecAction("Propose")
    private void propose(int i, String c) {
        int[] d = localDeps(i, c);
        int s = 1 + maxSeq(d);
        mine.add(c);
        if (!committedAnywhere(c)) {
            waiting.add(c);
        }
        proposedAt.put(i, c);
        setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, c, d, s, 0, 0, true));
        setCbal(i, 0);
        setPhase(i, "preaccept");
        replies.put(i, new Replies(0));
        persist();
        EPaxosMessage.PreAccept m = new EPaxosMessage.PreAccept(id, i, 0, c, d, s);
        fx.broadcast(m);
        fx.event("Propose", m, this);
        afterPreAcceptOK(i, replies.get(i)); // N = 1: no reply needed
    }

    /** PreAcceptReply(r, m): add the interfering instances this replica knows; reply. */
    @SpecAction("PreAcceptReply")
    private void preAcceptReply(EPaxosMessage.PreAccept m) {
        int i = m.inst();
        EPaxosRec rec = rec(i);
        if (m.from() == id || !(rec.status().equals(EPaxosRec.NONE) || rec.status().equals(EPaxosRec.PREACCEPTED))
                || m.bal() < rec.bal() || m.bal() <= rec.abal()) {
            return;
        }
        int[] d = m.deps();
        int s = m.seq();
        if (mutant != EPaxosMutant.PREACCEPT_IGNORES_CONFLICTS) {
            d = union(m.deps(), localDeps(i, m.cmd()));
            s = Math.max(m.seq(), 1 + maxSeq(localDeps(i, m.cmd())));
        }
        boolean same = s == m.seq() && Arrays.equals(d, m.deps());
        setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, m.cmd(), d, s, m.bal(), m.bal(), m.bal() == 0 && same));
        persist();
        fx.send(coord(i, m.bal()), new EPaxosMessage.PreAcceptOK(id, i, m.bal(), d, s, same));
        fx.event("PreAcceptReply", m, this);
    }

    private int coord(int i, int b) {
        return b == 0 ? leader(i, n) : Quorum.owner(b, n);
    }

    /** A PreAcceptOK arrived (or none are needed): the fast path, else the slow path when it must. */
    private void afterPreAcceptOK(int i, Replies r) {
        if (!commitFast(i, r)) {
            boolean forced = cbal(i) > 0;
            for (EPaxosMessage.PreAcceptOK p : r.pre) {
                forced |= !p.same();
            }
            if (forced) {
                startAccept(i, r);
            }
        }
    }

    /** CommitFast(r, i, Q): FQ - 1 replies at ballot 0 left the attributes unchanged. */
    @SpecAction("CommitFast")
    private boolean commitFast(int i, Replies r) {
        EPaxosRec rec = rec(i);
        if (leader(i, n) != id || cbal(i) != 0 || !cphase[i].equals("preaccept") || rec.bal() != 0
                || !rec.status().equals(EPaxosRec.PREACCEPTED)) {
            return false;
        }
        int same = 0;
        for (EPaxosMessage.PreAcceptOK p : r.pre) {
            if (p.same() || mutant == EPaxosMutant.FAST_PATH_CHANGED_ATTRS) {
                same++;
            }
        }
        if (same < fq - 1) {
            return false;
        }
        commitLocal(i, rec.cmd(), rec.deps(), rec.seq());
        setPhase(i, "done");
        EPaxosMessage.Commit m = new EPaxosMessage.Commit(id, i, rec.cmd(), rec.deps(), rec.seq());
        persist();
        fx.broadcast(m);
        fx.event("CommitFast", m, this);
        afterCommit(i);
        return true;
    }

    /** StartAccept(r, i, Q): the first CQ - 1 replies, attributes united; Accept at the ballot. */
    @SpecAction("StartAccept")
    private void startAccept(int i, Replies r) {
        int b = cbal(i);
        EPaxosRec rec = rec(i);
        if (!cphase[i].equals("preaccept") || rec.bal() != b || !rec.status().equals(EPaxosRec.PREACCEPTED)
                || r.pre.size() < cq - 1) {
            return;
        }
        int[] d = rec.deps();
        int s = rec.seq();
        if (mutant != EPaxosMutant.SLOW_PATH_OWN_ATTRS) {
            for (int k = 0; k < cq - 1; k++) {
                d = union(d, r.pre.get(k).deps());
                s = Math.max(s, r.pre.get(k).seq());
            }
        }
        setRec(i, new EPaxosRec(EPaxosRec.ACCEPTED, rec.cmd(), d, s, rec.bal(), b, false));
        setPhase(i, "accept");
        r.acceptMask = 0;
        persist();
        EPaxosMessage.Accept m = new EPaxosMessage.Accept(id, i, b, rec.cmd(), d, s);
        r.accept = m;
        fx.broadcast(m);
        fx.event("StartAccept", m, this);
        commitSlow(i, r); // N = 1
    }

    /** AcceptReply(r, m): vote for m's attributes unless a higher ballot was promised. */
    @SpecAction("AcceptReply")
    private void acceptReply(EPaxosMessage.Accept m) {
        int i = m.inst();
        EPaxosRec rec = rec(i);
        if (m.from() == id || rec.committed() || (rec.status().equals(EPaxosRec.ACCEPTED) && rec.abal() == m.bal())) {
            return;
        }
        if (m.bal() < rec.bal()) {
            return;
        }
        setRec(i, new EPaxosRec(EPaxosRec.ACCEPTED, m.cmd(), m.deps(), m.seq(), m.bal(), m.bal(), false));
        persist();
        fx.send(coord(i, m.bal()), new EPaxosMessage.AcceptOK(id, i, m.bal()));
        fx.event("AcceptReply", m, this);
    }

    /** CommitSlow(r, i, Q): CQ - 1 AcceptOK at the ballot: committed. */
    @SpecAction("CommitSlow")
    private void commitSlow(int i, Replies r) {
        EPaxosRec rec = rec(i);
        int need = mutant == EPaxosMutant.COMMIT_SLOW_WITHOUT_QUORUM ? 0 : cq - 1;
        if (!cphase[i].equals("accept") || rec.committed() || r.accept == null || Long.bitCount(r.acceptMask) < need) {
            return;
        }
        EPaxosMessage.Accept a = r.accept; // the attributes of this coordinator's own Accept at cbal
        commitLocal(i, a.cmd(), a.deps(), a.seq());
        setPhase(i, "done");
        persist();
        EPaxosMessage.Commit m = new EPaxosMessage.Commit(id, i, a.cmd(), a.deps(), a.seq());
        fx.broadcast(m);
        fx.event("CommitSlow", m, this);
        afterCommit(i);
    }

    /** CommitReply(r, m): learn a commit. */
    @SpecAction("CommitReply")
    private void commitReply(EPaxosMessage.Commit m) {
        int i = m.inst();
        if (m.from() == id || rec(i).committed()) {
            return;
        }
        commitLocal(i, m.cmd(), m.deps(), m.seq());
        persist();
        fx.event("CommitReply", m, this);
        afterCommit(i);
    }

    private void commitLocal(int i, String c, int[] d, int s) {
        setRec(i, rec(i).committedAs(c, d, s));
        waiting.remove(c);
        stuck.remove(i);
        if (!c.equals(NOOP)) {
            fx.decide(i, c);
        }
    }

    /** After a commit: a leader whose command lost its instance proposes it again; execute what is ready. */
    private void afterCommit(int i) {
        replies.remove(i);
        String c = proposedAt.remove(i);
        if (c != null && !c.equals(rec(i).cmd()) && !committedAnywhere(c) && !ownInstanceHolds(c)) {
            pending.add(c);
            proposePending();
        }
        execute();
    }

    // ---- recovery ---------------------------------------------------------------------------

    private void onTimer() {
        // a command this replica was handed that no instance it knows holds or committed (its own
        // instance became a no-op, the commit elsewhere did not reach it): proposed again
        for (String c : waiting) {
            if (!ownInstanceHolds(c) && !pending.contains(c)) {
                pending.add(c);
            }
        }
        proposePending();
        // slow-path fallback: a leader at ballot 0 with CQ - 1 replies stops waiting for a fast quorum
        for (Map.Entry<Integer, Replies> e : new ArrayList<>(replies.entrySet())) {
            int i = e.getKey();
            if (cphase[i].equals("preaccept") && cbal(i) == 0 && e.getValue().pre.size() >= cq - 1) {
                startAccept(i, e.getValue());
            }
        }
        TreeSet<Integer> needed = neededAsDependencies();
        for (int i = 1; i <= nInst; i++) {
            if (!needsRecovery(i, needed)) {
                stuck.remove(i);
                continue;
            }
            int periods = stuck.merge(i, 1, Integer::sum);
            // stagger the recoverers (the leader first, then the next replicas) and back off per attempt
            int wait = STUCK_PERIODS + 2 * Math.floorMod(id - leader(i, n), n) + 2 * Math.min(attempts.getOrDefault(i, 0), 4);
            if (periods >= wait) {
                stuck.remove(i);
                attempts.merge(i, 1, Integer::sum);
                prepare(i);
            }
        }
    }

    /** An instance this replica knows or needs and has not committed. */
    private boolean needsRecovery(int i, TreeSet<Integer> needed) {
        EPaxosRec r = rec(i);
        return !r.committed() && (!r.status().equals(EPaxosRec.NONE) || !cphase[i].equals("idle") || needed.contains(i));
    }

    /** The dependencies of the committed instances not executed yet (execution waits for them). */
    private TreeSet<Integer> neededAsDependencies() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int j : toExecute) {
            for (int d : rec(j).deps()) {
                s.add(d);
            }
        }
        return s;
    }

    /** Prepare(r, i, b): recover instance i at this replica's next ballot. */
    @SpecAction("Prepare")
    private void prepare(int i) {
        int b = Quorum.nextOwnedBallot(Math.max(Math.max(cbal(i), rec(i).bal()), 0), id, n);
        if (b > maxBallot || rec(i).committed()) {
            return;
        }
        setCbal(i, b);
        setPhase(i, "prepare");
        replies.put(i, new Replies(b));
        persist();
        EPaxosMessage.Prepare m = new EPaxosMessage.Prepare(id, i, b);
        fx.broadcast(m);
        fx.event("Prepare", m, this);
    }

    /** PrepareReply(r, m): promise m.bal and report the record. */
    @SpecAction("PrepareReply")
    private void prepareReply(EPaxosMessage.Prepare m) {
        int i = m.inst();
        EPaxosRec rec = rec(i);
        if (m.bal() <= rec.bal()) {
            return;
        }
        setRec(i, rec.withBal(m.bal()));
        persist();
        int vbal = mutant == EPaxosMutant.ORIGINAL_RECOVERY ? rec.bal() : rec.abal();
        fx.send(m.from(), new EPaxosMessage.PrepareOK(id, i, m.bal(), rec.status(), rec.cmd(), rec.deps(), rec.seq(),
                vbal, rec.fast()));
        fx.event("PrepareReply", m, this);
    }

    /** Recover(r, i, Q): with PrepareOK from a majority, the spec's five cases. */
    @SpecAction("Recover")
    private void recover(int i, Replies r) {
        int b = cbal(i);
        EPaxosRec own = rec(i);
        if (!cphase[i].equals("prepare") || own.bal() != b || own.committed() || r.prep.size() < cq) {
            return;
        }
        List<EPaxosMessage.PrepareOK> q = r.prep.subList(0, cq);
        EPaxosMessage.PrepareOK committed = null;
        EPaxosMessage.PrepareOK best = null;
        EPaxosMessage.PrepareOK firstPre = null;
        EPaxosMessage.PrepareOK firstWit = null;
        int witnesses = 0;
        boolean leaderIn = false;
        for (EPaxosMessage.PrepareOK p : q) {
            leaderIn |= p.from() == leader(i, n);
            switch (p.status()) {
                case EPaxosRec.COMMITTED -> committed = committed == null ? p : committed;
                case EPaxosRec.ACCEPTED -> best = best == null || p.vbal() > best.vbal() ? p : best;
                case EPaxosRec.PREACCEPTED -> {
                    firstPre = firstPre == null ? p : firstPre;
                    if (p.fast()) {
                        witnesses++;
                        firstWit = firstWit == null ? p : firstWit;
                    }
                }
                default -> { }
            }
        }
        EPaxosMessage m;
        if (committed != null) {
            commitLocal(i, committed.cmd(), committed.deps(), committed.seq());
            setPhase(i, "done");
            m = new EPaxosMessage.Commit(id, i, committed.cmd(), committed.deps(), committed.seq());
        } else if (best != null && mutant != EPaxosMutant.RECOVERY_IGNORES_ACCEPTED) {
            m = acceptAt(i, b, best.cmd(), best.deps(), best.seq());
        } else if (best == null && !leaderIn && witnesses >= fq + cq - n) {
            m = acceptAt(i, b, firstWit.cmd(), firstWit.deps(), firstWit.seq());
        } else if (firstPre != null || best != null) {
            String c = firstPre != null ? firstPre.cmd() : best.cmd();
            int[] d = localDeps(i, c);
            int s = 1 + maxSeq(d);
            setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, c, d, s, b, b, false));
            setPhase(i, "preaccept");
            m = new EPaxosMessage.PreAccept(id, i, b, c, d, s);
        } else {
            int[] d = localDeps(i, NOOP);
            int s = 1 + maxSeq(d);
            setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, NOOP, d, s, b, b, false));
            setPhase(i, "preaccept");
            m = new EPaxosMessage.PreAccept(id, i, b, NOOP, d, s);
        }
        Replies fresh = new Replies(b);
        if (m instanceof EPaxosMessage.Accept a) {
            fresh.accept = a;
        }
        replies.put(i, fresh);
        persist();
        fx.broadcast(m);
        fx.event("Recover", m, this);
        if (m instanceof EPaxosMessage.Commit) {
            afterCommit(i);
        } else if (m instanceof EPaxosMessage.PreAccept) {
            afterPreAcceptOK(i, replies.get(i)); // N = 1
        } else {
            commitSlow(i, replies.get(i)); // N = 1
        }
    }

    private EPaxosMessage acceptAt(int i, int b, String c, int[] d, int s) {
        setRec(i, new EPaxosRec(EPaxosRec.ACCEPTED, c, d, s, b, b, false));
        setPhase(i, "accept");
        return new EPaxosMessage.Accept(id, i, b, c, d, s);
    }

    // ---- execution --------------------------------------------------------------------------

    /** Executes every strongly connected component that is ready, one Execute event each. */
    private void execute() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i : new ArrayList<>(toExecute)) {
                if (!isExecuted[i] && executeScc(i)) {
                    progress = true;
                }
            }
        }
    }

    /**
     * Execute(r, i): every not-yet-executed instance i reaches is committed and reaches i back
     * (executed ones reach only executed ones), so they form i's component, run in seq order.
     */
    @SpecAction("Execute")
    private boolean executeScc(int i) {
        TreeSet<Integer> reach = new TreeSet<>();
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        todo.add(i);
        reach.add(i);
        while (!todo.isEmpty()) {
            int j = todo.poll();
            EPaxosRec r = rec(j);
            if (!r.committed()) {
                return false;
            }
            for (int d : r.deps()) {
                if (!isExecuted[d] && reach.add(d)) {
                    todo.add(d);
                }
            }
        }
        // every instance of reach must reach i: walk the reverse edges from i inside reach
        TreeMap<Integer, List<Integer>> rev = new TreeMap<>();
        for (int j : reach) {
            for (int d : rec(j).deps()) {
                if (reach.contains(d)) {
                    rev.computeIfAbsent(d, x -> new ArrayList<>()).add(j);
                }
            }
        }
        TreeSet<Integer> back = new TreeSet<>();
        back.add(i);
        todo.add(i);
        while (!todo.isEmpty()) {
            for (int j : rev.getOrDefault(todo.poll(), List.of())) {
                if (back.add(j)) {
                    todo.add(j);
                }
            }
        }
        if (back.size() != reach.size()) {
            return false;
        }
        Integer[] order = reach.toArray(new Integer[0]);
        if (mutant != EPaxosMutant.EXECUTE_IGNORES_SEQ) {
            Arrays.sort(order, (a, c) -> rec(a).seq() != rec(c).seq() ? Integer.compare(rec(a).seq(), rec(c).seq())
                    : Integer.compare(a, c));
        }
        for (int j : order) {
            if (executedLen == executed.length) {
                executed = Arrays.copyOf(executed, executedLen * 2);
            }
            executed[executedLen++] = j;
            isExecuted[j] = true;
            toExecute.remove(j);
            execDelta.mark(fx.tracing(), executedLen);
        }
        persist();
        fx.event("Execute", fx.tracing() ? new Executed(i) : null, this);
        return true;
    }

    /** What an Execute event logs as its msg: the instance whose component ran (the spec's parameter i). */
    private record Executed(int inst) implements dev.tlaconform.impl.core.Traceable {
        @Override
        public void writeJson(JsonOut out) {
            out.beginObject().field("inst", inst).endObject();
        }
    }

    // ---- restart ----------------------------------------------------------------------------

    /** Restart(r): the log, cbal and executed come back; what it coordinated is lost. */
    @SpecAction("Restart")
    private void restart(EPaxosDurable d) {
        if (d != null) {
            log = d.log().clone();
            cbal = d.cbal().clone();
            Arrays.fill(logShared, true);
            Arrays.fill(cbalShared, true);
            executed = Arrays.copyOf(d.executed(), Math.max(16, d.executedLen()));
            executedLen = mutant == EPaxosMutant.RESTART_FORGETS_EXECUTED ? 0 : d.executedLen();
            for (int k = 0; k < executedLen; k++) {
                isExecuted[executed[k]] = true;
            }
            for (int i = 1; i <= nInst; i++) {
                index(i, rec(i), +1);
            }
        }
        for (int k = 1; k <= maxSlot; k++) {
            EPaxosRec r = rec(instOf(id, k, n));
            if (!r.cmd().isEmpty() && !r.cmd().equals(NOOP) && cbal(instOf(id, k, n)) != -1) {
                mine.add(r.cmd());
                if (!committedAnywhere(r.cmd())) {
                    waiting.add(r.cmd());
                }
            }
        }
        cphaseDelta.fill(fx.tracing());
        fx.event("Restart", null, this);
        execute();
    }

    private void persist() {
        Arrays.fill(logShared, true);
        Arrays.fill(cbalShared, true);
        fx.persist(new EPaxosDurable(log.clone(), cbal.clone(), executed, executedLen));
    }

    private void armTimer() {
        if (timerArmed) {
            return;
        }
        if (!replies.isEmpty() || unsettled > 0 || !toExecute.isEmpty() || !waiting.isEmpty()) {
            timerArmed = true;
            fx.setTimer(RETRY, timeout + random.nextLong(timeout));
        }
    }

    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int x = 0;
        int y = 0;
        int k = 0;
        while (x < a.length || y < b.length) {
            int v = y >= b.length || (x < a.length && a[x] <= b[y]) ? a[x] : b[y];
            if (x < a.length && a[x] == v) {
                x++;
            }
            if (y < b.length && b[y] == v) {
                y++;
            }
            out[k++] = v;
        }
        return Arrays.copyOf(out, k);
    }

    @Override
    public boolean done() {
        return waiting.isEmpty() && pending.isEmpty();
    }

    /** Whether this replica's log holds a commit of c, in any instance. */
    private boolean committedAnywhere(String c) {
        String k = keyOf.get(c);
        TreeSet<Integer> s = k == null ? null : byKey.get(k);
        if (s != null) {
            for (int i : s) {
                if (rec(i).committed() && rec(i).cmd().equals(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().name("log");
        logDelta.write(out, nInst, () -> EPaxosRec.EMPTY.writeJson(out), i -> rec(i).writeJson(out));
        out.name("cbal");
        cbalDelta.write(out, nInst, () -> out.value(-1), i -> out.value(cbal(i)));
        out.name("cphase");
        cphaseDelta.write(out, nInst, () -> out.value("idle"), i -> out.value(cphase[i]));
        out.name("executed");
        execDelta.write(out, executedLen, () -> out.value(0), k -> out.value(executed[k - 1]));
        out.endObject();
    }

    // ---- read access for tests and checkers ------------------------------------------------------

    public int instances() {
        return nInst;
    }

    public EPaxosRec record(int i) {
        return rec(i);
    }

    public String phase(int i) {
        return cphase[i];
    }

    public int[] executedOrder() {
        return Arrays.copyOf(executed, executedLen);
    }
}
