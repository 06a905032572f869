package dev.tlaconform.impl.epaxos;

import static dev.tlaconform.impl.epaxos.EPaxosNode.leader;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.SpecAction;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recovery of one EPaxos replica with the corrected recovery of specs/epaxos/EPaxos.tla
 * (Prepare, PrepareReply, Recover), and the policy that starts it (outside the spec): an instance
 * this replica knows (or needs, as a dependency of a committed one) that stays uncommitted for two
 * timer periods is recovered at the replica's next ballot above everything it saw for that
 * instance, up to MaxBallot.
 */
final class EPaxosRecovery {
    private static final int STUCK_PERIODS = 2;

    private final EPaxosNode node;
    private final EPaxosLog log;
    private final int id;
    private final int n;
    private final int fq;
    private final int cq;
    private final int maxBallot;
    private final int nInst;
    private final EPaxosMutant mutant;
    private final Effects fx;
    /** Per instance that needs recovery, the timer periods it has waited. */
    private final TreeMap<Integer, Integer> stuck = new TreeMap<>();
    /** Per instance, the recoveries this replica started. */
    private final TreeMap<Integer, Integer> attempts = new TreeMap<>();

    EPaxosRecovery(EPaxosNode node, EPaxosLog log) {
        this.node = node;
        this.log = log;
        this.id = node.id;
        this.n = node.n;
        this.fq = node.fq;
        this.cq = node.cq;
        this.maxBallot = node.maxBallot;
        this.nInst = node.nInst;
        this.mutant = node.mutant;
        this.fx = node.fx;
    }

    /** Instance i made progress (a message of it arrived, or it committed): its wait starts again. */
    void progress(int i) {
        stuck.remove(i);
    }

    /** A timer period passed: recover each instance that waited long enough. */
    void onTimer() {
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
        EPaxosRec r = log.rec(i);
        return !r.committed() && (!r.status().equals(EPaxosRec.NONE) || !log.phase(i).equals("idle") || needed.contains(i));
    }

    /** The dependencies of the committed instances not executed yet (execution waits for them). */
    private TreeSet<Integer> neededAsDependencies() {
        TreeSet<Integer> s = new TreeSet<>();
        for (int j : log.toExecute()) {
            for (int d : log.rec(j).deps()) {
                s.add(d);
            }
        }
        return s;
    }

    /** Prepare(r, i, b): recover instance i at this replica's next ballot. */
    @SpecAction("Prepare")
    private void prepare(int i) {
        int b = Quorum.nextOwnedBallot(Math.max(Math.max(log.cbal(i), log.rec(i).bal()), 0), id, n);
        if (b > maxBallot || log.rec(i).committed()) {
            return;
        }
        log.setCbal(i, b);
        log.setPhase(i, "prepare");
        node.replies.put(i, new EPaxosReplies(b));
        node.persist();
        EPaxosMessage.Prepare m = new EPaxosMessage.Prepare(id, i, b);
        fx.broadcast(m);
        fx.event("Prepare", m, node);
    }

    /** PrepareReply(r, m): promise m.bal and report the record. */
    @SpecAction("PrepareReply")
    void prepareReply(EPaxosMessage.Prepare m) {
        int i = m.inst();
        EPaxosRec rec = log.rec(i);
        if (m.bal() <= rec.bal()) {
            return;
        }
        log.setRec(i, rec.withBal(m.bal()));
        node.persist();
        int vbal = mutant == EPaxosMutant.ORIGINAL_RECOVERY ? rec.bal() : rec.abal();
        fx.send(m.from(), new EPaxosMessage.PrepareOK(id, i, m.bal(), rec.status(), rec.cmd(), rec.deps(), rec.seq(),
                vbal, rec.fast()));
        fx.event("PrepareReply", m, node);
    }

    /** Recover(r, i, Q): with PrepareOK from a majority, the spec's five cases. */
    @SpecAction("Recover")
    void recover(int i, EPaxosReplies r) {
        int b = log.cbal(i);
        EPaxosRec own = log.rec(i);
        if (!log.phase(i).equals("prepare") || own.bal() != b || own.committed() || r.prep.size() < cq) {
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
            node.commitLocal(i, committed.cmd(), committed.deps(), committed.seq());
            log.setPhase(i, "done");
            m = new EPaxosMessage.Commit(id, i, committed.cmd(), committed.deps(), committed.seq());
        } else if (best != null && mutant != EPaxosMutant.RECOVERY_IGNORES_ACCEPTED) {
            m = acceptAt(i, b, best.cmd(), best.deps(), best.seq());
        } else if (best == null && !leaderIn && witnesses >= fq + cq - n) {
            m = acceptAt(i, b, firstWit.cmd(), firstWit.deps(), firstWit.seq());
        } else if (firstPre != null || best != null) {
            String c = firstPre != null ? firstPre.cmd() : best.cmd();
            m = preAcceptAt(i, b, c);
        } else {
            m = preAcceptAt(i, b, EPaxosNode.NOOP);
        }
        EPaxosReplies fresh = new EPaxosReplies(b);
        if (m instanceof EPaxosMessage.Accept a) {
            fresh.accept = a;
        }
        node.replies.put(i, fresh);
        node.persist();
        fx.broadcast(m);
        fx.event("Recover", m, node);
        if (m instanceof EPaxosMessage.Commit) {
            node.afterCommit(i);
        } else if (m instanceof EPaxosMessage.PreAccept) {
            node.afterPreAcceptOK(i, node.replies.get(i)); // N = 1
        } else {
            node.commitSlow(i, node.replies.get(i)); // N = 1
        }
    }

    private EPaxosMessage acceptAt(int i, int b, String c, int[] d, int s) {
        log.setRec(i, new EPaxosRec(EPaxosRec.ACCEPTED, c, d, s, b, b, false));
        log.setPhase(i, "accept");
        return new EPaxosMessage.Accept(id, i, b, c, d, s);
    }

    /** Recover's last two cases: pre-accept command c again at ballot b, with this log's attributes. */
    private EPaxosMessage preAcceptAt(int i, int b, String c) {
        int[] d = log.localDeps(i, c);
        int s = 1 + log.maxSeq(d);
        log.setRec(i, new EPaxosRec(EPaxosRec.PREACCEPTED, c, d, s, b, b, false));
        log.setPhase(i, "preaccept");
        return new EPaxosMessage.PreAccept(id, i, b, c, d, s);
    }
}
