package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.zab.ZabMessage.Packet;
import dev.tlaconform.impl.zab.ZabMessage.Type;
import java.util.Arrays;

/**
 * The follower's actions of specs/zab/Zab.tla on the server state of {@link ZabServer} (NEWEPOCH,
 * NEWLEADER, COMMITLD, PROPOSE, COMMIT), each logging its event with the post-state; as there, a
 * handler returns false when its action is not enabled for the message.
 */
abstract class ZabFollower extends ZabServer {
    ZabFollower(int id, int n, int maxEpoch, Effects fx, ZabMutant mutant) {
        super(id, n, maxEpoch, fx, mutant);
    }

    boolean followerHandles(Packet m) {
        switch (m.kind()) {
            case NEWEPOCH: return followerProcessNewEpoch(m);
            case NEWLEADER: return followerProcessNewLeader(m);
            case COMMITLD: return followerProcessCommitLd(m);
            case PROPOSE: return followerProcessPropose(m);
            case COMMIT: return followerProcessCommit(m);
            default: return false;
        }
    }

    @SpecAction("FollowerProcessNEWEPOCH")
    private boolean followerProcessNewEpoch(Packet m) {
        if (phase != DISCOVERY) {
            return false;
        }
        int e = m.a();
        if (e >= acceptedEpoch) {
            int ce = e > acceptedEpoch ? currentEpoch : -1;
            acceptedEpoch = e;
            if (mutant == ZabMutant.EARLY_CURRENT_EPOCH) {
                currentEpoch = e;
            }
            phase = SYNCHRONIZATION;
            persist();
            toLeader(Type.ACKEPOCH, ce, lastZxid());
        } else {
            goLooking();
        }
        fx.event("FollowerProcessNEWEPOCH", m, this::writeState);
        return true;
    }

    @SpecAction("FollowerProcessNEWLEADER")
    private boolean followerProcessNewLeader(Packet m) {
        if (phase != SYNCHRONIZATION || m.a() != acceptedEpoch) {
            return false;
        }
        currentEpoch = m.a();
        int same = 0; // the prefix the leader's history shares with ours is not logged again
        if (fx.tracing()) {
            while (same < Math.min(hlen, m.length()) && hist[same].equals(m.history()[same])) {
                same++;
            }
        }
        histDirtyFrom = Math.min(histDirtyFrom, same + 1);
        hist = Arrays.copyOf(m.history(), Math.max(8, m.length() * 2));
        hlen = m.length();
        historyReplaced();
        persist();
        toLeader(Type.ACKLD, 0, Txn.zxid(m.a(), 0));
        fx.event("FollowerProcessNEWLEADER", m, this::writeState);
        return true;
    }

    @SpecAction("FollowerProcessCOMMITLD")
    private boolean followerProcessCommitLd(Packet m) {
        int idx = indexOf(m.zxid());
        if (phase != SYNCHRONIZATION || currentEpoch != acceptedEpoch || (m.zxid() != 0 && idx == 0)) {
            return false;
        }
        phase = BROADCAST;
        commitTo(Math.max(lastCommitted, idx));
        fx.event("FollowerProcessCOMMITLD", m, this::writeState);
        return true;
    }

    @SpecAction("FollowerProcessPROPOSE")
    private boolean followerProcessPropose(Packet m) {
        if ((phase != SYNCHRONIZATION && phase != BROADCAST) || Txn.epoch(m.zxid()) != currentEpoch) {
            return false;
        }
        Txn t = new Txn(m.zxid(), m.value());
        if (mutant == ZabMutant.ACK_BEFORE_LOG) {
            deferred = t; // the bug: ACK now, log later
        } else {
            append(t);
            persist();
        }
        if (mutant == ZabMutant.DELIVER_BEFORE_COMMIT) {
            commitTo(hlen);
        }
        toLeader(Type.ACK, 0, m.zxid());
        fx.event("FollowerProcessPROPOSE", m, this::writeState);
        return true;
    }

    /** ACK_BEFORE_LOG: the acknowledged txn reaches the log at the start of the next step. */
    void flushDeferred() {
        if (deferred != null) {
            append(deferred);
            deferred = null;
            persist();
        }
    }

    @SpecAction("FollowerProcessCOMMIT")
    private boolean followerProcessCommit(Packet m) {
        int idx = indexOf(m.zxid());
        if ((phase != SYNCHRONIZATION && phase != BROADCAST) || idx == 0) {
            return false;
        }
        commitTo(Math.max(lastCommitted, idx));
        fx.event("FollowerProcessCOMMIT", m, this::writeState);
        return true;
    }
}
