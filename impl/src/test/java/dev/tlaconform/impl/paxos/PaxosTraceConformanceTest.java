package dev.tlaconform.impl.paxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.trace.OracleRuns;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every simulated Paxos trace is a behaviour of Paxos.tla as {@link PaxosSpecOracle} reads it. */
class PaxosTraceConformanceTest {
    static String check(String text) throws Exception {
        return OracleRuns.check(text, t -> new PaxosSpecOracle(t.constants().get("N").asInt())::step);
    }

    static String trace(SimConfig c) {
        return OracleRuns.trace(c);
    }

    @Test
    void simulatedTracesConform() throws Exception {
        List<String> bad = OracleRuns.sweep("paxos", 25, PaxosTraceConformanceTest::check);
        assertEquals(List.of(), bad, String.join("\n", bad));
    }

    @Test
    void theOracleRejectsATamperedTrace() throws Exception {
        String good = trace(SimConfig.builder("paxos").seed(3).faults(FaultPlan.named("all")).build());
        assertEquals(null, check(good));
        // a Phase1b whose acceptor forgets the promise it just made
        String forgot = good.replaceFirst("(\"action\":\"Phase1b\",\"msg\":\\{[^}]*\\},\"state\":\\{\"maxBal\":)(\\d+)", "$1-1");
        assertNotNull(check(forgot));
        // a 2b for a value nobody proposed
        String forged = good.replaceFirst("(\"action\":\"Learn\",\"msg\":\\{\"type\":\"2b\",\"bal\":\\d+,\"val\":\")v\\d", "$1v9");
        assertNotNull(check(forged));
    }
}
