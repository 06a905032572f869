package dev.tlaconform.impl.zab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.zab.ZabMessage.Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Zab servers stepped by hand over a perfect FIFO network (no simulator): the phases in order,
 * durability before acknowledgement, delivery in zxid order, and the connection rules that keep a
 * trace a behaviour of the spec (duplicates and stale connections ignored, reordering buffered,
 * a gap stalls the connection until the retransmission fills it), plus the quiet period before Restart.
 */
class ZabNodeTest {
    static final long TIMEOUT = 50;
    static final long LIFETIME = 10;

    /** Three servers, a FIFO queue of (destination, message), the events in order. */
    static final class Ensemble {
        final ZabNode[] nodes = new ZabNode[4];
        final ArrayDeque<Object[]> wire = new ArrayDeque<>();
        final List<String> events = new ArrayList<>();
        final List<Object> durable = new ArrayList<>(List.of("", "", "", ""));
        final boolean followBehind;

        Ensemble(ZabMutant mutant) {
            this(mutant, false);
        }

        Ensemble(ZabMutant mutant, boolean followBehind) {
            this.followBehind = followBehind;
            for (int k = 1; k <= 3; k++) {
                nodes[k] = node(k, mutant);
                step(k, Input.START);
            }
        }

        ZabNode node(int k, ZabMutant mutant) {
            return new ZabNode(k, 3, 9, TIMEOUT, LIFETIME, new RandomSource(k),
                    (node, action, msg, state) -> events.add(node + ":" + action), mutant, followBehind);
        }

        Effects step(int k, Input in) {
            Effects fx = nodes[k].step(in);
            if (fx.durable() != null) {
                durable.set(k, fx.durable());
            }
            for (int i = 0; i < fx.sends(); i++) {
                int to = fx.sendTo(i);
                for (int j = 1; j <= 3; j++) {
                    if (to == Effects.ALL ? j != k : j == to) {
                        wire.add(new Object[] {j, fx.sendMessage(i)});
                    }
                }
            }
            return fx;
        }

        /** Delivers everything on the wire (and what that sends), at most {@code max} messages. */
        void deliverAll(int max) {
            for (int i = 0; i < max && !wire.isEmpty(); i++) {
                Object[] d = wire.poll();
                step((Integer) d[0], new Input.Receive((Message) d[1]));
            }
        }

        /** Two election ticks of every looking server (votes out, then the decision), the network settling after each. */
        void elect() {
            for (int round = 0; round < 2; round++) {
                for (int k = 1; k <= 3; k++) {
                    if (nodes[k].roleName().equals("LOOKING")) {
                        step(k, new Input.TimerFired(ZabNode.ELECT));
                    }
                }
                deliverAll(10_000);
            }
        }

        void write(int v) {
            for (int k = 1; k <= 3; k++) {
                step(k, new Input.ClientRequest(Integer.toString(v)));
            }
            deliverAll(10_000);
        }
    }

    @Test
    void theEnsembleGoesThroughTheFourPhasesAndDeliversInZxidOrder() {
        Ensemble e = new Ensemble(null);
        e.elect();
        ZabNode leader = null;
        for (int k = 1; k <= 3; k++) {
            if (e.nodes[k].roleName().equals("LEADING")) {
                leader = e.nodes[k];
            }
        }
        assertNotNull(leader, "one server leads: " + e.events);
        assertEquals(3, leader.id(), "ties on (epoch, zxid) go to the highest id");
        for (int k = 1; k <= 3; k++) {
            assertEquals("BROADCAST", e.nodes[k].phaseName(), "server " + k + ": " + e.events);
            assertEquals(1, e.nodes[k].currentEpoch());
        }
        assertTrue(e.events.indexOf("3:LeaderProcessFOLLOWERINFO") < e.events.indexOf("3:LeaderProcessACKEPOCH"));
        assertTrue(e.events.indexOf("3:LeaderProcessACKEPOCH") < e.events.indexOf("3:LeaderProcessACKLD"));
        e.write(1);
        e.write(2);
        for (int k = 1; k <= 3; k++) {
            List<Txn> h = e.nodes[k].history();
            assertEquals(List.of(new Txn(Txn.zxid(1, 1), 1), new Txn(Txn.zxid(1, 2), 2)), h, "server " + k);
            assertEquals(2, e.nodes[k].lastCommitted());
            assertTrue(e.nodes[k].done());
        }
    }

