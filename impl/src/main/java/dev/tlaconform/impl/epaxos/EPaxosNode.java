package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SpecAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

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
 * with Prepare ({@link EPaxosRecovery}). A leader whose instance was committed with another command
 * (a no-op) proposes its command again ({@link EPaxosCommands}). The replica's variables live in
 * {@link EPaxosLog}, the execution order is {@link EPaxosExecution}'s.
 */
public final class EPaxosNode implements ProtocolNode {
    /** The retry timer: slow-path fallback and recovery. */
    public static final int RETRY = 1;
    /** What recovery commits in an instance no one saw. */
    public static final String NOOP = "noop";
    final int id;
    final int n;
    final int fq;
    final int cq;
    final int maxBallot;
    final int nInst;
    private final long timeout;
    private final RandomSource random;
    final Effects fx;
    final EPaxosMutant mutant;
    /** The replica's variables of the spec: log, cbal, cphase, executed. */
    private final EPaxosLog log;
    private final EPaxosRecovery recovery;
    private final EPaxosCommands commands;
    // volatile
    final TreeMap<Integer, EPaxosReplies> replies = new TreeMap<>();
    private boolean timerArmed;

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
        this.maxBallot = maxBallot;
        this.nInst = n * maxSlot;
        this.timeout = Math.max(1, timeoutTicks);
        this.random = random;
        this.fx = new Effects(id, sink);
        this.mutant = mutant;
        this.log = new EPaxosLog(nInst, keyOf, fx);
        this.recovery = new EPaxosRecovery(this, log);
        this.commands = new EPaxosCommands(id, n, maxSlot, log);
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
        recovery.progress(m.inst());
        if (m instanceof EPaxosMessage.PreAccept p) {
            preAcceptReply(p);
        } else if (m instanceof EPaxosMessage.PreAcceptOK p) {
            EPaxosReplies r = current(p.inst(), p.bal(), "preaccept");
            if (r != null && !r.hasPre(p.from())) {
                r.pre.add(p);
                collect(p);
                afterPreAcceptOK(p.inst(), r);
            }
        } else if (m instanceof EPaxosMessage.Accept a) {
            acceptReply(a);
        } else if (m instanceof EPaxosMessage.AcceptOK a) {
            EPaxosReplies r = current(a.inst(), a.bal(), "accept");
            if (r != null && !Quorum.contains(r.acceptMask, a.from())) {
                r.acceptMask |= Quorum.bit(a.from());
                collect(a);
                commitSlow(a.inst(), r);
            }
        } else if (m instanceof EPaxosMessage.Commit c) {
            commitReply(c);
        } else if (m instanceof EPaxosMessage.Prepare p) {
            recovery.prepareReply(p);
        } else if (m instanceof EPaxosMessage.PrepareOK p) {
            EPaxosReplies r = current(p.inst(), p.bal(), "prepare");
            if (r != null && !r.hasPrep(p.from())) {
                r.prep.add(p);
                collect(p);
                recovery.recover(p.inst(), r);
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
    private EPaxosReplies current(int i, int bal, String phase) {
        if (i < 1 || i > nInst || log.cbal(i) != bal || !log.phase(i).equals(phase)) {
            return null;
        }
        EPaxosReplies r = replies.get(i);
        if (r == null || r.bal != bal) {
            r = new EPaxosReplies(bal);
            replies.put(i, r);
        }
        return r;
    }

    // ---- command leader ---------------------------------------------------------------------

    private void clientRequest(String c) {
        if (commands.request(c)) {
            proposePending();
        }
    }

    private void proposePending() {
        commands.proposePending((c, i) -> propose(i, c));
    }

    /** Propose(r, c): pre-accept c in instance i with this log's attributes; send PreAccept. */
    @SpecAction("Propose")
    private void propose(int i, String c) {
        int[] d = log.localDeps(i, c);
        int s = 1 + log.maxSeq(d);
        commands.proposed(i, c);
        log.setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, c, d, s, 0, 0, true));
        log.setCbal(i, 0);
        log.setPhase(i, "preaccept");
        replies.put(i, new EPaxosReplies(0));
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
        EPaxosRec rec = log.rec(i);
        if (m.from() == id || !(rec.status().equals(EPaxosRec.NONE) || rec.status().equals(EPaxosRec.PREACCEPTED))
                || m.bal() < rec.bal() || m.bal() <= rec.abal()) {
            return;
        }
        int[] d = m.deps();
        int s = m.seq();
        if (mutant != EPaxosMutant.PREACCEPT_IGNORES_CONFLICTS) {
            d = EPaxosRec.union(m.deps(), log.localDeps(i, m.cmd()));
            s = Math.max(m.seq(), 1 + log.maxSeq(log.localDeps(i, m.cmd())));
        }
        boolean same = s == m.seq() && Arrays.equals(d, m.deps());
        log.setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, m.cmd(), d, s, m.bal(), m.bal(), m.bal() == 0 && same));
        persist();
        fx.send(coord(i, m.bal()), new EPaxosMessage.PreAcceptOK(id, i, m.bal(), d, s, same));
        fx.event("PreAcceptReply", m, this);
    }

    private int coord(int i, int b) {
        return b == 0 ? leader(i, n) : Quorum.owner(b, n);
    }

    /** A PreAcceptOK arrived (or none are needed): the fast path, else the slow path when it must. */
    void afterPreAcceptOK(int i, EPaxosReplies r) {
        if (!commitFast(i, r)) {
            boolean forced = log.cbal(i) > 0;
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
    private boolean commitFast(int i, EPaxosReplies r) {
        EPaxosRec rec = log.rec(i);
        if (leader(i, n) != id || log.cbal(i) != 0 || !log.phase(i).equals("preaccept") || rec.bal() != 0
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
        log.setPhase(i, "done");
        EPaxosMessage.Commit m = new EPaxosMessage.Commit(id, i, rec.cmd(), rec.deps(), rec.seq());
        persist();
        fx.broadcast(m);
        fx.event("CommitFast", m, this);
        afterCommit(i);
        return true;
    }

    /** StartAccept(r, i, Q): the first CQ - 1 replies, attributes united; Accept at the ballot. */
    @SpecAction("StartAccept")
    private void startAccept(int i, EPaxosReplies r) {
        int b = log.cbal(i);
        EPaxosRec rec = log.rec(i);
        if (!log.phase(i).equals("preaccept") || rec.bal() != b || !rec.status().equals(EPaxosRec.PREACCEPTED)
                || r.pre.size() < cq - 1) {
            return;
        }
        int[] d = rec.deps();
        int s = rec.seq();
        if (mutant != EPaxosMutant.SLOW_PATH_OWN_ATTRS) {
            for (int k = 0; k < cq - 1; k++) {
                d = EPaxosRec.union(d, r.pre.get(k).deps());
                s = Math.max(s, r.pre.get(k).seq());
            }
        }
        log.setRec(i, new EPaxosRec(EPaxosRec.ACCEPTED, rec.cmd(), d, s, rec.bal(), b, false));
        log.setPhase(i, "accept");
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
        EPaxosRec rec = log.rec(i);
        if (m.from() == id || rec.committed() || (rec.status().equals(EPaxosRec.ACCEPTED) && rec.abal() == m.bal())) {
            return;
        }
        if (m.bal() < rec.bal()) {
            return;
        }
        log.setRec(i, new EPaxosRec(EPaxosRec.ACCEPTED, m.cmd(), m.deps(), m.seq(), m.bal(), m.bal(), false));
        persist();
        fx.send(coord(i, m.bal()), new EPaxosMessage.AcceptOK(id, i, m.bal()));
        fx.event("AcceptReply", m, this);
    }

    /** CommitSlow(r, i, Q): CQ - 1 AcceptOK at the ballot: committed. */
    @SpecAction("CommitSlow")
    void commitSlow(int i, EPaxosReplies r) {
        EPaxosRec rec = log.rec(i);
        int need = mutant == EPaxosMutant.COMMIT_SLOW_WITHOUT_QUORUM ? 0 : cq - 1;
        if (!log.phase(i).equals("accept") || rec.committed() || r.accept == null || Long.bitCount(r.acceptMask) < need) {
            return;
        }
        EPaxosMessage.Accept a = r.accept; // the attributes of this coordinator's own Accept at cbal
        commitLocal(i, a.cmd(), a.deps(), a.seq());
        log.setPhase(i, "done");
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
        if (m.from() == id || log.rec(i).committed()) {
            return;
        }
        commitLocal(i, m.cmd(), m.deps(), m.seq());
        persist();
        fx.event("CommitReply", m, this);
        afterCommit(i);
    }

    void commitLocal(int i, String c, int[] d, int s) {
        log.setRec(i, log.rec(i).committedAs(c, d, s));
        commands.committed(c);
        recovery.progress(i);
        if (!c.equals(NOOP)) {
            fx.decide(i, c);
        }
    }

    /** After a commit: a leader whose command lost its instance proposes it again; execute what is ready. */
    void afterCommit(int i) {
        replies.remove(i);
        if (commands.lostInstance(i)) {
            proposePending();
        }
        execute();
    }

    // ---- timer ------------------------------------------------------------------------------

    private void onTimer() {
        commands.retryWaiting();
        proposePending();
        // slow-path fallback: a leader at ballot 0 with CQ - 1 replies stops waiting for a fast quorum
        for (Map.Entry<Integer, EPaxosReplies> e : new ArrayList<>(replies.entrySet())) {
            int i = e.getKey();
            if (log.phase(i).equals("preaccept") && log.cbal(i) == 0 && e.getValue().pre.size() >= cq - 1) {
                startAccept(i, e.getValue());
            }
        }
        recovery.onTimer();
    }

    // ---- execution --------------------------------------------------------------------------

    /** Executes every strongly connected component that is ready, one Execute event each. */
    private void execute() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i : new ArrayList<>(log.toExecute())) {
                if (!log.executed(i) && executeScc(i)) {
                    progress = true;
                }
            }
        }
    }

    /**
     * Execute(r, i): instance i's strongly connected component runs, in seq order, once every
     * not-yet-executed instance it reaches is committed and reaches i back ({@link EPaxosExecution}).
     */
    @SpecAction("Execute")
    private boolean executeScc(int i) {
        Integer[] order = EPaxosExecution.readyComponent(log, i, mutant);
        if (order == null) {
            return false;
        }
        for (int j : order) {
            log.markExecuted(j);
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
        log.restore(d, mutant);
        commands.restored();
        log.cphaseReset();
        fx.event("Restart", null, this);
        execute();
    }

    void persist() {
        fx.persist(log.durable());
    }

    private void armTimer() {
        if (timerArmed) {
            return;
        }
        if (!replies.isEmpty() || log.unsettled() || commands.waiting()) {
            timerArmed = true;
            fx.setTimer(RETRY, timeout + random.nextLong(timeout));
        }
    }

    @Override
    public boolean done() {
        return commands.done();
    }

    @Override
    public void writeJson(JsonOut out) {
        log.writeJson(out);
    }

    // ---- read access for tests and checkers ------------------------------------------------------

    public int instances() {
        return nInst;
    }

    public EPaxosRec record(int i) {
        return log.rec(i);
    }

    public String phase(int i) {
        return log.phase(i);
    }

    public int[] executedOrder() {
        return log.executedOrder();
    }
}
