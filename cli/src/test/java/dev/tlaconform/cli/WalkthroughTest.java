package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.cli.walkthrough.Walkthrough;
import dev.tlaconform.impl.sim.Protocols;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec-to-code pairing ({@code @SpecAction}) is complete for every protocol the simulator
 * knows, the check catches a broken pairing, and {@code tlaconform walkthrough} writes the page.
 */
class WalkthroughTest {
    static final Path SPECS = Path.of("../specs").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {}

    static Run walkthrough(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            String[] all = new String[args.length + 1];
            all[0] = "walkthrough";
            System.arraycopy(args, 0, all, 1, args.length);
            code = Main.run(all, out, err);
        }
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Every spec action of every registered protocol has a handler, and every handler names a spec action. */
    @Test
    void everyProtocolPairsEachSpecActionWithAHandlerAndNothingElse() throws Exception {
        for (String p : Protocols.NAMES) {
            Path dir = SPECS.resolve(p);
            assertTrue(Files.isRegularFile(dir.resolve("trace-mapping.json")),
                    p + " is registered in Protocols.NAMES but has no specs/" + p + "/trace-mapping.json");
            Walkthrough.Page page = Walkthrough.build(p, dir, false);
            assertFalse(page.actions().isEmpty(), p);
            assertFalse(page.handlers().isEmpty(), p + ": no @SpecAction handler at all");
            assertEquals(List.of(), Walkthrough.problems(page), p);
            for (var a : page.actions()) {
                assertTrue(a.text().contains(a.operator()), p + "/" + a.event() + ": TLA+ text " + a.text());
            }
        }
    }

    @Test
    void aBrokenPairingIsCaughtInBothDirections(@TempDir Path tmp) throws IOException {
        Path dir = copyPaxosSpecs(tmp);
        Path mapping = dir.resolve("trace-mapping.json");
        // the trace calls the restart "Reboot" now: the spec action Reboot has no handler, and
        // PaxosNode#restart names "Restart", which the mapping no longer has
        Files.writeString(mapping, Files.readString(mapping).replace("\"Restart\":       {\"params\"",
                "\"Reboot\":        {\"action\": \"Restart\", \"params\""));
        Run r = walkthrough("paxos", "--specs", tmp.toString(), "--no-examples", "--out", tmp.resolve("p.md").toString());
        assertEquals(ExitCode.VIOLATION, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("paxos: spec action Reboot has no @SpecAction handler"), r.err());
        assertTrue(r.err().contains("PaxosNode#restart names 'Restart'"), r.err());
        assertTrue(Files.readString(tmp.resolve("p.md")).contains("**no handler**"));
    }

    @Test
    void aMappingNamingAnOperatorTheSpecLacksIsBadInput(@TempDir Path tmp) throws IOException {
        Path dir = copyPaxosSpecs(tmp);
        Path mapping = dir.resolve("trace-mapping.json");
        Files.writeString(mapping, Files.readString(mapping).replace("\"Learn\":         {\"params\"",
                "\"Learn\":         {\"action\": \"Learnt\", \"params\""));
        Run r = walkthrough("paxos", "--specs", tmp.toString(), "--no-examples");
        assertEquals(ExitCode.BAD_INPUT, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("trace-mapping.json") && r.err().contains("defines no operator Learnt"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void thePageHasTheSpecTextTheCodeAndAnExampleEvent(@TempDir Path tmp) throws IOException {
        Path page = tmp.resolve("docs").resolve("paxos.md");
        Run r = walkthrough("paxos", "--specs", SPECS.toString(), "--out", page.toString());
        assertEquals(ExitCode.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("8 spec actions, 8 handlers, 8 example events"), r.out());
        String md = Files.readString(page);
        assertTrue(md.contains("## Phase1b"), md);
        assertTrue(md.contains("Phase1b(a, m) ==\n  /\\ m \\in msgs"), "TLA+ text cut from Paxos.tla");
        assertTrue(md.contains("`dev.tlaconform.impl.paxos.PaxosNode#phase1b`"), md);
        assertTrue(md.contains("@SpecAction(\"Phase1b\")\nprivate void phase1b("), "the handler's Java source");
        assertTrue(md.matches("(?s).*```json\n\\{\"kind\":\"event\",\"seq\":\\d+,\"node\":\\d,\"action\":\"Phase1b\".*"), md);
        assertTrue(md.contains("PaxosNode.java#L"), "a link to the handler's line");
    }

    @Test
    void badUsageIsExit2() {
        for (String[] args : new String[][] {{}, {"raft"}, {"paxos", "multipaxos"}, {"paxos", "--bogus"}}) {
            Run r = walkthrough(args);
            assertEquals(ExitCode.BAD_INPUT, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }

    private static Path copyPaxosSpecs(Path tmp) throws IOException {
        Path dir = tmp.resolve("paxos");
        Files.createDirectories(dir);
        try (var s = Files.list(SPECS.resolve("paxos"))) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }
}
