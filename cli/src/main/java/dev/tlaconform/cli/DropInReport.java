package dev.tlaconform.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.tlaconform.check.CheckReport;

/**
 * The lines {@code check} prints for someone else's spec: which community modules it used (the
 * spec's own copies or tlaconform's), and for a trace spec how far its behaviours got along the
 * log and which line of which file could not be matched.
 */
final class DropInReport {
    private DropInReport() {}

    static void modules(CheckReport r, PrintStream out) {
        if (r.modules() == null || r.modules().isEmpty()) {
            return;
        }
        List<String> ours = new ArrayList<>();
        List<String> own = new ArrayList<>();
        for (CheckReport.ModuleUse m : r.modules()) {
            if ("spec".equals(m.origin())) {
                own.add(m.name() + " (" + CheckCommand.display(Path.of(m.file())) + ")");
            } else {
                ours.add(m.name());
            }
        }
        StringBuilder b = new StringBuilder("community modules:");
        if (!ours.isEmpty()) {
            b.append(" tlaconform's ").append(String.join(", ", ours));
        }
        if (!own.isEmpty()) {
            b.append(ours.isEmpty() ? "" : ";").append(" the spec's own ").append(String.join(", ", own));
        }
        out.println(b);
    }

    static void trace(CheckReport r, PrintStream out) {
        CheckReport.TraceReach t = r.trace();
        if (t == null) {
            return;
        }
        if (t.complete()) {
            out.printf("trace: all %,d entries of %s matched (position: %s)%n", t.length(), t.log(), t.position());
            return;
        }
        out.printf("trace: %,d of %,d entries of %s matched (position: %s, furthest %d)%n", t.matched(), t.length(),
                t.log(), t.position(), t.reached());
        if (t.entry() != null) {
            String where = t.origins().stream()
                    .map(o -> CheckCommand.display(Path.of(o.file())) + ":" + o.line())
                    .collect(Collectors.joining(", "));
            out.println("  first entry not matched, " + t.log() + "[" + t.reached() + "]"
                    + (where.isEmpty() ? "" : " (" + where + ")") + ":");
            out.println("    " + t.entry());
        }
    }
}
