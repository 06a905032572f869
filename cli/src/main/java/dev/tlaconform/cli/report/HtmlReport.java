package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.html}: one self-contained page (inline CSS and SVG; no script, no external resource)
 * with the per-protocol table, the action coverage, and a message sequence chart for every rejected
 * trace (up to {@link #MAX_FAILURE_CHARTS}) and for a sample of accepted ones.
 */
public final class HtmlReport {
    /** Rejected traces charted on the page; the rest are listed in report.json and junit.xml. */
    public static final int MAX_FAILURE_CHARTS = 20;

    private static final String CSS = String.join("\n",
            "body{font-family:Helvetica,Arial,sans-serif;margin:24px 32px;color:#222;background:#fafafa}",
            "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}",
            "h3{font-size:15px;margin:20px 0 6px}",
            ".meta{color:#555;font-size:13px}.meta code{background:#eee;padding:1px 4px;border-radius:3px}",
            ".badge{display:inline-block;padding:3px 10px;border-radius:12px;color:#fff;font-weight:bold;font-size:13px}",
            ".ok{background:#2e7d32}.bad{background:#c62828}",
            "table{border-collapse:collapse;margin:8px 0;background:#fff;font-size:13px}",
            "th,td{border:1px solid #d5d5d5;padding:4px 10px;text-align:right}th{background:#eef2f8}",
            "td.l,th.l{text-align:left}td.never{color:#c62828;font-weight:bold}tr.badrow td{background:#fdecea}",
            ".bar{display:inline-block;height:10px;background:#4a6fa5;vertical-align:middle}",
            ".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:14px 0;overflow-x:auto}",
            ".card.rejected{border-left:6px solid #c62828}.card.accepted{border-left:6px solid #2e7d32}",
            "pre{background:#f4f4f4;padding:8px;font-size:12px;white-space:pre-wrap;word-break:break-all}",
            ".cap{color:#555;font-size:12px;margin:4px 0}");

    private HtmlReport() {}

    /** Writes the page; failing traces are read for their charts from their kept files next to it. */
    public static void write(CampaignResult c, Path file) throws IOException {
        write(c, null, file);
    }

    /** With the protocol cores' code coverage ({@code coverage}; null: none). */
    public static void write(CampaignResult c, Coverage coverage, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.writeString(file, render(c, coverage, dir), StandardCharsets.UTF_8);
    }

    /** The page; {@code reportDir} is where the runs' {@code traceFile}s are (null: only in-memory charts). */
    public static String render(CampaignResult c, Path reportDir) {
        return render(c, null, reportDir);
    }

    static String render(CampaignResult c, Coverage coverage, Path reportDir) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tlaconform conform: ")
                .append(c.ok() ? "all traces conform" : c.failures() + " failing runs").append("</title>\n<style>\n")
                .append(CSS).append("\n</style></head><body>\n");
        b.append("<h1>tlaconform conformance campaign <span class=\"badge ").append(c.ok() ? "ok\">PASS" : "bad\">FAIL")
                .append("</span></h1>\n<p class=\"meta\">").append(c.runs().size()).append(" runs, ").append(c.events())
                .append(" events, ").append(c.failures()).append(" failing; seed ").append(c.seed()).append("; fault plans ")
                .append(Esc.xml(String.join(", ", c.faults()))).append("; models ").append(Esc.xml(String.join(", ", c.models())))
                .append("; ").append(c.runsEach()).append(" runs each; ").append(c.jobs()).append(" jobs; ")
                .append(String.format(Locale.ROOT, "%.1f", c.wallMillis() / 1000.0)).append(" s.<br>Reproduce: <code>")
                .append(Esc.xml(c.command())).append("</code></p>\n");
        b.append("<h2>Protocols</h2>\n<table><tr><th class=\"l\">protocol</th><th>runs</th><th>events</th><th>accepted</th>"
                + "<th>rejected</th><th>invariant violations</th><th>histories not linearizable</th><th>wall s</th><th>runs/s</th><th>events/s</th></tr>\n");
        for (ProtocolSummary s : c.summaries()) {
            b.append("<tr").append(s.ok() ? "" : " class=\"badrow\"").append("><td class=\"l\">").append(Esc.xml(s.protocol()))
                    .append("</td><td>").append(s.runs()).append("</td><td>").append(s.events()).append("</td><td>")
                    .append(s.accepted()).append("</td><td>").append(s.rejected()).append("</td><td>").append(s.invariantViolations())
                    .append("</td><td>").append(s.notLinearizable())
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.1f", s.wallMillis() / 1000.0)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", s.runsPerSecond())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.0f", s.eventsPerSecond())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        b.append("<h2>Action coverage (events per spec action, summed over all traces)</h2>\n");
        for (ProtocolSummary s : c.summaries()) {
            long max = s.coverage().values().stream().mapToLong(Long::longValue).max().orElse(1);
            b.append("<h3>").append(Esc.xml(s.protocol())).append("</h3>\n<table><tr><th class=\"l\">spec action</th><th>events</th>"
                    + "<th class=\"l\">share</th></tr>\n");
            for (Map.Entry<String, Long> e : s.coverage().entrySet()) {
                boolean never = e.getValue() == 0;
                b.append("<tr><td class=\"l").append(never ? " never" : "").append("\">").append(Esc.xml(e.getKey()))
                        .append("</td><td").append(never ? " class=\"never\">0 (never exercised)" : ">" + e.getValue())
                        .append("</td><td class=\"l\"><span class=\"bar\" style=\"width:")
                        .append(max == 0 ? 0 : Math.max(never ? 0 : 1, e.getValue() * 300 / Math.max(1, max))).append("px\"></span></td></tr>\n");
            }
            b.append("</table>\n");
            if (!s.neverExercised().isEmpty()) {
                b.append("<p class=\"meta\">Never exercised: <b>").append(Esc.xml(String.join(", ", s.neverExercised())))
                        .append("</b> &mdash; this campaign proves nothing about them.</p>\n");
            }
        }
        if (coverage != null && coverage.spec() != null) {
            coverage.spec().html(b);
        }
        if (coverage != null) {
            coverage.html(b);
        }
        List<RunResult> failing = new ArrayList<>();
        List<RunResult> sampled = new ArrayList<>();
        for (RunResult r : c.runs()) {
            if (!r.ok()) {
                failing.add(r);
            } else if (r.chart() != null) {
                sampled.add(r);
            }
        }
        b.append("<h2>Rejected traces and invariant violations (").append(failing.size()).append(")</h2>\n");
        if (failing.isEmpty()) {
            b.append("<p class=\"meta\">None: every trace was accepted and no invariant broke.</p>\n");
        }
        for (int i = 0; i < failing.size(); i++) {
            if (i == MAX_FAILURE_CHARTS) {
                b.append("<p class=\"meta\">").append(failing.size() - i)
                        .append(" more failing runs are listed in report.json and junit.xml.</p>\n");
                break;
            }
            card(b, failing.get(i), reportDir);
        }
        b.append("<h2>Sample of accepted traces (").append(sampled.size()).append(")</h2>\n");
        for (RunResult r : sampled) {
            card(b, r, reportDir);
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, RunResult r, Path reportDir) {
        boolean ok = r.ok();
        b.append("<div class=\"card ").append(ok ? "accepted" : "rejected").append("\"><h3>").append(Esc.xml(r.label()))
                .append(" &mdash; ").append(Esc.xml(r.verdict().label().replace('_', ' ')))
                .append(r.invariantViolated() ? ", simulator invariant violated" : "")
                .append(r.linearizable() == null ? "" : r.linearizable() ? ", history linearizable" : ", history NOT linearizable")
                .append("</h3>\n");
        b.append("<p class=\"cap\">simulator: ").append(Esc.xml(r.simOutcome())).append(", ").append(r.events()).append(" events");
        if (!ok) {
            b.append("; trace kept in <code>").append(Esc.xml(r.traceFile())).append("</code>");
        }
        b.append("</p>\n");
        if (!ok) {
            b.append("<p><b>").append(Esc.xml(r.failureSummary())).append("</b></p>\n<pre>").append(Esc.xml(r.diagnosis()))
                    .append("</pre>\n<p class=\"cap\">Replay: <code>").append(Esc.xml(r.replay())).append("</code></p>\n");
        }
        List<TraceEvent> events = r.chart();
        if (events == null && r.traceFile() != null && reportDir != null) {
            try {
                events = TraceEvent.parse(Files.readString(reportDir.resolve(r.traceFile()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                b.append("<p class=\"cap\">(no chart: cannot read ").append(Esc.xml(r.traceFile())).append(": ")
                        .append(Esc.xml(e.getMessage())).append(")</p>\n");
            }
        }
        if (events != null && !events.isEmpty()) {
            long failLine = r.verdict() == RunResult.Verdict.ACCEPTED ? 0 : r.failureLine();
            b.append("<p class=\"cap\">Message sequence chart, ")
                    .append(SequenceChart.windowText(events.size(), failLine, events, SequenceChart.DEFAULT_MAX_EVENTS))
                    .append(" (hover a dot or arrow for the full event).</p>\n");
            b.append(SequenceChart.svg(events, failLine, diffLines(r), SequenceChart.DEFAULT_MAX_EVENTS)).append('\n');
        }
        b.append("</div>\n");
    }

    /** The spec-vs-logged differences beside the failing event: one line per variable, else the summary. */
    static List<String> diffLines(RunResult r) {
        List<String> out = new ArrayList<>();
        JsonNode vars = r.variables();
        if (vars != null && vars.isArray()) {
            for (JsonNode v : vars) {
                out.add(v.path("key").asText() + ": logged " + v.get("logged") + ", spec allows " + v.get("specValues"));
            }
        }
        if (out.isEmpty() && r.failureSummary() != null) {
            out.add(r.failureSummary());
        }
        return out;
    }
}
