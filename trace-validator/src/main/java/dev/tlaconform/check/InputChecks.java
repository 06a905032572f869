package dev.tlaconform.check;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bad input {@code check} finds before any TLC JVM starts, each as a located error (file, line,
 * column): an empty or binary spec (TLC says only "Module-Table lookup failure"), an integer in
 * the model that TLC cannot hold (it throws NumberFormatException), a JVM option the JVM refuses
 * (TLC's JVM would die before saying anything); and the one it finds after: a stack overflow,
 * located at the spec line that nests deepest.
 */
final class InputChecks {
    private InputChecks() {}

    /** Empty, holding a NUL byte, or not UTF-8: the first offending line; else null. */
    static CheckReport.ErrorInfo specText(Path spec) {
        byte[] b;
        try {
            b = Files.readAllBytes(spec);
        } catch (IOException e) {
            return new CheckReport.ErrorInfo(spec.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
        if (b.length == 0 || new String(b, StandardCharsets.ISO_8859_1).isBlank()) {
            return new CheckReport.ErrorInfo(spec.toString(), 1, 1, "empty file: a TLA+ module starts with ---- MODULE "
                    + moduleName(spec) + " ----");
        }
        int line = 1;
        for (byte x : b) {
            if (x == 0) return new CheckReport.ErrorInfo(spec.toString(), line, 1, "binary file (a NUL byte): not a TLA+ module");
            if (x == '\n') line++;
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, java.nio.CharBuffer.allocate(b.length + 1), true);
        if (r.isError()) {
            int l = 1;
            for (int i = 0; i < in.position(); i++) if (b[i] == '\n') l++;
            return new CheckReport.ErrorInfo(spec.toString(), l, 1, "not UTF-8 text (a binary file?): not a TLA+ module");
        }
        if (!new String(b, StandardCharsets.UTF_8).contains("MODULE")) {
            return new CheckReport.ErrorInfo(spec.toString(), 1, 1, "no ---- MODULE " + moduleName(spec) + " ---- line: not a TLA+ module");
        }
        return null;
    }

    private static String moduleName(Path spec) {
        String n = spec.getFileName().toString();
        return n.endsWith(".tla") ? n.substring(0, n.length() - 4) : n;
    }

    /** The first integer of the model TLC cannot hold (beyond 2^31 - 1), located; else null. */
    static CheckReport.ErrorInfo cfgIntegers(Path cfg) {
        CfgFile f;
        try {
            f = CfgFile.read(cfg);
        } catch (IOException | RuntimeException e) {
            return null; // TLC reports what it cannot read
        }
        for (CfgFile.Token t : f.tokens()) {
            if (!t.text().matches("[0-9]+")) continue;
            if (t.text().length() > 10 || Long.parseLong(t.text()) > Integer.MAX_VALUE) {
                return new CheckReport.ErrorInfo(cfg.toString(), t.line(), t.column(), "the integer " + t.text()
                        + " is beyond what TLC can hold (at most 2147483647)");
            }
        }
        return null;
    }

    /** Runs {@code java OPTIONS -version}: the JVM's own complaint about an option it refuses, else null. */
    static String jvmOptions(List<String> options) {
        if (options.isEmpty()) return null;
        for (String o : options) {
            if (!o.startsWith("-")) return "--jvm-opt " + o + ": a JVM option starts with '-'";
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.add("-version");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try {
                p.getOutputStream().close();
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return null;
                }
            } finally {
                p.destroyForcibly();
            }
            if (p.exitValue() == 0) return null;
            String first = out.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit status " + p.exitValue());
            return "--jvm-opt " + String.join(" ", options) + ": the JVM refuses it: " + first.strip();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * For a stack overflow: the line of the spec whose brackets nest deepest (and how deep), the
     * likeliest place an expression nests too deeply for TLC; line 1 when none nests.
     */
    static CheckReport.ErrorInfo stackOverflow(Path spec) {
        int bestLine = 1;
        int best = 0;
        try {
            List<String> lines = Files.readAllLines(spec, StandardCharsets.UTF_8);
            int depth = 0;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int max = 0;
                int ops = 0;
                for (int k = 0; k < l.length(); k++) {
                    char c = l.charAt(k);
                    if (c == '(' || c == '[' || c == '{') depth++;
                    else if (c == ')' || c == ']' || c == '}') depth = Math.max(0, depth - 1);
                    else if (c == '+' || c == '*' || c == '-' || c == '\\' || c == '&' || c == '|') ops++;
                    max = Math.max(max, Math.max(depth, ops));
                }
                if (max > best) {
                    best = max;
                    bestLine = i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the file as a whole then
        }
        return new CheckReport.ErrorInfo(spec.toString(), bestLine, 1, "TLC ran out of stack (StackOverflowError): an expression"
                + " nested too deeply" + (best >= 100 ? " (" + best + " levels of brackets or operators on this line)" : "")
                + ", or a recursive definition that does not terminate; rewrite it, or give TLC a deeper stack with --jvm-opt -Xss64m");
    }
}
