package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.zab.ZabMessage.Packet;
import dev.tlaconform.impl.zab.ZabMessage.Type;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * The spec's per-server state and its actions (specs/zab/Zab.tla, EVENTS.md), one method per
 * action, each logging its event with the post-state. A receive handler returns false when its
 * action is not enabled for the message (then it changes nothing and logs nothing: the caller
 * stalls the connection). The follower's actions are {@link ZabFollower}'s; {@link ZabNode} drives
 * these: election, heartbeats, connections.
 */
abstract class ZabServer {
    static final int LOOKING = 0;
    static final int FOLLOWING = 1;
    static final int LEADING = 2;
    static final String[] ROLES = {"LOOKING", "FOLLOWING", "LEADING"};
    static final int ELECTION = 0;
    static final int DISCOVERY = 1;
    static final int SYNCHRONIZATION = 2;
    static final int BROADCAST = 3;
    static final String[] PHASES = {"ELECTION", "DISCOVERY", "SYNCHRONIZATION", "BROADCAST"};

    final int id;
    final int n;
    final int maxEpoch;
    final Effects fx;
    final ZabMutant mutant;
    final ZabLinks links;

    // durable (+ boot, not a spec variable)
    Txn[] hist = new Txn[8];
    /**
     * The first history position (1-based) written since this server's last trace event
     * (Integer.MAX_VALUE: none): the event logs the history as {"len", "at": that position on},
     * EVENTS.md's delta form.
     */
    int histDirtyFrom = Integer.MAX_VALUE;
    int hlen;
    int currentEpoch;
    int acceptedEpoch;
    long boot;
    /** What the EPOCH_NOT_DURABLE mutant writes as currentEpoch: the value it came back with. */
    private int recoveredEpoch;
    // volatile
    int role = LOOKING;
    int phase = ELECTION;
    int leader;
    int lastCommitted;
    long cepochRecv;
    int proposedEpoch;
    long ackeRecv;
    long ackldRecv;
    final int[] ackIndex;
    // not spec state: this server's leadership/looking generation, client writes, deliveries
    long gen;
    final TreeSet<Integer> wanted = new TreeSet<>();
    final TreeSet<Integer> deliveredValues = new TreeSet<>();
    /** Wanted writes not delivered yet (done() without a pass over every write). */
    final TreeSet<Integer> undelivered = new TreeSet<>();
    /** The values in hist[0..hlen) (membership, for proposeWanted without a pass over the history). */
    private final TreeSet<Integer> histValues = new TreeSet<>();
    /** Wanted writes whose value is not in the history: what proposeWanted proposes. */
    final TreeSet<Integer> unproposed = new TreeSet<>();
    private int decidedUpTo;
    /** ACK_BEFORE_LOG: the txn acknowledged but not yet logged. */
    Txn deferred;

    ZabServer(int id, int n, int maxEpoch, Effects fx, ZabMutant mutant) {
        if (id < 1 || id > n || n > Quorum.MAX_NODES) {
            throw new IllegalArgumentException("zab server " + id + " of " + n);
        }
        this.id = id;
        this.n = n;
        this.maxEpoch = maxEpoch;
        this.fx = fx;
        this.mutant = mutant;
        this.links = new ZabLinks(n);
        this.ackIndex = new int[n + 1];
    }

    abstract void sendToFollower(int f, Packet p);

    /**
     * A follower has accepted a higher epoch than the one this leader chose (it will never join:
     * FollowerProcessNEWEPOCH sends it back to election), or its ACKEPOCH shows it ahead of this
     * leader: the leader gives up for a new election (liveness only; any time is a spec behaviour),
     * after the quiet period of every close.
     */
    abstract void outdatedEpoch();

    // ---- phase 0: election -------------------------------------------------------------------

    /** ElectLeader(i, j): j = i leads; else follows j's leadership {@code session}, sending FOLLOWERINFO. */
    @SpecAction("ElectLeader")
    void electLeader(int j, long session) {
        leader = j;
        phase = DISCOVERY;
        if (j == id) {
            role = LEADING;
            proposedEpoch = acceptedEpoch + 1;
            fx.event("ElectLeader", null, this::writeState);
        } else {
            role = FOLLOWING;
            links.openFollower(j, session, gen);
            Packet m = toLeader(Type.FOLLOWERINFO, acceptedEpoch, 0);
            fx.event("ElectLeader", m, this::writeState);
        }
    }

    Packet toLeader(Type t, int a, long zxid) {
        Packet p = new Packet(t, id, leader, a, zxid, 0, null, 0, links.session, links.myConn, ++links.sendSeq);
        links.myUnacked.addLast(p);
        fx.send(leader, p);
        return p;
    }

