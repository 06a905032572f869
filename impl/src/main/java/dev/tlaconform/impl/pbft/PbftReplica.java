package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.Traceable;
import dev.tlaconform.impl.crypto.Authenticator;
import dev.tlaconform.impl.pbft.PbftMessage.Cert;
import dev.tlaconform.impl.pbft.PbftMessage.Checkpoint;
import dev.tlaconform.impl.pbft.PbftMessage.Commit;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.Reply;
import dev.tlaconform.impl.pbft.PbftMessage.Request;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An honest PBFT replica (Castro and Liskov, OSDI 1999, Section 4, signature variant) as a pure
 * state machine. Received messages that verify go into the message log ({@link PbftLog}); then
 * {@link #drive()} takes every enabled spec action, one at a time, each logging its event with
 * the replica's state after it (specs/pbft/EVENTS.md). Spec state: view, active, h, ppAcc,
 * prepCert, committed, exec; everything else (the log, proofs, timers) is implementation.
 *
 * <p>Durability: the spec has no Restart, so a replica persists its whole spec state and its
 * proofs after every step that changes them, and a restarted replica resumes exactly there (what
 * it lost is the message log, which the spec cannot tell from lost messages).
 */
public final class PbftReplica implements ProtocolNode {
    /** The view-change timer (4.4); ids 2..7 are the hosted clients' (PbftClients). */
    public static final int VIEW_TIMER = 1;
    static final Traceable NO_STATE = out -> out.beginObject().endObject();
    private static final int DRIVE_BOUND = 100_000;

    final int id;
    final int me;
    final PbftConfig c;
    final Effects fx;
    private final Authenticator.Signer signer;
    private final PbftChecks checks;
    private final PbftClients clients;
    private final long timeout;
    final PbftLog log;
    private final PbftViewChange viewChange = new PbftViewChange(this);
    private final PbftNormalCase normalCase = new PbftNormalCase(this);
    final PbftExecution execution = new PbftExecution(this);

    // spec state
    int view;
    boolean active = true;
    int h;
    Entry[] ppAcc;
    Entry[] prepCert;
    Req[] committed;
    List<Req> exec = new ArrayList<>();
    /** The requests of exec, for membership tests (exec only grows by appending, or is replaced whole). */
    java.util.Set<Req> execSet = new java.util.LinkedHashSet<>();
    /**
     * Every entry of ppAcc, prepCert, committed and certs above {@code top} is empty (top only grows), and
     * every entry at or below {@code cleared} is (the log at or below the low water mark was discarded):
     * the per-seq loops visit (h, top], a window, not 1..MaxSeq.
     */
    int top;
    int cleared;
    /**
     * The first position (1-based) of exec written since this replica's last trace event
     * (Integer.MAX_VALUE: none): exec is logged as {"len", "at": from there on}, the mapping's delta.
     */
    int execDirtyFrom = Integer.MAX_VALUE;
    // proofs and bookkeeping (durable with the spec state)
    Cert[] certs;
    List<Checkpoint> hProof = List.of();
    int ckptSent;
    ViewChange myViewChange;
    NewView myNewView;
    // volatile
    int attempts;
    boolean timerArmed;
    boolean progressed;
    boolean dirty;

    public PbftReplica(int id, PbftConfig c, long timeoutTicks, RandomSource random, EventSink sink) {
        this.id = id;
        this.me = id - 1;
        this.c = c;
        this.fx = new Effects(id, sink);
        this.signer = c.auth().signer("r" + me);
        this.checks = new PbftChecks(c);
        this.clients = new PbftClients(c, fx, timeoutTicks);
        this.timeout = 4 * Math.max(1, timeoutTicks);
        this.log = new PbftLog(c);
        this.ppAcc = entries(c.maxSeq());
        this.prepCert = entries(c.maxSeq());
        this.committed = new Req[c.maxSeq() + 1];
        java.util.Arrays.fill(committed, Req.NONE);
        this.certs = new Cert[c.maxSeq() + 1];
    }

    private static Entry[] entries(int k) {
        Entry[] e = new Entry[k + 1];
        java.util.Arrays.fill(e, Entry.NONE);
        return e;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        progressed = false;
        dirty = false;
        if (input instanceof Input.Receive r) {
            receive((PbftMessage) r.msg());
        } else if (input instanceof Input.TimerFired t) {
            if (t.timer() == VIEW_TIMER) {
                timerArmed = false;
                if (waiting()) {
                    viewChange.startViewChange();
                }
            } else {
                clients.onTimer(t.timer(), id);
            }
        } else if (input instanceof Input.ClientRequest q) {
            clients.request(q.value(), id);
        } else if (input instanceof Input.Restart r) {
            if (r.durable() != null) {
                ((PbftDurable) r.durable()).restore(this);
            }
        }
        drive();
        viewTimer();
        if (dirty) {
            fx.persist(PbftDurable.of(this));
        }
        return fx;
    }

    private void receive(PbftMessage m) {
        if (m instanceof Reply r) {
            clients.onReply(r, id);
            return;
        }
        if (!checks.signed(m)) {
            return; // forged or corrupted: dropped, no event (the spec stutters)
        }
        if (m instanceof Request q) {
            if (log.addRequest(q, execSet)) {
                return;
            }
            Reply done = log.reply(q.req());
            if (done == null && execSet.contains(q.req())) {
                done = sign(new Reply(view, q.req(), "ok:" + q.req().value(), me, id, null)); // executed before a restart
                log.executed(q.req(), done);
            }
            if (done != null) {
                fx.send(q.from(), done); // executed already: the paper re-sends the reply
            } else {
                retransmit(q.from());
            }
        } else if (m instanceof PrePrepare p) {
            if (checks.validPrePrepare(p, false) && p.seq() > h) {
                log.addPrePrepare(p);
            }
        } else if (m instanceof Prepare p) {
            if (p.rep() != c.primary(p.view()) && p.seq() > h && p.seq() <= c.maxSeq()) {
                log.addPrepare(p);
            }
        } else if (m instanceof Commit p) {
            if (p.seq() > h && p.seq() <= c.maxSeq()) {
                log.addCommit(p);
            }
        } else if (m instanceof Checkpoint p) {
            if (p.seq() > h && p.state().size() == p.seq() && p.digest().equals(Req.stateDigest(p.state()))) {
                log.addCheckpoint(p);
            }
        } else if (m instanceof ViewChange v) {
            if (log.hasViewChange(v) || checks.validViewChange(v)) { // one VIEW-CHANGE per replica and view is checked
                log.addViewChange(v);
                if (myNewView != null && myNewView.view() == v.view()) {
                    fx.send(m.from(), myNewView); // it missed our NEW-VIEW
                }
                if (v.view() > view && log.viewChangesAbove(view) >= c.f() + 1 && view < c.maxView()) {
                    viewChange.startViewChange(); // f+1 replicas moved on: join them (4.5.2)
                }
            }
        } else if (m instanceof NewView v) {
            if (v.view() >= view && !log.hasNewView(v.view()) && checks.validNewView(v)) {
                log.addNewView(v);
            }
        }
    }

    /** Takes enabled spec actions until none is. */
    void drive() {
        for (int guard = 0; guard < DRIVE_BOUND; guard++) {
            if (!(viewChange.acceptNewView() || viewChange.newView() || execution.stableCheckpoint() || execution.checkpoint()
                    || execution.execute() || normalCase.prePrepare() || normalCase.prepare() || normalCase.commit()
                    || normalCase.commitLocal())) {
                return;
            }
            dirty = true;
        }
        throw new IllegalStateException("replica " + me + ": more than " + DRIVE_BOUND + " actions in one step");
    }

    /** Entry n of the per-seq logs may now be non-empty. */
    void touch(int n) {
        if (n > top) {
            top = n;
        }
    }

    /** The last seq whose per-seq entries may be non-empty. */
    int last() {
        return Math.min(top, c.maxSeq());
    }

    void appendExec(Req r) {
        exec.add(r);
        execSet.add(r);
    }

    void setExec(List<Req> state) {
        exec = new ArrayList<>(state);
        execSet = new java.util.LinkedHashSet<>(state);
    }

    /** Waiting for a request to execute, or for a new view: the view-change timer runs (4.4). */
    private boolean waiting() {
        return !active || log.hasPending(exec);
    }

    private void viewTimer() {
        if (waiting()) {
            if (!timerArmed || progressed) {
                fx.setTimer(VIEW_TIMER, timeout << Math.min(attempts, 5));
                timerArmed = true;
            }
        } else if (timerArmed) {
            fx.cancelTimer(VIEW_TIMER);
            timerArmed = false;
        }
    }

    /** Re-sends this replica's current protocol messages (a client retransmitted: something was lost). */
    private void retransmit(int to) {
        for (int n = h + 1; n <= last(); n++) {
            if (!ppAcc[n].none()) {
                PrePrepare p = log.prePrepare(ppAcc[n].view(), n);
                if (p != null && p.rep() == me) {
                    sendOthers(p);
                }
                Prepare q = log.prepares(ppAcc[n].view(), n, ppAcc[n].req().digest()).get(me);
                if (q != null) {
                    sendOthers(q);
                }
            }
            if (!prepCert[n].none()) {
                Commit m = log.commits(prepCert[n].view(), n, prepCert[n].req().digest()).get(me);
                if (m != null) {
                    sendOthers(m);
                }
            }
        }
        Checkpoint k = log.ownCheckpoint(me, ckptSent);
        if (k != null) {
            sendOthers(k);
        }
        if (!active && myViewChange != null && myViewChange.view() == view) {
            sendOthers(myViewChange);
        }
        if (myNewView != null && myNewView.view() == view) {
            sendOthers(myNewView);
        }
    }

    void sendOthers(PbftMessage m) {
        for (int k = 1; k <= c.n(); k++) {
            if (k != id) {
                fx.send(k, m);
            }
        }
    }

    @SuppressWarnings("unchecked")
    <M extends PbftMessage> M sign(M m) {
        byte[] s = signer.sign(m.signedText());
        return (M) PbftSigning.withSig(m, s);
    }

    @Override
    public boolean done() {
        return clients.done();
    }

    /**
     * The spec state (EVENTS.md order): view, active, h, ppAcc, prepCert, committed, exec. The three
     * per-seq logs are logged sparsely (the mapping's "sparse"): an object listing only the seqs whose
     * entry is not the spec's NoEntry / NoReq, at most L of them (the water marks bound the log);
     * exec, which grows with the run, as what changed since this replica's last event (the delta).
     */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("view", view).field("active", active).field("h", h);
        Entry.writeSparse(out, "ppAcc", ppAcc, Entry.NONE, last());
        Entry.writeSparse(out, "prepCert", prepCert, Entry.NONE, last());
        Entry.writeSparse(out, "committed", committed, Req.NONE, last());
        out.name("exec").beginObject().field("len", exec.size()).name("at").beginArray();
        for (int k = execDirtyFrom; k <= exec.size(); k++) {
            out.beginArray().value(k);
            exec.get(k - 1).writeJson(out);
            out.endArray();
        }
        out.endArray().endObject();
        execDirtyFrom = Integer.MAX_VALUE;
        out.endObject();
    }
}
