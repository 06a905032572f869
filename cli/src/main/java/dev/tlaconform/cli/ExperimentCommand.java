package dev.tlaconform.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.sim.Protocols;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code tlaconform experiment decision-delays}: message delays from a client's request to the
 * first decision, Paxos against Fast Paxos, with and without collisions, from the simulator
 * ({@link DecisionDelays}); a table on stdout and the same figures as JSON.
 */
public final class ExperimentCommand implements Command {
    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "research experiments: 'experiment decision-delays' Paxos vs Fast Paxos, message delays to decision;"
                + " 'experiment commit-latency' Multi-Paxos, Fast Paxos, EPaxos at 0/10/50 % conflicts;"
                + " 'experiment double-spend' Nakamoto's attacker vs share and delay, beside the paper";
    }

    static Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("protocols").hasArg().argName("P,...")
                .desc("protocols compared (default paxos,fastpaxos)").build());
        o.addOption(Option.builder().longOpt("clients").hasArg().argName("C,...")
                .desc("simultaneous clients per row, each at its own node with its own value (default 1,2,3; 1 = no collision)").build());
        o.addOption(Option.builder().longOpt("nodes").hasArg().argName("N").desc("nodes (default 4)").build());
        o.addOption(Option.builder().longOpt("runs").hasArg().argName("R").desc("seeded runs per row (default 200)").build());
        o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("first seed (default 1)").build());
        o.addOption(Option.builder().longOpt("json").hasArg().argName("FILE")
                .desc("write the figures as JSON (default experiment-out/decision-delays.json)").build());
        o.addOption(Option.builder().longOpt("html").hasArg().argName("FILE")
                .desc("write the chart and table as HTML (default: beside the JSON, decision-delays.html)").build());
        o.addOption(Option.builder("h").longOpt("help").desc("this help").build());
        return o;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && args[0].equals("commit-latency")) {
            return CommitLatencyExperiment.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        Options opts = options();
        if (args.length > 0 && args[0].equals("double-spend")) {
            return DoubleSpendCommand.run(Arrays.copyOfRange(args, 1, args.length), out);
        }
        if (args.length == 0 || !(args[0].equals("decision-delays") || args[0].equals("--help") || args[0].equals("-h"))) {
            throw new UsageException("usage: tlaconform experiment decision-delays|commit-latency|double-spend [options] (--help)");
        }
        CommandLine cl = Args.parse(name() + " decision-delays", opts,
                args[0].equals("decision-delays") ? Arrays.copyOfRange(args, 1, args.length) : args, Args.OPTIONS_ONLY);
        if (cl.hasOption("help")) {
            new HelpFormatter().printHelp(new java.io.PrintWriter(out, true), 100,
                    "tlaconform experiment decision-delays [--protocols P,...] [--clients C,...] [--nodes N] [--runs R] [--seed S] [--json FILE] [--html FILE]",
                    "\nMessage delays from a client's request to the first decision (the longest causal chain of messages"
                            + " from a request to the deciding step), Paxos against Fast Paxos, no faults, system model sync"
                            + " with every message taking one delay (100..110 ticks, jittered), all clients at once at their own"
                            + " nodes with different values.\n\n",
                    opts, 2, 4, "\nExit codes: 0 done, 2 bad usage.");
            return ExitCode.OK;
        }
        List<String> protocols = List.of(cl.getOptionValue("protocols", "paxos,fastpaxos").split(","));
        for (String p : protocols) {
            if (!p.equals("paxos") && !p.equals("fastpaxos")) {
                throw new UsageException("--protocols: paxos and fastpaxos only (single-decree), got '" + p + "'");
            }
        }
        int nodes = cl.hasOption("nodes") ? (int) SimulateCommand.longOpt(cl, "nodes") : 4;
        int runs = cl.hasOption("runs") ? (int) SimulateCommand.longOpt(cl, "runs") : 200;
        long seed = cl.hasOption("seed") ? SimulateCommand.longOpt(cl, "seed") : 1;
        List<Integer> clients = new ArrayList<>();
        for (String c : cl.getOptionValue("clients", "1,2,3").split(",")) {
            try {
                clients.add(Integer.parseInt(c.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--clients: a comma-separated list of counts, got '" + c + "'");
            }
        }
        if (nodes < 1 || nodes > 63 || runs < 1 || runs > 100_000) {
            throw new UsageException("--nodes must be 1..63 and --runs 1..100000");
        }
        for (int c : clients) {
            if (c < 1 || c > nodes) {
                throw new UsageException("--clients: each count must be 1.." + nodes + " (one client per node), got " + c);
            }
        }
        Path json = Path.of(cl.getOptionValue("json", "experiment-out/decision-delays.json"));
        long t0 = System.nanoTime();
        List<DecisionDelays.Row> rows = new ArrayList<>();
        for (int c : clients) {
            for (String p : protocols) {
                rows.add(DecisionDelays.measure(p, nodes, c, runs, seed));
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        out.printf(Locale.ROOT, "decision-delays: N=%d, %d runs per row (seeds %d..%d), model sync (each message 100..110 ticks),"
                + " no faults, clients at once%n",
                nodes, runs, seed, seed + runs - 1);
        out.printf(Locale.ROOT, "%-10s %7s %7s %8s %7s %6s %4s %4s %4s %9s  %s%n", "protocol", "clients", "decided",
                "median", "mean", "p90", "min", "max", "", "collided", "message delays: runs");
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("experiment", "decision-delays").put("nodes", nodes).put("runs", runs).put("seed", seed)
                .put("model", "sync").put("faults", "none").put("millis", ms)
                .put("definition", "longest causal chain of messages from a client request to the first decision");
        ArrayNode arr = root.putArray("rows");
        for (DecisionDelays.Row r : rows) {
            StringBuilder h = new StringBuilder();
            for (int d = 0; d < r.histogram().length; d++) {
                if (r.histogram()[d] > 0) {
                    h.append(h.length() > 0 ? "  " : "").append(d == r.histogram().length - 1 ? d + "+" : d)
                            .append(": ").append(r.histogram()[d]);
                }
            }
            out.printf(Locale.ROOT, "%-10s %7d %7d %8.1f %7.2f %6d %4d %4d %4s %9s  %s%n", r.protocol(), r.clients(),
                    r.decided(), r.median(), r.mean(), r.p90(), r.min(), r.max(), "",
                    r.protocol().equals("fastpaxos") ? String.valueOf(r.collided()) : "-", h);
            ObjectNode o = arr.addObject();
            o.put("protocol", r.protocol()).put("clients", r.clients()).put("runs", r.runs()).put("decided", r.decided())
                    .put("median", r.median()).put("mean", r.mean()).put("p90", r.p90()).put("min", r.min())
                    .put("max", r.max());
            if (r.protocol().equals("fastpaxos")) {
                o.put("collided", r.collided());
            }
            ObjectNode hist = o.putObject("histogram");
            for (int d = 0; d < r.histogram().length; d++) {
                if (r.histogram()[d] > 0) {
                    hist.put(String.valueOf(d), r.histogram()[d]);
                }
            }
        }
        out.println("collided: Fast Paxos runs whose fast ballot 0 got votes for different values (a collision)");
        if (json.getParent() != null) {
            Files.createDirectories(json.getParent());
        }
        m.writeValue(json.toFile(), root);
        Path html = cl.hasOption("html") ? Path.of(cl.getOptionValue("html"))
                : json.resolveSibling("decision-delays.html");
        if (html.getParent() != null) {
            Files.createDirectories(html.getParent());
        }
        Files.writeString(html, DecisionDelaysHtml.render(rows, nodes, runs, seed));
        out.printf(Locale.ROOT, "JSON: %s, HTML: %s (%d ms)%n", json, html, ms);
        return ExitCode.OK;
    }
}
