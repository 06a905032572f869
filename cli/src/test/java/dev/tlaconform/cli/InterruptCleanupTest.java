package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupted command leaves no temporary files and no processes (issue 21: conform left its
 * temporary trace folder behind 3 times of 3; check left a metadata folder once in 10). Each case
 * runs tlaconform as a child JVM with its own java.io.tmpdir, waits until the work is under way
 * (a temporary directory exists, TLC's JVM runs), sends SIGINT as Ctrl-C does, and then finds the
 * tmpdir empty and every process the command started gone. The work cannot finish before the
 * signal: check runs CounterHuge.cfg (10^10 states); conform 100,000 PBFT runs.
 */
class InterruptCleanupTest {
    private static Process tlaconform(Path tmp, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean hasEntry(Path dir, String prefix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        }
    }

    /** Waits (up to 2 minutes: a loaded machine) until ready holds, failing with the log if the child exits first. */
    private static void await(Process p, Path log, java.util.concurrent.Callable<Boolean> ready) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!ready.call()) {
            assertTrue(p.isAlive(), "exited before the work was under way: " + Files.readString(log));
            assertTrue(System.nanoTime() < end, "not under way after 2 minutes: " + Files.readString(log));
            Thread.sleep(50);
        }
    }

    /** SIGINT, as Ctrl-C; then: the child exits, its tmpdir is empty, no process it started is alive. */
    private static void interruptAndCheck(Process p, Path tmp, Path log) throws Exception {
        List<ProcessHandle> started = p.descendants().toList();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not exit on SIGINT: " + Files.readString(log));
        for (ProcessHandle h : started) {
            h.onExit().get(20, TimeUnit.SECONDS);
            assertFalse(h.isAlive(), "a process it started is still alive: " + h.info());
        }
        try (Stream<Path> s = Files.walk(tmp)) {
            List<String> left = s.filter(x -> !x.equals(tmp)).map(Path::toString).filter(x -> !x.contains("hsperfdata")).toList();
            assertTrue(left.isEmpty(), "left behind: " + left + "\n" + Files.readString(log));
        }
    }

    @Test
    void checkInterruptedLeavesNoTemporaryFilesAndNoProcesses(@TempDir Path dir) throws Exception {
        Path res = Path.of("../trace-validator/src/test/resources/check");
        Path spec = res.resolve("Counter.tla");
        Path cfg = res.resolve("CounterHuge.cfg");
        // at once, and later: once TLC's JVM has started and again while it explores
        for (int round = 0; round < 3; round++) {
            Path tmp = Files.createDirectories(dir.resolve("tmp" + round));
            Path log = dir.resolve("check" + round + ".log");
            Process p = tlaconform(tmp, log, "check", spec.toString(), "--config", cfg.toString());
            final int r = round;
            await(p, log, () -> hasEntry(tmp, "tlaconform-check-") && (r == 0 || p.descendants().findAny().isPresent()));
            if (round == 2) await(p, log, () -> Files.readString(log).contains("Checking"));
            interruptAndCheck(p, tmp, log);
        }
    }

    /**
     * validate --timeout on a trace that cannot be decided in any time (its one action tries the
     * 2^60 subsets of 1..60): progress on stderr every 10 s, then exit 3 (a timeout is not a
     * verdict) with one TIMEOUT line naming the trace line it was at, and nothing left behind.
     */
    @Test
    void validateTimeoutStopsAnUndecidableTraceWithProgressAndExitThree(@TempDir Path dir) throws Exception {
        Path res = Path.of("../trace-validator/src/test/resources");
        Path trace = res.resolve("traces/forever/forever.ndjson");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve("validate.log");
        Process p = tlaconform(tmp, log, "validate", "--timeout", "25s", "--spec", res.resolve("specs/forever").toString(), trace.toString());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "no exit: " + Files.readString(log));
        String out = Files.readString(log);
        assertEquals(ExitCode.INTERNAL, p.exitValue(), out);
        // progress every 10 s: loading the spec (slow on a loaded machine), then at the event that cannot be decided
        assertTrue(out.contains("forever.ndjson: 0 events done, 0 events/s, at line 2, 1 candidate states")
                || out.contains("forever.ndjson: loading the spec"), out);
        assertTrue(out.matches("(?s).*forever\\.ndjson:[12]: TIMEOUT: not decided within --timeout 25s.*"), out);
        assertFalse(out.contains("\tat "), out);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(x -> !x.toString().contains("hsperfdata")).toList(), out);
        }
    }

    @Test
    void conformInterruptedLeavesNoTemporaryTraceFolder(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path log = dir.resolve("conform.log");
        Process p = tlaconform(tmp, log, "conform", "--protocol", "pbft", "--runs", "100000", "--faults", "none",
                "--models", "partial", "--jobs", "1", "--out", dir.resolve("out").toString(), "--specs", new File("../specs").getPath());
        await(p, log, () -> hasEntry(tmp, "tlaconform-conform"));
        Thread.sleep(500);   // traces being written and validated
        interruptAndCheck(p, tmp, log);
    }
}
