package dev.tlaconform.impl.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.trace.OracleRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every simulated Multi-Paxos trace is a behaviour of the spec as {@link MultiPaxosSpecOracle} reads it. */
class MultiPaxosTraceConformanceTest {
    static String check(String text) throws Exception {
        return OracleRuns.check(text, t -> new MultiPaxosSpecOracle(t.constants().get("N").asInt(),
                t.constants().get("MaxSlot").asInt())::step);
    }

    static String trace(SimConfig c) {
        return OracleRuns.trace(c);
    }

    @Test
    void simulatedTracesConform() throws Exception {
        List<String> bad = OracleRuns.sweep("multipaxos", 15, MultiPaxosTraceConformanceTest::check);
        assertEquals(List.of(), bad, String.join("\n", bad));
    }

    @Test
    void theOracleRejectsATamperedTrace() throws Exception {
        String good = trace(SimConfig.builder("multipaxos").seed(3).faults(FaultPlan.named("all")).build());
        assertEquals(null, check(good));
        String swapped = good.replaceFirst("(\"action\":\"Phase2a\",\"msg\":\\{\"type\":\"2a\",\"bal\":\\d+,\"slot\":)(\\d+)", "$15");
        assertNotNull(check(swapped), "a 2a in a slot the rules do not allow");
        String noLeader = good.replaceFirst("\"action\":\"BecomeLeader\"", "\"action\":\"Phase1b\"");
        assertNotNull(check(noLeader));
    }
}
