package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paxos traces whose header declares a large MaxBallot (2000): with Paxos's Next the fast engine
 * could not load the spec (TLC enumerates Msg1b, about 24 million records, when it splits Next)
 * and Chosen tried every ballot per state; specs/paxos/trace-mapping.json now loads
 * TracePaxosNext's ValidationNext and the trace-time invariant forms. A simulator trace with the
 * header's MaxBallot raised to 2000 (the ballots it uses stay legal) is accepted with invariants
 * on, and a copy with a wrong logged ballot is rejected at that line by both engines. (--engine
 * tlc accepts the good trace too, but checks the original invariants, Chosen over 2001 ballots:
 * 14 s for 95 events, so it is run by hand, docs/paxos-validation.md.)
 */
class PaxosLargeBallotTraceTest {
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of(".."));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    @Test
    void traceWithMaxBallot2000IsValidatedBothWays(@TempDir Path dir) throws Exception {
        SimulatedTracesConformTest.assumeSpec("paxos", "TracePaxosNext");
        Path sim = SimulatedTracesConformTest.simulate(dir, "paxos", "all", 3);
        List<String> lines = Files.readAllLines(sim);
        ObjectNode header = (ObjectNode) SimulatedTracesConformTest.JSON.readTree(lines.get(0));
        ((ObjectNode) header.get("constants")).put("MaxBallot", 2000);
        List<ObjectNode> ev = new ArrayList<>();
        for (String l : lines.subList(1, lines.size() - 1)) {
            ev.add((ObjectNode) SimulatedTracesConformTest.JSON.readTree(l));
        }

        Path good = SimulatedTracesConformTest.write(dir.resolve("maxballot2000.ndjson"), header, ev);
        ValidationResult r = validator.validate(good, null, Validator.DEFAULT_MAX_CANDIDATES, true);
        assertTrue(r.accepted(), r.render());
        assertEquals(ev.size(), r.events(), r.render());

        // the first promise logs a higher maxBal than the 1a it answers
        List<ObjectNode> b = SimulatedTracesConformTest.deepCopy(ev);
        int i = SimulatedTracesConformTest.first(b, "Phase1b");
        ((ObjectNode) b.get(i).get("state")).put("maxBal", b.get(i).at("/state/maxBal").asInt() + 1);
        Path bad = SimulatedTracesConformTest.write(dir.resolve("maxballot2000-ballot.ndjson"), header, b);
        SimulatedTracesConformTest.rejectedAt(validator, bad, i + 2, "maxBal", true);
    }
}
