package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.crypto.Authenticator;
import dev.tlaconform.impl.pbft.PbftMessage.Commit;
import dev.tlaconform.impl.pbft.PbftMessage.NewView;
import dev.tlaconform.impl.pbft.PbftMessage.PrePrepare;
import dev.tlaconform.impl.pbft.PbftMessage.Prepare;
import dev.tlaconform.impl.pbft.PbftMessage.Reply;
import dev.tlaconform.impl.pbft.PbftMessage.Request;
import dev.tlaconform.impl.pbft.PbftMessage.ViewChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Byzantine replica of the simulator. It holds only its own signing key, so it can sign
 * anything in its own name and nothing in an honest replica's: a message it puts another name on
 * carries a signature that does not verify, and honest replicas must drop it. Every message it
 * sends is a {@code ByzantineSend} event with {@code "authentic"} = signed by itself in its own
 * name. Behaviours (combinable): see {@link Behaviour}. Client processes redirected to this node
 * run honestly ({@link PbftClients}): the client is not the replica.
 */
public final class PbftByzantine implements ProtocolNode {
    /** What a Byzantine replica does (`--byz`). */
    public enum Behaviour {
        /** As primary, sends different requests under one sequence number to different backups; votes for both; view-changes lying by omission. */
        EQUIVOCATE,
        /** Puts honest replicas' names on PRE-PREPAREs, PREPAREs and COMMITs for requests they never accepted. */
        FORGE,
        /** Re-sends messages it received or sent earlier, stale views included. */
        REPLAY,
        /** Sends PRE-PREPAREs and PREPAREs whose digest matches no request. */
        WRONG_DIGEST,
        /** Sends nothing at all. */
        SILENT;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Behaviour of(String label) {
            for (Behaviour b : values()) {
                if (b.label().equals(label)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown Byzantine behaviour '" + label + "' (equivocate, forge, replay, wrong-digest, silent)");
        }
    }

    private static final int SEND_BUDGET = 400;
    private static final int REPLAY_WINDOW = 32;
    private static final String GARBAGE = Req.stateDigest(List.of(Req.NULL, Req.NULL));

    private final int id;
    private final int me;
    private final PbftConfig c;
    private final Effects fx;
    private final Authenticator.Signer signer;
    private final RandomSource random;
    private final PbftClients clients;
    private int view;
    private int nextSeq;
    private int budget = SEND_BUDGET;
    private final List<Request> requests = new ArrayList<>();
    private final List<PbftMessage> seen = new ArrayList<>();

    public PbftByzantine(int id, PbftConfig c, long timeoutTicks, RandomSource random, EventSink sink) {
        this.id = id;
        this.me = id - 1;
        this.c = c;
        this.fx = new Effects(id, sink);
        this.signer = c.auth().signer("r" + me);
        this.random = random;
        this.clients = new PbftClients(c, fx, timeoutTicks);
    }

    private boolean does(Behaviour b) {
        return c.behaviours().contains(b) && !c.behaviours().contains(Behaviour.SILENT);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            PbftMessage m = (PbftMessage) r.msg();
            if (m instanceof Reply q) {
                clients.onReply(q, id);
            } else if (c.auth().verify(m.signer(), m.signedText(), m.sig())) {
                misbehave(m);
            }
        } else if (input instanceof Input.TimerFired t && t.timer() != PbftReplica.VIEW_TIMER) {
            clients.onTimer(t.timer(), id);
        } else if (input instanceof Input.ClientRequest q) {
            clients.request(q.value(), id);
        }
        return fx;
    }

    private void misbehave(PbftMessage m) {
        remember(m);
        if (m instanceof PrePrepare p) {
            view = Math.max(view, p.view());
        } else if (m instanceof Prepare p) {
            view = Math.max(view, p.view());
        } else if (m instanceof Commit p) {
            view = Math.max(view, p.view());
        } else if (m instanceof NewView p) {
            view = Math.max(view, p.view());
        }
        if (m instanceof Request q && !requests.contains(q)) {
            requests.add(q);
            if (me == c.primary(view)) {
                asPrimary(q);
            }
        } else if (m instanceof PrePrepare p && p.request() != null && me != c.primary(p.view())) {
            asBackup(p);
        } else if (m instanceof ViewChange v && does(Behaviour.EQUIVOCATE) && v.view() > view) {
            view = v.view();
            // a view-change that lies by omission: genesis checkpoint, no certificates
            send(new ViewChange(v.view(), me, 0, List.of(), List.of(), List.of(), id, null), true);
        }
        if (does(Behaviour.REPLAY) && !seen.isEmpty() && random.chance(0.3)) {
            PbftMessage old = seen.get(random.nextInt(seen.size()));
            byzSend(old, PbftSigning.rep(old) == me);
        }
    }