    private void toFollower(int f, Type t, int a, long zxid, int value) {
        Packet p = new Packet(t, id, f, a, zxid, value, t == Type.NEWLEADER ? hist : null, t == Type.NEWLEADER ? hlen : 0,
                gen, links.conn[f], ++links.sent[f]);
        sendToFollower(f, p);
    }

    private void toFollowers(long mask, Type t, int a, long zxid, int value) {
        for (int f = 1; f <= n; f++) {
            if (Quorum.contains(mask, f)) {
                toFollower(f, t, a, zxid, value);
            }
        }
    }

    // ---- leader: discovery, synchronisation, broadcast --------------------------------------------------

    boolean leaderHandles(Packet m) {
        switch (m.kind()) {
            case FOLLOWERINFO: return leaderProcessFollowerInfo(m);
            case ACKEPOCH: return leaderProcessAckEpoch(m);
            case ACKLD: return leaderProcessAckLd(m);
            case ACK: return leaderProcessAck(m);
            default: return false;
        }
    }

    @SpecAction("LeaderProcessFOLLOWERINFO")
    private boolean leaderProcessFollowerInfo(Packet m) {
        int f = m.from();
        boolean chosen = acceptedEpoch == proposedEpoch;
        long recv = cepochRecv | Quorum.bit(f);
        int pe = Math.max(proposedEpoch, m.a() + 1);
        boolean quorum = !chosen && Quorum.isMajority(recv | Quorum.bit(id), n);
        if (quorum && pe > maxEpoch) {
            return false; // out of epochs: the header's MaxEpoch bounds the run
        }
        if (phase != DISCOVERY) {
            ackeRecv &= ~Quorum.bit(f);
        }
        ackIndex[f] = 0;
        if (chosen) {
            toFollower(f, Type.NEWEPOCH, acceptedEpoch, 0, 0);
            if (m.a() > acceptedEpoch) {
                outdatedEpoch();
            }
        } else {
            proposedEpoch = pe;
            if (quorum) {
                acceptedEpoch = pe;
                cepochRecv = 0;
                persist();
                toFollowers(recv, Type.NEWEPOCH, pe, 0, 0);
            } else {
                cepochRecv = recv;
            }
        }
        fx.event("LeaderProcessFOLLOWERINFO", m, this::writeState);
        return true;
    }

    @SpecAction("LeaderProcessACKEPOCH")
    private boolean leaderProcessAckEpoch(Packet m) {
        int f = m.from();
        if (phase == DISCOVERY) {
            if (m.a() == -1) {
                return false; // waits, as waitForEpochAck does
            }
            boolean ahead = m.a() > currentEpoch || (m.a() == currentEpoch && lastZxid() < m.zxid());
            if (ahead) {
                // give up as every other close does: silent for the message lifetime, then
                // LeaderShutdown (the spec's "ahead" branch closes the connections at once, so a
                // NEWEPOCH sent before must be handled, if at all, before the close is logged)
                outdatedEpoch();
                return true;
            }
            long recv = ackeRecv | Quorum.bit(f);
            ackeRecv = recv;
            if (Quorum.isMajority(recv | Quorum.bit(id), n)) {
                currentEpoch = acceptedEpoch;
                phase = mutant == ZabMutant.SKIP_SYNC ? BROADCAST : SYNCHRONIZATION;
                persist();
                toFollowers(recv, Type.NEWLEADER, acceptedEpoch, 0, 0);
            }
            fx.event("LeaderProcessACKEPOCH", m, this::writeState);
            if (phase == BROADCAST) {
                proposeWanted();
            }
            return true;
        }
        ackeRecv |= Quorum.bit(f);
        toFollower(f, Type.NEWLEADER, currentEpoch, 0, 0);
        fx.event("LeaderProcessACKEPOCH", m, this::writeState);
        return true;
    }

    @SpecAction("LeaderProcessACKLD")
    private boolean leaderProcessAckLd(Packet m) {
        if (Txn.epoch(m.zxid()) != currentEpoch || phase == DISCOVERY) {
            return false;
        }
        int f = m.from();
        if (phase == BROADCAST) {
            toFollower(f, Type.COMMITLD, 0, lastCommitted == 0 ? 0 : hist[lastCommitted - 1].zxid(), 0);
            fx.event("LeaderProcessACKLD", m, this::writeState);
            return true;
        }
        long recv = ackldRecv | Quorum.bit(f);
        if (Quorum.isMajority(recv | Quorum.bit(id), n)) {
            ackldRecv = 0;
            phase = BROADCAST;
            commitTo(hlen);
            toFollowers(recv, Type.COMMITLD, 0, lastZxid(), 0);
            fx.event("LeaderProcessACKLD", m, this::writeState);
            proposeWanted();
        } else {
            ackldRecv = recv;
            fx.event("LeaderProcessACKLD", m, this::writeState);
        }
        return true;
    }

