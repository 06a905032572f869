package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Local model checks of the tiny specs under test resources (check/). */
class ModelCheckTest {
    static final Duration LIMIT = Duration.ofSeconds(90);

    static Path resource(String name) {
        try {
            return Path.of(ModelCheckTest.class.getResource("/check/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CheckReport check(String spec, String cfg) throws InterruptedException {
        return ModelCheck.run(CheckOptions.of(resource(spec), cfg == null ? null : resource(cfg)).withTimeout(LIMIT),
                CheckListener.SILENT);
    }

    @Test
    void aModelThatHoldsReportsItsExactStateCount() throws Exception {
        CheckReport r = check("Counter.tla", null);
        assertEquals(CheckReport.HOLDS, r.verdict(), () -> r.toJson());
        assertEquals(21 * 21, r.distinctStates(), "x, y in 0..20");
        assertEquals(41, r.depth(), "from (0,0) to (20,20) and the reset");
        assertTrue(r.statesGenerated() >= r.distinctStates());
        assertNull(r.violation());
        assertNull(r.error());
        assertTrue(r.counterexample().isEmpty());
        assertEquals(20, r.constants().get("N").asInt());
        assertTrue(r.tlcVersion().startsWith("2.18"), r.tlcVersion());
        assertTrue(r.wallTimeSeconds() > 0);
        assertFalse(Files.exists(resource("Counter.tla").resolveSibling("states")), "TLC's metadata stays out of the tree");
    }

    @Test
    void anInvariantViolationGivesTheShortestCounterexampleWithActionsAndValues() throws Exception {
        CheckReport r = check("DieHard.tla", null);
        assertEquals(CheckReport.VIOLATION, r.verdict());
        assertEquals("invariant", r.violation().kind());
        assertEquals("NotSolved", r.violation().name());
        List<CheckReport.Step> ce = r.counterexample();
        assertEquals(7, ce.size());
        assertEquals(List.of("Initial predicate", "FillBig", "BigToSmall", "EmptySmall", "BigToSmall", "FillBig", "BigToSmall"),
                ce.stream().map(CheckReport.Step::action).toList());
        assertEquals(0, ce.get(0).state().get("big").asInt());
        assertEquals(5, ce.get(1).state().get("big").asInt());
        assertEquals(4, ce.get(6).state().get("big").asInt(), "the 4-gallon state");
        assertEquals(3, ce.get(6).state().get("small").asInt());
        assertTrue(ce.get(1).location().startsWith("line 7, col 12"), ce.get(1).location());
        assertEquals(7, r.depth());
        assertEquals(14, r.distinctStates());
    }

    @Test
    void aDeadlockIsAViolationWithTheTraceToTheStuckState() throws Exception {
        CheckReport r = check("Deadlock.tla", null);
        assertEquals(CheckReport.VIOLATION, r.verdict());
        assertEquals("deadlock", r.violation().kind());
        assertEquals(4, r.counterexample().size());
        assertEquals(3, r.counterexample().get(3).state().get("x").asInt());
    }

    @Test
    void valuesAreWrittenAsJson() throws Exception {
        CheckReport r = check("Values.tla", null);
        assertEquals("Small", r.violation().name());
        CheckReport.Step last = r.counterexample().get(r.counterexample().size() - 1);
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree("[0,1]"), last.state().get("set"), "a set is an array");
        assertEquals(m.readTree("{\"round\":2,\"leader\":\"p1\"}"), last.state().get("rec"), "a record is an object");
        assertEquals(m.readTree("[[\"p1\",0],[\"p1\",1]]"), last.state().get("seq"), "a sequence of tuples: arrays");
        assertEquals(m.readTree("{\"p1\":2,\"p2\":0}"), last.state().get("fn"), "a function on model values: object");
        assertEquals("tick", last.state().get("name").asText());
        assertTrue(last.state().get("flag").isBoolean());
        assertEquals(m.readTree("[]"), r.counterexample().get(0).state().get("seq"), "<< >> is []");
        assertEquals(m.readTree("[\"p1\",\"p2\"]"), r.constants().get("Procs"), "model values are strings");
    }

    @Test
    void aLivenessViolationMarksWhereTheLassoLoopsBack() throws Exception {
        CheckReport r = check("Liveness.tla", null);
        assertEquals("property", r.violation().kind());
        List<CheckReport.Step> ce = r.counterexample();
        assertEquals(2, ce.size());
        assertEquals(1, ce.get(1).loopsBackTo());
        assertNull(ce.get(0).loopsBackTo());
    }

    @Test
    void assertionsAndEvaluationErrorsAreViolationsToo() throws Exception {
        CheckReport a = check("Assertion.tla", null);
        assertEquals("assertion", a.violation().kind());
        assertTrue(a.violation().message().contains("x grew past 1"), a.violation().message());
        assertEquals(3, a.counterexample().size());
        CheckReport e = check("EvalError.tla", null);
        assertEquals(CheckReport.VIOLATION, e.verdict());
        assertEquals("evaluation", e.violation().kind());
        assertEquals(5, e.error().line(), e.error().oneLine());
        assertTrue(e.error().file().endsWith("EvalError.tla"));
    }

    @Test
    void aViolatingInitialStateAndAnActionPropertyComeWithTheirStates() throws Exception {
        CheckReport init = check("InitInv.tla", null);
        assertEquals("invariant", init.violation().kind());
        assertEquals("Small", init.violation().name());
        assertEquals(1, init.counterexample().size());
        assertEquals(7, init.counterexample().get(0).state().get("x").asInt());
        CheckReport act = check("InitInv.tla", "InitInvActionProperty.cfg");
        assertEquals("property", act.violation().kind());
        assertEquals("Grows", act.violation().name());
        assertEquals(List.of(7, 2), act.counterexample().stream().map(s -> s.state().get("x").asInt()).toList());
    }

    @Test
    void aParseErrorNamesFileLineAndColumn() throws Exception {
        CheckReport r = check("ParseError.tla", null);
        assertEquals(CheckReport.BAD_INPUT, r.verdict());
        assertTrue(r.error().file().endsWith("ParseError.tla"), r.error().oneLine());
        assertEquals(6, r.error().line());
        assertEquals(1, r.error().column());
        assertTrue(r.error().message().contains("===="), r.error().message());
    }

    @Test
    void aSemanticErrorNamesTheUnknownOperator() throws Exception {
        CheckReport r = check("SemanticError.tla", null);
        assertEquals(CheckReport.BAD_INPUT, r.verdict());
        assertEquals(5, r.error().line());
        assertEquals(14, r.error().column());
        assertTrue(r.error().message().contains("Unknown operator"), r.error().message());
    }

    @Test
    void configErrorsPointAtTheirLine() throws Exception {
        CheckReport undefined = check("Counter.tla", "UndefinedInvariant.cfg");
        assertEquals(CheckReport.BAD_INPUT, undefined.verdict());
        assertTrue(undefined.error().file().endsWith("UndefinedInvariant.cfg"));
        assertEquals(4, undefined.error().line());
        assertTrue(undefined.error().message().contains("NoSuchInvariant"));
        CheckReport unassigned = check("Counter.tla", "Unassigned.cfg");
        assertEquals(CheckReport.BAD_INPUT, unassigned.verdict());
        assertTrue(unassigned.error().file().endsWith("Counter.tla"), "points at the CONSTANT declaration");
        assertEquals(4, unassigned.error().line());
        assertTrue(unassigned.error().message().contains("N is not assigned"));
    }

    @Test
    void missingFilesAreBadInputWithoutStartingTlc(@TempDir Path dir) throws Exception {
        CheckReport missing = ModelCheck.run(CheckOptions.of(dir.resolve("Nope.tla"), null), CheckListener.SILENT);
        assertEquals(CheckReport.BAD_INPUT, missing.verdict());
        assertEquals("no such file", missing.error().message());
        Path spec = Files.copy(resource("Counter.tla"), dir.resolve("Counter.tla"));
        CheckReport noCfg = ModelCheck.run(CheckOptions.of(spec, null), CheckListener.SILENT);
        assertEquals(CheckReport.BAD_INPUT, noCfg.verdict());
        assertTrue(noCfg.error().file().endsWith("Counter.cfg"));
        assertTrue(noCfg.error().message().contains("--config"), noCfg.error().message());
        CheckReport badCfg = ModelCheck.run(CheckOptions.of(spec, dir.resolve("Other.cfg")), CheckListener.SILENT);
        assertEquals("no such model file", badCfg.error().message());
    }

    @Test
    void theJsonReportHasTheAgreedKeys(@TempDir Path dir) throws Exception {
        CheckReport r = check("DieHard.tla", null);
        Path file = dir.resolve("sub/report.json");
        r.write(file);
        JsonNode j = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("tool", "command", "spec", "model", "tlcVersion", "constants", "workers", "verdict", "violation",
                "statesGenerated", "distinctStates", "depth", "wallTimeSeconds", "distinctStatesPerSecond", "counterexample",
                "error"), iterate(j.fieldNames()));
        assertEquals("tlaconform", j.get("tool").asText());
        assertEquals("check", j.get("command").asText());
        assertEquals("violation", j.get("verdict").asText());
        assertEquals(List.of("kind", "name", "message"), iterate(j.get("violation").fieldNames()));
        assertEquals(List.of("step", "action", "location", "state"), iterate(j.get("counterexample").get(0).fieldNames()));
        assertEquals(1, j.get("workers").asInt());
        assertEquals(14, j.get("distinctStates").asLong());
        assertTrue(j.get("error").isNull());
        assertEquals(r, CheckReport.read(file), "the report reads back");
    }

    @Test
    void twoChecksInOneJvmSequentiallyAndConcurrently() throws Exception {
        CheckReport first = check("Counter.tla", null);
        CheckReport second = check("DieHard.tla", null);
        assertEquals(441, first.distinctStates());
        assertEquals("NotSolved", second.violation().name());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CheckReport> a = pool.submit(() -> check("DieHard.tla", null));
            Future<CheckReport> b = pool.submit(() -> check("Counter.tla", null));
            assertEquals(7, a.get().counterexample().size());
            assertEquals(441, b.get().distinctStates());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(ChildJvm.idle(), "every child JVM and temp dir is gone");
    }

    @Test
    void aTimeoutKillsTlcAndSaysSo() throws Exception {
        CheckReport r = ModelCheck.run(CheckOptions.of(resource("Counter.tla"), resource("CounterHuge.cfg"))
                .withTimeout(Duration.ofSeconds(2)), CheckListener.SILENT);
        assertEquals(CheckReport.ERROR, r.verdict());
        assertTrue(r.error().message().startsWith("timed out"), r.error().message());
        assertTrue(ChildJvm.idle());
    }

    @Test
    void anInterruptedCheckStopsTlcAndCleansUp() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CheckReport> running = pool.submit(() -> ModelCheck.run(
                    CheckOptions.of(resource("Counter.tla"), resource("CounterHuge.cfg")).withTimeout(LIMIT), CheckListener.SILENT));
            Thread.sleep(2000);
            long t0 = System.nanoTime();
            running.cancel(true);
            pool.shutdown();
            assertTrue(pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS), "the check stops when interrupted");
            assertTrue((System.nanoTime() - t0) / 1e9 < 20);
            assertTrue(ChildJvm.idle(), "its JVM and temporary directory are gone");
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
