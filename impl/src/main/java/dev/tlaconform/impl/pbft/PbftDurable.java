package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.pbft.PbftMessage.Cert;
import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.List;

/** An immutable snapshot of a replica's spec state and proofs: what survives a crash. */
record PbftDurable(int view, boolean active, int h, Entry[] ppAcc, Entry[] prepCert, Req[] committed, List<Req> exec,
        Cert[] certs, List<Checkpoint> hProof, int ckptSent, ViewChange myViewChange, NewView myNewView) {

    static PbftDurable of(PbftReplica r) {
        return new PbftDurable(r.view, r.active, r.h, r.ppAcc.clone(), r.prepCert.clone(), r.committed.clone(),
                List.copyOf(r.exec), r.certs.clone(), r.hProof, r.ckptSent, r.myViewChange, r.myNewView);
    }

    void restore(PbftReplica r) {
        r.view = view;
        r.active = active;
        r.h = h;
        r.ppAcc = ppAcc.clone();
        r.prepCert = prepCert.clone();
        r.committed = committed.clone();
        r.exec = new ArrayList<>(exec);
        r.execDirtyFrom = 1; // a restored replica's next event logs the whole of exec once
        r.certs = certs.clone();
        r.hProof = hProof;
        r.ckptSent = ckptSent;
        r.myViewChange = myViewChange;
        r.myNewView = myNewView;
        r.log.executedAll(exec);
    }
}
