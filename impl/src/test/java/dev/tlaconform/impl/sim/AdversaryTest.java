package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The adversaries campaigns rotate through (Protocols.adversaries / withAdversary). */
class AdversaryTest {
    @Test
    void crashProtocolsHaveNoAdversaryButNone() {
        for (String p : List.of("paxos", "multipaxos", "zab")) {
            assertEquals(List.of("none"), Protocols.adversaries(p), p);
            SimConfig c = Protocols.withAdversary(SimConfig.builder(p), p, "none").build();
            assertEquals(0, c.byzantine());
            assertThrows(IllegalArgumentException.class, () -> Protocols.withAdversary(SimConfig.builder(p), p, "forge"));
        }
    }

    @Test
    void pbftRotatesThroughOneByzantineReplicaPerBehaviourOnFourReplicas() {
        List<String> a = Protocols.adversaries("pbft");
        assertEquals(List.of("none", "equivocate", "forge", "replay", "wrong-digest", "silent"), a);
        assertEquals(4, SimConfig.builder("pbft").build().nodes(), "n = 3f+1 with f = 1 by default");
        for (String adversary : a.subList(1, a.size())) {
            SimConfig c = Protocols.withAdversary(SimConfig.builder("pbft").seed(3), "pbft", adversary).build();
            assertEquals(1, c.byzantine());
            assertEquals(List.of(adversary), c.byz());
            assertTrue(c.replayCommand().contains("--byzantine 1 --byz " + adversary), c.replayCommand());
            SimResult r = Simulation.run(c);
            assertTrue(r.ok(), adversary + ": " + r.failure() + "\n  replay: " + c.replayCommand());
        }
        assertEquals(0, Protocols.withAdversary(SimConfig.builder("pbft"), "pbft", "none").build().byzantine());
    }
}
