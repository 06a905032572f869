package dev.tlaconform.impl.fastpaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.fastpaxos.FastPaxosMessage.Accept;
import dev.tlaconform.impl.fastpaxos.FastPaxosMessage.Accepted;
import dev.tlaconform.impl.fastpaxos.FastPaxosMessage.Promise;
import dev.tlaconform.impl.fastpaxos.FastPaxosMessage.Propose;
import dev.tlaconform.impl.trace.JsonText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenario tests of one Fast Paxos node (N = 4, CQ = FQ = 3): the fast path, collisions, the picking rule. */
class FastPaxosNodeTest {
    final List<String> events = new ArrayList<>();
    final EventSink sink = (node, action, msg, state) -> events.add(node + " " + action + " "
            + (msg == null ? "-" : JsonText.of(msg)) + " " + JsonText.of(state));

    FastPaxosNode node(int id) {
        return node(id, null);
    }

    FastPaxosNode node(int id, FastPaxosMutant mutant) {
        return new FastPaxosNode(id, 4, 3, 3, 9, 50, new RandomSource(id), sink, mutant);
    }

    static Input rcv(FastPaxosMessage m) {
        return new Input.Receive(m);
    }

    private List<String> actions() {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            out.add(e.split(" ")[1]);
        }
        return out;
    }

    @Test
    void quorumSizesAreTheSmallestTheRequirementAllows() {
        int[][] expected = {{1, 1, 1}, {3, 2, 3}, {4, 3, 3}, {5, 3, 4}, {7, 4, 6}};
        for (int[] e : expected) {
            int n = e[0];
            int cq = FastPaxosProtocol.classicQuorum(n);
            int fq = FastPaxosProtocol.fastQuorum(n);
            assertEquals(e[1], cq, "CQ for N=" + n);
            assertEquals(e[2], fq, "FQ for N=" + n);
            assertTrue(2 * cq > n && cq + 2 * fq > 2 * n, "the requirement holds for N=" + n);
            assertTrue(cq + 2 * (fq - 1) <= 2 * n, "FQ - 1 would break it for N=" + n);
        }
    }

    @Test
    void ballotsComeInPairsOfAFastAndItsRecoveryBallot() {
        assertEquals(List.of(1, 1, 2, 2, 3, 3, 4, 4, 1), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8).stream()
                .map(b -> FastPaxosNode.coord(b, 4)).toList());
        assertTrue(FastPaxosNode.isFast(0) && !FastPaxosNode.isFast(1) && FastPaxosNode.isFast(2));
        assertEquals(1, FastPaxosNode.nextOwnedBallot(-1, 1, 4), "ballot 0 needs no phase 1");
        assertEquals(2, FastPaxosNode.nextOwnedBallot(1, 2, 4));
        assertEquals(8, FastPaxosNode.nextOwnedBallot(3, 1, 4));
    }

    @Test
    void node1OpensTheFastBallotAndAnAcceptorVotesForAProposalWhicheverComesFirst() {
        FastPaxosNode c = node(1);
        Effects fx = c.step(Input.START);
        assertEquals(FastPaxosNode.START_FAST, fx.timerId(0));
        fx = c.step(new Input.TimerFired(FastPaxosNode.START_FAST));
        assertEquals(new Accept(0, FastPaxosMessage.ANY, 1), fx.sendMessage(0));
        assertEquals(new FastPaxosDurable(-1, -1, "", 0), fx.durable(), "cBal is durable before the Any leaves");

        FastPaxosNode a = node(2);
        a.step(rcv(new Propose("v2", 3))); // the proposal first: remembered, no event
        assertEquals(List.of("StartFast"), actions());
        fx = a.step(rcv(new Accept(0, FastPaxosMessage.ANY, 1)));
        assertEquals(List.of("StartFast", "HandleAny", "FastVote"), actions());
        assertEquals(new Accepted(0, "v2", 2), fx.sendMessage(0));
        assertEquals(new FastPaxosDurable(0, 0, "v2", -1), fx.durable());
        assertTrue(events.get(2).contains("{\"type\":\"propose\",\"val\":\"v2\",\"from\":3}"),
                "FastVote logs the proposal it votes for: " + events.get(2));

        fx = a.step(rcv(new Propose("v1", 4))); // a second proposal in the same fast ballot: no second vote
        assertEquals(0, fx.sends());
        assertEquals(0, fx.events());
    }

    @Test
    void aFastQuorumOfEqualVotesDecidesAClassicQuorumDoesNotAtAFastBallot() {
        FastPaxosNode l = node(4);
        l.step(rcv(new Accepted(0, "v1", 1)));
        l.step(rcv(new Accepted(0, "v1", 2)));
        assertEquals("", l.decided());
        Effects fx = l.step(rcv(new Accepted(0, "v1", 3)));
        assertEquals("v1", l.decided());
        assertEquals(1, fx.decisions());
    }

    @Test
    void aCollisionSeenInAClassicQuorumIsRecoveredInTheNextBallotWithTheValueAFastQuorumMayHaveChosen() {
        FastPaxosNode c = node(1);
        c.step(Input.START);
        c.step(new Input.TimerFired(FastPaxosNode.START_FAST));
        c.step(rcv(new Accepted(0, "v2", 2)));
        c.step(rcv(new Accepted(0, "v1", 3)));
        events.clear();
        Effects fx = c.step(rcv(new Accepted(0, "v2", 4)));
        // votes v2, v1, v2 from three of four: v2 plus the one silent acceptor could be a fast quorum
        assertEquals(List.of("Learn", "Recover"), actions());
        assertEquals(new Accept(1, "v2", 1), fx.sendMessage(0));
        assertEquals(1, c.cBal());
        assertEquals(new FastPaxosDurable(-1, -1, "", 1), fx.durable());
    }

    @Test
    void whenNoValueMayHaveBeenChosenRecoveryTakesTheMostVoted() {
        FastPaxosNode c = node(1);
        c.step(Input.START);
        c.step(new Input.TimerFired(FastPaxosNode.START_FAST));
        c.step(rcv(new Accepted(0, "v3", 2)));
        c.step(rcv(new Accepted(0, "v1", 3)));
        c.step(rcv(new Accepted(0, "v2", 4)));
        assertEquals(1, c.cBal(), "three different votes: nothing can have been chosen, recovery is free");
    }

    @Test
    void theMutantTakesTheOtherReportedValue() {
        FastPaxosNode c = node(1, FastPaxosMutant.ANY_REPORTED_VALUE);
        c.step(Input.START);
        c.step(new Input.TimerFired(FastPaxosNode.START_FAST));
        c.step(rcv(new Accepted(0, "v2", 2)));
        c.step(rcv(new Accepted(0, "v1", 3)));
        Effects fx = c.step(rcv(new Accepted(0, "v2", 4)));
        assertEquals(new Accept(1, "v1", 1), fx.sendMessage(0));
    }

    @Test
    void phase1OfALaterFastBallotOpensItWithAnyOnlyWhenNothingWasVoted() {
        FastPaxosNode c = node(2);
        c.step(rcv(new Propose("v1", 1))); // arms the retry timer
        c.step(new Input.TimerFired(FastPaxosNode.RETRY));
        assertEquals(2, c.cBal());
        c.step(rcv(new Promise(2, 1, -1, "")));
        c.step(rcv(new Promise(2, 3, -1, "")));
        Effects fx = c.step(rcv(new Promise(2, 4, -1, "")));
        assertEquals(new Accept(2, FastPaxosMessage.ANY, 2), fx.sendMessage(0));

        FastPaxosNode d = node(2);
        d.step(rcv(new Propose("v1", 1)));
        d.step(new Input.TimerFired(FastPaxosNode.RETRY));
        d.step(rcv(new Promise(2, 1, 1, "v3")));
        d.step(rcv(new Promise(2, 3, 0, "v1")));
        fx = d.step(rcv(new Promise(2, 4, -1, "")));
        assertEquals(new Accept(2, "v3", 2), fx.sendMessage(0), "the classic ballot 1's value");
    }

    @Test
    void restartKeepsTheDurableStateOnly() {
        FastPaxosNode a = node(3);
        Effects fx = a.step(rcv(new Accept(0, FastPaxosMessage.ANY, 1)));
        a.step(rcv(new Propose("v1", 2)));
        FastPaxosNode b = node(3);
        fx = b.step(new Input.Restart(new FastPaxosDurable(0, 0, "v1", -1)));
        assertEquals(0, b.maxVBal());
        assertEquals("v1", b.maxVal());
        assertEquals("idle", b.cPhase());
        assertNull(fx.durable());
    }
}
