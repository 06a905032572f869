package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.Commit;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.Reply;
import dev.tlaconform.impl.pbft.PbftMessage.Request;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;

/** Copies of messages with a signature (or a forged one) and a network sender put in. */
final class PbftSigning {
    private PbftSigning() {}

    static PbftMessage withSig(PbftMessage m, byte[] s) {
        return with(m, s, m.from());
    }

    /** m with signature s, sent over the network by simulator node {@code from}. */
    static PbftMessage with(PbftMessage m, byte[] s, int from) {
        if (m instanceof Request x) {
            return new Request(x.req(), from, s);
        }
        if (m instanceof PrePrepare x) {
            return new PrePrepare(x.view(), x.seq(), x.digest(), x.request(), x.rep(), from, s);
        }
        if (m instanceof Prepare x) {
            return new Prepare(x.view(), x.seq(), x.digest(), x.req(), x.rep(), from, s);
        }
        if (m instanceof Commit x) {
            return new Commit(x.view(), x.seq(), x.digest(), x.req(), x.rep(), from, s);
        }
        if (m instanceof Reply x) {
            return new Reply(x.view(), x.req(), x.result(), x.rep(), from, s);
        }
        if (m instanceof Checkpoint x) {
            return new Checkpoint(x.seq(), x.state(), x.digest(), x.rep(), from, s);
        }
        if (m instanceof ViewChange x) {
            return new ViewChange(x.view(), x.rep(), x.ckSeq(), x.ckState(), x.ckProof(), x.certs(), from, s);
        }
        NewView x = (NewView) m;
        return new NewView(x.view(), x.rep(), x.vcs(), x.o(), from, s);
    }

    /** The replica a message claims to come from (-1 for a client's REQUEST). */
    static int rep(PbftMessage m) {
        if (m instanceof Request) {
            return -1;
        }
        if (m instanceof PrePrepare x) {
            return x.rep();
        }
        if (m instanceof Prepare x) {
            return x.rep();
        }
        if (m instanceof Commit x) {
            return x.rep();
        }
        if (m instanceof Reply x) {
            return x.rep();
        }
        if (m instanceof Checkpoint x) {
            return x.rep();
        }
        if (m instanceof ViewChange x) {
            return x.rep();
        }
        return ((NewView) m).rep();
    }

    /** The replicas the messages claim to come from, sorted (a quorum as the trace logs it). */
    static java.util.List<Integer> reps(java.util.List<? extends PbftMessage> ms) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (PbftMessage m : ms) {
            out.add(rep(m));
        }
        out.sort(null);
        return out;
    }

    static java.util.List<Integer> repsOf(java.util.List<ViewChange> vs) {
        return reps(vs);
    }
}
