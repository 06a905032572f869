package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.cli.report.Esc;
import java.io.PrintStream;
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
 * {@code tlaconform experiment double-spend}: the probability of a k-deep reorganisation and of a
 * double spend after z confirmations against the attacker's share and the network delay, from
 * seeded simulator runs ({@link DoubleSpend}), beside Nakamoto's section 11 figures; a table on
 * stdout, JSON, and an HTML page with the chart as inline SVG.
 */
final class DoubleSpendCommand {
    private DoubleSpendCommand() {}

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("shares").hasArg().argName("Q,...")
                .desc("attacker's shares of the hash power (default 0.1,0.2,0.3,0.4)").build());
        o.addOption(Option.builder().longOpt("deltas").hasArg().argName("D,...")
                .desc("network delays in ticks, every message exactly this long (default 1,4,16; a block every ~12 ticks)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("R").desc("seeded runs per cell (default 300)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("first seed (default 1)").build());
        o.addOption(Option.builder().longOpt("give-up").hasArg().argName("G")
                .desc("the attacker gives up G blocks behind (default 15)").build());
        o.addOption(Option.builder().longOpt("z").hasArg().argName("Z,...")
                .desc("confirmations the merchant waits for, one set of runs each (default 1,2,3); the chart shows the second").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE")
                .desc("write the figures as JSON (default experiment-out/double-spend.json)").build());
        o.addOption(Option.builder().longOpt("html").hasArg().argName("FILE")
                .desc("write the chart and table as HTML (default: beside the JSON, double-spend.html)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    private static List<Double> doubles(CommandLine cl, String opt, String dflt) throws UsageException {
        List<Double> out = new ArrayList<>();
        for (String s : cl.getOptionValue(opt, dflt).split(",")) {
            try {
                out.add(Double.parseDouble(s.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--" + opt + ": a comma-separated list of numbers, got '" + s + "'");
            }
        }
        return out;
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Options opts = options();
        CommandLine cl = Args.parse("experiment double-spend", opts, args, Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100,
                    "tlaconform experiment double-spend [--shares Q,...] [--deltas D,...] [--runs R] [--seed S] [--give-up G] [--z Z] [--json FILE] [--html FILE]",
                    "\nNakamoto's double-spend attack (section 11) in the simulator: 3 honest miners and an attacker with share q"
                            + " of the SHA-256 hash power mining a private chain with a conflicting spend from genesis, released when"
                            + " longer than the honest chain. Per (q, delay) cell: the fraction of runs where the payment was reverted"
                            + " after an honest node had seen it z blocks deep, and where a block k deep was reverted, beside"
                            + " Nakamoto's formula.\n\n",
                    opts, 2, 4, "\nExit codes: 0 done, 2 bad usage.");
            return ExitCode.OK;
        }
        List<Double> shares = doubles(cl, "shares", "0.1,0.2,0.3,0.4");
        List<Long> deltas = new ArrayList<>();
        for (double d : doubles(cl, "deltas", "1,4,16")) {
            deltas.add((long) d);
        }
        int runs = cl.hasOption("runs") ? (int) SimulateCommand.longOpt(cl, "runs") : 300;
        long seed = cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : 1;
        int giveUp = cl.hasOption("give-up") ? (int) SimulateCommand.longOpt(cl, "give-up") : 15;
        List<Integer> zs = new ArrayList<>();
        for (double z : doubles(cl, "z", "1,2,3")) {
            zs.add((int) z);
        }
        int zShown = zs.size() > 1 ? zs.get(1) : zs.get(0);
        for (double q : shares) {
            if (!(q > 0 && q < 0.5)) {
                throw new UsageException("--shares: each in (0, 0.5), got " + q);
            }
        }
        for (long d : deltas) {
            if (d < 1 || d > 10_000) {
                throw new UsageException("--deltas: each in 1..10000 ticks, got " + d);
            }
        }
        if (runs < 1 || runs > 1_000_000 || giveUp < 1 || giveUp > 1000 || zs.stream().anyMatch(z -> z < 0 || z > DoubleSpend.MAX_Z)) {
            throw new UsageException("--runs 1..1000000, --give-up 1..1000, --z 0.." + DoubleSpend.MAX_Z);
        }
        Path json = Path.of(cl.getOptionValue("json", "experiment-out/double-spend.json"));
        long t0 = System.nanoTime();
        List<DoubleSpend.Row> rows = new ArrayList<>();
        for (int z : zs) {
            for (double q : shares) {
                for (long d : deltas) {
                    rows.add(DoubleSpend.measure(q, d, z, runs, seed, giveUp));
                }
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.printf(Locale.ROOT, "double-spend: %d honest miners x %d hashes/tick, difficulty %d bits, %d runs per cell (seeds %d..%d),"
                + " attacker gives up %d behind; %d runs in %.1f s%n", DoubleSpend.HONEST, DoubleSpend.HASHES, DoubleSpend.DIFFICULTY,
                runs, seed, seed + runs - 1, giveUp, runs * rows.size(), ms / 1000.0);
        out.printf(Locale.ROOT, "%3s %5s %7s %6s %9s %10s %10s %10s %11s %10s%n", "z", "q", "actual", "delta", "ticks/blk",
                "P(double)", "Nakamoto", "exact", "P(reorg>=z)", "unresolved");
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("experiment", "double-spend").put("honest", DoubleSpend.HONEST).put("hashesPerTick", DoubleSpend.HASHES)
                .put("difficulty", DoubleSpend.DIFFICULTY).put("runs", runs).put("seed", seed).put("giveUp", giveUp)
                .put("millis", ms).put("model", "sync, every message exactly delta ticks").put("faults", "none");
        ArrayNode arr = root.putArray("rows");
        for (DoubleSpend.Row r : rows) {
            double paper = DoubleSpend.nakamoto(r.actualShare(), r.z());
            double exact = DoubleSpend.exact(r.actualShare(), r.z());
            out.printf(Locale.ROOT, "%3d %5.2f %7.3f %6d %9.1f %10.4f %10.4f %10.4f %11.4f %10d%n", r.z(), r.share(), r.actualShare(),
                    r.delta(), r.blockTicks(), r.pDoubleSpend(r.z()), paper, exact, r.pReorg(r.z()), r.unresolved());
            arr.addObject().put("z", r.z()).put("share", r.share()).put("actualShare", r.actualShare()).put("delta", r.delta())
                    .put("runs", r.runs()).put("unresolved", r.unresolved()).put("ticksPerBlock", r.blockTicks())
                    .put("doubleSpends", r.doubleSpends()[r.z()]).put("pDoubleSpend", r.pDoubleSpend(r.z()))
                    .put("reorgs", r.reorgs()[r.z()]).put("pReorg", r.pReorg(r.z())).put("nakamoto", paper).put("exact", exact);
        }
        out.println("P(double): runs where the payment was reverted after an honest node saw it z blocks deep; paper: Nakamoto"
                + " section 11 at the actual share; exact: this race (negative binomial, Rosenfeld 2014; strictly longer from"
                + " the same start); P(reorg>=z): runs where a tip switch reverted a block with z blocks on top");
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        m.writeValue(json.toFile(), root);
        Path html = cl.hasOption("html") ? Path.of(cl.getOptionValue("html")) : json.resolveSibling("double-spend.html");
        if (html.getParent() != null) {
            Files.createDirectories(html.getParent());
        }
        Files.writeString(html, html(rows, runs, seed, giveUp, zShown));
        out.println("json: " + json + "\nhtml: " + html);
        return ExitCode.OK;
    }

    private static final String[] COLORS = {"#1f77b4", "#2ca02c", "#ff7f0e", "#d62728", "#9467bd", "#8c564b"};

    /** A chart of P(double spend after z confirmations) against q, one line per delay, the paper's dashed. */
    static String html(List<DoubleSpend.Row> rows, int runs, long seed, int giveUp, int z) {
        int w = 640;
        int h = 360;
        int left = 60;
        int top = 20;
        int pw = w - left - 180;
        int ph = h - top - 50;
        List<DoubleSpend.Row> all = rows;
        rows = rows.stream().filter(r -> r.z() == z).toList();
        List<Long> deltas = rows.stream().map(DoubleSpend.Row::delta).distinct().toList();
        double qMax = 0.5;
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Nakamoto: double spends vs attacker share</title>")
                .append("<style>body{font-family:sans-serif;margin:2em}td,th{padding:2px 8px;text-align:right}</style></head><body>\n")
                .append("<h1>Double spends and deep reorganisations against the attacker's share</h1>\n<p>")
                .append(Esc.xml(String.format(Locale.ROOT, "%d honest miners and Nakamoto's attacker (section 11), real SHA-256 work,"
                        + " %d seeded runs per cell (seeds %d..%d), the attacker gives up %d blocks behind; every message takes"
                        + " exactly the delay. Chart: the fraction of runs in which the payment was reverted after an honest node"
                        + " had seen it z = %d blocks deep, one line per delay; dashed: Nakamoto's formula at the actual share;"
                        + " dotted: the exact probability of this race (the attacker must get strictly longer than the payment's"
                        + " block and z more, from the same start).",
                        DoubleSpend.HONEST, runs, seed, seed + runs - 1, giveUp, z)))
                .append("</p>\n");
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">\n", w, h));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                left, top, pw, ph));
        for (int i = 0; i <= 5; i++) {
            double y = top + ph - ph * i / 5.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.1f</text>"
                    + "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>\n", left - 4, y + 4, i / 5.0, left, left + pw, y, y));
            double x = left + pw * i / 5.0;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%.1f</text>\n",
                    x, top + ph + 16, qMax * i / 5.0));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">attacker's share q</text>\n",
                left + pw / 2, top + ph + 34));
        for (int di = 0; di < deltas.size(); di++) {
            long d = deltas.get(di);
            String color = COLORS[di % COLORS.length];
            StringBuilder pts = new StringBuilder();
            StringBuilder paper = new StringBuilder();
            StringBuilder exact = new StringBuilder();
            for (DoubleSpend.Row r : rows) {
                if (r.delta() != d) {
                    continue;
                }
                double x = left + pw * r.actualShare() / qMax;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + ph - ph * r.pDoubleSpend(z)));
                paper.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + ph - ph * DoubleSpend.nakamoto(r.actualShare(), z)));
                exact.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + ph - ph * DoubleSpend.exact(r.actualShare(), z)));
                b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>\n",
                        x, top + ph - ph * r.pDoubleSpend(z), color, Esc.xml(String.format(Locale.ROOT,
                                "q=%.3f delay %d: %d of %d runs", r.actualShare(), d, r.doubleSpends()[z], r.runs()))));
            }
            b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n", pts, color));
            if (di == 0) {
                b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"#000\" stroke-dasharray=\"5,4\"/>\n", paper));
                b.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"#777\" stroke-dasharray=\"2,3\"/>\n", exact));
            }
            int ly = top + 20 + 20 * di;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"12\">delay %d ticks</text>\n", left + pw + 12, left + pw + 40, ly, ly, color,
                    left + pw + 46, ly + 4, d));
        }
        int ly = top + 20 + 20 * deltas.size();
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"5,4\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\">Nakamoto (2008) §11</text>\n", left + pw + 12, left + pw + 40, ly, ly,
                left + pw + 46, ly + 4));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#777\" stroke-dasharray=\"2,3\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"12\">exact, this race</text>\n", left + pw + 12, left + pw + 40, ly + 20,
                ly + 20, left + pw + 46, ly + 24));
        b.append("</svg>\n<table><tr><th>z</th><th>q</th><th>actual q</th><th>delay</th><th>ticks/block</th>"
                + "<th>P(double spend)</th><th>Nakamoto §11</th><th>exact, this race</th><th>P(reorg &ge; z)</th><th>unresolved</th></tr>\n");
        for (DoubleSpend.Row r : all) {
            b.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.2f</td><td>%.3f</td><td>%d</td><td>%.1f</td><td>%.4f</td>"
                    + "<td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%d</td></tr>\n", r.z(), r.share(), r.actualShare(), r.delta(),
                    r.blockTicks(), r.pDoubleSpend(r.z()), DoubleSpend.nakamoto(r.actualShare(), r.z()),
                    DoubleSpend.exact(r.actualShare(), r.z()), r.pReorg(r.z()), r.unresolved()));
        }
        b.append("</table>\n<p>Regenerate: <code>scripts/tlaconform experiment double-spend</code></p>\n</body></html>\n");
        return b.toString();
    }
}