    /** LeaderProcessRequest for every write this leader was handed that is not in its history. */
    void proposeWanted() {
        if (role != LEADING || phase != BROADCAST) {
            return;
        }
        if (mutant == ZabMutant.RETRY_APPLIED_TWICE && reproposedIn != currentEpoch) {
            reproposedIn = currentEpoch; // the bug: the writes inherited from earlier epochs, retried by their clients after
            again.clear(); // the leader change, are taken for new requests when the retries arrive (after a new one)
            for (int k = 0; k < hlen; k++) {
                if (Txn.epoch(hist[k].zxid()) < currentEpoch && wanted.contains(hist[k].value())) {
                    again.add(hist[k].value());
                }
            }
        }
        boolean proposed = false;
        for (int v : new java.util.ArrayList<>(unproposed)) {   // wanted and not in the history, in order
            leaderProcessRequest(v);
            proposed = true;
        }
        if (proposed && !again.isEmpty()) {
            for (int v : again) {
                leaderProcessRequest(v);
            }
            again.clear();
        }
    }

    /** Mutant retry-applied-twice: the epoch whose inherited writes this leader proposes again, and those not yet. */
    private int reproposedIn = -1;
    private final java.util.List<Integer> again = new java.util.ArrayList<>();

    @SpecAction("LeaderProcessRequest")
    private void leaderProcessRequest(int v) {
        long last = lastZxid();
        int first = mutant == ZabMutant.ZXID_COUNTER_FROM_ZERO ? 0 : 1;
        int counter = Txn.epoch(last) == currentEpoch || (mutant == ZabMutant.ZXID_COUNTER_NOT_RESET && hlen > 0)
                ? Txn.counter(last) + 1 : first;
        Txn t = new Txn(Txn.zxid(currentEpoch, counter), v);
        append(t);
        if (mutant == ZabMutant.COMMIT_WITHOUT_QUORUM) {
            commitTo(hlen);
        }
        persist();
        toFollowers(ackeRecv, Type.PROPOSE, 0, t.zxid(), v);
        fx.event("LeaderProcessRequest", fx.tracing() ? new ZabMessage.Request(v) : null, this::writeState);
    }

    @SpecAction("LeaderProcessACK")
    private boolean leaderProcessAck(Packet m) {
        int idx = indexOf(m.zxid());
        if (phase != BROADCAST || Txn.epoch(m.zxid()) != currentEpoch || idx == 0) {
            return false;
        }
        int f = m.from();
        ackIndex[f] = Math.max(ackIndex[f], idx);
        int c = lastCommitted;
        int k = c;
        while (k < hlen && acked(k + 1)) {
            k++;
        }
        if (k > c) {
            commitTo(k);
            toFollowers(ackeRecv, Type.COMMIT, 0, hist[k - 1].zxid(), 0);
        }
        fx.event("LeaderProcessACK", m, this::writeState);
        return true;
    }

    private boolean acked(int k) {
        long mask = mutant == ZabMutant.LEADER_NO_SELF_ACK ? 0 : Quorum.bit(id);
        for (int s = 1; s <= n; s++) {
            if (ackIndex[s] >= k) {
                mask |= Quorum.bit(s);
            }
        }
        return Quorum.isMajority(mask, n);
    }

    // ---- failures ---------------------------------------------------------------------------------

    @SpecAction("FollowerShutdown")
    void followerShutdown() {
        goLooking();
        fx.event("FollowerShutdown", null, this::writeState);
    }

    @SpecAction("LeaderShutdown")
    void leaderShutdown() {
        goLooking();
        fx.event("LeaderShutdown", null, this::writeState);
    }

    /** Restart(i): the durable state is back ({@link #recover}), the volatile state fresh. */
    @SpecAction("Restart")
    void restart() {
        goLooking();
        lastCommitted = 0;
        histDirtyFrom = 1; // the recovered history is logged whole: a recovery that loses a txn shows here
        fx.event("Restart", null, this::writeState);
    }

    void recover(ZabDurable d) {
        hist = Arrays.copyOf(d.history(), Math.max(8, d.length() * 2));
        hlen = d.length();
        historyReplaced();
        currentEpoch = d.currentEpoch();
        acceptedEpoch = d.acceptedEpoch();
        recoveredEpoch = currentEpoch;
    }

