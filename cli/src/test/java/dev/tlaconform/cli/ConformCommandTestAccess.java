package dev.tlaconform.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Lets tests in other packages run the tampered campaign of {@link ConformCommandTest}. */
public final class ConformCommandTestAccess {
    private ConformCommandTestAccess() {}

    /** A 2-run paxos campaign whose first promise is tampered with; returns the exit code. */
    public static int tamperedCampaign(Path out) throws Exception {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new ConformCommand(ConformCommandTest.TAMPER_FIRST_PROMISE).run(new String[] {"--protocol", "paxos",
                "--runs", "1", "--faults", "none;all", "--specs", ConformCommandTest.SPECS, "--out", out.toString(),
                "--quiet", "--charts", "2"}, sink, sink);
    }
}
