package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** n < 2f+1 is refused unless asked for; the catalogue parses; overrides round-trip through replay. */
class FaultBoundTest {
    @Test
    void refusesMoreFaultsThanAMinority() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimConfig.builder("paxos").nodes(3).faulty(2).build());
        assertTrue(e.getMessage().contains("2f+1 = 5"), e.getMessage());
        assertTrue(e.getMessage().contains("--unsafe-config"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SimConfig.builder("paxos").nodes(4).faults(FaultPlan.parse("crash=2")).build());
        assertThrows(IllegalArgumentException.class,
                () -> SimConfig.builder("multipaxos").nodes(2).faults(FaultPlan.named("crash")).faulty(1).build());
    }

    @Test
    void unsafeConfigRunsWithoutALivenessDuty() {
        SimConfig c = SimConfig.builder("paxos").nodes(3).faults(FaultPlan.parse("crash=2")).unsafeConfig(true).build();
        assertEquals(2, c.faulty());
        assertFalse(c.livenessRequired());
        for (long seed = 1; seed <= 50; seed++) {
            SimResult r = Simulation.run(c.toBuilder().seed(seed).untilDecided(20_000).build());
            assertTrue(r.ok(), r.failure()); // safety still holds; undecided is allowed
        }
    }

    @Test
    void withinTheBoundIsAccepted() {
        SimConfig c = SimConfig.builder("paxos").nodes(5).faults(FaultPlan.named("crash")).build();
        assertEquals(2, c.faulty());
        assertTrue(c.livenessRequired());
        assertFalse(SimConfig.builder("paxos").model(SystemModel.ASYNC).build().livenessRequired());
    }

    @Test
    void catalogueAndOverridesParse() {
        assertEquals(FaultPlan.NAMES.size(), FaultPlan.catalogue().size());
        FaultPlan p = FaultPlan.parse("restart,drop=0.2");
        assertEquals(0.2, p.drop());
        assertEquals(-1, p.restart());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("bogus"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("drop=2"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("drop=x"));
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("color=1"));
        assertThrows(IllegalArgumentException.class, () -> SystemModel.parse("eventual"));
    }

    @Test
    void replayCommandNamesEveryChoice() {
        SimConfig c = SimConfig.builder("multipaxos").seed(77).nodes(5).faults(FaultPlan.parse("all,drop=0.2"))
                .model(SystemModel.SYNC).build();
        String cmd = c.replayCommand();
        assertTrue(cmd.startsWith("tlaconform simulate --protocol multipaxos --seed 77 --nodes 5"), cmd);
        assertTrue(cmd.contains("--faults all,drop=0.2") && cmd.contains("--model sync"), cmd);
    }
}
