package dev.tlaconform.impl.multipaxos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.impl.trace.TraceReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every simulated Multi-Paxos trace is a behaviour of the spec as {@link MultiPaxosSpecOracle} reads it. */
class MultiPaxosTraceConformanceTest {
    static String check(String text) throws Exception {
        TraceReader.Trace t = TraceReader.read(new StringReader(text), "trace");
        MultiPaxosSpecOracle o = new MultiPaxosSpecOracle(t.constants().get("N").asInt(),
                t.constants().get("MaxSlot").asInt());
        for (TraceReader.Event e : t.events()) {
            String why = o.step(e);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    static String trace(SimConfig c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Simulation.run(c, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void simulatedTracesConform() throws Exception {
        List<String> bad = new ArrayList<>();
        for (String plan : FaultPlan.NAMES) {
            for (SystemModel model : SystemModel.values()) {
                for (long seed = 1; seed <= 15; seed++) {
                    SimConfig c = SimConfig.builder("multipaxos").seed(seed).nodes(seed % 3 == 0 ? 5 : 3)
                            .faults(FaultPlan.named(plan)).model(model).build();
                    String why = check(trace(c));
                    if (why != null) {
                        bad.add(c.replayCommand() + "\n  " + why);
                    }
                }
            }
        }
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
