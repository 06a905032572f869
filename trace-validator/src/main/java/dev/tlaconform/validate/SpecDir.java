package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A spec directory ({@code specs/<protocol>/}: the spec, its trace spec and {@code trace-mapping.json})
 * and the throw-away run directories made from it: a copy of its modules, the module
 * {@code NDJsonTrace.tla}, and a generated .cfg whose CONSTANTS come from a trace header (plain
 * integers, strings and sets: the trace itself is never written as TLA+).
 */
public final class SpecDir {
    /** The module defining {@code Trace} (overridden in Java, see {@code tlc2.overrides.TLCOverrides}). */
    public static final String TRACE_MODULE = "NDJsonTrace";

    private SpecDir() {}

    /**
     * {@code specs/<protocol>} found by walking up from {@code start} (e.g. the working directory),
     * then from the trace's directory, then among the specs tlaconform ships ({@link InstalledSpecs}).
     */
    public static Path find(String protocol, Path start, Path trace) throws BadTraceException {
        if (!protocol.matches("[A-Za-z0-9_-]+")) {
            throw new BadTraceException(trace, 1, "protocol \"" + protocol + "\" is not a plain name");
        }
        Path traceDir = trace.toAbsolutePath().normalize().getParent();
        for (Path from : traceDir == null ? List.of(start) : List.of(start, traceDir)) {
            for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                Path c = p.resolve("specs").resolve(protocol);
                if (Files.isRegularFile(c.resolve(TraceMapping.FILE_NAME))) return c;
            }
        }
        java.util.Optional<Path> installed = InstalledSpecs.find(protocol);
        if (installed.isPresent()) return installed.get();
        throw new BadTraceException(trace, 1, "unknown protocol \"" + protocol
                + "\": no specs/" + protocol + "/" + TraceMapping.FILE_NAME + " above " + start.toAbsolutePath() + " or the trace,"
                + " and tlaconform ships none (pass --spec DIR)");
    }

    /** The CONSTANTS section for the mapping's constants, taking values from the header. */
    public static String constantsSection(TraceMapping m, JsonNode headerConstants, Path trace) throws BadTraceException {
        StringBuilder b = new StringBuilder("CONSTANTS\n");
        for (Map.Entry<String, JsonNode> e : m.constants().entrySet()) {
            JsonNode v;
            if (e.getValue().isTextual()) {
                v = headerConstants.get(e.getValue().asText());
                if (v == null) {
                    throw new BadTraceException(trace, 1, "the header's constants have no \"" + e.getValue().asText()
                            + "\" (the spec constant " + e.getKey() + " comes from it)");
                }
            } else {
                v = e.getValue().get("value");
            }
            String lit = literal(v);
            if (lit == null) {
                throw new BadTraceException(trace, 1, "constant " + e.getValue() + " = " + v
                        + ": only integers in 0..2147483647, strings, booleans and arrays of them can be spec constants");
            }
            b.append("  ").append(e.getKey()).append(" = ").append(lit).append('\n');
        }
        return b.toString();
    }

    static String literal(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToInt() && v.asInt() >= 0) return v.asText(); // a TLC .cfg has no negative numbers
        if (v.isTextual()) return quote(v.asText());
        if (v.isBoolean()) return v.asBoolean() ? "TRUE" : "FALSE";
        if (v.isArray()) {
            StringBuilder b = new StringBuilder("{");
            for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                String x = literal(it.next());
                if (x == null) return null;
                b.append(x).append(it.hasNext() ? ", " : "");
            }
            return b.append('}').toString();
        }
        return null;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\');
            if (c < 0x20) return "\"?\"";
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** tlaconform's community modules (TLA+ at the root of the trace-validator jar, Java in tlc2.overrides). */
    public static final List<String> COMMUNITY_MODULES = List.of("Json", "IOUtils", "TLCExt", "SequencesExt",
            "FiniteSetsExt", "BagsExt", "Functions", "Folds", "VectorClocks");

    /**
     * Which community modules the spec uses (EXTENDS, INSTANCE, transitively from the mapping's spec
     * module through the directory's modules) and whose copy: e.g. "SequencesExt (tlaconform's)",
     * "Json (the spec's own)"; empty if none. Without a mapping, what any module of the directory
     * uses. Only the modules the spec reaches are read (a directory of someone else's specs, such as
     * tlaplus/Examples' ewd998 with its 40 modules, is not scanned whole on every run).
     */
    public static List<String> communityModules(Path specDir) {
        TraceMapping tm = null;
        if (Files.isRegularFile(specDir.resolve(TraceMapping.FILE_NAME))) {
            try {
                tm = TraceMapping.load(specDir);
            } catch (BadTraceException e) {
                tm = null;   // reported where the mapping is read
            }
        }
        return communityModules(specDir, tm);
    }

    /** As {@link #communityModules(Path)}, for a mapping already read (or null). */
    public static List<String> communityModules(Path specDir, TraceMapping tm) {
        java.util.TreeSet<String> used = new java.util.TreeSet<>();
        java.util.regex.Pattern dep = java.util.regex.Pattern.compile("\\b(?:EXTENDS|INSTANCE)\\b([^\\n=]*)");
        java.util.ArrayDeque<Path> todo = new java.util.ArrayDeque<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try {
            String root = tm == null ? null : tm.spec();
            if (tm != null) for (String x : tm.extendsModules()) if (COMMUNITY_MODULES.contains(x)) used.add(x);   // the mapping's module
            if (root != null && Files.isRegularFile(specDir.resolve(root + ".tla"))) {
                todo.add(specDir.resolve(root + ".tla"));
                seen.add(root);
            } else {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(specDir, "*.tla")) {
                    for (Path f : ds) todo.add(f);
                }
            }
            while (!todo.isEmpty()) {
                java.util.regex.Matcher m = dep.matcher(Files.readString(todo.poll(), StandardCharsets.UTF_8));
                while (m.find()) {
                    for (String name : m.group(1).split("[,\\s]+")) {
                        if (COMMUNITY_MODULES.contains(name)) used.add(name);
                        if (!name.isEmpty() && seen.add(name) && Files.isRegularFile(specDir.resolve(name + ".tla"))) {
                            todo.add(specDir.resolve(name + ".tla"));
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException unreadable) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (String m : used) {
            out.add(m + (Files.exists(specDir.resolve(m + ".tla")) ? " (the spec's own)" : " (tlaconform's)"));
        }
        return out;
    }

    /** A new run directory holding copies of the spec dir's modules, NDJsonTrace.tla and the community modules it lacks. */
    public static Path makeRunDir(Path specDir) throws IOException {
        Path run = dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-validate-");   // deleted on exit if not by delete()
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(specDir, "*.tla")) {
            for (Path f : ds) Files.copy(f, run.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        try (InputStream in = SpecDir.class.getResourceAsStream("/tla/" + TRACE_MODULE + ".tla")) {
            if (in == null) throw new IOException("resource /tla/" + TRACE_MODULE + ".tla missing from the jar");
            Files.copy(in, run.resolve(TRACE_MODULE + ".tla"), StandardCopyOption.REPLACE_EXISTING);
        }
        // tlaconform's community modules, where the spec has no copy of its own (its own wins)
        for (String m : COMMUNITY_MODULES) {
            Path target = run.resolve(m + ".tla");
            if (Files.exists(target)) continue;
            try (InputStream in = SpecDir.class.getResourceAsStream("/" + m + ".tla")) {
                if (in == null) throw new IOException("resource /" + m + ".tla missing from the jar");
                Files.copy(in, target);
            }
        }
        return run;
    }

    static void writeCfg(Path run, String name, String text) throws IOException {
        Files.writeString(run.resolve(name + ".cfg"), text, StandardCharsets.UTF_8);
    }

    static String cfgLines(String keyword, List<String> names) {
        return names.isEmpty() ? "" : keyword + " " + String.join(" ", names) + "\n";
    }

    /** Deletes a run directory (best effort). */
    public static void delete(Path dir) {
        dev.tlaconform.check.ExitCleanup.release(dir);
    }
}