    /** GoLooking(i): back to election, leader bookkeeping reset. */
    void goLooking() {
        role = LOOKING;
        phase = ELECTION;
        leader = 0;
        cepochRecv = 0;
        proposedEpoch = 0;
        ackeRecv = 0;
        ackldRecv = 0;
        Arrays.fill(ackIndex, 0);
    }

    // ---- history, delivery, durability ------------------------------------------------------------

    void persist() {
        int ce = mutant == ZabMutant.EPOCH_NOT_DURABLE ? recoveredEpoch : currentEpoch;
        fx.persist(new ZabDurable(hist, hlen, ce, acceptedEpoch, boot));
    }

    void append(Txn t) {
        if (hlen == hist.length) {
            hist = Arrays.copyOf(hist, hlen * 2);
        }
        hist[hlen++] = t;
        histDirtyFrom = Math.min(histDirtyFrom, hlen);
        histValues.add(t.value());
        unproposed.remove(t.value());
    }

    long lastZxid() {
        return hlen == 0 ? 0 : hist[hlen - 1].zxid();
    }

    /**
     * Position (1-based) of zxid z in the history, the last one if there are several, 0 if absent.
     * hist[0..orderedUpTo) was found in strictly increasing zxid order at the end of the last step
     * (ZabNode's local invariant), so z occurs there at most once and a binary search finds it; what
     * this step appended after it is searched from the end, as the whole history once was (a
     * follower's commits trail its proposals by thousands at 100,000 writes).
     */
    int indexOf(long z) {
        int sorted = Math.min(orderedUpTo, hlen);
        for (int k = hlen; k > sorted; k--) {
            if (hist[k - 1].zxid() == z) {
                return k;
            }
        }
        int lo = 0;
        int hi = sorted - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long mz = hist[mid].zxid();
            if (mz < z) {
                lo = mid + 1;
            } else if (mz > z) {
                hi = mid - 1;
            } else {
                return mid + 1;
            }
        }
        return 0;
    }

    boolean inHistory(int v) {
        return histValues.contains(v);
    }

    /** A write handed to this server: wanted, proposed when leading and not in the history. */
    void want(int v) {
        if (wanted.add(v)) {
            if (!deliveredValues.contains(v)) {
                undelivered.add(v);
            }
            if (!histValues.contains(v)) {
                unproposed.add(v);
            }
        }
    }

    /** The history was replaced as a whole (NEWLEADER, recovery): the sets kept from it are rebuilt. */
    void historyReplaced() {
        histValues.clear();
        for (int k = 0; k < hlen; k++) {
            histValues.add(hist[k].value());
        }
        unproposed.clear();
        for (int v : wanted) {
            if (!histValues.contains(v)) {
                unproposed.add(v);
            }
        }
        orderedUpTo = 0;
    }

    /** hist[0..orderedUpTo) was found in zxid order (ZabNode's local invariant checks only the rest). */
    int orderedUpTo;

    /** lastCommitted' = k; positions never delivered by this object are delivered, in order. */
    void commitTo(int k) {
        lastCommitted = k;
        for (int p = decidedUpTo + 1; p <= k; p++) {
            int v = hist[p - 1].value();
            deliveredValues.add(v);
            undelivered.remove(v);
            fx.decide(p, Integer.toString(v));
        }
        decidedUpTo = Math.max(decidedUpTo, k);
    }

    /**
     * The {@code state} object (EVENTS.md, "Per-server state", keys in that order); the history as
     * what changed since this server's last event (its length and the positions written).
     */
    void writeState(JsonOut out) {
        out.beginObject().name("history").beginObject().field("len", hlen).name("at").beginArray();
        for (int k = histDirtyFrom; k <= hlen; k++) {
            out.beginArray().value(k);
            hist[k - 1].writeJson(out);
            out.endArray();
        }
        out.endArray().endObject();
        histDirtyFrom = Integer.MAX_VALUE;
        out.field("currentEpoch", currentEpoch).field("acceptedEpoch", acceptedEpoch).field("role", ROLES[role])
                .field("phase", PHASES[phase]).field("leader", leader).field("lastCommitted", lastCommitted)
                .nodeSet("cepochRecv", cepochRecv).field("proposedEpoch", proposedEpoch)
                .nodeSet("ackeRecv", ackeRecv).nodeSet("ackldRecv", ackldRecv).name("ackIndex").beginArray();
        for (int s = 1; s <= n; s++) {
            out.value(ackIndex[s]);
        }
        out.endArray().endObject();
    }
}
