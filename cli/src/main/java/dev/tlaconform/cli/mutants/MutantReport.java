package dev.tlaconform.cli.mutants;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The mutant benchmark's reports: the table for people, report.json, and mutants.md (a Markdown table). */
public final class MutantReport {
    private MutantReport() {}

    /** Mutants trace validation detected. */
    public static long detectedByValidation(List<MutantOutcome> r) {
        return r.stream().filter(o -> o.validation() != null).count();
    }

    /** Mutants the simulator's invariant checks detected. */
    public static long detectedByInvariants(List<MutantOutcome> r) {
        return r.stream().filter(o -> o.invariants() != null).count();
    }

    /** Mutants trace validation detected strictly before any invariant broke (or with none breaking). */
    public static long validationFirst(List<MutantOutcome> r) {
        return r.stream().filter(o -> o.first().equals("validation")).count();
    }

    /** The table and, per mutant, what detected it and how to replay it. */
    public static void printTable(List<MutantOutcome> r, PrintStream out) {
        out.printf(Locale.ROOT, "%-11s %-30s %5s  %-28s %-28s %s%n", "protocol", "mutant", "runs", "trace validation",
                "invariants", "first");
        for (MutantOutcome o : r) {
            out.printf(Locale.ROOT, "%-11s %-30s %5d  %-28s %-28s %s%n", o.protocol(), o.label(), o.runsTried(),
                    cell(o.validation(), "events", o.runsTried()), cell(o.invariants(), "steps", o.runsTried()), o.first());
        }
        out.println();
        for (MutantOutcome o : r) {
            out.println(o.protocol() + "/" + o.label() + ": " + o.description());
            MutantOutcome.Detection v = o.validation();
            if (v != null) {
                out.println("  trace validation: run " + v.runs() + " (" + v.plan() + "/" + v.model() + " seed=" + v.seed()
                        + "), line " + v.line() + " " + v.action() + ": " + v.summary());
                out.println("    replay: " + v.replay());
            } else {
                out.println("  trace validation: NOT DETECTED in " + o.runsTried() + " runs"
                        + (o.errors() > 0 ? " (" + o.errors() + " traces not validated: " + o.firstError() + ")" : ""));
            }
            MutantOutcome.Detection i = o.invariants();
            if (i != null) {
                out.println("  invariants: run " + i.runs() + " (" + i.plan() + "/" + i.model() + " seed=" + i.seed()
                        + "): " + i.summary());
                if (v == null || i.seed() != v.seed()) {
                    out.println("    replay: " + i.replay());
                }
            } else {
                out.println("  invariants: not violated in " + o.runsTried() + " runs");
            }
        }
        out.println();
    }

    /** e.g. {@code yes: run 3, 120 events} / {@code no (27 runs)}. */
    public static String cell(MutantOutcome.Detection d, String unit, int tried) {
        if (d == null) {
            return "no (" + tried + " runs)";
        }
        if (d.summary() != null && d.summary().startsWith(MutantBench.THREW)) {
            return "yes: run " + d.runs() + ", a node threw";
        }
        return "yes: run " + d.runs() + ", " + d.count() + " " + unit;
    }

    /** report.json: the settings and one object per mutant. */
    public static void writeJson(List<MutantOutcome> r, String command, long seed, int runs, List<String> faults,
            List<String> models, long wallMillis, Path file) throws IOException {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("command", command).put("seed", seed).put("runs", runs);
        faults.forEach(root.putArray("faults")::add);
        models.forEach(root.putArray("models")::add);
        root.put("wallMillis", wallMillis);
        ObjectNode sum = root.putObject("summary");
        sum.put("mutants", r.size()).put("detectedByValidation", detectedByValidation(r))
                .put("detectedByInvariants", detectedByInvariants(r)).put("validationFirst", validationFirst(r));
        ArrayNode arr = root.putArray("mutants");
        for (MutantOutcome o : r) {
            ObjectNode m = arr.addObject();
            m.put("protocol", o.protocol()).put("mutant", o.label()).put("description", o.description())
                    .put("budget", o.budget()).put("runsTried", o.runsTried()).put("first", o.first())
                    .put("unvalidatedTraces", o.errors());
            if (o.firstError() != null) {
                m.put("firstUnvalidatedReason", o.firstError());
            }
            detection(m.putObject("validation"), o.validation(), "events");
            detection(m.putObject("invariants"), o.invariants(), "steps");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, om.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }

    private static void detection(ObjectNode n, MutantOutcome.Detection d, String unit) {
        n.put("detected", d != null);
        if (d == null) {
            return;
        }
        n.put("runs", d.runs()).put(unit, d.count()).put("eventsInRun", d.inRun()).put("seed", d.seed())
                .put("faults", d.plan()).put("model", d.model());
        if (d.line() > 0) {
            n.put("line", d.line()).put("action", d.action());
        }
        n.put("summary", d.summary()).put("replay", d.replay());
        if (d.trace() != null) {
            n.put("trace", d.trace());
        }
    }

    /** mutants.md: the catalogue with what detected each mutant, a table a README can include. */
    public static void writeMarkdown(List<MutantOutcome> r, String command, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("| protocol | mutant | the seeded bug | trace validation | simulator invariants | first |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (MutantOutcome o : r) {
            MutantOutcome.Detection v = o.validation();
            MutantOutcome.Detection i = o.invariants();
            b.append("| ").append(o.protocol()).append(" | `").append(o.label()).append("` | ").append(md(o.description()))
                    .append(" | ").append(v == null ? "**not detected** (" + o.runsTried() + " runs)"
                            : "run " + v.runs() + ", " + v.count() + " events (" + v.action() + ")")
                    .append(" | ").append(i == null ? "not violated (" + o.runsTried() + " runs)"
                            : i.summary().startsWith(MutantBench.THREW) ? "run " + i.runs() + ", a node threw"
                            : "run " + i.runs() + ", " + i.count() + " steps")
                    .append(" | ").append(o.first()).append(" |\n");
        }
        b.append("\n").append(detectedByValidation(r)).append(" of ").append(r.size())
                .append(" mutants detected by trace validation, ").append(detectedByInvariants(r))
                .append(" by the simulator's invariants; trace validation first for ").append(validationFirst(r))
                .append(". Measured with `").append(command).append("`.\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }
}
