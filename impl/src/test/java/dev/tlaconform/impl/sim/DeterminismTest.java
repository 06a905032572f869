package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One seed decides everything: same seed, same bytes; another seed, another run; tracing changes nothing. */
class DeterminismTest {
    static byte[] trace(SimConfig c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Simulation.run(c, out);
        return out.toByteArray();
    }

    static SimConfig config(String protocol, long seed) {
        return SimConfig.builder(protocol).seed(seed).faults(FaultPlan.named("all")).nodes(5).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"paxos", "multipaxos"})
    void sameSeedGivesIdenticalBytes(String protocol) {
        for (long seed = 1; seed <= 20; seed++) {
            byte[] a = trace(config(protocol, seed));
            byte[] b = trace(config(protocol, seed));
            assertArrayEquals(a, b, "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"paxos", "multipaxos"})
    void differentSeedsGiveDifferentRuns(String protocol) {
        byte[] prev = trace(config(protocol, 1));
        for (long seed = 2; seed <= 20; seed++) {
            byte[] next = trace(config(protocol, seed));
            assertFalse(Arrays.equals(prev, next), "seeds " + (seed - 1) + " and " + seed + " gave the same trace");
            prev = next;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"paxos", "multipaxos"})
    void tracingDoesNotChangeTheRun(String protocol) {
        for (long seed = 1; seed <= 50; seed++) {
            SimConfig c = config(protocol, seed);
            SimResult off = Simulation.run(c);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimResult on = Simulation.run(c, out);
            assertEquals(off.steps(), on.steps());
            assertEquals(off.events(), on.events());
            assertEquals(off.messages(), on.messages());
            assertEquals(off.decided(), on.decided());
            assertEquals(off.virtualTime(), on.virtualTime());
            long lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().count();
            assertEquals(on.events() + 2, lines, "header + one line per event + end");
        }
    }
}
