package dev.tlaconform.cli.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The black-box checker beside the white-box one: Zab's mutant retry-applied-twice (a new leader
 * proposes the writes it inherited again, as its clients' retries after the leader change, and the
 * state machine applies every delivered txn) on a run where it decides a write twice: the trace is
 * a behaviour of the spec (Zab allows a new zxid for the same value) and is accepted, the clients'
 * history is not linearizable. The same run without the mutant: accepted and linearizable.
 */
class RetriedWriteTest {
    @Test
    void aWriteAppliedTwiceIsCaughtByTheHistoryCheckerNotByTraceValidation(@TempDir Path dir) throws Exception {
        try (Validator validator = new Validator(Path.of(".."))) {
            for (String mutant : new String[] {"retry-applied-twice", null}) {
                SimConfig cfg = SimConfig.builder("zab").seed(6).faults(FaultPlan.parse("drop")).model(SystemModel.PARTIAL)
                        .spreadDeltas(600).values(30).mutant(mutant).untilDecided(SimConfig.DEFAULT_MAX_STEPS).build();
                Path trace = dir.resolve("t-" + mutant + ".ndjson");
                Path history = dir.resolve("h-" + mutant + ".ndjson");
                SimResult r;
                try (OutputStream t = Files.newOutputStream(trace); OutputStream h = Files.newOutputStream(history)) {
                    r = Simulation.run(cfg, Protocols.factory(cfg), t, h);
                }
                assertTrue(r.ok(), "no simulator invariant sees it either: " + r.summary());
                Set<String> seen = new HashSet<>();
                boolean twice = r.decided().values().stream().anyMatch(v -> !seen.add(v));
                assertEquals(mutant != null, twice, "a write decided twice: " + r.decided());
                ValidationResult vr = validator.validate(trace, null, Validator.DEFAULT_MAX_CANDIDATES, true);
                assertTrue(vr.accepted(), vr.render());
                Linearizability.Result lr = Linearizability.check(History.read(history));
                if (mutant != null) {
                    assertFalse(lr.linearizable(), "the history checker catches it");
                    Linearizability.KeyResult bad = lr.keys().stream().filter(k -> !k.linearizable()).findFirst().orElseThrow();
                    assertTrue(bad.window().size() < bad.ops(), "a window smaller than the key's history: "
                            + bad.window().size() + " of " + bad.ops());
                } else {
                    assertTrue(lr.linearizable(), "applied once: linearizable");
                }
            }
        }
    }
}