    @Test
    void aFollowerLogsAProposalDurablyBeforeItsAckLeaves() {
        Ensemble e = new Ensemble(null);
        e.elect();
        e.step(3, new Input.ClientRequest("7"));
        Object[] propose = e.wire.poll();
        int f = (Integer) propose[0];
        Effects fx = e.step(f, new Input.Receive((Message) propose[1]));
        assertEquals(1, fx.sends());
        assertEquals("ACK", fx.sendMessage(0).type());
        ZabDurable d = (ZabDurable) fx.durable();
        assertNotNull(d, "the ACK's step persists");
        assertEquals(new Txn(Txn.zxid(1, 1), 7), d.txn(d.length() - 1));
    }

    @Test
    void theAckBeforeLogMutantAcknowledgesWithoutPersisting() {
        Ensemble e = new Ensemble(ZabMutant.ACK_BEFORE_LOG);
        e.elect();
        e.step(3, new Input.ClientRequest("7"));
        Object[] propose = e.wire.poll();
        Effects fx = e.step((Integer) propose[0], new Input.Receive((Message) propose[1]));
        assertEquals("ACK", fx.sendMessage(0).type());
        assertNull(fx.durable(), "the bug: nothing persisted before the ACK leaves");
    }

    @Test
    void duplicatesAreIgnoredAndReorderedMessagesWaitForTheirTurn() {
        Ensemble e = new Ensemble(null);
        e.elect();
        e.step(3, new Input.ClientRequest("1"));
        e.step(3, new Input.ClientRequest("2"));
        // the leader's two PROPOSEs to server 1, delivered in the wrong order and twice
        List<Packet> to1 = new ArrayList<>();
        for (Object[] d : e.wire) {
            if ((Integer) d[0] == 1) {
                to1.add((Packet) d[1]);
            }
        }
        e.wire.clear();
        assertEquals(2, to1.size());
        int before = e.events.size();
        e.step(1, new Input.Receive(to1.get(1)));
        assertEquals(before, e.events.size(), "the second PROPOSE waits for the first");
        e.step(1, new Input.Receive(to1.get(0)));
        assertEquals(List.of("1:FollowerProcessPROPOSE", "1:FollowerProcessPROPOSE"), e.events.subList(before, e.events.size()));
        e.step(1, new Input.Receive(to1.get(0)));
        e.step(1, new Input.Receive(to1.get(1)));
        assertEquals(before + 2, e.events.size(), "duplicates are ignored");
        assertEquals(2, e.nodes[1].history().size());
    }

    @Test
    void aLostMessageStallsTheConnectionAndTheFollowerGivesUpAfterTheMessageLifetime() {
        Ensemble e = new Ensemble(null);
        e.elect();
        e.step(3, new Input.ClientRequest("1"));
        e.step(3, new Input.ClientRequest("2"));
        Packet second = null;
        for (Object[] d : e.wire) {
            if ((Integer) d[0] == 1 && second == null && ((Packet) d[1]).value() == 2) {
                second = (Packet) d[1];
            }
        }
        e.wire.clear(); // the first PROPOSE to server 1 is lost
        int before = e.events.size();
        e.step(1, new Input.Receive(second));
        assertEquals(before, e.events.size(), "nothing after a gap is handled");
        for (int beat = 0; beat <= ZabNode.QUIET_BEATS; beat++) { // the first beat still counts what it heard before
            e.step(1, new Input.TimerFired(ZabNode.BEAT));
        }
        assertTrue(e.nodes[1].closing(), "the follower gives up on the stalled connection");
        assertEquals("FOLLOWING", e.nodes[1].roleName(), "but logs nothing until the message lifetime has passed");
        e.step(1, new Input.TimerFired(ZabNode.CLOSE));
        assertEquals("1:FollowerShutdown", e.events.get(e.events.size() - 1));
        assertEquals("LOOKING", e.nodes[1].roleName());
    }

