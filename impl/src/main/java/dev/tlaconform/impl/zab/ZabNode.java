package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.zab.ZabMessage.Packet;
import java.util.TreeSet;

/**
 * A Zab server (Junqueira, Reed and Serafini, DSN 2011; ZooKeeper's Leader/Follower): every
 * handler is one action of specs/zab/Zab.tla and logs the event of that name (EVENTS.md). The
 * spec actions live in {@link ZabServer} and {@link ZabFollower}; this class adds what the spec leaves out: leader election
 * ({@link ZabElection}), heartbeats, the connection bookkeeping ({@link ZabLinks}) and the rule
 * that makes the spec's instant connection closing hold over a real network: a server that gives
 * up a connection (FollowerShutdown, LeaderShutdown) or comes back from a crash (Restart) first
 * goes silent for the network's maximum message lifetime (TCP's MSL), so that nothing it sent on
 * the old connections can still be handled after it logs the close.
 */
public final class ZabNode extends ZabFollower implements ProtocolNode {
    /** Timers: election tick, heartbeat, end of a close's quiet period. */
    static final int ELECT = 1;
    static final int BEAT = 2;
    static final int CLOSE = 3;
    /** Heartbeats without hearing a quorum (leader) / the leader (follower) before giving up. */
    static final int QUIET_BEATS = 3;
    /** Heartbeats a connection may spend before broadcast (discovery, synchronisation). */
    static final int SETUP_BEATS = 8;

    private static final int CLOSE_NONE = 0;
    private static final int CLOSE_FOLLOWER = 1;
    private static final int CLOSE_LEADER = 2;
    private static final int CLOSE_RESTART = 3;

    private final long timeout;
    private final long lifetime;
    private final RandomSource random;
    private final ZabElection election;
    private int round;
    private int closing = CLOSE_NONE;
    private int quietBeats;
    private int setupBeats;
    private int committedAtBeat = -1;
    /** ZooKeeper's election rule: follow an announced leader even when behind it (see the constructor). */
    private final boolean followBehind;

    public ZabNode(int id, int n, int maxEpoch, long timeoutTicks, long lifetimeTicks, RandomSource random,
            EventSink sink, ZabMutant mutant) {
        this(id, n, maxEpoch, timeoutTicks, lifetimeTicks, random, sink, mutant, false);
    }

    /**
     * @param followBehind follow a server that announces it leads without checking it is not behind
     *                     this one, as ZooKeeper's FastLeaderElection does with a LEADING notification;
     *                     off in the simulator (a leader then never meets a follower ahead of it in
     *                     discovery), on in the test that drives the leader's give-up path
     */
    ZabNode(int id, int n, int maxEpoch, long timeoutTicks, long lifetimeTicks, RandomSource random,
            EventSink sink, ZabMutant mutant, boolean followBehind) {
        super(id, n, maxEpoch, new Effects(id, sink), mutant);
        this.followBehind = followBehind;
        this.timeout = Math.max(2, timeoutTicks);
        this.lifetime = Math.max(1, lifetimeTicks);
        this.random = random;
        this.election = new ZabElection(n);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        flushDeferred();
        if (input instanceof Input.Receive r) {
            noteLeaderSent((ZabMessage) r.msg());
            if (closing == CLOSE_NONE) {
                receive((ZabMessage) r.msg());
            }
        } else if (input instanceof Input.TimerFired t) {
            timer(t.timer());
        } else if (input instanceof Input.ClientRequest c) {
            clientRequest(c.value());
        } else if (input instanceof Input.Restart r) {
            beginRestart((ZabDurable) r.durable());
        } else if (input instanceof Input.Start) {
            boot = 1;
            persist();
            gen = gen(0);
            startLooking();
            fx.setTimer(BEAT, timeout);
        }
        assertInvariants();
        return fx;
    }

    private long gen(int r) {
        return (boot << 24) | r;
    }

    // ---- network --------------------------------------------------------------------------------

    /** Whatever a leader sends tells how many spec messages it had sent us by then. */
    private void noteLeaderSent(ZabMessage m) {
        if (m instanceof Packet p && !p.kind().fromFollower()) {
            links.noteLeaderSent(p.from(), p.session(), p.seq());
        } else if (m instanceof ZabMessage.Ping p && !p.pong()) {
            links.noteLeaderSent(p.from(), p.session(), p.seq());
        } else if (m instanceof ZabMessage.Vote v && v.state() == LEADING) {
            links.noteLeaderSent(v.from(), v.gen(), v.seq());
        }
    }

    private void receive(ZabMessage m) {
        if (m instanceof ZabMessage.Vote v) {
            vote(v);
        } else if (m instanceof ZabMessage.Ping p) {
            ping(p);
        } else {
            Packet p = (Packet) m;
            if (p.kind().fromFollower()) {
                fromFollower(p);
            } else {
                fromLeader(p);
            }
        }
    }

