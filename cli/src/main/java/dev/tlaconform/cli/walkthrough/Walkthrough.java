package dev.tlaconform.cli.walkthrough;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.SpecActions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A protocol's walkthrough: each spec action of its trace mapping, with its TLA+ definition (found
 * by SANY), the Java handler(s) that declare it with {@code @SpecAction}, and an example event of
 * that action from a simulated run. Also the pairing check: spec actions without a handler, and
 * handlers naming an action the spec's mapping lacks.
 */
public final class Walkthrough {
    /** Fault plans tried, in order, when looking for an example event of every action. */
    static final List<String> EXAMPLE_PLANS = List.of("all", "restart", "none", "crash", "partition", "dup", "drop");
    /** Seeds tried per plan. */
    static final int EXAMPLE_SEEDS = 8;

    /**
     * An example event.
     *
     * @param command the {@code simulate} command that writes the trace ({@code t.ndjson})
     * @param line    the event's line in the trace
     * @param json    the event, one line of NDJSON as the simulator wrote it
     */
    public record Example(String command, long line, String json) {}

    /**
     * Everything a page shows.
     *
     * @param protocol the protocol
     * @param specDir  its spec directory
     * @param actions  the spec actions (mapping order)
     * @param handlers every @SpecAction handler of the protocol's node classes
     * @param examples action to the first example event found (absent: none in the runs tried)
     */
    public record Page(String protocol, Path specDir, List<SpecActions.Action> actions, List<Handlers.Handler> handlers,
            Map<String, Example> examples) {

        /** The handlers of one action. */
        public List<Handlers.Handler> handlersOf(String action) {
            return handlers.stream().filter(h -> h.action().equals(action)).toList();
        }

        /** Spec actions no handler declares. */
        public List<String> unhandled() {
            return actions.stream().map(SpecActions.Action::event).filter(a -> handlersOf(a).isEmpty()).toList();
        }

        /** Handlers naming an action the spec's mapping lacks, as "Class#method names 'X'". */
        public List<String> unknown() {
            TreeSet<String> known = new TreeSet<>();
            actions.forEach(a -> known.add(a.event()));
            return handlers.stream().filter(h -> !known.contains(h.action()))
                    .map(h -> h.name() + " names '" + h.action() + "'").toList();
        }
    }

    private Walkthrough() {}

    /**
     * Pairs {@code protocol}'s spec actions with its handlers; with {@code examples}, simulates runs
     * to find an example event of each action.
     *
     * @throws BadTraceException the mapping or spec does not load
     */
    public static Page build(String protocol, Path specDir, boolean examples) throws BadTraceException {
        List<SpecActions.Action> actions = SpecActions.of(specDir);
        Path repo = specDir.toAbsolutePath().normalize().getParent().getParent();
        List<Handlers.Handler> handlers = Handlers.of(protocol, repo);
        Map<String, Example> ex = new LinkedHashMap<>();
        if (examples) {
            List<String> wanted = actions.stream().map(SpecActions.Action::event).toList();
            findExamples(protocol, wanted, ex);
        }
        return new Page(protocol, specDir, actions, handlers, ex);
    }

    /**
     * Simulated runs until every wanted action has an example: the default cluster under each of
     * {@link #EXAMPLE_PLANS}, then (for actions only Byzantine nodes take) with one Byzantine node
     * on the smallest cluster the simulator accepts, if it accepts any for this protocol.
     */
    private static void findExamples(String protocol, List<String> wanted, Map<String, Example> out) {
        examples(protocol, -1, 0, wanted, out);
        if (out.size() < wanted.size()) {
            int n0 = SimConfig.builder(protocol).build().nodes();
            for (int n = n0; n <= n0 + 4; n++) {
                try {
                    SimConfig.builder(protocol).nodes(n).byzantine(1).build();
                } catch (IllegalArgumentException refused) {
                    continue;
                }
                examples(protocol, n, 1, wanted, out);
                break;
            }
        }
    }

    private static void examples(String protocol, int nodes, int byzantine, List<String> wanted, Map<String, Example> out) {
        ObjectMapper om = new ObjectMapper();
        for (String plan : EXAMPLE_PLANS) {
            for (long seed = 1; seed <= EXAMPLE_SEEDS && out.size() < wanted.size(); seed++) {
                SimConfig.Builder cb = SimConfig.builder(protocol).seed(seed).faults(FaultPlan.named(plan));
                if (nodes > 0) {
                    cb.nodes(nodes).byzantine(byzantine);
                }
                SimConfig cfg;
                try {
                    cfg = cb.build();
                } catch (IllegalArgumentException refused) {
                    continue; // e.g. crashes plus Byzantine nodes beyond what the cluster tolerates
                }
                String command = "scripts/" + cfg.replayCommand().replace("replay.ndjson", "t.ndjson");
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                Simulation.run(cfg, b);
                long line = 0;
                for (String l : b.toString(StandardCharsets.UTF_8).split("\n")) {
                    line++;
                    try {
                        JsonNode n = om.readTree(l);
                        String action = n.path("action").asText("");
                        if (n.path("kind").asText().equals("event") && wanted.contains(action) && !out.containsKey(action)) {
                            out.put(action, new Example(command, line, l));
                        }
                    } catch (IOException e) {
                        // the simulator writes JSON; a line that is not is no example
                    }
                }
            }
        }
    }

