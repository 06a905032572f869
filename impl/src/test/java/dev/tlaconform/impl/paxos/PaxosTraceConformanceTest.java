package dev.tlaconform.impl.paxos;

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

/** Every simulated Paxos trace is a behaviour of Paxos.tla as {@link PaxosSpecOracle} reads it. */
class PaxosTraceConformanceTest {
    static String check(String text) throws Exception {
        TraceReader.Trace t = TraceReader.read(new StringReader(text), "trace");
        PaxosSpecOracle o = new PaxosSpecOracle(t.constants().get("N").asInt());
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
                for (long seed = 1; seed <= 25; seed++) {
                    SimConfig c = SimConfig.builder("paxos").seed(seed).nodes(seed % 3 == 0 ? 5 : 3)
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