    private void fromFollower(Packet p) {
        if (role != LEADING || p.session() != gen || !links.fileFromFollower(p)) {
            return;
        }
        int f = p.from();
        for (Packet q; role == LEADING && closing == CLOSE_NONE && (q = links.takeFromFollower(f)) != null; ) {
            links.heard[f] = true;
            if (!leaderHandles(q)) {
                links.poison(f);
            }
        }
    }

    private void fromLeader(Packet p) {
        if (role != FOLLOWING || leader != p.from() || !links.fileFromLeader(p)) {
            return;
        }
        for (Packet q; role == FOLLOWING && (q = links.takeFromLeader()) != null; ) {
            if (q.conn() != links.myConn || !followerHandles(q)) {
                links.poisonMine();
            } else {
                links.heardLeader = true;
            }
        }
    }

    private void ping(ZabMessage.Ping p) {
        if (!p.pong()) {
            if (role == FOLLOWING && leader == p.from() && p.session() == links.session && p.conn() == links.myConn
                    && !links.myPoisoned) {
                links.heardLeader |= p.seq() < links.nextSeq; // else something sent to us is missing
                ZabLinks.acknowledge(links.myUnacked, p.ack());
                fx.send(p.from(), new ZabMessage.Ping(id, p.from(), p.session(), p.conn(), links.sendSeq,
                        links.nextSeq - 1, true));
            }
        } else if (role == LEADING && p.session() == gen && p.conn() == links.conn[p.from()]
                && !links.poisoned[p.from()]) {
            ZabLinks.acknowledge(links.unacked[p.from()], p.ack());
            if (p.seq() < links.next[p.from()]) {
                links.heard[p.from()] = true;
            }
        }
    }

    @Override
    void outdatedEpoch() {
        if (closing == CLOSE_NONE) {
            beginClose(CLOSE_LEADER);
        }
    }

    @Override
    void sendToFollower(int f, Packet p) {
        if (!links.poisoned[f]) {
            if (p.conn() == links.conn[f]) {
                links.unacked[f].addLast(p);
            }
            fx.send(f, p);
        }
    }

    // ---- election (not a spec action but for its outcome) ------------------------------------------

    private void startLooking() {
        election.clear();
        fx.setTimer(ELECT, 1 + random.nextLong(timeout / 2 + 1));
    }

    private void electionTick() {
        if (role != LOOKING) {
            return;
        }
        election.tick();
        fx.broadcast(new ZabMessage.Vote(id, gen, LOOKING, currentEpoch, lastZxid(), 0));
        tryLead();
        if (role == LOOKING) {
            fx.setTimer(ELECT, timeout / 2 + 1 + random.nextLong(timeout / 2 + 1));
        }
    }

    private void vote(ZabMessage.Vote v) {
        if (v.from() == id) {
            return;
        }
        if (v.state() == LOOKING) {
            election.record(v.from(), v.epoch(), v.lastZxid());
            if (role == LEADING) {
                fx.send(v.from(), new ZabMessage.Vote(id, gen, LEADING, currentEpoch, lastZxid(), links.sent[v.from()]));
            } // a looking server decides on its next election tick (fast leader election's finalize wait)
        } else if (v.state() == LEADING && role == LOOKING
                && (followBehind || !ZabElection.greater(currentEpoch, lastZxid(), 0, v.epoch(), v.lastZxid(), 0))) {
            fx.cancelTimer(ELECT);
            electLeader(v.from(), v.gen());
            setupBeats = 0;
            quietBeats = 0;
        }
    }

    private void tryLead() {
        if (election.wins(id, currentEpoch, lastZxid())) {
            fx.cancelTimer(ELECT);
            links.resetLeader();
            electLeader(id, gen);
            setupBeats = 0;
            quietBeats = 0;
            fx.broadcast(new ZabMessage.Vote(id, gen, LEADING, currentEpoch, lastZxid(), 0));
        }
    }

    // ---- heartbeats and giving up -------------------------------------------------------------------

    private void timer(int t) {
        if (t == CLOSE) {
            finishClose();
        } else if (t == ELECT) {
            if (closing == CLOSE_NONE) {
                electionTick();
            }
        } else if (t == BEAT) {
            fx.setTimer(BEAT, timeout);
            if (closing == CLOSE_NONE) {
                heartbeat();
            }
        }
    }

