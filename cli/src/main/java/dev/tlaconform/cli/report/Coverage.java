package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ILine;
import org.jacoco.core.analysis.IMethodCoverage;
import org.jacoco.core.data.ExecutionDataReader;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.SessionInfoStore;

/**
 * Branch and line coverage of the protocol cores ({@code dev.tlaconform.impl.<protocol>}) over one
 * campaign, measured by JaCoCo's agent (attached by {@code scripts/tlaconform} to {@code conform} and
 * {@code mutants}; without it, {@link #start} says so and nothing is measured): per protocol, per
 * handler (each method that declares a spec action with {@code @SpecAction}), and every source line
 * with a branch no run took.
 */
public final class Coverage {
    /** Counts of one kind: covered of total. */
    public record Count(int covered, int total) {
        static Count of(ICounter c) {
            return new Count(c.getCoveredCount(), c.getTotalCount());
        }

        public String percent() {
            return total == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * covered / total);
        }

        @Override
        public String toString() {
            return covered + "/" + total;
        }
    }

    /** A handler: the spec action(s) it declares, its method, its counts. */
    public record Handler(String action, String method, Count lines, Count branches, int firstLine) {}

    /**
     * A source line with branches never taken: its trimmed text (null when the source is not
     * bundled) and why no run took them ({@link CoverageReasons}; null: no reason known).
     */
    public record MissedBranch(String file, int line, int missed, int total, String text, CoverageReasons.Reason reason) {
        @Override
        public String toString() {
            return file + ":" + line + " (" + missed + " of " + total + " branches never taken)";
        }

        /** With its reason: {@code PaxosNode.java:77 (1 of 2) mutant: ...}. */
        public String explained() {
            return file + ":" + line + " (" + missed + "/" + total + ") " + (reason == null ? "NO REASON: " + text : reason);
        }
    }

    /** One protocol core. */
    public record ProtocolCoverage(String protocol, Count lines, Count branches, List<Handler> handlers,
            List<MissedBranch> missedBranches) {}

    private final List<ProtocolCoverage> protocols;
    private final String note;
    private final SpecAlternatives spec;

    private Coverage(List<ProtocolCoverage> protocols, String note) {
        this(protocols, note, null);
    }

    private Coverage(List<ProtocolCoverage> protocols, String note, SpecAlternatives spec) {
        this.protocols = protocols;
        this.note = note;
        this.spec = spec;
    }

    /** With the spec-level coverage beside it (the alternatives of each action the accepted steps took). */
    public Coverage withSpec(SpecAlternatives spec) {
        return new Coverage(protocols, note, spec);
    }

    /** The spec-level coverage, or null when not recorded. */
    public SpecAlternatives spec() {
        return spec;
    }

    public List<ProtocolCoverage> protocols() {
        return protocols;
    }

    /** Why nothing was measured, or null. */
    public String note() {
        return note;
    }

    /** Whether JaCoCo's agent runs in this JVM; if so, its counters are reset (the campaign starts now). */
    public static boolean start() {
        try {
            org.jacoco.agent.rt.RT.getAgent().reset();
            return true;
        } catch (IllegalStateException | NoClassDefFoundError notStarted) {
            return false;
        }
    }

    /** What the agent recorded since {@link #start}, for {@code protocols}; without the agent, an empty report saying why. */
    public static Coverage collect(List<String> protocols) throws IOException {
        return collect(protocols, null);
    }

    /**
     * As above, and writes the agent's execution data to {@code exec} (when not null and measured):
     * JaCoCo's own format, for its report tools, an IDE, or {@link #fromExec} to re-read the
     * coverage with newer reasons.
     */
    public static Coverage collect(List<String> protocols, Path exec) throws IOException {
        byte[] data;
        try {
            data = org.jacoco.agent.rt.RT.getAgent().getExecutionData(false);
        } catch (IllegalStateException | NoClassDefFoundError notStarted) {
            return new Coverage(List.of(), "not measured: JaCoCo's agent is not attached (scripts/tlaconform attaches it"
                    + " to conform and mutants; with java -jar, add -javaagent:cli/target/lib/org.jacoco.agent-0.8.15-runtime.jar"
                    + "=includes=dev.tlaconform.impl.*,output=none)");
        }
        if (exec != null) {
            Files.write(exec, data);
        }
        return of(data, protocols);
    }

    /** The coverage of a campaign's {@code coverage.exec}, analysed against this build's class files. */
    public static Coverage fromExec(Path exec, List<String> protocols) throws IOException {
        return of(Files.readAllBytes(exec), protocols);
    }

    /** JaCoCo execution data (a coverage.exec's bytes, or the agent's) read into a store. */
    private static ExecutionDataStore read(byte[] data) throws IOException {
        ExecutionDataStore store = new ExecutionDataStore();
        ExecutionDataReader reader = new ExecutionDataReader(new ByteArrayInputStream(data));
        reader.setExecutionDataVisitor(store);
        reader.setSessionInfoVisitor(new SessionInfoStore());
        reader.read();
        return store;
    }

    private static Coverage of(byte[] data, List<String> protocols) throws IOException {
        ExecutionDataStore store = read(data);
        List<ProtocolCoverage> out = new ArrayList<>();
        for (String p : protocols) {
            out.add(analyze(p, store));
        }
        return new Coverage(out, null);
    }

    private static ProtocolCoverage analyze(String protocol, ExecutionDataStore store) throws IOException {
        return analyze(protocol, store, CoverageReasons.load());
    }

    private static ProtocolCoverage analyze(String protocol, ExecutionDataStore store, CoverageReasons reasons) throws IOException {
        String pkg = "dev/tlaconform/impl/" + protocol + "/";
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(store, builder);
        for (Map.Entry<String, byte[]> c : CoreClasses.classFiles(pkg).entrySet()) {
            analyzer.analyzeClass(c.getValue(), c.getKey());
        }
        int lc = 0, lt = 0, bc = 0, bt = 0;
        List<Handler> handlers = new ArrayList<>();
        List<MissedBranch> missed = new ArrayList<>();
        for (IClassCoverage cc : builder.getClasses()) {
            lc += cc.getLineCounter().getCoveredCount();
            lt += cc.getLineCounter().getTotalCount();
            bc += cc.getBranchCounter().getCoveredCount();
            bt += cc.getBranchCounter().getTotalCount();
            Map<String, String> actions = CoreClasses.specActions(cc.getName().replace('/', '.'));
            for (IMethodCoverage m : cc.getMethods()) {
                String action = actions.get(m.getName() + m.getDesc());
                if (action != null) {
                    handlers.add(new Handler(action, simpleName(cc) + "." + m.getName(), Count.of(m.getLineCounter()),
                            Count.of(m.getBranchCounter()), m.getFirstLine()));
                }
            }
            String file = cc.getSourceFileName() == null ? simpleName(cc) + ".java" : cc.getSourceFileName();
            // the method of each line (for the reasons; a lambda's lines are its own method's)
            Map<Integer, String> methodOf = new TreeMap<>();
            for (IMethodCoverage m : cc.getMethods()) {
                for (int line = m.getFirstLine(); line > 0 && line <= m.getLastLine(); line++) {
                    if (m.getLine(line).getBranchCounter().getTotalCount() > 0) {
                        methodOf.putIfAbsent(line, m.getName());
                    }
                }
            }
            for (int line = cc.getFirstLine(); line > 0 && line <= cc.getLastLine(); line++) {
                ILine l = cc.getLine(line);
                int miss = l.getBranchCounter().getMissedCount();
                if (miss > 0) {
                    String where = protocol + "/" + file;
                    int total = l.getBranchCounter().getTotalCount();
                    int next = cc.getLine(line + 1).getStatus();
                    CoverageReasons.Site site = new CoverageReasons.Site(methodOf.getOrDefault(line, ""),
                            next == ICounter.FULLY_COVERED || next == ICounter.PARTLY_COVERED);
                    missed.add(new MissedBranch(file, line, miss, total, reasons.text(where, line),
                            reasons.explain(where, line, miss, total, site)));
                }
            }
        }
        handlers.sort((a, b) -> a.action().compareTo(b.action()));
        missed.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
        return new ProtocolCoverage(protocol, new Count(lc, lt), new Count(bc, bt), handlers, missed);
    }

    private static String simpleName(IClassCoverage cc) {
        String n = cc.getName();
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** The probes (JaCoCo's branch and line markers) the agent has seen hit: a guided campaign's novelty measure. */
    public static final class Probes {
        private Probes() {}

        /**
         * Adds to {@code reached} every probe hit so far (class id and probe index in one long) and
         * returns how many were new; 0 without the agent.
         */
        public static int reached(java.util.Set<Long> reached) throws IOException {
            byte[] data;
            try {
                data = org.jacoco.agent.rt.RT.getAgent().getExecutionData(false);
            } catch (IllegalStateException | NoClassDefFoundError notStarted) {
                return 0;
            }
            ExecutionDataStore store = read(data);
            int fresh = 0;
            for (org.jacoco.core.data.ExecutionData d : store.getContents()) {
                boolean[] probes = d.getProbes();
                for (int i = 0; i < probes.length; i++) {
                    if (probes[i] && reached.add(d.getId() * 31 + i)) {
                        fresh++;
                    }
                }
            }
            return fresh;
        }
    }

    // ---- reports ----------------------------------------------------------------------------------------

    /** The terminal table: per protocol, per handler, then the first never-taken branches. */
    public void print(PrintStream out, int maxMissed) {
        out.println();
        if (note != null) {
            out.println("code coverage of the protocol cores: " + note);
            return;
        }
        out.println("code coverage of the protocol cores (JaCoCo, over this campaign's runs):");
        out.printf(Locale.ROOT, "  %-12s %15s %8s %17s %8s %s%n", "protocol", "lines", "", "branches", "", "lines with a branch never taken");
        for (ProtocolCoverage p : protocols) {
            out.printf(Locale.ROOT, "  %-12s %15s %8s %17s %8s %d%n", p.protocol(), p.lines(), p.lines().percent(),
                    p.branches(), p.branches().percent(), p.missedBranches().size());
        }
        for (ProtocolCoverage p : protocols) {
            out.println();
            out.println(p.protocol() + " handlers (lines, branches):");
            int w = p.handlers().stream().mapToInt(h -> h.action().length()).max().orElse(10);
            int wm = p.handlers().stream().mapToInt(h -> h.method().length()).max().orElse(10);
            for (Handler h : p.handlers()) {
                out.printf(Locale.ROOT, "  %-" + w + "s %-" + wm + "s %9s %7s %9s %7s%n", h.action(), h.method(),
                        h.lines(), h.lines().percent(), h.branches(), h.branches().percent());
            }
            printMissed(out, p.missedBranches(), maxMissed);
        }
    }

    /**
     * The never-taken branches with their reasons: a count per category, then the lines of the
     * automatic categories (one reason each, the same for all) by location only, every line with a
     * written reason beside its reason (up to {@code max}), and every line with none, with its text.
     */
    static void printMissed(PrintStream out, List<MissedBranch> m, int max) {
        if (m.isEmpty()) {
            out.println("  every branch taken");
            return;
        }
        out.println("  lines with a branch never taken: " + m.size() + " (" + String.join(", ", tally(m).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).toList()) + ")");
        int shown = 0;
        for (List<MissedBranch> g : groups(m)) {
            CoverageReasons.Reason r = g.get(0).reason();
            if (r != null && r.automatic()) {
                out.println("    " + r.category() + ", automatic (" + r.text() + "): " + String.join(", ",
                        g.stream().map(b -> b.file() + ":" + b.line()).toList()));
                continue;
            }
            for (MissedBranch b : g) {
                if (r == null || shown++ < max) {
                    out.println("    " + b.explained());
                }
            }
        }
        if (shown > max) {
            out.println("    ... " + (shown - max) + " more lines with their reasons in report.json and index.html");
        }
    }

    /** Lines per category, in {@link CoverageReasons#CATEGORIES} order, then "WITHOUT A REASON". */
    static Map<String, Integer> tally(List<MissedBranch> m) {
        Map<String, Integer> t = new java.util.LinkedHashMap<>();
        for (String c : CoverageReasons.CATEGORIES.keySet()) {
            int n = (int) m.stream().filter(b -> b.reason() != null && b.reason().category().equals(c)).count();
            if (n > 0) {
                t.put(c, n);
            }
        }
        int none = (int) m.stream().filter(b -> b.reason() == null).count();
        if (none > 0) {
            t.put("WITHOUT A REASON", none);
        }
        return t;
    }

    /** The lines grouped: per category the automatic ones (one group per reason text), then the written ones; those without a reason last. */
    static List<List<MissedBranch>> groups(List<MissedBranch> m) {
        Map<String, List<MissedBranch>> by = new java.util.LinkedHashMap<>();
        for (String c : CoverageReasons.CATEGORIES.keySet()) {
            for (MissedBranch b : m) {
                if (b.reason() != null && b.reason().category().equals(c) && b.reason().automatic()) {
                    by.computeIfAbsent("auto\t" + b.reason().text(), k -> new ArrayList<>()).add(b);
                }
            }
            for (MissedBranch b : m) {
                if (b.reason() != null && b.reason().category().equals(c) && !b.reason().automatic()) {
                    by.computeIfAbsent("written\t" + c, k -> new ArrayList<>()).add(b);
                }
            }
        }
        for (MissedBranch b : m) {
            if (b.reason() == null) {
                by.computeIfAbsent("none", k -> new ArrayList<>()).add(b);
            }
        }
        return List.copyOf(by.values());
    }

    /** report.json's {@code coverage} object. */
    public ObjectNode toJson(ObjectMapper om) {
        ObjectNode o = om.createObjectNode();
        o.put("tool", "JaCoCo 0.8.15");
        if (note != null) {
            o.put("note", note);
            return o;
        }
        ObjectNode ps = o.putObject("protocols");
        for (ProtocolCoverage p : protocols) {
            ObjectNode j = ps.putObject(p.protocol());
            count(j.putObject("lines"), p.lines());
            count(j.putObject("branches"), p.branches());
            ArrayNode hs = j.putArray("handlers");
            for (Handler h : p.handlers()) {
                ObjectNode hn = hs.addObject();
                hn.put("action", h.action());
                hn.put("method", h.method());
                hn.put("line", h.firstLine());
                count(hn.putObject("lines"), h.lines());
                count(hn.putObject("branches"), h.branches());
            }
            ArrayNode ms = j.putArray("branchesNeverTaken");
            for (MissedBranch m : p.missedBranches()) {
                ObjectNode mn = ms.addObject().put("file", m.file()).put("line", m.line()).put("missed", m.missed())
                        .put("branches", m.total()).put("text", m.text());
                if (m.reason() != null) {
                    mn.put("category", m.reason().category()).put("reason", m.reason().text())
                            .put("automatic", m.reason().automatic());
                } else {
                    mn.putNull("category");
                    mn.putNull("reason");
                }
            }
            ObjectNode tally = j.putObject("branchesNeverTakenByCategory");
            tally(p.missedBranches()).forEach(tally::put);
        }
        return o;
    }

    private static void count(ObjectNode n, Count c) {
        n.put("covered", c.covered());
        n.put("total", c.total());
    }

    /** index.html's section. */
    public void html(StringBuilder b) {
        b.append("<h2>Code coverage of the protocol cores</h2>\n");
        if (note != null) {
            b.append("<p class=\"meta\">").append(Esc.xml(note)).append("</p>\n");
            return;
        }
        b.append("<table><tr><th class=\"l\">protocol</th><th>lines</th><th>%</th><th>branches</th><th>%</th>"
                + "<th>lines with a branch never taken</th></tr>\n");
        for (ProtocolCoverage p : protocols) {
            b.append("<tr><td class=\"l\">").append(Esc.xml(p.protocol())).append("</td><td>").append(p.lines())
                    .append("</td><td>").append(p.lines().percent()).append("</td><td>").append(p.branches())
                    .append("</td><td>").append(p.branches().percent()).append("</td><td>")
                    .append(p.missedBranches().size()).append("</td></tr>\n");
        }
        b.append("</table>\n");
        for (ProtocolCoverage p : protocols) {
            b.append("<h3>").append(Esc.xml(p.protocol())).append(" handlers</h3>\n<table><tr><th class=\"l\">spec action</th>"
                    + "<th class=\"l\">method</th><th>lines</th><th>%</th><th>branches</th><th>%</th></tr>\n");
            for (Handler h : p.handlers()) {
                boolean never = h.lines().covered() == 0;
                b.append("<tr><td class=\"l").append(never ? " never" : "").append("\">").append(Esc.xml(h.action()))
                        .append("</td><td class=\"l\">").append(Esc.xml(h.method())).append("</td><td>").append(h.lines())
                        .append("</td><td>").append(h.lines().percent()).append("</td><td>").append(h.branches())
                        .append("</td><td>").append(h.branches().percent()).append("</td></tr>\n");
            }
            b.append("</table>\n");
            if (!p.missedBranches().isEmpty()) {
                b.append("<p class=\"meta\">Lines with a branch never taken: ").append(p.missedBranches().size()).append(" (")
                        .append(Esc.xml(String.join(", ", tally(p.missedBranches()).entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey()).toList()))).append(")</p>\n");
                b.append("<table><tr><th class=\"l\">line</th><th>never taken</th><th class=\"l\">source</th>"
                        + "<th class=\"l\">category</th><th class=\"l\">why no run takes it</th></tr>\n");
                for (MissedBranch m : p.missedBranches()) {
                    b.append("<tr><td class=\"l\">").append(Esc.xml(m.file() + ":" + m.line())).append("</td><td>")
                            .append(m.missed()).append("/").append(m.total()).append("</td><td class=\"l\"><code>")
                            .append(Esc.xml(m.text() == null ? "" : m.text())).append("</code></td>");
                    if (m.reason() == null) {
                        b.append("<td class=\"l never\">none</td><td class=\"l never\">no reason written"
                                + " (docs/coverage-reasons.tsv)</td></tr>\n");
                    } else {
                        b.append("<td class=\"l\">").append(Esc.xml(m.reason().category()))
                                .append(m.reason().automatic() ? " (automatic)" : "").append("</td><td class=\"l\">")
                                .append(Esc.xml(m.reason().text())).append("</td></tr>\n");
                    }
                }
                b.append("</table>\n");
            }
        }
    }
}
