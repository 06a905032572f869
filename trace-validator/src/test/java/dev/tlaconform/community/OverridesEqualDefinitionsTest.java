package dev.tlaconform.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tlaconform.check.CheckListener;
import dev.tlaconform.check.CheckOptions;
import dev.tlaconform.check.CheckReport;
import dev.tlaconform.check.ModelCheck;

/**
 * Every Java override of tlaconform's community modules computes what its module's TLA+
 * definition says, on generated inputs: one TLC run evaluates each operator through the module
 * (override in effect) and through a copy of the module under another name ("Pure_M", which no
 * override matches, so TLC evaluates the TLA+ definition) and ASSUMEs the two equal. Folds use a
 * non-commutative operator (Pair(a, b) == <<a, b>>), so argument order and element order count.
 */
class OverridesEqualDefinitionsTest {
    static final List<String> MODULES = List.of("Folds", "Functions", "FiniteSetsExt", "SequencesExt", "BagsExt",
            "Json", "IOUtils", "VectorClocks", "TLCExt");
    private static final Pattern MODULE_WORD = Pattern.compile("\\b(" + String.join("|", MODULES) + ")\\b");

    @Test
    void everyOverrideEqualsItsDefinitionOnGeneratedInputs(@TempDir Path dir) throws Exception {
        writePureModules(dir, text -> text);
        List<String> cases = cases(new TlaValues(20241207L), 12);
        List<String> tlcOutput = new ArrayList<>();
        CheckReport r = run(dir, cases, tlcOutput);
        assertEquals(CheckReport.HOLDS, r.verdict(), () -> r.toJson() + "\n" + String.join("\n", tlcOutput));
        assertTrue(cases.size() > 300, "cases: " + cases.size());
        // every override was in effect (else both sides would be the TLA+ definition)
        Set<String> loaded = new TreeSet<>();
        for (CheckReport.ModuleUse u : r.modules()) {
            assertEquals("tlaconform", u.origin(), u.toString());
            u.java().forEach(op -> loaded.add(u.name() + "!" + op));
        }
        Set<String> declared = new TreeSet<>();
        for (Class<?> c : new tlc2.overrides.TLCOverrides().get()) {
            for (java.lang.reflect.Method meth : c.getDeclaredMethods()) {
                tlc2.overrides.TLAPlusOperator op = meth.getAnnotation(tlc2.overrides.TLAPlusOperator.class);
                tlc2.overrides.Evaluation ev = meth.getAnnotation(tlc2.overrides.Evaluation.class);
                if (op != null && MODULES.contains(op.module())) {
                    declared.add(op.module() + "!" + op.identifier());
                }
                if (ev != null && MODULES.contains(ev.module())) {
                    declared.add(ev.module() + "!" + ev.definition());
                }
            }
        }
        assertTrue(declared.size() > 40, "declared: " + declared);
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(loaded);
        assertTrue(missing.isEmpty(), "overrides TLC did not load: " + missing);
        assertTrue(tlcOutput.stream().noneMatch(l -> l.contains("MISMATCH")), String.join("\n", tlcOutput));
    }

    @Test
    void aDefinitionThatDiffersFromItsOverrideIsCaught(@TempDir Path dir) throws Exception {
        // Pure_SequencesExt with FoldLeft's operands swapped: the override no longer equals it
        writePureModules(dir, text -> text.replace("op(acc[k-1], seq[k])", "op(seq[k], acc[k-1])"));
        List<String> tlcOutput = new ArrayList<>();
        CheckReport r = run(dir, cases(new TlaValues(7L), 6), tlcOutput);
        assertEquals(CheckReport.VIOLATION, r.verdict(), () -> r.toJson());
        assertEquals("assertion", r.violation().kind(), () -> r.toJson());
        assertTrue(tlcOutput.stream().anyMatch(l -> l.contains("MISMATCH") && l.contains("FoldLeft")),
                String.join("\n", tlcOutput));
    }

    static CheckReport run(Path dir, List<String> cases, List<String> tlcOutput) throws Exception {
        StringBuilder spec = new StringBuilder();
        spec.append("---- MODULE Equiv ----\n")
            .append("EXTENDS Integers, Sequences, FiniteSets, TLC, SequencesExt, FiniteSetsExt, Functions, Folds,\n")
            .append("        BagsExt, Json, IOUtils, VectorClocks, TLCExt\n")
            .append("P == INSTANCE Pure_SequencesExt\nPB == INSTANCE Pure_BagsExt\nPJ == INSTANCE Pure_Json\n")
            .append("PI == INSTANCE Pure_IOUtils\nPV == INSTANCE Pure_VectorClocks\nPT == INSTANCE Pure_TLCExt\n")
            .append("Pair(a, b) == <<a, b>>\n")
            .append("First(s) == CHOOSE e \\in s : TRUE\n")
            .append("Check(l, a, b) == IF a = b THEN TRUE ELSE PrintT(<<\"MISMATCH\", l, a, b>>) /\\ FALSE\n")
            .append("VARIABLE x\nInit == x = 0\nNext == UNCHANGED x\n");
        for (String c : cases) {
            spec.append("ASSUME ").append(c).append('\n');
        }
        spec.append("====\n");
        Files.writeString(dir.resolve("Equiv.tla"), spec.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("Equiv.cfg"), "INIT Init\nNEXT Next\n", StandardCharsets.UTF_8);
        return ModelCheck.run(CheckOptions.of(dir.resolve("Equiv.tla"), null).withTimeout(Duration.ofMinutes(5)),
                new CheckListener() {
                    @Override
                    public void tlcOutput(String line) {
                        synchronized (tlcOutput) {
                            tlcOutput.add(line);
                        }
                    }

                    @Override
                    public void specOutput(String line) {
                        synchronized (tlcOutput) {
                            tlcOutput.add(line);
                        }
                    }
                });
    }

