package dev.tlaconform.impl.trace;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The set-up the *TraceConformanceTest classes of impl share: simulated traces checked step by
 * step by a protocol's spec oracle (a hand-written reading of its spec), over every fault plan x
 * system model x seed.
 */
public final class OracleRuns {
    private OracleRuns() {}

    /** A spec oracle for one trace: why an event is not a step of the spec, or null. */
    public interface Oracle {
        String step(TraceReader.Event e);
    }

    /** Why the trace {@code text} is not a behaviour of the spec {@code oracle} reads, or null. */
    public static String check(String text, Function<TraceReader.Trace, Oracle> oracle) throws Exception {
        TraceReader.Trace t = TraceReader.read(new StringReader(text), "trace");
        Oracle o = oracle.apply(t);
        for (TraceReader.Event e : t.events()) {
            String why = o.step(e);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    /** The trace of one simulated run. */
    public static String trace(SimConfig c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Simulation.run(c, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What {@link #check} says about the trace of one run. */
    public interface Check {
        String check(String trace) throws Exception;
    }

    /**
     * Every fault plan x system model x seed 1..{@code seeds} of {@code protocol} (5 nodes every
     * third seed, else 3): each run {@code check} finds fault with, as its replay command and why.
     */
    public static List<String> sweep(String protocol, long seeds, Check check) throws Exception {
        List<String> bad = new ArrayList<>();
        for (String plan : FaultPlan.NAMES) {
            for (SystemModel model : SystemModel.values()) {
                for (long seed = 1; seed <= seeds; seed++) {
                    SimConfig c = SimConfig.builder(protocol).seed(seed).nodes(seed % 3 == 0 ? 5 : 3)
                            .faults(FaultPlan.named(plan)).model(model).build();
                    String why = check.check(trace(c));
                    if (why != null) {
                        bad.add(c.replayCommand() + "\n  " + why);
                    }
                }
            }
        }
        return bad;
    }
}
