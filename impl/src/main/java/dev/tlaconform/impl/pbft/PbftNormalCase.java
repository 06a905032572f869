package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.pbft.PbftMessage.Cert;
import dev.tlaconform.impl.pbft.PbftMessage.Commit;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The normal case of an honest replica (Castro and Liskov 4.2): PrePrepare, Prepare, Commit and
 * CommitLocal, on the replica's state.
 */
final class PbftNormalCase {
    private final PbftReplica r;

    PbftNormalCase(PbftReplica r) {
        this.r = r;
    }

    /** req is in committed (the entries at or below h are empty). */
    private boolean committedHolds(Req req) {
        for (int n = r.h + 1; n <= r.last(); n++) {
            if (r.committed[n].equals(req)) {
                return true;
            }
        }
        return false;
    }

    private int nextSeq() {
        int n = r.h;
        for (int k = r.h + 1; k <= r.last(); k++) {
            if (!r.ppAcc[k].none()) {
                n = k;
            }
        }
        return n + 1;
    }

    /** PrePrepare(i, r): the primary assigns the next sequence number to a client request. */
    @SpecAction("PrePrepare")
    boolean prePrepare() {
        int n = nextSeq();
        if (!r.active || r.me != r.c.primary(r.view) || n > r.c.maxSeq() || n > r.h + r.c.l()) {
            return false;
        }
        for (Request q : r.log.pendingRequests()) {
            Req req = q.req();
            if (Entry.holds(r.ppAcc, r.h + 1, r.last(), req) || r.execSet.contains(req) || committedHolds(req)) {
                continue;
            }
            r.ppAcc[n] = new Entry(r.view, req);
            r.touch(n);
            PrePrepare p = r.sign(new PrePrepare(r.view, n, req.digest(), q, r.me, r.id, null));
            r.log.addPrePrepare(p);
            r.sendOthers(p);
            r.fx.event("PrePrepare", r.me, p, r);
            return true;
        }
        return false;
    }

    /** Prepare(i, n, r): a backup accepts the primary's pre-prepare in its window and multicasts PREPARE. */
    @SpecAction("Prepare")
    boolean prepare() {
        if (!r.active || r.me == r.c.primary(r.view)) {
            return false;
        }
        for (int n = r.h + 1; n <= Math.min(r.h + r.c.l(), r.c.maxSeq()); n++) {
            PrePrepare p = r.log.prePrepare(r.view, n);
            if (r.ppAcc[n].none() && p != null && p.request() != null) {
                r.ppAcc[n] = new Entry(r.view, p.req());
                r.touch(n);
                Prepare mine = r.sign(new Prepare(r.view, n, p.digest(), p.req(), r.me, r.id, null));
                r.log.addPrepare(mine);
                r.sendOthers(mine);
                r.fx.event("Prepare", r.me, p, r);
                return true;
            }
        }
        return false;
    }

    /** Commit(i, n): prepared (pre-prepare + 2f matching prepares): multicast COMMIT. */
    @SpecAction("Commit")
    boolean commit() {
        if (!r.active) {
            return false;
        }
        int need = r.c.q() - 1 - (r.c.mutant(PbftMutant.PREPARED_WITH_2F_MINUS_1) ? 1 : 0);
        for (int n = r.h + 1; n <= r.last(); n++) {
            Entry e = r.ppAcc[n];
            if (e.none() || e.view() != r.view || r.prepCert[n].equals(e)) {
                continue;
            }
            Map<Integer, Prepare> ps = r.log.prepares(r.view, n, e.req().digest());
            if (ps.size() >= need) {
                List<Prepare> quorum = new ArrayList<>(ps.values()).subList(0, need);
                r.prepCert[n] = e;
                r.touch(n);
                r.certs[n] = new Cert(r.view, n, e.req(), r.log.prePrepare(r.view, n), List.copyOf(quorum));
                Commit mine = r.sign(new Commit(r.view, n, e.req().digest(), e.req(), r.me, r.id, null));
                r.log.addCommit(mine);
                r.sendOthers(mine);
                r.fx.event("Commit", r.me, r.fx.tracing() ? Logged.quorum(mine, PbftSigning.reps(quorum)) : null, r);
                return true;
            }
        }
        return false;
    }

    /** CommitLocal(i, n): prepared and 2f+1 matching commits: committed-local. */
    @SpecAction("CommitLocal")
    boolean commitLocal() {
        if (!r.active) {
            return false;
        }
        int need = r.c.q() - (r.c.mutant(PbftMutant.COMMIT_WITH_2F) ? 1 : 0);
        for (int n = r.h + 1; n <= r.last(); n++) {
            Entry e = r.prepCert[n];
            if (e.none() || e.view() != r.view || r.committed[n] != Req.NONE) {
                continue;
            }
            Map<Integer, Commit> cs = r.log.commits(r.view, n, e.req().digest());
            if (cs.size() >= need) {
                r.committed[n] = e.req();
                r.touch(n);
                r.fx.decide(n, e.req().value());
                if (r.fx.tracing()) {
                    List<Integer> q = new ArrayList<>(cs.keySet()).subList(0, need);
                    int v = r.view;
                    int seq = n;
                    r.fx.event("CommitLocal", r.me, Logged.quorum(out -> {
                        out.beginObject().field("type", "COMMITTED").field("view", v).field("seq", seq).name("req");
                        e.req().writeJson(out);
                        out.endObject();
                    }, q), r);
                } else {
                    r.fx.event("CommitLocal", r.me, null, r);
                }
                return true;
            }
        }
        return false;
    }
}
