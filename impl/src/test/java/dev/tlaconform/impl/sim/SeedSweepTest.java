package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed sweeps: for every protocol, fault plan and system model, hundreds of seeds; every run must
 * keep the safety invariants (checked after every step), and every run with a liveness duty must
 * decide. Failures name the seed and the replay command. (scripts/sim-sweep runs thousands.)
 */
class SeedSweepTest {
    static final int SEEDS = Integer.getInteger("sweep.seeds", 200);

    static List<Arguments> plans() {
        List<Arguments> a = new ArrayList<>();
        for (String protocol : Protocols.NAMES) {
            for (String plan : FaultPlan.NAMES) {
                for (SystemModel m : SystemModel.values()) {
                    a.add(Arguments.of(protocol, plan, m));
                }
            }
        }
        return a;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("plans")
    void everySeedIsSafeAndLiveWhereItMustBe(String protocol, String plan, SystemModel model) {
        List<String> failures = new ArrayList<>();
        int decided = 0;
        int seeds = protocol.equals("pbft") ? Math.max(1, SEEDS / 40) : SEEDS; // a PBFT step verifies Ed25519 signatures
        for (long seed = 1; seed <= seeds; seed++) {
            SimConfig c = SimConfig.builder(protocol).seed(seed).nodes(seed % 4 == 0 ? 5 : 3)
                    .faults(FaultPlan.named(plan)).model(model).untilDecided(200_000).build();
            SimResult r = Simulation.run(c);
            if (!r.ok()) {
                failures.add("seed " + seed + ": " + r.failure() + "\n  replay: " + c.replayCommand());
            }
            if (r.outcome() == SimResult.Outcome.DECIDED) {
                decided++;
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
        if (model != SystemModel.ASYNC) {
            assertEquals(seeds, decided, "every run with a liveness duty decides");
        } else {
            assertTrue(decided > 0, "async runs decide at least sometimes");
        }
    }
}
