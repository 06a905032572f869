package dev.tlaconform.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Swarm plans (each run draws which fault kinds are on, Groce et al. 2012) and the guided
 * campaign's mutations: drawn from the seed alone, within the catalogue's bounds, varied (every
 * kind both on and off over a few seeds), and carried whole by the replay command.
 */
class SwarmTest {
    @Test
    void swarmPlansComeFromTheSeedVaryAndReplay() {
        Set<String> seen = new HashSet<>();
        boolean[] on = new boolean[7];
        boolean[] off = new boolean[7];
        for (long seed = 1; seed <= 64; seed++) {
            FaultPlan p = FaultPlan.swarm(seed);
            assertEquals(p, FaultPlan.swarm(seed), "the seed decides");
            seen.add(p.describe());
            double[] v = {p.drop(), p.dup(), p.delay(), p.partitions(), p.oneWay(), p.crashStop(), p.restart()};
            for (int k = 0; k < 7; k++) {
                on[k] |= v[k] > 0;
                off[k] |= v[k] == 0;
            }
            assertTrue(p.drop() <= 0.1 && p.dup() <= 0.1 && p.delay() <= 0.3 && p.partitions() <= 2 && p.oneWay() <= 2);
            SimConfig c = SimConfig.builder("zab").seed(seed).faults(p).build();
            String replay = c.replayCommand();
            String arg = replay.substring(replay.indexOf("--faults ") + 9).split(" ")[0];
            FaultPlan back = FaultPlan.parse(arg);
            assertEquals(p.describe().substring(p.describe().indexOf('(')), back.describe().substring(back.describe().indexOf('(')),
                    "replayable: " + replay);
        }
        for (int k = 0; k < 7; k++) {
            assertTrue(on[k] && off[k], "fault kind " + k + " both on and off over 64 seeds");
        }
        assertTrue(seen.size() > 30, "varied: " + seen.size());
    }

    @Test
    void aMutationChangesOneFaultKind() {
        SplittableRandom r = new SplittableRandom(1);
        for (long seed = 1; seed <= 40; seed++) {
            FaultPlan p = FaultPlan.swarm(seed);
            FaultPlan m = Campaign.mutate(p, r);
            int changed = (p.drop() != m.drop() ? 1 : 0) + (p.dup() != m.dup() ? 1 : 0) + (p.delay() != m.delay() ? 1 : 0)
                    + (p.partitions() != m.partitions() ? 1 : 0) + (p.oneWay() != m.oneWay() ? 1 : 0)
                    + (p.crashStop() != m.crashStop() || p.restart() != m.restart() ? 1 : 0);
            assertEquals(1, changed, p.describe() + " -> " + m.describe());
            assertNotEquals(p.describe(), m.describe());
        }
    }
}
