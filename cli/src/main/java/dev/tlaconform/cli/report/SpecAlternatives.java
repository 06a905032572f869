package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spec-level coverage below the action: per protocol and action, each alternative (a disjunct, an
 * IF or CASE arm, found through the action's conjunctions and the definitions it applies) and how
 * many accepted steps took it, as the validator recorded them (the fast engine's
 * {@code ActionBranches}: an alternative counts when it evaluated TRUE on an accepted step, under
 * the binding that makes the action true). An alternative no step took is listed, as TLC's coverage
 * lists a sub-expression never evaluated.
 *
 * @param protocols protocol -> action -> alternative label -> steps that took it
 */
public record SpecAlternatives(Map<String, Map<String, Map<String, Long>>> protocols) {
    static long taken(Map<String, Long> alternatives) {
        return alternatives.values().stream().filter(n -> n > 0).count();
    }

    static List<String> never(Map<String, Long> alternatives) {
        return alternatives.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
    }

    /** The terminal: per protocol, per action with alternatives, how many were taken, then those never taken. */
    public void print(PrintStream out) {
        for (Map.Entry<String, Map<String, Map<String, Long>>> p : protocols.entrySet()) {
            if (p.getValue().isEmpty()) {
                continue;
            }
            out.println();
            long all = 0;
            long taken = 0;
            for (Map<String, Long> m : p.getValue().values()) {
                all += m.size();
                taken += taken(m);
            }
            out.println(p.getKey() + " alternatives of the spec's actions (disjuncts, IF/CASE arms) taken by accepted steps: "
                    + taken + " of " + all);
            int w = p.getValue().keySet().stream().mapToInt(String::length).max().orElse(10);
            for (Map.Entry<String, Map<String, Long>> a : p.getValue().entrySet()) {
                out.printf(Locale.ROOT, "  %-" + w + "s %3d/%-3d%s%n", a.getKey(), taken(a.getValue()), a.getValue().size(),
                        never(a.getValue()).isEmpty() ? "" : "  NEVER TAKEN:");
                for (String n : never(a.getValue())) {
                    out.println("    " + n);
                }
            }
        }
    }

    /** report.json's {@code actionAlternatives}: protocol -> action -> {alternative: steps}. */
    public ObjectNode toJson(ObjectMapper om) {
        ObjectNode o = om.createObjectNode();
        protocols.forEach((p, actions) -> {
            ObjectNode pn = o.putObject(p);
            actions.forEach((a, m) -> {
                ObjectNode an = pn.putObject(a);
                m.forEach(an::put);
            });
        });
        return o;
    }

    /** index.html's section. */
    public void html(StringBuilder b) {
        b.append("<h2>Alternatives of the spec's actions (disjuncts, IF/CASE arms) taken by accepted steps</h2>\n");
        for (Map.Entry<String, Map<String, Map<String, Long>>> p : protocols.entrySet()) {
            if (p.getValue().isEmpty()) {
                continue;
            }
            b.append("<h3>").append(Esc.xml(p.getKey())).append("</h3>\n<table><tr><th class=\"l\">action</th>"
                    + "<th class=\"l\">alternative</th><th>steps</th></tr>\n");
            for (Map.Entry<String, Map<String, Long>> a : p.getValue().entrySet()) {
                for (Map.Entry<String, Long> e : a.getValue().entrySet()) {
                    boolean never = e.getValue() == 0;
                    b.append("<tr><td class=\"l\">").append(Esc.xml(a.getKey())).append("</td><td class=\"l")
                            .append(never ? " never" : "").append("\"><code>").append(Esc.xml(e.getKey()))
                            .append("</code></td><td>").append(e.getValue()).append("</td></tr>\n");
                }
            }
            b.append("</table>\n");
        }
    }
}
