package dev.tlaconform.check;

import java.nio.file.Path;

/**
 * Where a spec that TLC cannot load is broken ({@link SanyDiagnostics}), for callers outside the
 * child JVM: the fast validation engine, whose spec is a copy in a temporary run directory. The
 * location is given in the user's directory (userDir), not in the copy, which is deleted.
 */
public final class SpecErrors {
    /** A located problem: the file, its 1-based line and column (0 when unknown), the message. */
    public record Located(Path file, int line, int column, String message) {}

    private SpecErrors() {}

    /**
     * The first syntax or semantic error of the spec rooted at runDir/rootModule.tla, with paths in
     * runDir replaced by the same names in userDir; null when none is found. Serialized: SANY keeps
     * static state.
     */
    public static synchronized Located locate(Path runDir, String rootModule, Path userDir) {
        SanyDiagnostics.Problem p;
        java.io.PrintStream out = util.ToolIO.out, err = util.ToolIO.err;
        java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        util.ToolIO.out = quiet;   // SANY's "Parsing file ..." lines
        util.ToolIO.err = quiet;
        try {
            p = SanyDiagnostics.locate(runDir.resolve(rootModule + ".tla").toFile());
        } catch (RuntimeException | Error e) {
            return null;
        } finally {
            util.ToolIO.out = out;
            util.ToolIO.err = err;
        }
        if (p == null) return null;
        Path f = p.file() == null ? runDir.resolve(rootModule + ".tla") : Path.of(p.file());
        Path abs = f.toAbsolutePath().normalize();
        Path run = runDir.toAbsolutePath().normalize();
        if (abs.startsWith(run)) f = userDir.resolve(run.relativize(abs));
        return new Located(f, p.line(), p.column(), p.message());
    }
}