    private void remember(PbftMessage m) {
        if (m instanceof Request) {
            return; // replays are of replica messages: a client's request is the client's to send
        }
        seen.add(m);
        if (seen.size() > REPLAY_WINDOW) {
            seen.remove(0);
        }
    }

    /** As primary of its view: orders the request, to different backups differently when equivocating. */
    private void asPrimary(Request q) {
        int n = ++nextSeq;
        if (n > c.maxSeq()) {
            return;
        }
        Request other = otherThan(q);
        if (does(Behaviour.EQUIVOCATE) && other != null) {
            for (int k = 1; k <= c.n(); k++) {
                if (k != id) {
                    Request r = k % 2 == 0 ? q : other;
                    sendTo(k, new PrePrepare(view, n, r.req().digest(), r, me, id, null));
                }
            }
        } else if (does(Behaviour.WRONG_DIGEST)) {
            send(new PrePrepare(view, n, GARBAGE, q, me, id, null), true);
        } else if (!c.behaviours().contains(Behaviour.SILENT)) {
            send(new PrePrepare(view, n, q.req().digest(), q, me, id, null), true);
        }
    }

    /** As backup: votes for the pre-prepare (a Byzantine replica may help), and misbehaves around it. */
    private void asBackup(PrePrepare p) {
        if (c.behaviours().contains(Behaviour.SILENT)) {
            return;
        }
        send(new Prepare(p.view(), p.seq(), p.digest(), p.req(), me, id, null), true);
        send(new Commit(p.view(), p.seq(), p.digest(), p.req(), me, id, null), true);
        Request other = otherThan(p.request());
        if (does(Behaviour.EQUIVOCATE) && other != null) {
            send(new Prepare(p.view(), p.seq(), other.req().digest(), other.req(), me, id, null), true);
            send(new Commit(p.view(), p.seq(), other.req().digest(), other.req(), me, id, null), true);
        }
        if (does(Behaviour.WRONG_DIGEST)) {
            send(new Prepare(p.view(), p.seq(), GARBAGE, Req.NONE, me, id, null), true);
        }
        if (does(Behaviour.FORGE) && other != null) {
            int victim = honestOtherThan(me);
            Req r = other.req();
            forge(new Prepare(p.view(), p.seq(), r.digest(), r, victim, id, null));
            forge(new Commit(p.view(), p.seq(), r.digest(), r, victim, id, null));
            int primary = c.primary(p.view());
            if (primary != me) {
                forge(new PrePrepare(p.view(), p.seq() + 1, r.digest(), other, primary, id, null));
            }
        }
    }

    private Request otherThan(Request q) {
        for (Request r : requests) {
            if (!r.req().equals(q.req())) {
                return r;
            }
        }
        return null;
    }

    private int honestOtherThan(int not) {
        for (int i = 0; i < c.n(); i++) {
            int j = (not + 1 + i) % c.n();
            if (!c.byz().contains(j)) {
                return j;
            }
        }
        return not;
    }

    /** Signs in its own name (authentic) and sends to every other replica. */
    private void send(PbftMessage m, boolean own) {
        byzSend(PbftSigning.withSig(m, signer.sign(m.signedText())), own);
    }

    private void sendTo(int k, PbftMessage m) {
        if (budget-- <= 0) {
            return;
        }
        PbftMessage s = PbftSigning.withSig(m, signer.sign(m.signedText()));
        fx.send(k, s);
        remember(s);
        event(s, true);
    }

    /** A message in another replica's name: the only signature it can make is its own, which will not verify. */
    private void forge(PbftMessage m) {
        byzSend(PbftSigning.withSig(m, signer.sign(m.signedText())), false);
    }

    @SpecAction("ByzantineSend")
    private void byzSend(PbftMessage m, boolean authentic) {
        if (budget-- <= 0) {
            return;
        }
        m = PbftSigning.with(m, m.sig(), id); // the network sender is this node, whoever signed
        for (int k = 1; k <= c.n(); k++) {
            if (k != id) {
                fx.send(k, m);
            }
        }
        if (authentic) {
            remember(m);
        }
        event(m, authentic);
    }

    private void event(PbftMessage m, boolean authentic) {
        fx.event("ByzantineSend", me, fx.tracing() ? Logged.authentic(m, authentic) : null, PbftReplica.NO_STATE);
    }

    @Override
    public boolean done() {
        return clients.done();
    }

    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().endObject();
    }
}
