package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.cli.history.RegisterHistories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tlaconform linearizable}: exit 0, 1 (with the window), 2 (file:line, no stack trace). */
class LinearizableCommandTest {
    static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void exitCodesBothWaysAndBadInput(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.ndjson");
        Path bad = dir.resolve("bad.ndjson");
        Files.write(good, RegisterHistories.generate(3, 5, 200, 1, 5, false));
        Files.write(bad, RegisterHistories.generate(3, 5, 200, 1, 5, true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(out, err, "linearizable", good.toString()), out + " " + err);
        assertTrue(out.toString().contains("good.ndjson: linearizable"), out.toString());
        out.reset();
        assertEquals(1, run(out, err, "linearizable", good.toString(), bad.toString()));
        String o = out.toString();
        assertTrue(o.contains("bad.ndjson: NOT linearizable") && o.contains("minimal window") && o.contains("-> -1"), o);
        Path broken = dir.resolve("broken.ndjson");
        Files.writeString(broken, Files.readAllLines(good).get(0) + "\n{\"process\":1,\"type\":\"ok\"}\n");
        out.reset();
        assertEquals(2, run(out, err, "linearizable", broken.toString()));
        String e = err.toString();
        assertTrue(e.contains(broken + ":2: "), e);
        assertFalse(e.contains("Exception"), e);
    }
}
