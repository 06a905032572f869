package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.crypto.Authenticator;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The PBFT clients whose process runs on one simulator node (Castro and Liskov 4.1): a client
 * has one request outstanding, broadcasts it signed to every replica, retransmits it on a timer,
 * and accepts a result on f+1 matching signed REPLYs from distinct replicas. Clients own no spec
 * variable: their events log {@code "state": {}} and name the client as the node.
 */
final class PbftClients {
    /** Timer ids 2..7: one retransmission timer per client (at most 6 clients). */
    static final int TIMER_BASE = 2;
    static final int MAX_CLIENTS = 6;

    private final PbftConfig c;
    private final Effects fx;
    private final long timeout;
    private final TreeMap<Integer, Client> clients = new TreeMap<>();

    private static final class Client {
        final TreeSet<Integer> accepted = new TreeSet<>();
        /** Handed to this process and not yet accepted (the first is the next to send). */
        final TreeSet<Integer> open = new TreeSet<>();
        int outstanding;
        int attempts;
        PbftMessage.Request request;
        final TreeMap<String, TreeSet<Integer>> replies = new TreeMap<>();
    }

    PbftClients(PbftConfig c, Effects fx, long timeoutTicks) {
        this.c = c;
        this.fx = fx;
        this.timeout = timeoutTicks;
    }

    /** The simulator hands this process client request {@code value} ("c0.1"): send it or retransmit it. */
    void request(String value, int node) {
        Req r = Req.parse(value);
        Client cl = clients.computeIfAbsent(r.client(), k -> new Client());
        if (!cl.accepted.contains(r.ts())) {
            cl.open.add(r.ts());
        }
        if (cl.outstanding == r.ts()) {
            clientRequest(r.client(), cl, node); // a retransmission
        } else {
            sendNext(r.client(), cl, node);
        }
    }

    private void sendNext(int client, Client cl, int node) {
        Integer next = cl.open.isEmpty() ? null : cl.open.first();
        if (cl.outstanding == 0 && next != null) {
            Req r = Req.of(client, next); // the lowest request handed to this process and not yet accepted
            cl.outstanding = r.ts();
            cl.attempts = 0;
            cl.replies.clear();
            Authenticator.Signer s = c.auth().signer("c" + client);
            PbftMessage.Request m = new PbftMessage.Request(r, node, null);
            cl.request = new PbftMessage.Request(r, node, s.sign(m.signedText()));
            clientRequest(client, cl, node);
        }
    }

    /** ClientRequest(c, r): the client broadcasts its signed REQUEST (again, when retransmitting). */
    @SpecAction("ClientRequest")
    private void clientRequest(int client, Client cl, int node) {
        fx.broadcast(cl.request);
        fx.event("ClientRequest", client, cl.request, PbftReplica.NO_STATE);
        fx.setTimer(TIMER_BASE + client, (4 * timeout) << Math.min(cl.attempts, 4));
    }

    /** The retransmission timer of a client fired. */
    void onTimer(int timer, int node) {
        Client cl = clients.get(timer - TIMER_BASE);
        if (cl != null && cl.outstanding != 0) {
            cl.attempts++;
            clientRequest(timer - TIMER_BASE, cl, node);
        }
    }

    /** ClientAccept(c, r): f+1 valid REPLYs with the same result from distinct replicas. */
    @SpecAction("ClientAccept")
    void onReply(PbftMessage.Reply m, int node) {
        Client cl = clients.get(m.req().client());
        if (cl == null || cl.outstanding != m.req().ts() || m.rep() < 0 || m.rep() >= c.n()
                || !c.auth().verify(m.signer(), m.signedText(), m.sig())) {
            return;
        }
        TreeSet<Integer> from = cl.replies.computeIfAbsent(m.result(), k -> new TreeSet<>());
        from.add(m.rep());
        if (from.size() >= c.f() + 1) {
            fx.event("ClientAccept", m.req().client(), fx.tracing() ? Logged.quorum(m, from) : null, PbftReplica.NO_STATE);
            cl.accepted.add(cl.outstanding);
            cl.open.remove(cl.outstanding);
            cl.outstanding = 0;
            fx.cancelTimer(TIMER_BASE + m.req().client());
            sendNext(m.req().client(), cl, node);
        }
    }

    /** Every request handed to this process has been accepted. */
    boolean done() {
        for (Client cl : clients.values()) {
            if (!cl.open.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
