package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's list of bad input that was not a clean exit 2, each as a new user would meet it: exit 2
 * and one line naming the user's file and line (never a stack trace, never a temporary file).
 */
class BadInputListTest {
    static final Path TOY_TRACES = ValidateCommandTest.TRACES;
    static final Path TOY_SPEC = Path.of(ValidateCommandTest.SPEC);

    /** Exit 2, one stderr line that contains each of expected, no stack trace, no temporary path. */
    static void refused(ValidateCommandTest.Run r, String... expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String e : expected) assertTrue(r.err().contains(e), "no '" + e + "' in: " + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
        assertFalse(r.err().contains("/tmp/tlaconform-"), r.err());
    }

    private static Path toyTrace(Path dir, String name, String header, String endLine) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TOY_TRACES.resolve("valid.ndjson")));
        if (header != null) lines.set(0, header);
        if (endLine != null) lines.set(lines.size() - 1, endLine);
        Path t = dir.resolve(name);
        Files.write(t, lines);
        return t;
    }

    @Test
    void anEndLineCountBeyondALongIsRefusedNotWrappedAround(@TempDir Path dir) throws Exception {
        // 2^64 + 7 wraps around to 7 as a long: it used to be accepted
        Path t = toyTrace(dir, "wrap.ndjson", null, "{\"kind\":\"end\",\"events\":18446744073709551623}");
        refused(ValidateCommandTest.run("validate", "--spec", TOY_SPEC.toString(), t.toString()), "wrap.ndjson:9: the end line says 18446744073709551623 events, the file has 7");
        Path u = toyTrace(dir, "wrap2.ndjson", null, "{\"kind\":\"end\",\"events\":18446744073709551616}");
        refused(ValidateCommandTest.run("validate", "--engine", "tlc", "--spec", TOY_SPEC.toString(), u.toString()), "wrap2.ndjson:9:");
    }

    @Test
    void headerNodeCountsOutOfRangeNameTheTraceHeaderNotTheMappingOrATemporaryCfg(@TempDir Path dir) throws Exception {
        String h = Files.readAllLines(TOY_TRACES.resolve("valid.ndjson")).get(0);
        for (String n : new String[] {"-3", "0", "100000", "3000000000"}) {
            Path t = toyTrace(dir, "n" + n + ".ndjson", h.replace("\"N\":3", "\"N\":" + n), null);
            refused(ValidateCommandTest.run("validate", "--spec", TOY_SPEC.toString(), t.toString()),
                    "n" + n + ".ndjson:1: the header's N = " + n + " is not a node count: it must be in 1..1000");
        }
        // another constant the cfg cannot hold: named at the header line, not as a TLC error in a temporary cfg
        Path t = toyTrace(dir, "ballot.ndjson", h.replace("\"MaxBallot\":2", "\"MaxBallot\":-3"), null);
        refused(ValidateCommandTest.run("validate", "--spec", TOY_SPEC.toString(), t.toString()),
                "ballot.ndjson:1: constant \"MaxBallot\" = -3: only integers in 0..2147483647");
    }

    @Test
    void aSpecWithASyntaxErrorIsReportedAgainstTheUsersFileAndLine(@TempDir Path dir) throws Exception {
        Path spec = Files.createDirectories(dir.resolve("spec"));
        for (String f : new String[] {"ToyPaxos.tla", "trace-mapping.json"}) {
            Files.copy(TOY_SPEC.resolve(f), spec.resolve(f));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(spec.resolve("ToyPaxos.tla")));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("Init ==")) at = i;
        lines.set(at, lines.get(at).replace("Init ==", "Init === "));
        Files.write(spec.resolve("ToyPaxos.tla"), lines);
        ValidateCommandTest.Run r = ValidateCommandTest.run("validate", "--spec", spec.toString(),
                TOY_TRACES.resolve("valid.ndjson").toString());
        refused(r, spec.resolve("ToyPaxos.tla").toAbsolutePath() + ":" + (at + 1) + ":", "TLC cannot load the spec");
        assertFalse(r.out().contains("Parsing file"), r.out());
    }

    @Test
    void anUnwritableReportIsRefusedBeforeTheRunAndNamed(@TempDir Path dir) throws Exception {
        Path nowhere = dir.resolve("no-such-dir").resolve("r.json");
        refused(ValidateCommandTest.run("validate", "--report", nowhere.toString(), TOY_TRACES.resolve("valid.ndjson").toString()),
                "--report " + nowhere + ": cannot write: no such directory");
        refused(ValidateCommandTest.run("validate", "--report", dir.toString(), TOY_TRACES.resolve("valid.ndjson").toString()),
                "--report " + dir + ": is a directory");
        CheckCommandTest.Run c = CheckCommandTest.tlaconform("check", CheckCommandTest.resource("Counter.tla").toString(),
                "--report", nowhere.toString());
        assertEquals(2, c.exit(), c.out() + c.err());
        assertTrue(c.err().contains("--report " + nowhere + ": cannot write"), c.err());
        assertFalse(c.err().contains("\tat "), c.err());
    }

    private static CheckCommandTest.Run check(Path spec, String... more) {
        List<String> a = new ArrayList<>(List.of("check", spec.toString()));
        a.addAll(List.of(more));
        return CheckCommandTest.tlaconform(a.toArray(new String[0]));
    }

    private static void checkRefused(CheckCommandTest.Run r, String... expected) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        for (String e : expected) assertTrue(r.err().contains(e), "no '" + e + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anEmptyOrBinarySpecIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("M.cfg"), "INIT Init\nNEXT Next\n");
        Path empty = Files.writeString(dir.resolve("Empty.tla"), "");
        checkRefused(check(empty, "--config", cfg.toString()), "Empty.tla:1:1: empty file");
        Path bin = Files.write(dir.resolve("Bin.tla"), new byte[] {'-', '-', '\n', 'x', '\n', (byte) 0xff, (byte) 0xfe, 0x01});
        checkRefused(check(bin, "--config", cfg.toString()), "Bin.tla:3:1: not UTF-8 text");
        Path nul = Files.write(dir.resolve("Nul.tla"), new byte[] {'a', '\n', 0, 1, 2});
        checkRefused(check(nul, "--config", cfg.toString()), "Nul.tla:2:1: binary file");
    }

    @Test
    void aModelIntegerTlcCannotHoldIsNamedAtItsCfgLine(@TempDir Path dir) throws Exception {
        Path cfg = Files.writeString(dir.resolve("Big.cfg"), "\\* beyond an int\nCONSTANT N = 3000000000\nINIT Init\nNEXT Next\n");
        checkRefused(check(CheckCommandTest.resource("Counter.tla"), "--config", cfg.toString()),
                "Big.cfg:2:14: the integer 3000000000 is beyond what TLC can hold");
    }

    @Test
    void aTenThousandDeepExpressionIsBadInputAtItsLine(@TempDir Path dir) throws Exception {
        int d = 10_000;
        Path spec = Files.writeString(dir.resolve("Deep.tla"), "---- MODULE Deep ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = "
                + "(".repeat(d) + "1" + ")".repeat(d) + "\nNext == x' = x\n====\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("Deep.cfg"), "INIT Init\nNEXT Next\n");
        checkRefused(check(spec), "Deep.tla:4:1: TLC ran out of stack (StackOverflowError)", "10000 levels");
    }

    @Test
    void aJvmOptionTheJvmRefusesIsBadInputBeforeTlcStarts() {
        checkRefused(check(CheckCommandTest.resource("Counter.tla"), "--jvm-opt=-Xfoo"),
                "--jvm-opt -Xfoo: the JVM refuses it: Unrecognized option: -Xfoo");
        checkRefused(check(CheckCommandTest.resource("Counter.tla"), "--jvm-opt=Xmx1g"), "a JVM option starts with '-'");
    }

    @Test
    void simulatorSizesOutOfRangeAreRefusedNotReplacedByDefaults() {
        for (String[] o : new String[][] {{"--values", "0"}, {"--max-slot", "0"}}) {
            ValidateCommandTest.Run r = ValidateCommandTest.run("simulate", "--protocol", "multipaxos", "--seed", "1", o[0], o[1]);
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains(o[0] + " must be in 1.."), r.err());
            ValidateCommandTest.Run b = ValidateCommandTest.run("bench", "validate", "--protocol", "multipaxos", "--seeds", "1..1", o[0], o[1]);
            assertEquals(2, b.exit(), b.out() + b.err());
        }
        ValidateCommandTest.Run t = ValidateCommandTest.run("validate", "--timeout", "0", TOY_TRACES.resolve("valid.ndjson").toString());
        assertEquals(2, t.exit(), t.err());
        assertTrue(t.err().contains("--timeout must be a positive duration"), t.err());
    }
}
