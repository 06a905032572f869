package dev.tlaconform.impl.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.RandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario tests of one Multi-Paxos node: leadership, hole filling, durability, restart. */
class MultiPaxosNodeTest {
    final List<String> actions = new ArrayList<>();
    final EventSink sink = (node, action, msg, state) -> actions.add(action);

    MultiPaxosNode node(int id) {
        return new MultiPaxosNode(id, 3, 4, 20, 50, new RandomSource(id), sink);
    }

    static Input rcv(MultiPaxosMessage m) {
        return new Input.Receive(m);
    }

    static MultiPaxosMessage.Promise promise(int bal, int from, int[] vb, String[] vv) {
        return new MultiPaxosMessage.Promise(bal, from, vb, vv);
    }

    @Test
    void oneQuorumOfPromisesMakesALeaderThatReproposesFillsHolesAndProposesNewCommands() {
        MultiPaxosNode p = node(1);
        p.step(new Input.ClientRequest("c1"));
        p.step(new Input.ClientRequest("c2"));
        p.step(new Input.TimerFired(MultiPaxosNode.RETRY));
        assertEquals(0, p.pBal());
        p.step(rcv(promise(0, 2, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        actions.clear();
        // node 3 voted for c9 in slot 3 at ballot... an earlier leader's ballot would be < 0: use a fresh ballot run
        Effects fx = p.step(rcv(promise(0, 3, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        assertEquals(List.of("HandlePromise", "BecomeLeader", "Phase2a", "Phase2a"), actions);
        assertEquals(new MultiPaxosMessage.Accept(0, 1, "c1", 1), fx.sendMessage(0));
        assertEquals(new MultiPaxosMessage.Accept(0, 2, "c2", 1), fx.sendMessage(1));
        actions.clear();
        fx = p.step(new Input.ClientRequest("c3"));
        assertEquals(List.of("ClientRequest", "Phase2a"), actions, "a stable leader needs no new phase 1");
        assertEquals(new MultiPaxosMessage.Accept(0, 3, "c3", 1), fx.sendMessage(0));
    }

    @Test
    void aNewLeaderReproposesReportedVotesAndFillsHolesWithNoop() {
        MultiPaxosNode p = node(2);
        p.step(new Input.ClientRequest("c5"));
        p.step(new Input.TimerFired(MultiPaxosNode.RETRY));
        assertEquals(1, p.pBal());
        p.step(rcv(promise(1, 1, new int[] {0, -1, 0, -1}, new String[] {"c1", "", "c3", ""})));
        actions.clear();
        Effects fx = p.step(rcv(promise(1, 3, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        assertEquals(List.of("HandlePromise", "BecomeLeader", "Phase2a", "Phase2a", "Phase2a", "Phase2a"), actions);
        assertEquals(new MultiPaxosMessage.Accept(1, 1, "c1", 2), fx.sendMessage(0));
        assertEquals(new MultiPaxosMessage.Accept(1, 2, "noop", 2), fx.sendMessage(1));
        assertEquals(new MultiPaxosMessage.Accept(1, 3, "c3", 2), fx.sendMessage(2));
        assertEquals(new MultiPaxosMessage.Accept(1, 4, "c5", 2), fx.sendMessage(3));
    }

    @Test
    void aLeaderThatSeesAHigherBallotStopsProposingUntilItTakesOverAgain() {
        MultiPaxosNode p = node(1);
        p.step(new Input.ClientRequest("c1"));
        p.step(new Input.TimerFired(MultiPaxosNode.RETRY));
        p.step(rcv(promise(0, 2, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        p.step(rcv(promise(0, 3, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        assertEquals("p2", p.pPhase());
        p.step(rcv(new MultiPaxosMessage.Prepare(1, 2))); // node 2 starts ballot 1; this node's acceptor promises it
        actions.clear();
        Effects fx = p.step(new Input.ClientRequest("c2"));
        assertEquals(List.of("ClientRequest"), actions, "a superseded leader sends no 2a: every acceptor that promised 1 refuses it");
        assertEquals(0, fx.sends(), "nothing sent");
        assertEquals("p2", p.pPhase(), "the spec has no step-down: Phase2a stays enabled, untaken");
        actions.clear();
        p.step(new Input.TimerFired(MultiPaxosNode.RETRY)); // node 2 made no progress: take over with ballot 3
        assertEquals(3, p.pBal());
        p.step(rcv(promise(3, 2, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        fx = p.step(rcv(promise(3, 3, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        assertEquals(List.of("Phase1a", "HandlePromise", "HandlePromise", "BecomeLeader", "Phase2a"), actions);
        assertEquals(new MultiPaxosMessage.Accept(3, 1, "c2", 1), fx.sendMessage(0), "c2 was kept pending for the new ballot");
    }

    @Test
    void aLeaderSupersededWhileGatheringPromisesBecomesLeaderButProposesNothing() {
        MultiPaxosNode p = node(1);
        p.step(new Input.ClientRequest("c1"));
        p.step(new Input.TimerFired(MultiPaxosNode.RETRY));
        p.step(rcv(promise(0, 2, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        p.step(rcv(new MultiPaxosMessage.Prepare(1, 2)));
        actions.clear();
        Effects fx = p.step(rcv(promise(0, 3, new int[] {-1, -1, -1, -1}, new String[] {"", "", "", ""})));
        assertEquals(List.of("HandlePromise", "BecomeLeader"), actions);
        assertEquals(0, fx.sends());
    }

    @Test
    void restartKeepsExactlyTheDurableState() {
        MultiPaxosNode a = node(3);
        Object durable = null;
        for (Input in : List.of(rcv(new MultiPaxosMessage.Prepare(4, 2)), rcv(new MultiPaxosMessage.Accept(4, 2, "c1", 2)),
                new Input.ClientRequest("c2"), rcv(new MultiPaxosMessage.Accepted(4, 2, "c1", 1)),
                rcv(new MultiPaxosMessage.Accepted(4, 2, "c1", 2)), new Input.TimerFired(MultiPaxosNode.RETRY))) {
            Effects fx = a.step(in);
            durable = fx.durable() != null ? fx.durable() : durable;
        }
        assertEquals("c1", a.decided(2));
        assertEquals(5, a.pBal());
        MultiPaxosNode b = node(3);
        b.step(new Input.Restart(durable));
        assertEquals(a.durableState(), b.durableState());
        assertEquals("idle", b.pPhase());
        assertEquals("", b.decided(2), "decisions are volatile");
    }
}
