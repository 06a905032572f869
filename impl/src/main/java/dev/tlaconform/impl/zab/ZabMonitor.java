package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.SafetyMonitor;
import dev.tlaconform.impl.zab.ZabMessage.Packet;
import java.util.Map;
import java.util.TreeMap;

/**
 * JRS11's invariants checked on every message a server sends (the simulator also checks, on every
 * delivery, that all servers deliver the same write at each position: Agreement and Total order,
 * and that each delivered write was requested: Integrity).
 * <ul>
 *   <li>One established leader per epoch: every NEWLEADER of an epoch comes from one server.</li>
 *   <li>Local primary order at the source: an epoch's PROPOSEs come from its leader, zxids in
 *       increasing counter order, each zxid with one value.</li>
 *   <li>Primary integrity / Global primary order: a new leader's initial history (NEWLEADER)
 *       holds every txn committed in an earlier epoch, and only txns of earlier epochs.</li>
 * </ul>
 */
final class ZabMonitor implements SafetyMonitor {
    private final TreeMap<Integer, Integer> leaderOf = new TreeMap<>();
    private final TreeMap<Integer, Integer> lastCounter = new TreeMap<>();
    /** zxid to value of every txn proposed or in an initial history. */
    private final TreeMap<Long, Integer> txns = new TreeMap<>();
    /** An epoch's initial history (its leader's NEWLEADER). */
    private final TreeMap<Integer, Txn[]> initial = new TreeMap<>();
    /** zxid to value of every committed txn. */
    private final TreeMap<Long, Integer> committed = new TreeMap<>();
    /**
     * Per epoch, the highest zxid up to which its initial history / its own txns were already
     * marked committed: a COMMIT marks only what lies beyond (a long run's COMMITs do not rescan).
     */
    private final TreeMap<Integer, Long> initialDone = new TreeMap<>();
    private final TreeMap<Integer, Long> broadcastDone = new TreeMap<>();
    /** Per epoch, the highest zxid of its initial history. */
    private final TreeMap<Integer, Long> initialMax = new TreeMap<>();

    @Override
    public String onSend(Message msg) {
        if (!(msg instanceof Packet p)) {
            return null;
        }
        switch (p.kind()) {
            case NEWLEADER:
                return newLeader(p);
            case PROPOSE:
                return propose(p);
            case COMMITLD:
                return commit(p, false);
            case COMMIT:
                return commit(p, true);
            default:
                return null;
        }
    }

    private String newLeader(Packet p) {
        int e = p.a();
        Integer prev = leaderOf.putIfAbsent(e, p.from());
        if (prev != null && prev != p.from()) {
            return "two leaders of epoch " + e + ": servers " + prev + " and " + p.from() + " sent NEWLEADER";
        }
        Txn[] h = java.util.Arrays.copyOf(p.history(), p.length());
        if (initial.putIfAbsent(e, h) != null) {
            return null; // a late follower's NEWLEADER: the initial history plus this epoch's txns
        }
        TreeMap<Long, Integer> in = new TreeMap<>();
        long max = Long.MIN_VALUE;
        for (Txn t : h) {
            max = Math.max(max, t.zxid());
            if (Txn.epoch(t.zxid()) >= e) {
                return "NEWLEADER of epoch " + e + " carries txn " + zx(t.zxid()) + " of a later epoch";
            }
            in.put(t.zxid(), t.value());
            String bad = value(t.zxid(), t.value());
            if (bad != null) {
                return bad;
            }
        }
        initialMax.put(e, max);
        for (Map.Entry<Long, Integer> c : committed.headMap(Txn.zxid(e, 0)).entrySet()) {
            if (!c.getValue().equals(in.get(c.getKey()))) {
                return "primary integrity: the leader of epoch " + e + " (server " + p.from() + ") starts without "
                        + "committed txn " + zx(c.getKey());
            }
        }
        return null;
    }

    private String propose(Packet p) {
        int e = Txn.epoch(p.zxid());
        Integer l = leaderOf.get(e);
        if (l == null || l != p.from()) {
            return "PROPOSE " + zx(p.zxid()) + " from server " + p.from() + ", not the leader of epoch " + e;
        }
        Integer seen = txns.get(p.zxid());
        if (seen != null && seen == p.value()) {
            return null; // the same proposal again (to another follower, or retransmitted)
        }
        String bad = value(p.zxid(), p.value());
        if (bad != null) {
            return bad;
        }
        if (p.zxid() <= broadcastDone.getOrDefault(e, Long.MIN_VALUE)) {
            broadcastDone.put(e, p.zxid() - 1); // a txn below a commit already seen: the next COMMIT looks again
        }
        int c = Txn.counter(p.zxid());
        int last = lastCounter.getOrDefault(e, 0);
        if (c < last) {
            return "local primary order: epoch " + e + " proposes counter " + c + " after " + last;
        }
        lastCounter.put(e, c);
        return null;
    }

    private String value(long zxid, int v) {
        Integer prev = txns.putIfAbsent(zxid, v);
        if (prev != null && prev != v) {
            return "zxid " + zx(zxid) + " carries two values: " + prev + " and " + v;
        }
        return null;
    }

    private String commit(Packet p, boolean broadcast) {
        int e = broadcast ? Txn.epoch(p.zxid()) : epochOf(p);
        Txn[] h = initial.get(e);
        long done = initialDone.getOrDefault(e, Long.MIN_VALUE);
        if (h != null && p.zxid() > done && done < initialMax.getOrDefault(e, Long.MAX_VALUE)) {
            for (Txn t : h) {
                if (t.zxid() <= p.zxid()) {
                    committed.put(t.zxid(), t.value());
                }
            }
            initialDone.put(e, Math.min(p.zxid(), initialMax.getOrDefault(e, Long.MAX_VALUE)));
        }
        long from = Math.max(Txn.zxid(e, 1), broadcastDone.getOrDefault(e, Long.MIN_VALUE) + 1);
        if (broadcast && p.zxid() >= from) {
            for (Map.Entry<Long, Integer> t : txns.subMap(from, true, p.zxid(), true).entrySet()) {
                committed.put(t.getKey(), t.getValue());
            }
            broadcastDone.put(e, p.zxid());
        }
        return null;
    }

    /** The epoch whose leader sent p: the epoch led by p's sender with the highest number. */
    private int epochOf(Packet p) {
        int e = 0;
        for (Map.Entry<Integer, Integer> x : leaderOf.entrySet()) {
            if (x.getValue() == p.from()) {
                e = x.getKey();
            }
        }
        return e;
    }

    private static String zx(long z) {
        return "<<" + Txn.epoch(z) + ", " + Txn.counter(z) + ">>";
    }
}
