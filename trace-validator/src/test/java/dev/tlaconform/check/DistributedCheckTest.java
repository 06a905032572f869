package dev.tlaconform.check;

import static dev.tlaconform.check.ModelCheckTest.LIMIT;
import static dev.tlaconform.check.ModelCheckTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** TLC's distributed mode: a TLCServer and TLCWorker JVMs on 127.0.0.1. */
class DistributedCheckTest {

    @Test
    void reachesTheSameDistinctStateCountAsALocalRun() throws Exception {
        CheckOptions local = CheckOptions.of(resource("Counter.tla"), null).withTimeout(LIMIT);
        CheckReport l = ModelCheck.run(local, CheckListener.SILENT);
        CheckReport d = ModelCheck.run(local.withDistributed(2), CheckListener.SILENT);
        assertEquals(CheckReport.HOLDS, d.verdict(), d::toJson);
        assertEquals(l.distinctStates(), d.distinctStates());
        assertEquals(441, d.distinctStates());
        assertTrue(ChildJvm.idle(), "server, workers and temp dirs are gone");
    }

    @Test
    void aViolationTheServerMisreportsIsReCheckedLocally() throws Exception {
        StringBuilder notes = new StringBuilder();
        CheckReport r = ModelCheck.run(CheckOptions.of(resource("DieHard.tla"), null).withTimeout(LIMIT).withDistributed(1),
                new CheckListener() {
                    @Override
                    public void note(String line) {
                        notes.append(line);
                    }
                });
        assertEquals(CheckReport.VIOLATION, r.verdict());
        assertEquals("NotSolved", r.violation().name());
        assertEquals(7, r.counterexample().size());
        assertEquals(4, r.counterexample().get(6).state().get("big").asInt());
        assertTrue(notes.toString().contains("re-checking locally"), notes.toString());
    }

    @Test
    void aModelWithPropertyIsRefused() throws Exception {
        CheckReport r = ModelCheck.run(CheckOptions.of(resource("Liveness.tla"), null).withDistributed(1), CheckListener.SILENT);
        assertEquals(CheckReport.BAD_INPUT, r.verdict());
        assertEquals(2, r.error().line());
        assertTrue(r.error().message().contains("does not check temporal properties"), r.error().message());
    }
}
