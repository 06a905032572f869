package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The community operators whose TLA+ definitions TLC cannot evaluate (environment, programs,
 * files, TLC's registers, TLCExt) behave as upstream TLC with the community modules: every
 * ASSUME, invariant, constraint, VIEW and POSTCONDITION of CommunityBehaviour.tla holds, and a
 * false POSTCONDITION is reported as a violation.
 */
class CommunityBehaviourTest {
    static CheckReport run(Path dir, String cfg) throws Exception {
        return ModelCheck.run(CheckOptions.of(ModelCheckTest.resource("community/CommunityBehaviour.tla"),
                ModelCheckTest.resource("community/" + cfg)).withTimeout(Duration.ofMinutes(3))
                .withEnvironment(Map.of("DIR", dir.toString(), "NUM", "42")), CheckListener.SILENT);
    }

    @Test
    void theOverridesBehaveAsUpstream(@TempDir Path dir) throws Exception {
        CheckReport r = run(dir, "CommunityBehaviour.cfg");
        assertEquals(CheckReport.HOLDS, r.verdict(), r::toJson);
        assertEquals(5, r.distinctStates(), "the VIEW saw each state's own level: " + r.toJson());
        assertEquals(5, r.depth());
        assertEquals("some text", Files.readString(dir.resolve("t.txt")));
        assertEquals("{\"a\":1,\"b\":[\"x\",true]}\n{\"a\":-2,\"b\":[]}\n", Files.readString(dir.resolve("v.ndjson")));
    }

    @Test
    void periodicIsEvaluatedAtEveryProgressReport() throws Exception {
        // the counter never stops: the check runs until _PERIODIC has printed (however slow or fast the
        // machine), then the test stops it
        java.util.concurrent.CountDownLatch printed = new java.util.concurrent.CountDownLatch(1);
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<CheckReport> running = pool.submit(() -> ModelCheck.run(
                    CheckOptions.of(ModelCheckTest.resource("community/Periodic.tla"), null)
                            .withTimeout(Duration.ofMinutes(5)).withProgressEvery(Duration.ofSeconds(1)), new CheckListener() {
                        @Override
                        public void specOutput(String line) {
                            lines.add(line);
                            if (line.equals("<<\"periodic\", TRUE>>")) printed.countDown();
                        }
                    }));
            assertTrue(printed.await(4, java.util.concurrent.TimeUnit.MINUTES), "no _PERIODIC output: " + lines);
            running.cancel(true);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS), "the check stops when interrupted");
        }
    }

    @Test
    void aFalsePostconditionIsAViolation(@TempDir Path dir) throws Exception {
        CheckReport r = run(dir, "CommunityBehaviourWrongDiameter.cfg");
        assertEquals(CheckReport.VIOLATION, r.verdict(), r::toJson);
        assertEquals("postcondition", r.violation().kind());
        assertEquals("WrongDiameter", r.violation().name());
        assertTrue(r.violation().message().contains("FALSE"), r.violation().message());
    }
}