    @Test
    void aLostMessageIsSentAgainOnTheNextHeartbeatAndHandledInOrder() {
        Ensemble e = new Ensemble(null);
        e.elect();
        e.step(3, new Input.ClientRequest("1"));
        e.step(3, new Input.ClientRequest("2"));
        e.wire.removeIf(d -> (Integer) d[0] == 1 && ((Packet) d[1]).value() == 1); // the first PROPOSE to 1 is lost
        e.deliverAll(10_000);
        assertEquals(List.of(), e.nodes[1].history(), "the second PROPOSE waits behind the gap");
        e.step(3, new Input.TimerFired(ZabNode.BEAT)); // heartbeat: what 1 has not acknowledged goes again
        e.deliverAll(10_000);
        assertEquals(List.of(new Txn(Txn.zxid(1, 1), 1), new Txn(Txn.zxid(1, 2), 2)), e.nodes[1].history());
        e.step(3, new Input.TimerFired(ZabNode.BEAT));
        e.deliverAll(10_000);
        assertEquals(2, e.nodes[1].lastCommitted());
        assertFalse(e.nodes[1].closing());
    }

    @Test
    void aRestartedServerStaysSilentForTheMessageLifetimeThenRecoversItsDurableState() {
        Ensemble e = new Ensemble(null);
        e.elect();
        e.write(5);
        Object saved = e.durable.get(1);
        e.nodes[1] = e.node(1, null);
        e.step(1, new Input.Restart(saved));
        assertFalse(e.events.contains("1:Restart"), "silent first");
        Effects fx = e.step(1, new Input.Receive(new ZabMessage.Vote(2, 1L << 24, 0, 0, 0, 0)));
        assertEquals(0, fx.sends(), "a restarting server answers nothing");
        e.step(1, new Input.TimerFired(ZabNode.CLOSE));
        assertEquals("1:Restart", e.events.get(e.events.size() - 1));
        assertEquals(1, e.nodes[1].currentEpoch());
        assertEquals(List.of(new Txn(Txn.zxid(1, 1), 5)), e.nodes[1].history());
        assertEquals(0, e.nodes[1].lastCommitted(), "delivery is relearned from the next leader");
        assertEquals(2, ((ZabDurable) e.durable.get(1)).boot(), "a new boot: fresh connection generations");
    }

