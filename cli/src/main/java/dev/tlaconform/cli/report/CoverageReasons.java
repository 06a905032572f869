package dev.tlaconform.cli.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a branch of a protocol core is not taken by a campaign: one line per never-taken branch.
 *
 * <p>The reasons are written in {@code docs/coverage-reasons.tsv} (bundled in the jar), keyed by the
 * source file (relative to {@code dev/tlaconform/impl/}, e.g. {@code paxos/PaxosNode.java}) and the
 * trimmed text of the branch's line, so they survive line shifts; {@code CoverageReasonsTest} fails
 * on an entry whose text is no longer in its file, so they cannot rot. Two kinds are recognised
 * without an entry, from the source itself:
 *
 * <ul>
 *   <li><b>mutant switch</b>: the line compares the core's seeded-bug switch ({@code mutant == X},
 *       {@code mutant != X}) and has no more never-taken branches than such comparisons: with no
 *       mutant switched on, each comparison has one side no conform run takes; {@code tlaconform
 *       mutants} takes it (its {@code coverage.json}).</li>
 *   <li><b>contract</b>: the branch guards a {@code throw} (the line, or the first statement after
 *       an {@code if (...) {} line, throws): the core checking its own contract or a peer's message;
 *       a run that took it would fail with the simulator's exception, so a passing campaign never
 *       does.</li>
 * </ul>
 *
 * The other categories are written by hand: {@code contract} (an input the role or protocol never
 * receives from a correct simulator), {@code model} (unreachable under the simulator's model, with
 * the argument), {@code rare} (reachable, not reached by the campaign: what would reach it).
 */
public final class CoverageReasons {
    /** The categories, in report order, with their one-line meaning. */
    public static final Map<String, String> CATEGORIES = categories();

    private static Map<String, String> categories() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("mutant", "mutant switch: taken only with a seeded bug on (tlaconform mutants)");
        m.put("contract", "defensive check of the core's contract: a correct run never takes it");
        m.put("monitor", "a safety monitor's violation branch: taken only when the property breaks");
        m.put("support", "equals/hashCode/toString of a value: not protocol behaviour");
        m.put("model", "unreachable under the simulator's model");
        m.put("rare", "reachable, but not reached by this campaign");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** One written reason. */
    public record Entry(String file, String text, String category, String reason, int line) {}

    /** A never-taken branch's explanation: its category and its one line. */
    public record Reason(String category, String text, boolean automatic) {
        @Override
        public String toString() {
            return category + ": " + text;
        }
    }

    static final String RESOURCE = "/dev/tlaconform/cli/report/coverage-reasons.tsv";
    static final String SOURCES = "/dev/tlaconform/cli/report/core-sources/";
    private static final Pattern MUTANT_COMPARISON = Pattern.compile("\\bmutant\\s*[!=]=|[!=]=\\s*mutant\\b");
    private static final Pattern MUTANT_CALL = Pattern.compile("\\.mutant\\(\\w+Mutant\\.|\\bmutant\\.label\\(\\)");

    private final Map<String, Entry> entries;
    private final Map<String, List<String>> sources = new TreeMap<>();

    private CoverageReasons(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /** The bundled reasons and sources. */
    public static CoverageReasons load() {
        try (InputStream in = CoverageReasons.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new CoverageReasons(Map.of());
            }
            return new CoverageReasons(parse(in, RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the TSV: {@code file TAB line text TAB category TAB reason}; {@code #} lines and blank
     * lines skipped. A malformed line is an {@link IllegalArgumentException} naming its line.
     */
    static Map<String, Entry> parse(InputStream in, String name) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String l;
        int n = 0;
        while ((l = r.readLine()) != null) {
            n++;
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            String[] f = l.split("\t", -1);
            if (f.length != 4 || f[0].isBlank() || f[1].isBlank() || f[3].isBlank()) {
                throw new IllegalArgumentException(name + ":" + n + ": expected file, line text, category, reason separated by tabs");
            }
            if (!CATEGORIES.containsKey(f[2])) {
                throw new IllegalArgumentException(name + ":" + n + ": unknown category '" + f[2] + "' (" + CATEGORIES.keySet() + ")");
            }
            Entry e = new Entry(f[0], f[1].trim(), f[2], f[3].trim(), n);
            if (out.put(key(e.file(), e.text()), e) != null) {
                throw new IllegalArgumentException(name + ":" + n + ": a second entry for " + f[0] + " '" + f[1] + "'");
            }
        }
        return out;
    }

    static String key(String file, String text) {
        return file + "\t" + text;
    }

    /** The written entries, in file order. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(entries.values());
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    /** The bundled source of {@code file} ({@code paxos/PaxosNode.java}), one string per line; empty if missing. */
    public List<String> source(String file) {
        return sources.computeIfAbsent(file, f -> {
            try (InputStream in = CoverageReasons.class.getResourceAsStream(SOURCES + f)) {
                if (in == null) {
                    return List.of();
                }
                return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The trimmed text of line {@code line} (1-based) of {@code file}, or null when the source is not bundled. */
    public String text(String file, int line) {
        List<String> src = source(file);
        return line >= 1 && line <= src.size() ? src.get(line - 1).trim() : null;
    }

    /** What the coverage data says of a line beside its counts: its method, and whether the line after it ran. */
    public record Site(String method, boolean nextLineRan) {
        static final Site UNKNOWN = new Site("", false);
    }

    /**
     * Why {@code missed} of the branches of {@code file:line} were never taken, or null when
     * nothing explains it (the report then says "no reason").
     */
    public Reason explain(String file, int line, int missed) {
        return explain(file, line, missed, 0, Site.UNKNOWN);
    }

    /** As above, with the line's branch count and what the coverage data says of its method and next line. */
    public Reason explain(String file, int line, int missed, int total, Site site) {
        String text = text(file, line);
        if (text == null) {
            return null;
        }
        Entry e = entries.get(key(file, text));
        if (e != null) {
            return new Reason(e.category(), e.reason(), false);
        }
        int switches = count(MUTANT_COMPARISON, text) + count(MUTANT_CALL, text);
        if (switches > 0 && (missed <= switches || MUTANT_HEAD.matcher(text).find())) {
            return new Reason("mutant", "with no seeded bug on, one side of each mutant comparison is never taken"
                    + " (and what a false mutant test guards is never evaluated); tlaconform mutants takes it", true);
        }
        List<String> src = source(file);
        if (missed == total && total > 0 && insideMutantBranch(src, line - 1)) {
            return new Reason("mutant", "inside a branch only a seeded bug takes (if (mutant == ...)): no conform run"
                    + " gets here; tlaconform mutants does", true);
        }
        if (guardsThrow(src, line - 1)) {
            return new Reason("contract", "guards a throw: the core checking its contract or a peer's message;"
                    + " a run taking it would fail with the simulator's exception", true);
        }
        if (reportsViolation(src, line - 1)) {
            return new Reason("monitor", "a safety monitor's violation branch: taken only when the property breaks"
                    + " (a seeded bug does; a passing campaign never)", true);
        }
        int tracing = count(TRACING, text);
        if (tracing > 0 && missed <= tracing) {
            return new Reason("model", "fx.tracing() is always true in a campaign (every run writes its trace); the"
                    + " untraced side serves bench and the experiments", true);
        }
        if (SUPPORT_METHODS.contains(site.method())) {
            return new Reason("support", "in " + site.method() + "(): a value's comparison or rendering, not protocol"
                    + " behaviour (its branches are outcomes of comparing unequal values)", true);
        }
        if (total == 2 && missed == 1 && site.nextLineRan() && DISPATCH.matcher(text).matches()) {
            return new Reason("contract", "the fall-through of a dispatch on the kind of an input or message: every"
                    + " kind the simulator delivers has its branch", true);
        }
        return null;
    }

    /**
     * {@code if (mutant == X && ...)}, {@code if (mutant != X || ...)}, a switch on the mutant: with
     * no mutant on, nothing after the test is ever evaluated (or only its no-bug arm is taken).
     */
    private static final Pattern MUTANT_HEAD = Pattern.compile(
            "^(\\} else )?if \\((mutant == \\w+\\.\\w+|c\\.mutant\\(\\w+\\.\\w+\\)) &&|^(\\} else )?if \\(mutant != \\w+\\.\\w+ \\|\\||^switch \\(mutant\\b|^boolean \\w+ = switch \\(mutant\\b");
    private static final Pattern DISPATCH = Pattern.compile("^\\} else if \\(\\w+ instanceof [\\w.]+( \\w+)?\\) \\{$");
    private static final Pattern TRACING = Pattern.compile("\\bfx\\.tracing\\(\\)");
    private static final java.util.Set<String> SUPPORT_METHODS = java.util.Set.of("equals", "hashCode", "toString", "compareTo");

    /**
     * Whether line {@code i} lies in the body of an {@code if} or {@code else if} whose condition
     * starts with a mutant test ({@code mutant == X}, {@code c.mutant(X)}), at any depth: the
     * enclosing headers are the lines above it indented less, up to the method's.
     */
    static boolean insideMutantBranch(List<String> src, int i) {
        int indent = indent(src.get(i));
        for (int j = i - 1; j >= 0 && j > i - 80 && indent > 4; j--) {
            String l = src.get(j);
            if (l.isBlank() || indent(l) >= indent) {
                continue;
            }
            if (MUTANT_GUARD.matcher(l.trim()).find()) {
                return true;
            }
            indent = indent(l);   // the next enclosing block
        }
        return false;
    }

    private static final Pattern MUTANT_GUARD = Pattern.compile(
            "^(\\} else )?if \\((mutant == \\w+\\.\\w+|c\\.mutant\\(\\w+\\.\\w+\\))( &&.*)?\\) \\{$");

    private static int indent(String l) {
        int k = 0;
        while (k < l.length() && l.charAt(k) == ' ') {
            k++;
        }
        return k;
    }

    /** Whether line {@code i} is an {@code if (...) {} whose body returns a violation's message (a monitor's). */
    static boolean reportsViolation(List<String> src, int i) {
        int j = conditionEnd(src, i);
        if (j < 0 || !src.get(j).trim().endsWith("{")) {
            return false;
        }
        String n = nextStatement(src, j);
        return n != null && n.startsWith("return \"");
    }

    /** The line where the condition of the branch at line i ends ({@code {} or {@code ;}), or -1 if i is not an if. */
    private static int conditionEnd(List<String> src, int i) {
        String t = src.get(i).trim();
        if (!t.startsWith("if ") && !t.startsWith("if(") && !t.startsWith("} else if") && !t.startsWith("||")
                && !t.startsWith("&&")) {
            return -1;
        }
        int j = i;
        while (!t.endsWith("{") && !t.endsWith(";") && j + 1 < src.size() && j < i + 4) {
            t = src.get(++j).trim();   // the condition goes on
        }
        return j;
    }

    private static String nextStatement(List<String> src, int j) {
        for (j = j + 1; j < src.size(); j++) {
            String n = src.get(j).trim();
            if (!n.isEmpty() && !n.startsWith("//")) {
                return n;
            }
        }
        return null;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * Whether line {@code i} (0-based) is a branch whose taken side throws: the line itself holds
     * {@code throw} after its condition, or it is an {@code if (...)} whose next statement (the
     * next non-blank, non-comment line, within the condition's continuation) is a throw.
     */
    static boolean guardsThrow(List<String> src, int i) {
        int j = conditionEnd(src, i);
        if (j < 0) {
            return false;
        }
        String t = src.get(j).trim();
        if (t.endsWith(";")) {
            return t.contains("throw ");   // if (c) throw ...;
        }
        String n = nextStatement(src, j);
        return n != null && n.startsWith("throw ");
    }
}