    private void heartbeat() {
        if (role == LEADING) {
            long alive = Quorum.bit(id);
            for (int f = 1; f <= n; f++) {
                if (f != id && links.conn[f] != 0 && !links.poisoned[f]) {
                    links.silent[f] = links.heard[f] ? 0 : links.silent[f] + 1;
                    if (links.silent[f] >= QUIET_BEATS) {
                        links.poison(f); // stop talking to it: its follower, hearing nothing, gives up
                        continue;
                    }
                    fx.send(f, new ZabMessage.Ping(id, f, gen, links.conn[f], links.sent[f], links.next[f] - 1, false));
                    for (Packet q : links.unacked[f]) {
                        fx.send(f, q); // retransmission: a lost message delays its connection, as over TCP
                    }
                    if (links.heard[f]) {
                        alive |= Quorum.bit(f);
                    }
                }
                links.heard[f] = false;
            }
            quietBeats = Quorum.isMajority(alive, n) ? 0 : quietBeats + 1;
            // not broadcasting yet, or txns it cannot commit (a late follower synchronised through
            // NEWLEADER never ACKs them): give up, so that a new leader's NEWLEADER carries them
            boolean stalled = phase != BROADCAST || (lastCommitted < hlen && lastCommitted == committedAtBeat);
            setupBeats = stalled ? setupBeats + 1 : 0;
            committedAtBeat = lastCommitted;
            if (quietBeats >= QUIET_BEATS || setupBeats >= SETUP_BEATS) {
                beginClose(CLOSE_LEADER);
            }
        } else if (role == FOLLOWING) {
            if (!links.myPoisoned) {
                for (Packet q : links.myUnacked) {
                    fx.send(leader, q);
                }
            }
            quietBeats = links.heardLeader ? 0 : quietBeats + 1;
            links.heardLeader = false;
            setupBeats = phase == BROADCAST ? 0 : setupBeats + 1;
            if (links.myPoisoned || quietBeats >= QUIET_BEATS || setupBeats >= SETUP_BEATS) {
                beginClose(CLOSE_FOLLOWER);
            }
        }
    }

    /** Goes silent for the message lifetime before the close is logged (see the class comment). */
    private void beginClose(int kind) {
        closing = kind;
        fx.cancelTimer(ELECT);
        fx.setTimer(CLOSE, lifetime + 2);
    }

    private void finishClose() {
        int kind = closing;
        closing = CLOSE_NONE;
        if (kind == CLOSE_FOLLOWER && role == FOLLOWING) {
            followerShutdown();
        } else if (kind == CLOSE_LEADER && role == LEADING) {
            leaderShutdown();
        } else if (kind == CLOSE_RESTART) {
            restart();
            fx.setTimer(BEAT, timeout);
        }
    }

    /** The spec's GoLooking plus a fresh generation and election. */
    @Override
    void goLooking() {
        super.goLooking();
        links.resetLeader();
        links.resetFollower();
        round++;
        gen = gen(round);
        startLooking();
    }

    private void beginRestart(ZabDurable d) {
        long b = 1;
        if (d != null) {
            recover(d);
            b = d.boot() + 1;
        }
        boot = b;
        round = 0;
        gen = gen(0);
        persist();
        beginClose(CLOSE_RESTART);
    }

    // ---- clients --------------------------------------------------------------------------------------

    private void clientRequest(String value) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return; // not a write of this run's workload
        }
        if (v < 1) {
            return;
        }
        want(v);
        if (closing == CLOSE_NONE) {
            proposeWanted();
        }
    }

    @Override
    public boolean done() {
        return undelivered.isEmpty();
    }

    /** Local invariants: the history in zxid order, lastCommitted within it, role and phase consistent. */
    private void assertInvariants() {
        if (orderedUpTo > hlen) {
            orderedUpTo = 0; // truncated in place
        }
        for (int k = Math.max(1, orderedUpTo); k < hlen; k++) {
            if (hist[k - 1].zxid() >= hist[k].zxid()) {
                throw new IllegalStateException("zab server " + id + ": history not in zxid order at " + k);
            }
        }
        orderedUpTo = hlen;
        if (lastCommitted > hlen || currentEpoch > acceptedEpoch && mutant == null
                || (role == LEADING) != (leader == id) || (role == LOOKING) != (phase == ELECTION)) {
            throw new IllegalStateException("zab server " + id + ": lastCommitted " + lastCommitted + "/" + hlen
                    + " epochs " + currentEpoch + "/" + acceptedEpoch + " role " + ROLES[role] + " leader " + leader);
        }
    }

    // ---- read access for tests --------------------------------------------------------------------------

    public String roleName() {
        return ROLES[role];
    }

    public String phaseName() {
        return PHASES[phase];
    }

    public int leader() {
        return leader;
    }

    public int currentEpoch() {
        return currentEpoch;
    }

    public int acceptedEpoch() {
        return acceptedEpoch;
    }

    public int lastCommitted() {
        return lastCommitted;
    }

    public boolean closing() {
        return closing != CLOSE_NONE;
    }

    /** The txns of the history, in order. */
    public java.util.List<Txn> history() {
        return java.util.List.of(java.util.Arrays.copyOf(hist, hlen));
    }

    public TreeSet<Integer> delivered() {
        return new TreeSet<>(deliveredValues);
    }

    @Override
    public void writeJson(JsonOut out) {
        writeState(out);
    }
}
