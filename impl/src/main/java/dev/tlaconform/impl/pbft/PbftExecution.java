package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.Reply;
import java.util.List;

/**
 * Execution and garbage collection of an honest replica (Castro and Liskov 4.3): Execute,
 * Checkpoint, StableCheckpoint and the move of the low water mark (with state transfer) they share
 * with the view change, on the replica's state.
 */
final class PbftExecution {
    private final PbftReplica r;

    PbftExecution(PbftReplica r) {
        this.r = r;
    }

    private boolean checkpointDone() {
        int n = r.exec.size();
        return n == 0 || n % r.c.k() != 0 || n <= r.h || r.ckptSent >= n;
    }

    /** Execute(i): run the next committed request in order and reply to the client. */
    @SpecAction("Execute")
    boolean execute() {
        int n = r.exec.size() + 1;
        if (n > r.c.maxSeq() || !checkpointDone()) {
            return false;
        }
        if (r.committed[n] == Req.NONE && r.c.mutant(PbftMutant.EXECUTE_OUT_OF_ORDER)) {
            for (int k = n + 1; k <= r.last(); k++) {
                if (r.committed[k] != Req.NONE && !r.execSet.contains(r.committed[k])) {
                    n = k;
                    break;
                }
            }
        }
        Req req = r.committed[n];
        if (req == Req.NONE) {
            return false;
        }
        r.appendExec(req);
        r.execDirtyFrom = Math.min(r.execDirtyFrom, r.exec.size());
        r.progressed = true;
        Reply reply = null;
        if (req != Req.NULL) {
            reply = r.sign(new Reply(r.view, req, "ok:" + req.value(), r.me, r.id, null));
            r.log.executed(req, reply);
            r.fx.send(r.log.clientNode(req.client(), r.c), reply);
        }
        r.fx.event("Execute", r.me, reply, r);
        return true;
    }

    /** Checkpoint(i): every K executed requests, multicast CHECKPOINT with the state digest. */
    @SpecAction("Checkpoint")
    boolean checkpoint() {
        if (checkpointDone()) {
            return false;
        }
        int n = r.exec.size();
        List<Req> state = List.copyOf(r.exec);
        Checkpoint p = r.sign(new Checkpoint(n, state, Req.stateDigest(state), r.me, r.id, null));
        r.ckptSent = n;
        r.log.addCheckpoint(p);
        r.sendOthers(p);
        r.fx.event("Checkpoint", r.me, p, r);
        return true;
    }

    /** StableCheckpoint(i): 2f+1 matching checkpoints: move the low water mark, collect garbage, fetch state. */
    @SpecAction("StableCheckpoint")
    boolean stableCheckpoint() {
        List<Checkpoint> proof = r.log.stableAbove(r.h, r.c.mutant(PbftMutant.GC_BEFORE_STABLE) ? 1 : r.c.q());
        if (proof == null) {
            return false;
        }
        Checkpoint ck = proof.get(0);
        moveWindow(ck.seq(), ck.state(), proof);
        if (r.fx.tracing()) {
            r.fx.event("StableCheckpoint", r.me, Logged.quorum(out -> {
                out.beginObject().field("type", "STABLE").field("seq", ck.seq()).field("digest", ck.digest()).endObject();
            }, PbftSigning.reps(proof)), r);
        } else {
            r.fx.event("StableCheckpoint", r.me, null, r);
        }
        return true;
    }

    /**
     * Moves the low water mark to seq (a stable checkpoint, or one a NEW-VIEW carries): discards the
     * per-seq log at or below it, and takes the checkpoint's state when this replica is behind it.
     */
    void moveWindow(int seq, List<Req> state, List<Checkpoint> proof) {
        if (seq > r.h) {
            r.h = seq;
            r.hProof = List.copyOf(proof);
        }
        for (int n = r.cleared + 1; n <= Math.min(r.h, r.c.maxSeq()); n++) {
            r.ppAcc[n] = Entry.NONE;
            r.prepCert[n] = Entry.NONE;
            r.committed[n] = Req.NONE;
            r.certs[n] = null;
        }
        r.cleared = Math.max(r.cleared, Math.min(r.h, r.c.maxSeq()));
        if (r.exec.size() < seq) {
            int same = 0; // the prefix the transferred state shares with exec is not logged again
            while (same < Math.min(r.exec.size(), state.size()) && r.exec.get(same).equals(state.get(same))) {
                same++;
            }
            r.execDirtyFrom = Math.min(r.execDirtyFrom, same + 1);
            r.setExec(state); // state transfer
            r.log.executedAll(r.exec);
            r.progressed = true;
        }
        if (r.ckptSent < r.h) {
            r.ckptSent = r.h;
        }
        r.log.collect(r.h);
    }
}
