package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform experiment commit-latency}: message delays from a request to the first commit
 * of its command, Multi-Paxos, Fast Paxos and EPaxos at 0, 10 and 50 % conflicting commands
 * ({@link CommitLatency}); a table on stdout, the figures as JSON and a bar chart as SVG.
 */
final class CommitLatencyExperiment {
    private CommitLatencyExperiment() {}

    static final List<String> PROTOCOLS = List.of("multipaxos", "fastpaxos", "epaxos");

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("conflicts").hasArg().argName("P,...")
                .desc("conflicting-command percentages, one row each (default 0,10,50)").build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N").desc("nodes (default 3)").build());
        o.addOption(Option.builder().longOpt("commands").hasArg().argName("K")
                .desc("commands per run, Multi-Paxos and EPaxos (default 50, requested within 10 delays)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("R").desc("seeded runs per row (default 100)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("first seed (default 1)").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE")
                .desc("write the figures as JSON (default experiment-out/commit-latency.json)").build());
        o.addOption(Option.builder().longOpt("svg").hasArg().argName("FILE")
                .desc("write the bar chart as SVG (default: beside the JSON, commit-latency.svg)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse("experiment commit-latency", opts, args, Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100,
                    "tlaconform experiment commit-latency [--conflicts P,...] [--nodes N] [--commands K] [--runs R] [--seed S]"
                            + " [--json FILE] [--svg FILE]",
                    "\nMessage delays from a client's request to the first commit of its command (the longest causal chain"
                            + " of messages from the request to the committing step), Multi-Paxos, Fast Paxos and EPaxos, no"
                            + " faults, system model sync with every message taking one delay (100..110 ticks).\n\n",
                    opts, 2, 4, "\nExit codes: 0 done, 2 bad usage.");
            return ExitCode.OK;
        }
        int nodes = cl.hasOption("nodes") ? (int) SimulateCommand.longOpt(cl, "nodes") : 3;
        int commands = cl.hasOption("commands") ? (int) SimulateCommand.longOpt(cl, "commands") : 50;
        int runs = cl.hasOption("runs") ? (int) SimulateCommand.longOpt(cl, "runs") : 100;
        long seed = cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : 1;
        List<Integer> conflicts = new ArrayList<>();
        for (String c : cl.getOptionValue("conflicts", "0,10,50").split(",")) {
            try {
                int p = Integer.parseInt(c.trim());
                if (p < 0 || p > 100) {
                    throw new NumberFormatException();
                }
                conflicts.add(p);
            } catch (NumberFormatException e) {
                throw new UsageException("--conflicts: comma-separated percentages 0..100, got '" + c + "'");
            }
        }
        if (nodes < 3 || nodes > 63 || runs < 1 || runs > 100_000 || commands < 1 || commands > 1000) {
            throw new UsageException("--nodes must be 3..63, --runs 1..100000 and --commands 1..1000");
        }
        Path json = Path.of(cl.getOptionValue("json", "experiment-out/commit-latency.json"));
        Path svg = cl.hasOption("svg") ? Path.of(cl.getOptionValue("svg")) : json.resolveSibling("commit-latency.svg");
        long t0 = System.nanoTime();
        List<CommitLatency.Row> rows = new ArrayList<>();
        for (int p : conflicts) {
            for (String proto : PROTOCOLS) {
                rows.add(CommitLatency.measure(proto, nodes, p, commands, runs, seed));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.printf(Locale.ROOT, "commit-latency: N=%d, %d runs per row (seeds %d..%d), %d commands per run (Fast Paxos: one"
                + " decision), model sync (each message 100..110 ticks), no faults%n", nodes, runs, seed, seed + runs - 1,
                commands);
        out.printf(Locale.ROOT, "%-10s %9s %8s %7s %7s %4s %4s %4s  %s%n", "protocol", "conflicts", "samples", "median",
                "mean", "p90", "min", "max", "message delays: commands");
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("experiment", "commit-latency").put("nodes", nodes).put("runs", runs).put("commands", commands)
                .put("seed", seed).put("model", "sync").put("faults", "none").put("millis", ms)
                .put("definition", "longest causal chain of messages from a command's request to its first commit");
        ArrayNode arr = root.putArray("rows");
        for (CommitLatency.Row r : rows) {
            StringBuilder h = new StringBuilder();
            for (int d = 0; d < r.histogram().length; d++) {
                if (r.histogram()[d] > 0) {
                    h.append(h.length() > 0 ? "  " : "").append(d == r.histogram().length - 1 ? d + "+" : d).append(": ")
                            .append(r.histogram()[d]);
                }
            }
            out.printf(Locale.ROOT, "%-10s %8d%% %8d %7.1f %7.2f %4d %4d %4d  %s%n", r.protocol(), r.conflictPercent(),
                    r.commands(), r.median(), r.mean(), r.p90(), r.min(), r.max(), h);
            ObjectNode o = arr.addObject();
            o.put("protocol", r.protocol()).put("conflictPercent", r.conflictPercent()).put("samples", r.commands())
                    .put("median", r.median()).put("mean", r.mean()).put("p90", r.p90()).put("min", r.min())
                    .put("max", r.max());
            ObjectNode hist = o.putObject("histogram");
            for (int d = 0; d < r.histogram().length; d++) {
                if (r.histogram()[d] > 0) {
                    hist.put(String.valueOf(d), r.histogram()[d]);
                }
            }
        }
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        m.writeValue(json.toFile(), root);
        if (svg.getParent() != null) {
            Files.createDirectories(svg.getParent());
        }
        Files.writeString(svg, svg(rows, conflicts, nodes, runs), StandardCharsets.UTF_8);
        out.println("wrote " + json + " and " + svg + " (" + ms + " ms)");
        return ExitCode.OK;
    }

    /** A grouped bar chart: one group per conflict share, one bar per protocol (mean), the p90 as a tick. */
    static String svg(List<CommitLatency.Row> rows, List<Integer> conflicts, int nodes, int runs) {
        String[] colours = {"#4e79a7", "#f28e2b", "#59a14f"};
        int w = 560;
        int h = 300;
        int left = 50;
        int bottom = 250;
        int top = 40;
        double max = 1;
        for (CommitLatency.Row r : rows) {
            max = Math.max(max, Math.max(r.mean(), r.p90()));
        }
        max = Math.ceil(max);
        double scale = (bottom - top) / max;
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Commit latency in message delays"
                + " (mean; tick = p90), N = %d, %d runs per bar</text>%n", left, nodes, runs));
        for (int y = 0; y <= max; y++) {
            double py = bottom - y * scale;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n", left, py, w - 20, py, left - 6, py + 4, y));
        }
        int groupW = (w - left - 40) / Math.max(1, conflicts.size());
        int barW = Math.min(40, (groupW - 20) / PROTOCOLS.size());
        for (int g = 0; g < conflicts.size(); g++) {
            int gx = left + 20 + g * groupW;
            for (int k = 0; k < PROTOCOLS.size(); k++) {
                for (CommitLatency.Row r : rows) {
                    if (r.conflictPercent() == conflicts.get(g) && r.protocol().equals(PROTOCOLS.get(k)) && r.mean() >= 0) {
                        double bh = r.mean() * scale;
                        int x = gx + k * barW;
                        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s %d%%: mean %.2f, median %.1f, p90 %d</title></rect>%n", x, bottom - bh, barW - 4,
                                bh, colours[k], r.protocol(), r.conflictPercent(), r.mean(), r.median(), r.p90()));
                        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\""
                                + " stroke-width=\"2\"/>%n", x, bottom - r.p90() * scale, x + barW - 4, bottom - r.p90() * scale));
                        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"10\">"
                                + "%.2f</text>%n", x + (barW - 4) / 2.0, bottom - bh - 4, r.mean()));
                    }
                }
            }
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d %% conflicting</text>%n",
                    gx + barW * PROTOCOLS.size() / 2, bottom + 18, conflicts.get(g)));
        }
        for (int k = 0; k < PROTOCOLS.size(); k++) {
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>%n", left + k * 150, h - 22, colours[k], left + k * 150 + 16, h - 12,
                    PROTOCOLS.get(k)));
        }
        b.append("</svg>\n");
        return b.toString();
    }
}