    /**
     * The leader's give-up path when a follower's ACKEPOCH shows it ahead (ZooKeeper's
     * waitForEpochAck, the spec's "ahead" branch of LeaderProcessACKEPOCH) waits out the message
     * lifetime like every other close: a NEWEPOCH the leader sent before is handled by its follower
     * before the leader logs that it gave up, never after (the spec closes the connections at once,
     * so a NEWEPOCH handled after the close is no behaviour of the spec). The schedule: leader 3
     * logs a write nobody else gets and restarts; 1 and 2 elect 2 (behind 3); 2's NEWEPOCH to 1 is
     * held back; 3, electing with ZooKeeper's rule, follows 2 and its ACKEPOCH is ahead of 2.
     */
    @Test
    void aLeaderThatMeetsAFollowerAheadOfItWaitsOutTheMessageLifetimeBeforeGivingUp() {
        Ensemble e = new Ensemble(null, true);
        e.elect();
        assertEquals("LEADING", e.nodes[3].roleName());
        e.step(3, new Input.ClientRequest("1"));
        e.wire.clear(); // its PROPOSEs are lost: 3 alone logged txn (1,1)
        Object saved = e.durable.get(3);
        e.nodes[3] = e.node(3, null);
        e.step(3, new Input.Restart(saved)); // silent for the message lifetime
        for (int k = 1; k <= 2; k++) {
            for (int beat = 0; beat <= ZabNode.QUIET_BEATS; beat++) {
                e.step(k, new Input.TimerFired(ZabNode.BEAT));
            }
            e.step(k, new Input.TimerFired(ZabNode.CLOSE));
            assertEquals("LOOKING", e.nodes[k].roleName(), e.events.toString());
        }
        e.wire.clear(); // heartbeats and votes into the void
        Object[] newEpoch = null; // 2's NEWEPOCH to 1, held back
        for (int round = 0; round < 2; round++) { // 1 and 2 elect 2; 3 is still silent
            for (int k = 1; k <= 2; k++) {
                if (e.nodes[k].roleName().equals("LOOKING")) {
                    e.step(k, new Input.TimerFired(ZabNode.ELECT));
                }
            }
            for (Object[] d; (d = e.wire.poll()) != null; ) {
                if (d[1] instanceof Packet p && p.kind() == ZabMessage.Type.NEWEPOCH) {
                    newEpoch = d;
                } else if ((Integer) d[0] != 3) {
                    e.step((Integer) d[0], new Input.Receive((Message) d[1]));
                }
            }
        }
        assertEquals("LEADING", e.nodes[2].roleName(), e.events.toString());
        assertEquals("DISCOVERY", e.nodes[2].phaseName());
        assertNotNull(newEpoch, "2's NEWEPOCH to 1: " + e.events);
        assertEquals(1, (Integer) newEpoch[0]);
        e.step(3, new Input.TimerFired(ZabNode.CLOSE)); // 3 restarts: LOOKING, history [(1,1)]
        e.wire.clear();
        e.step(3, new Input.TimerFired(ZabNode.ELECT)); // 3's LOOKING vote, to 2 only
        e.wire.removeIf(d -> (Integer) d[0] != 2);
        e.deliverAll(10_000); // 2's LEADING answer: 3 follows 2; FOLLOWERINFO, NEWEPOCH, ACKEPOCH (ahead)
        assertEquals("FOLLOWING", e.nodes[3].roleName(), e.events.toString());
        assertTrue(e.nodes[2].closing(), "the leader gives up, first silent: " + e.events);
        assertEquals("LEADING", e.nodes[2].roleName(), "nothing logged before the message lifetime: " + e.events);
        e.wire.clear();
        e.step(1, new Input.Receive((Message) newEpoch[1])); // the held NEWEPOCH arrives within the lifetime
        assertEquals("1:FollowerProcessNEWEPOCH", e.events.get(e.events.size() - 1));
        e.step(2, new Input.TimerFired(ZabNode.CLOSE));
        assertEquals("2:LeaderShutdown", e.events.get(e.events.size() - 1), "the close comes after: " + e.events);
        assertEquals("LOOKING", e.nodes[2].roleName());
    }

    /** Every event kind of specs/zab/trace-mapping.json has exactly one handler naming it, and no other. */
    @Test
    void everySpecActionTheTraceUsesHasAHandler() throws Exception {
        java.util.TreeMap<String, Integer> handlers = new java.util.TreeMap<>();
        for (Class<?> c : List.of(ZabServer.class, ZabFollower.class, ZabNode.class)) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                dev.tlaconform.impl.core.SpecAction a = m.getAnnotation(dev.tlaconform.impl.core.SpecAction.class);
                if (a != null) {
                    for (String v : a.value()) {
                        handlers.merge(v, 1, Integer::sum);
                    }
                }
            }
        }
        com.fasterxml.jackson.databind.JsonNode mapping = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("../specs/zab/trace-mapping.json").toFile());
        java.util.TreeMap<String, Integer> expected = new java.util.TreeMap<>();
        mapping.get("events").fieldNames().forEachRemaining(a -> expected.put(a, 1));
        assertEquals(expected, handlers);
    }

    @Test
    void zxidsCompareLikeTheSpecsPairs() {
        assertTrue(Txn.zxid(1, 99) < Txn.zxid(2, 1));
        assertTrue(Txn.zxid(2, 1) < Txn.zxid(2, 2));
        assertEquals(2, Txn.epoch(Txn.zxid(2, 7)));
        assertEquals(7, Txn.counter(Txn.zxid(2, 7)));
    }
}
