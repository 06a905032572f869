package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.pbft.PbftMessage.Cert;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.Request;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The view change of an honest replica (Castro and Liskov 4.4): StartViewChange, NewView,
 * AcceptNewView and the EnterView they share, on the replica's state.
 */
final class PbftViewChange {
    private final PbftReplica r;

    PbftViewChange(PbftReplica r) {
        this.r = r;
    }

    /** StartViewChange(i): the r.view-change timer fired: move to r.view+1 and multicast VIEW-CHANGE. */
    @SpecAction("StartViewChange")
    void startViewChange() {
        if (r.view >= r.c.maxView()) {
            return; // out of views: the header's MaxView bounds the run
        }
        r.view++;
        r.active = false;
        java.util.Arrays.fill(r.ppAcc, Entry.NONE);
        List<Cert> p = new ArrayList<>();
        for (int n = r.h + 1; n <= r.last(); n++) {
            if (!r.prepCert[n].none() && !r.c.mutant(PbftMutant.VIEW_CHANGE_DROPS_PREPARED)) {
                p.add(r.certs[n]);
            }
        }
        ViewChange v = r.sign(new ViewChange(r.view, r.me, r.h, List.copyOf(r.exec.subList(0, r.h)), r.hProof, List.copyOf(p), r.id, null));
        r.myViewChange = v;
        r.log.addViewChange(v);
        r.sendOthers(v);
        r.attempts++;
        r.dirty = true;
        r.fx.event("StartViewChange", r.me, v, r);
        r.drive();
    }

    /** NewView(i): the new primary has 2f+1 r.view-changes (its own among them): multicast NEW-VIEW with O. */
    @SpecAction("NewView")
    boolean newView() {
        if (r.active || r.me != r.c.primary(r.view)) {
            return false;
        }
        List<ViewChange> vs = r.log.viewChangeQuorum(r.view, r.me);
        if (vs == null) {
            return false;
        }
        List<Cert> o = PbftChecks.computeO(vs);
        if (r.c.mutant(PbftMutant.NEW_PRIMARY_FRESH_REQUEST)) {
            o = freshen(o);
        }
        List<PrePrepare> pps = new ArrayList<>();
        for (Cert x : o) {
            Request q = x.prePrepare() == null ? null : x.prePrepare().request();
            pps.add(r.sign(new PrePrepare(r.view, x.seq(), x.req().digest(), q, r.me, r.id, null)));
        }
        NewView nv = r.sign(new NewView(r.view, r.me, vs, List.copyOf(pps), r.id, null));
        r.myNewView = nv;
        enterView(nv);
        r.sendOthers(nv);
        r.fx.event("NewView", r.me, r.fx.tracing() ? Logged.quorum(nv, PbftSigning.repsOf(vs)) : null, r);
        return true;
    }

    /** The fresh-request mutant: the first re-proposed request is replaced by another pending one. */
    private List<Cert> freshen(List<Cert> o) {
        List<Cert> out = new ArrayList<>(o);
        for (int i = 0; i < out.size(); i++) {
            for (Request q : r.log.pendingRequests()) {
                if (!q.req().equals(out.get(i).req())) {
                    PrePrepare fake = new PrePrepare(r.view, out.get(i).seq(), q.req().digest(), q, r.me, r.id, null);
                    out.set(i, new Cert(-1, out.get(i).seq(), q.req(), fake, List.of()));
                    return out;
                }
            }
        }
        return out;
    }

    /** AcceptNewView(i): a backup enters the r.view of a valid NEW-VIEW and prepares its O. */
    @SpecAction("AcceptNewView")
    boolean acceptNewView() {
        NewView nv = r.log.newViewFor(r.view, r.active, r.me);
        if (nv == null) {
            return false;
        }
        enterView(nv);
        for (PrePrepare p : nv.o()) {
            if (p.seq() > r.h) {
                Prepare mine = r.sign(new Prepare(r.view, p.seq(), p.digest(), p.req(), r.me, r.id, null));
                r.log.addPrepare(mine);
                r.sendOthers(mine);
            }
        }
        r.fx.event("AcceptNewView", r.me, r.fx.tracing() ? Logged.quorum(nv, PbftSigning.repsOf(nv.vcs())) : null, r);
        return true;
    }

    /** EnterView: adopt min-s's checkpoint if newer, discard the r.log at or below it, accept O's pre-prepares. */
    private void enterView(NewView nv) {
        ViewChange ck = PbftChecks.minCkpt(nv.vcs());
        r.view = nv.view();
        r.active = true;
        java.util.Arrays.fill(r.ppAcc, Entry.NONE);
        r.execution.moveWindow(ck.ckSeq(), ck.ckState(), ck.ckProof());
        for (PrePrepare p : nv.o()) {
            if (p.seq() > r.h) {
                r.ppAcc[p.seq()] = new Entry(r.view, p.req());
                r.touch(p.seq());
                r.log.addPrePrepare(p);
            }
        }
        r.attempts = 0;
        r.timerArmed = false;
    }
}