    /** Copies of the modules named Pure_M (and extending Pure_ copies), edited by {@code edit}. */
    static void writePureModules(Path dir, UnaryOperator<String> edit) throws IOException {
        for (String m : MODULES) {
            String text;
            try (InputStream in = OverridesEqualDefinitionsTest.class.getResourceAsStream("/" + m + ".tla")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                boolean header = line.contains("MODULE " + m) || line.startsWith("EXTENDS") || line.contains("INSTANCE");
                if (header) {
                    Matcher w = MODULE_WORD.matcher(line);
                    line = w.replaceAll("Pure_$1");
                }
                out.append(line).append('\n');
            }
            Files.writeString(dir.resolve("Pure_" + m + ".tla"), edit.apply(out.toString()), StandardCharsets.UTF_8);
        }
    }

    /** n generated cases of each operator: Check(label, override, definition). */
    static List<String> cases(TlaValues g, int n) {
        List<String> c = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String ints = g.seqOf(5, g::integer);
            String strs = g.seqOf(5, g::string);
            String nats = g.natSet(5);
            String mixed = g.coin() ? g.setOf(4, g::integer) : g.setOf(4, g::string);
            String f = g.fcn(g::integer);
            String rec = g.record(g::scalar);
            String bag = g.bag();
            String elem = g.coin() ? g.integer() : Integer.toString(g.between(0, 3));
            String s = g.coin() ? ints : strs;
            // Folds, Functions
            add(c, "MapThenFoldSet", "MapThenFoldSet(Pair, 0, LAMBDA e : <<e>>, First, %s)", mixed, "P!");
            add(c, "MapThenFoldSet/Max", "MapThenFoldSet(Pair, 0, LAMBDA e : e, LAMBDA S : Max(S), %s)", nats, "P!");
            add(c, "FoldFunction", "FoldFunction(Pair, 0, %s)", g.coin() ? f : g.coin() ? rec : s, "P!");
            add(c, "FoldFunctionOnSet", "FoldFunctionOnSet(Pair, 0, %1$s, {d \\in DOMAIN %1$s : d # 2})", f, "P!");
            add(c, "SumFunction", "SumFunction(%s)", g.coin() ? f : ints, "P!");
            add(c, "IsInjective", "IsInjective(%s)", g.coin() ? f : s, "P!");
            // FiniteSetsExt
            add(c, "FoldSet", "FoldSet(Pair, 0, %s)", mixed, "P!");
            add(c, "SumSet", "SumSet(%s)", nats, "P!");
            add(c, "ProductSet", "ProductSet(%s)", g.natSet(3), "P!");
            add(c, "ReduceSet", "ReduceSet(Pair, %s, 0)", mixed, "P!");
            add(c, "MapThenSumSet", "MapThenSumSet(LAMBDA e : 2 * e - 1, %s)", nats, "P!");
            add(c, "Quantify", "Quantify(%s, LAMBDA e : e > 4)", nats, "P!");
            add(c, "kSubset", "kSubset(" + g.between(0, 3) + ", %s)", mixed, "P!");
            String nonEmpty = "(" + nats + " \\cup {" + g.natural() + "})";
            add(c, "Max", "Max(%s)", nonEmpty, "P!");
            add(c, "Min", "Min(%s)", nonEmpty, "P!");
            // SequencesExt
            add(c, "ToSet", "ToSet(%s)", s, "P!");
            add(c, "SetToSeq", "SetToSeq(%s)", mixed, "P!");
            add(c, "Contains", "Contains(%s, " + elem + ")", ints, "P!");
            add(c, "Reverse", "Reverse(%s)", s, "P!");
            String t = g.coin() ? s : s.equals("<<>>") ? s : s.replace(">>", ", " + g.integer() + ">>");
            add(c, "IsPrefix", "IsPrefix(%s, " + (g.coin() ? t : g.seqOf(5, g::integer)) + ")", ints, "P!");
            add(c, "SelectInSeq", "SelectInSeq(%s, LAMBDA e : e > 2)", ints, "P!");
            add(c, "SelectLastInSeq", "SelectLastInSeq(%s, LAMBDA e : e > 2)", ints, "P!");
            add(c, "SelectInSubSeq", "SelectInSubSeq(%1$s, Len(%1$s) \\div 2 + 1, Len(%1$s), LAMBDA e : e > 2)", ints, "P!");
            add(c, "SelectLastInSubSeq", "SelectLastInSubSeq(%1$s, 1, Len(%1$s) - 1, LAMBDA e : e > 2)", ints, "P!");
            add(c, "RemoveFirst", "RemoveFirst(%s, " + elem + ")", ints, "P!");
            add(c, "RemoveFirstMatch", "RemoveFirstMatch(%s, LAMBDA e : e > 2)", ints, "P!");
            add(c, "Suffixes", "Suffixes(%s)", s, "P!");
            add(c, "FoldSeq", "FoldSeq(Pair, 0, %s)", s, "P!");
            add(c, "FoldLeft", "FoldLeft(Pair, 0, %s)", s, "P!");
            add(c, "FoldRight", "FoldRight(Pair, %s, 0)", s, "P!");
            add(c, "FoldLeftDomain", "FoldLeftDomain(Pair, 0, %s)", s, "P!");
            add(c, "FoldRightDomain", "FoldRightDomain(Pair, %s, 0)", s, "P!");
            // BagsExt
            String x = "\"" + (char) ('p' + g.between(0, 4)) + "\"";
            add(c, "BagAdd", "BagAdd(%s, " + x + ")", bag, "PB!");
            add(c, "BagRemove", "BagRemove(%s, " + x + ")", bag, "PB!");
            add(c, "BagRemoveAll", "BagRemoveAll(%s, " + x + ")", bag, "PB!");
            add(c, "FoldBag", "FoldBag(Pair, 0, %s)", bag, "PB!");
            add(c, "MapThenFoldBag", "MapThenFoldBag(Pair, 0, LAMBDA e : <<e>>, First, %s)", bag, "PB!");
            // Json
            add(c, "ToJson", "ToJson(%s)", g.any(3), "PJ!");
            add(c, "ToJsonArray", "ToJsonArray(%s)", g.coin() ? g.seqOf(4, () -> g.any(2)) : mixed, "PJ!");
            add(c, "ToJsonObject", "ToJsonObject(%s)", g.coin() ? g.record(() -> g.any(2)) : g.fcn(() -> g.any(1)), "PJ!");
            // IOUtils
            add(c, "atoi", "atoi(%s)", "\"" + (g.coin() ? "-" : g.coin() ? "+" : "") + g.between(0, 99999) + "\"", "PI!");
            add(c, "zeroPadN", "zeroPadN(%s, " + g.between(0, 6) + ")", Integer.toString(g.between(0, 9999)), "PI!");
            // TLCExt (those with an evaluable definition)
            add(c, "AssertEq", "AssertEq(%1$s, %1$s)", s, "PT!");
            add(c, "TLCNoOp", "TLCNoOp(%s)", g.any(2), "PT!");
            // VectorClocks: the override's order is one of the orders the definition allows
            String log = causalLog(g);
            c.add("Check(\"CausalOrder\", TRUE, LET o == CausalOrder(" + log + ", LAMBDA l : l.vc, LAMBDA l : l.node, "
                    + "LAMBDA vc : DOMAIN vc) IN PV!IsCausalOrder(o, LAMBDA l : l.vc) /\\ Len(o) = Len(" + log
                    + ") /\\ ToSet(o) = ToSet(" + log + "))");
        }
        return c;
    }

    private static void add(List<String> c, String label, String template, String arg, String pure) {
        String expr = String.format(template, arg);
        c.add("Check(\"" + label + "\", " + expr + ", " + pure + expr + ")");
    }

    /** A log of 2-3 processes exchanging messages, each line with the vector clock after it, shuffled. */
    static String causalLog(TlaValues g) {
        int procs = g.between(2, 3);
        int[][] clock = new int[procs][procs];
        List<String> lines = new ArrayList<>();
        List<int[]> inFlight = new ArrayList<>();
        int events = g.between(3, 6);
        for (int e = 0; e < events; e++) {
            int p = g.between(0, procs - 1);
            if (!inFlight.isEmpty() && g.coin()) {
                int[] m = inFlight.remove(g.between(0, inFlight.size() - 1));
                p = m[0];
                for (int k = 0; k < procs; k++) {
                    clock[p][k] = Math.max(clock[p][k], m[k + 1]);
                }
            }
            clock[p][p]++;
            if (g.coin()) {
                int to = (p + 1 + g.between(0, procs - 2)) % procs;
                int[] m = new int[procs + 1];
                m[0] = to;
                System.arraycopy(clock[p], 0, m, 1, procs);
                inFlight.add(m);
            }
            StringBuilder vc = new StringBuilder("[");
            for (int k = 0; k < procs; k++) {
                vc.append(k == 0 ? "" : ", ").append("p").append(k).append(" |-> ").append(clock[p][k]);
            }
            lines.add("[node |-> \"p" + p + "\", vc |-> " + vc + "], e |-> " + e + "]");
        }
        for (int i = lines.size() - 1; i > 0; i--) {
            int j = g.between(0, i);
            String tmp = lines.get(i);
            lines.set(i, lines.get(j));
            lines.set(j, tmp);
        }
        return "<<" + String.join(", ", lines) + ">>";
    }
}
