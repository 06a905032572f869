package dev.tlaconform.impl.zab;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * The connection bookkeeping that turns the simulator's network (loss, duplication, delay,
 * reordering) into the spec's FIFO connections (EVENTS.md, "Running this network model over the
 * simulator"). Not spec state: it decides only which message a server may handle next.
 *
 * <ul>
 *   <li>A message is handled only when every earlier one of its connection has been (a reordered
 *       one waits in an inbox); a duplicate or a message of another connection is ignored.</li>
 *   <li>A message that is next on its connection but whose spec action is not enabled, or that
 *       the spec would have put behind a message this server cannot see, <b>poisons</b> the
 *       connection: nothing on it is handled again (in the spec the channel stalls), and the
 *       follower, hearing nothing, gives up.</li>
 *   <li>A leader numbers every spec send to a follower (on whatever connection it believes the
 *       follower holds); a follower that opens a new connection knows the highest number it has
 *       received so far, and the first message of the new connection must carry the next one:
 *       otherwise the leader may have sent something after the connection opened, which the
 *       spec puts first on it.</li>
 * </ul>
 */
final class ZabLinks {
    // ---- leader side: per follower f (index f) --------------------------------------------------
    /** Generation of f's connection the leader handles (0 = none). */
    final long[] conn;
    /** Sequence number of f's next message to handle on that connection. */
    final int[] next;
    final boolean[] poisoned;
    /** Spec sends to f during this leadership (the last one's number). */
    final int[] sent;
    /** Heard from f's connection since the last heartbeat. */
    final boolean[] heard;
    /** Heartbeats in a row without hearing from f's connection. */
    final int[] silent;
    @SuppressWarnings("unchecked")
    final TreeMap<Integer, ZabMessage.Packet>[] inbox;
    /** Spec sends to f on its current connection that f has not acknowledged yet (resent on heartbeats). */
    final java.util.ArrayDeque<ZabMessage.Packet>[] unacked;

    // ---- follower side ----------------------------------------------------------------------
    /** Per peer l: the latest leadership generation seen from it and the highest number it sent us there. */
    final long[] peerSession;
    final int[] peerMaxSeq;
    /** The follower's own connection: leader's session, own generation, counters. */
    long session;
    long myConn;
    int sendSeq;
    int nextSeq;
    boolean myPoisoned;
    boolean heardLeader;
    final TreeMap<Integer, ZabMessage.Packet> myInbox = new TreeMap<>();
    final java.util.ArrayDeque<ZabMessage.Packet> myUnacked = new java.util.ArrayDeque<>();

    @SuppressWarnings("unchecked")
    ZabLinks(int n) {
        conn = new long[n + 1];
        next = new int[n + 1];
        poisoned = new boolean[n + 1];
        sent = new int[n + 1];
        heard = new boolean[n + 1];
        silent = new int[n + 1];
        inbox = new TreeMap[n + 1];
        unacked = new java.util.ArrayDeque[n + 1];
        for (int i = 0; i <= n; i++) {
            inbox[i] = new TreeMap<>();
            unacked[i] = new java.util.ArrayDeque<>();
        }
        peerSession = new long[n + 1];
        peerMaxSeq = new int[n + 1];
    }

    /** Forgets every leader-side connection (a new leadership, or none). */
    void resetLeader() {
        Arrays.fill(conn, 0);
        Arrays.fill(next, 0);
        Arrays.fill(poisoned, false);
        Arrays.fill(sent, 0);
        Arrays.fill(heard, false);
        Arrays.fill(silent, 0);
        for (int i = 0; i < inbox.length; i++) {
            inbox[i].clear();
            unacked[i].clear();
        }
    }

    /** Forgets the follower-side connection. */
    void resetFollower() {
        session = 0;
        myConn = 0;
        sendSeq = 0;
        nextSeq = 0;
        myPoisoned = false;
        heardLeader = false;
        myInbox.clear();
        myUnacked.clear();
    }

    /** Opens the follower's connection to the leader of {@code leaderSession}, as generation {@code gen}. */
    void openFollower(int leader, long leaderSession, long gen) {
        resetFollower();
        session = leaderSession;
        myConn = gen;
        nextSeq = (peerSession[leader] == leaderSession ? peerMaxSeq[leader] : 0) + 1;
    }

    /**
     * Records that leader l of {@code session} had sent us its numbered spec sends up to
     * {@code seq} before it sent what we just received (a packet, a heartbeat, a vote).
     */
    void noteLeaderSent(int l, long session, int seq) {
        if (session > peerSession[l]) {
            peerSession[l] = session;
            peerMaxSeq[l] = seq;
        } else if (session == peerSession[l]) {
            peerMaxSeq[l] = Math.max(peerMaxSeq[l], seq);
        }
    }

    /** Leader side: files a follower's message; false when it is to be ignored. */
    boolean fileFromFollower(ZabMessage.Packet p) {
        int f = p.from();
        if (p.conn() < conn[f]) {
            return false;
        }
        if (p.conn() > conn[f]) {
            conn[f] = p.conn();
            next[f] = 1;
            poisoned[f] = false;
            silent[f] = 0;
            inbox[f].clear();
            unacked[f].clear();
        }
        if (poisoned[f] || p.seq() < next[f]) {
            return false;
        }
        inbox[f].putIfAbsent(p.seq(), p);
        return true;
    }

    /** Leader side: the next message of f's connection, removed, or null. */
    ZabMessage.Packet takeFromFollower(int f) {
        if (poisoned[f]) {
            return null;
        }
        ZabMessage.Packet p = inbox[f].remove(next[f]);
        if (p != null) {
            next[f]++;
        }
        return p;
    }

    void poison(int f) {
        poisoned[f] = true;
        inbox[f].clear();
        unacked[f].clear();
    }

    /** Drops from q what the other end acknowledged (numbers up to ack). */
    static void acknowledge(java.util.ArrayDeque<ZabMessage.Packet> q, int ack) {
        while (!q.isEmpty() && q.peekFirst().seq() <= ack) {
            q.pollFirst();
        }
    }

    /** Follower side: files a message of its leader's session; false when it is to be ignored. */
    boolean fileFromLeader(ZabMessage.Packet p) {
        if (myPoisoned || p.session() != session || p.seq() < nextSeq) {
            return false;
        }
        myInbox.putIfAbsent(p.seq(), p);
        return true;
    }

    /** Follower side: the next message on its connection, removed, or null. */
    ZabMessage.Packet takeFromLeader() {
        if (myPoisoned) {
            return null;
        }
        ZabMessage.Packet p = myInbox.remove(nextSeq);
        if (p != null) {
            nextSeq++;
        }
        return p;
    }

    void poisonMine() {
        myPoisoned = true;
        myInbox.clear();
        myUnacked.clear();
    }
}
