package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.pbft.PbftMessage.Cert;
import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable snapshot of a replica's spec state and proofs: what survives a crash. Taken after
 * every step that changes them, so it costs what the window holds, not the run: the per-seq logs
 * are copied from h+1 to the replica's {@code top} (every other entry is empty), and exec, which
 * only grows by appending (a state transfer replaces the list object), is the replica's list and
 * its length then: positions below that length of that list never change.
 */
record PbftDurable(int view, boolean active, int h, int top, Entry[] ppAcc, Entry[] prepCert, Req[] committed,
        List<Req> execList, int execLen, Cert[] certs, List<Checkpoint> hProof, int ckptSent, ViewChange myViewChange,
        NewView myNewView) {

    static PbftDurable of(PbftReplica r) {
        int from = Math.min(r.h, r.last()) + 1;
        int to = r.last() + 1;
        return new PbftDurable(r.view, r.active, r.h, r.last(), Arrays.copyOfRange(r.ppAcc, from, to),
                Arrays.copyOfRange(r.prepCert, from, to), Arrays.copyOfRange(r.committed, from, to), r.exec,
                r.exec.size(), Arrays.copyOfRange(r.certs, from, to), r.hProof, r.ckptSent, r.myViewChange, r.myNewView);
    }

    void restore(PbftReplica r) {
        r.view = view;
        r.active = active;
        r.h = h;
        int from = Math.min(h, top) + 1;
        Arrays.fill(r.ppAcc, Entry.NONE);
        Arrays.fill(r.prepCert, Entry.NONE);
        Arrays.fill(r.committed, Req.NONE);
        Arrays.fill(r.certs, null);
        System.arraycopy(ppAcc, 0, r.ppAcc, from, ppAcc.length);
        System.arraycopy(prepCert, 0, r.prepCert, from, prepCert.length);
        System.arraycopy(committed, 0, r.committed, from, committed.length);
        System.arraycopy(certs, 0, r.certs, from, certs.length);
        r.top = top;
        r.cleared = Math.min(h, r.c.maxSeq());
        List<Req> exec = new ArrayList<>(execLen);
        for (int k = 0; k < execLen; k++) {
            exec.add(execList.get(k));
        }
        r.setExec(exec);
        r.execDirtyFrom = 1; // a restored replica's next event logs the whole of exec once
        r.hProof = hProof;
        r.ckptSent = ckptSent;
        r.myViewChange = myViewChange;
        r.myNewView = myNewView;
        r.log.executedAll(exec);
    }
}
