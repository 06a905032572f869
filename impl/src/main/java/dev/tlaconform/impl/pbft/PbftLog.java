package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.Commit;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.Reply;
import dev.tlaconform.impl.pbft.PbftMessage.Request;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replica's message log (Castro and Liskov 4.2-4.4): the verified messages it has received and
 * sent, keyed for the quorum questions the protocol asks. Sorted maps throughout. Entries at or
 * below the low water mark are discarded by {@link #collect}.
 */
final class PbftLog {
    /** (view, seq, digest), ordered. */
    record Key(int view, int seq, String digest) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int x = Integer.compare(view, o.view);
            if (x == 0) {
                x = Integer.compare(seq, o.seq);
            }
            return x != 0 ? x : digest.compareTo(o.digest);
        }
    }

    private final PbftConfig c;
    private long arrivals;
    private final TreeMap<Long, Request> pending = new TreeMap<>();
    private final TreeMap<String, Long> requestIds = new TreeMap<>();
    private final TreeMap<String, Reply> replies = new TreeMap<>();
    private final TreeMap<Integer, Integer> clientNodes = new TreeMap<>();
    private final TreeMap<Key, PrePrepare> prePrepares = new TreeMap<>();
    private final TreeMap<Key, TreeMap<Integer, Prepare>> prepares = new TreeMap<>();
    private final TreeMap<Key, TreeMap<Integer, Commit>> commits = new TreeMap<>();
    private final TreeMap<Key, TreeMap<Integer, Checkpoint>> checkpoints = new TreeMap<>();
    private final TreeMap<Integer, TreeMap<Integer, ViewChange>> viewChanges = new TreeMap<>();
    private final TreeMap<Integer, NewView> newViews = new TreeMap<>();

    PbftLog(PbftConfig c) {
        this.c = c;
    }

    /** Logs a client request; false when it is a repeat (a retransmission or an executed one). */
    boolean addRequest(Request q, java.util.Set<Req> exec) {
        clientNodes.put(q.req().client(), q.from());
        if (requestIds.containsKey(q.req().digest()) || replies.containsKey(q.req().digest()) || exec.contains(q.req())) {
            return false;
        }
        requestIds.put(q.req().digest(), arrivals);
        pending.put(arrivals++, q);
        return true;
    }

    /** The simulator node a client's process last sent from (its REPLYs go there). */
    int clientNode(int client, PbftConfig cfg) {
        return clientNodes.getOrDefault(client, cfg.host(client));
    }

    /** Requests received and not yet executed, in arrival order. */
    Collection<Request> pendingRequests() {
        return pending.values();
    }

    boolean hasPending(List<Req> exec) {
        return !pending.isEmpty();
    }

    /** r was executed with this reply: it is no longer pending; a retransmission gets the reply again. */
    void executed(Req r, Reply reply) {
        Long k = requestIds.remove(r.digest());
        if (k != null) {
            pending.remove(k);
        }
        replies.put(r.digest(), reply);
    }

    /** After a state transfer: every request of the state is done. */
    void executedAll(List<Req> state) {
        for (Req r : state) {
            Long k = requestIds.remove(r.digest());
            if (k != null) {
                pending.remove(k);
            }
        }
    }

    Reply reply(Req r) {
        return replies.get(r.digest());
    }

    void addPrePrepare(PrePrepare p) {
        prePrepares.putIfAbsent(new Key(p.view(), p.seq(), ""), p);
        if (p.request() != null && !requestIds.containsKey(p.digest()) && !replies.containsKey(p.digest())) {
            requestIds.put(p.digest(), arrivals);
            pending.put(arrivals++, p.request());
        }
    }

    /** The (first) pre-prepare logged for (view, seq). */
    PrePrepare prePrepare(int view, int seq) {
        return prePrepares.get(new Key(view, seq, ""));
    }

    void addPrepare(Prepare p) {
        prepares.computeIfAbsent(new Key(p.view(), p.seq(), p.digest()), k -> new TreeMap<>()).putIfAbsent(p.rep(), p);
    }

    Map<Integer, Prepare> prepares(int view, int seq, String digest) {
        return prepares.getOrDefault(new Key(view, seq, digest), new TreeMap<>());
    }

    void addCommit(Commit p) {
        commits.computeIfAbsent(new Key(p.view(), p.seq(), p.digest()), k -> new TreeMap<>()).putIfAbsent(p.rep(), p);
    }

    Map<Integer, Commit> commits(int view, int seq, String digest) {
        return commits.getOrDefault(new Key(view, seq, digest), new TreeMap<>());
    }

    void addCheckpoint(Checkpoint p) {
        checkpoints.computeIfAbsent(new Key(0, p.seq(), p.digest()), k -> new TreeMap<>()).putIfAbsent(p.rep(), p);
    }

    Checkpoint ownCheckpoint(int me, int seq) {
        for (Map.Entry<Key, TreeMap<Integer, Checkpoint>> e : checkpoints.entrySet()) {
            if (e.getKey().seq() == seq && e.getValue().containsKey(me)) {
                return e.getValue().get(me);
            }
        }
        return null;
    }

    /** The highest checkpoint above h that {@code need} replicas vouch for, as its proof; or null. */
    List<Checkpoint> stableAbove(int h, int need) {
        List<Checkpoint> best = null;
        for (Map.Entry<Key, TreeMap<Integer, Checkpoint>> e : checkpoints.entrySet()) {
            if (e.getKey().seq() > h && e.getValue().size() >= need
                    && (best == null || e.getKey().seq() > best.get(0).seq())) {
                best = new ArrayList<>(e.getValue().values()).subList(0, need);
            }
        }
        return best == null ? null : List.copyOf(best);
    }

    void addViewChange(ViewChange v) {
        viewChanges.computeIfAbsent(v.view(), k -> new TreeMap<>()).putIfAbsent(v.rep(), v);
    }

    /** Replicas (other than those in lower views) that sent a VIEW-CHANGE for a view above {@code view}. */
    int viewChangesAbove(int view) {
        java.util.TreeSet<Integer> reps = new java.util.TreeSet<>();
        for (Map.Entry<Integer, TreeMap<Integer, ViewChange>> e : viewChanges.tailMap(view, false).entrySet()) {
            reps.addAll(e.getValue().keySet());
        }
        return reps.size();
    }

    /** Q view-changes for view from distinct replicas, {@code me}'s first; or null. */
    List<ViewChange> viewChangeQuorum(int view, int me) {
        TreeMap<Integer, ViewChange> vs = viewChanges.get(view);
        if (vs == null || !vs.containsKey(me) || vs.size() < c.q()) {
            return null;
        }
        List<ViewChange> out = new ArrayList<>();
        out.add(vs.get(me));
        for (ViewChange v : vs.values()) {
            if (out.size() < c.q() && v.rep() != me) {
                out.add(v);
            }
        }
        out.sort((a, b) -> Integer.compare(a.rep(), b.rep()));
        return List.copyOf(out);
    }

    /** A VIEW-CHANGE of this replica for this view is logged already (a retransmission: not checked again). */
    boolean hasViewChange(ViewChange v) {
        TreeMap<Integer, ViewChange> vs = viewChanges.get(v.view());
        return vs != null && vs.containsKey(v.rep());
    }

    boolean hasNewView(int view) {
        return newViews.containsKey(view);
    }

    void addNewView(NewView v) {
        newViews.putIfAbsent(v.view(), v);
    }

    /** The highest logged NEW-VIEW a backup in (view, active) may accept (AcceptNewView's guard), or null. */
    NewView newViewFor(int view, boolean active, int me) {
        for (NewView v : newViews.descendingMap().values()) {
            if (c.primary(v.view()) != me && (v.view() > view || (v.view() == view && !active))) {
                return v;
            }
        }
        return null;
    }

    /** Garbage collection (4.3): discards everything at or below the stable checkpoint h. */
    void collect(int h) {
        prePrepares.keySet().removeIf(k -> k.seq() <= h);
        prepares.keySet().removeIf(k -> k.seq() <= h);
        commits.keySet().removeIf(k -> k.seq() <= h);
        checkpoints.keySet().removeIf(k -> k.seq() < h);
    }
}
