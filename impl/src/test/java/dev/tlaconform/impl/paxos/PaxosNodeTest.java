package dev.tlaconform.impl.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.trace.JsonText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario tests of one Paxos node: actions, events, durability, restart. */
class PaxosNodeTest {
    final List<String> events = new ArrayList<>();
    final EventSink sink = (node, action, msg, state) -> events.add(node + " " + action + " "
            + (msg == null ? "-" : JsonText.of(msg)) + " " + JsonText.of(state));

    PaxosNode node(int id) {
        return new PaxosNode(id, 3, 8, 50, new RandomSource(id), sink);
    }

    static Input rcv(PaxosMessage m) {
        return new Input.Receive(m);
    }

    @Test
    void acceptorPersistsBeforeItAnswers() {
        PaxosNode a = node(2);
        Effects fx = a.step(rcv(new PaxosMessage.Prepare(3, 1)));
        assertEquals(new PaxosDurable(3, -1, "", -1), fx.durable(), "the promise is in the effects' durable state");
        assertEquals(1, fx.sends());
        assertEquals(new PaxosMessage.Promise(3, 2, -1, ""), fx.sendMessage(0));
        assertEquals(1, fx.sendTo(0), "a 1b goes to the ballot's owner");
        fx = a.step(rcv(new PaxosMessage.Accept(3, "v1", 1)));
        assertEquals(new PaxosDurable(3, 3, "v1", -1), fx.durable());
        assertEquals(Effects.ALL, fx.sendTo(0), "a 2b goes to every learner");
    }

    @Test
    void staleAndDuplicateMessagesAreIgnoredWithoutEvents() {
        PaxosNode a = node(2);
        a.step(rcv(new PaxosMessage.Prepare(3, 1)));
        events.clear();
        for (PaxosMessage m : List.of(new PaxosMessage.Prepare(3, 1), new PaxosMessage.Prepare(0, 1),
                new PaxosMessage.Accept(0, "v1", 1), new PaxosMessage.Promise(7, 3, -1, ""))) {
            Effects fx = a.step(rcv(m));
            assertEquals(0, fx.sends(), m.toString());
            assertEquals(0, fx.events(), m.toString());
            assertNull(fx.durable(), m.toString());
        }
        assertEquals(List.of(), events);
    }

    @Test
    void aQuorumOfPromisesLogsHandlePromiseThenPhase2aInOneStep() {
        PaxosNode p = node(1);
        p.step(new Input.ClientRequest("v2"));
        assertEquals("p1", p.pPhase());
        assertEquals(0, p.pBal());
        p.step(rcv(new PaxosMessage.Promise(0, 1, -1, "")));
        events.clear();
        Effects fx = p.step(rcv(new PaxosMessage.Promise(0, 3, -1, "")));
        assertEquals(2, events.size(), events.toString());
        assertEquals("1 HandlePromise {\"type\":\"1b\",\"bal\":0,\"from\":3,\"mbal\":-1,\"mval\":\"\"} {\"maxBal\":-1,"
                + "\"maxVBal\":-1,\"maxVal\":\"\",\"pBal\":0,\"pPhase\":\"p1\",\"pPromises\":[1,3],\"pHighBal\":-1,"
                + "\"pHighVal\":\"\",\"pInput\":\"v2\",\"decided\":\"\"}", events.get(0));
        assertEquals("1 Phase2a {\"type\":\"2a\",\"bal\":0,\"val\":\"v2\",\"from\":1} {\"maxBal\":-1,\"maxVBal\":-1,"
                + "\"maxVal\":\"\",\"pBal\":0,\"pPhase\":\"p2\",\"pPromises\":[1,3],\"pHighBal\":-1,\"pHighVal\":\"\","
                + "\"pInput\":\"v2\",\"decided\":\"\"}", events.get(1));
        assertEquals(new PaxosMessage.Accept(0, "v2", 1), fx.sendMessage(0));
    }

    @Test
    void aReportedVoteWinsOverTheClientsValue() {
        PaxosNode p = node(1);
        p.step(new Input.ClientRequest("v2"));
        p.step(rcv(new PaxosMessage.Promise(0, 2, -1, "")));
        Effects fx = p.step(rcv(new PaxosMessage.Promise(0, 3, -1, "")));
        assertEquals(new PaxosMessage.Accept(0, "v2", 1), fx.sendMessage(0));
        PaxosNode q = node(2);
        q.step(new Input.ClientRequest("v1"));
        q.step(new Input.TimerFired(PaxosNode.RETRY)); // retries above its ballot 1 with 4
        assertEquals(4, q.pBal());
        q.step(rcv(new PaxosMessage.Promise(4, 1, 0, "v2")));
        fx = q.step(rcv(new PaxosMessage.Promise(4, 3, -1, "")));
        assertEquals(new PaxosMessage.Accept(4, "v2", 2), fx.sendMessage(0));
    }

    @Test
    void restartKeepsExactlyTheDurableState() {
        PaxosNode a = node(2);
        Object durable = null;
        for (Input in : List.of(rcv(new PaxosMessage.Prepare(3, 1)), rcv(new PaxosMessage.Accept(3, "v1", 1)),
                new Input.ClientRequest("v2"), rcv(new PaxosMessage.Accepted(3, "v1", 1)),
                rcv(new PaxosMessage.Accepted(3, "v1", 3)))) {
            Effects fx = a.step(in);
            durable = fx.durable() != null ? fx.durable() : durable;
        }
        assertEquals("v1", a.decided());
        assertEquals(4, a.pBal(), "the client request started phase 1 above the promised 3");
        assertNotNull(durable);
        PaxosNode b = node(2);
        events.clear();
        b.step(new Input.Restart(durable));
        assertEquals("2 Restart - {\"maxBal\":3,\"maxVBal\":3,\"maxVal\":\"v1\",\"pBal\":4,\"pPhase\":\"idle\","
                + "\"pPromises\":[],\"pHighBal\":-1,\"pHighVal\":\"\",\"pInput\":\"\",\"decided\":\"\"}", events.get(0));
        assertEquals(a.durableState(), b.durableState());
    }

    @Test
    void proposerStopsAtMaxBallot() {
        PaxosNode p = new PaxosNode(3, 3, 5, 50, new RandomSource(1), null);
        p.step(new Input.ClientRequest("v1"));
        assertEquals(2, p.pBal());
        p.step(new Input.TimerFired(PaxosNode.RETRY));
        assertEquals(5, p.pBal());
        Effects fx = p.step(new Input.TimerFired(PaxosNode.RETRY));
        assertEquals(5, p.pBal(), "8 > MaxBallot 5: no further phase 1");
        assertEquals(0, fx.sends());
    }

}