    /** The Markdown page; source paths are written relative to {@code from} (the page's directory), or to the repository. */
    public static String markdown(Page p, Path from, String command) {
        Path repo = p.specDir().toAbsolutePath().normalize().getParent().getParent();
        Path base = from == null ? repo : from.toAbsolutePath().normalize();
        StringBuilder b = new StringBuilder();
        b.append("# Walkthrough: ").append(p.protocol()).append(", from spec action to code\n\n");
        b.append("Each action of the spec (as the trace mapping `").append(link(base, p.specDir().resolve("trace-mapping.json")))
                .append("` names it) with its TLA+ definition, the Java method that implements it (declared in the code with `@SpecAction`),")
                .append(" and the first event of that action in a simulated run. Regenerate with `").append(command).append("`.\n\n");
        b.append("| spec action | TLA+ | Java |\n|---|---|---|\n");
        for (SpecActions.Action a : p.actions()) {
            List<Handlers.Handler> hs = p.handlersOf(a.event());
            b.append("| [").append(a.event()).append("](#").append(a.event().toLowerCase(java.util.Locale.ROOT)).append(") | ")
                    .append(a.file() == null ? a.module() : "[" + a.module() + ".tla:" + a.beginLine() + "](" + link(base, a.file()) + "#L" + a.beginLine() + ")")
                    .append(" | ");
            if (hs.isEmpty()) {
                b.append("**no handler**");
            }
            for (int i = 0; i < hs.size(); i++) {
                Handlers.Handler h = hs.get(i);
                b.append(i > 0 ? ", " : "").append(h.source() == null ? "`" + h.name() + "`"
                        : "[`" + h.name() + "`](" + link(base, h.source()) + "#L" + h.line() + ")");
            }
            b.append(" |\n");
        }
        if (!p.unknown().isEmpty()) {
            b.append("\n**Handlers naming actions the spec lacks:** ").append(String.join("; ", p.unknown())).append("\n");
        }
        for (SpecActions.Action a : p.actions()) {
            b.append("\n## ").append(a.event()).append("\n\n");
            b.append("**Spec**: `").append(a.operator()).append("` in ")
                    .append(a.file() == null ? a.module() : link(base, a.file()) + ", lines " + a.beginLine() + "–" + a.endLine())
                    .append("\n\n```tla\n").append(a.text()).append("\n```\n\n");
            List<Handlers.Handler> hs = p.handlersOf(a.event());
            if (hs.isEmpty()) {
                b.append("**Code**: no handler declares `@SpecAction(\"").append(a.event()).append("\")`.\n");
            }
            for (Handlers.Handler h : hs) {
                b.append("**Code**: `").append(h.cls().getName()).append('#').append(h.method()).append('`');
                if (h.source() != null) {
                    b.append(", ").append(link(base, h.source())).append(':').append(h.line());
                }
                b.append("\n\n");
                if (!h.code().isEmpty()) {
                    b.append("```java\n").append(h.code()).append("\n```\n\n");
                }
            }
            Example e = p.examples().get(a.event());
            if (e != null) {
                b.append("**Example event** (line ").append(e.line()).append(" of the trace `").append(e.command())
                        .append("` writes):\n\n```json\n").append(e.json()).append("\n```\n");
            } else if (!p.examples().isEmpty()) {
                b.append("**Example event**: none in the runs tried (").append(EXAMPLE_SEEDS)
                        .append(" seeds under each of the plans ").append(String.join(", ", EXAMPLE_PLANS)).append(").\n");
            }
        }
        return b.toString();
    }

    private static String link(Path base, Path target) {
        try {
            return base.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return target.toString();
        }
    }

    /** One line per pairing problem (empty: every spec action has a handler, every handler a spec action). */
    public static List<String> problems(Page p) {
        List<String> out = new ArrayList<>();
        for (String a : p.unhandled()) {
            out.add(p.protocol() + ": spec action " + a + " has no @SpecAction handler");
        }
        for (String u : p.unknown()) {
            out.add(p.protocol() + ": " + u + ", which " + p.specDir().resolve("trace-mapping.json") + " does not map");
        }
        return out;
    }
}
