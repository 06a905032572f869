package dev.tlaconform.validate;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spec actions a trace mapping names, with their TLA+ definitions as written: SANY finds each
 * operator's definition (in the mapping's spec module or a module it EXTENDS) and its source range
 * is cut from the .tla file. Used by {@code tlaconform walkthrough}.
 */
public final class SpecActions {
    private SpecActions() {}

    /**
     * One spec action.
     *
     * @param event     the trace's action name (the key in the mapping's events)
     * @param operator  the spec operator it maps to
     * @param module    the module defining it
     * @param file      that module's file
     * @param beginLine first line of the definition (1-based)
     * @param endLine   last line
     * @param text      the definition's source text, whole lines, as written
     */
    public record Action(String event, String operator, String module, Path file, int beginLine, int endLine, String text) {}

    /**
     * Every event of {@code specDir}'s trace mapping with its operator's definition, in the
     * mapping's order.
     *
     * @throws BadTraceException the mapping or the spec does not load, or an event's action is not
     *     an operator of the spec (file:line of the mapping or spec)
     */
    public static List<Action> of(Path specDir) throws BadTraceException {
        TraceMapping m = TraceMapping.load(specDir);
        List<String> ops = new ArrayList<>();
        m.events().values().forEach(e -> ops.add(e.action()));
        Map<String, List<String>> where = locate(specDir, m.spec(), ops);
        if (where.containsKey("")) {
            throw new BadTraceException(specDir.resolve(m.spec() + ".tla"), 0, where.get("").get(0));
        }
        List<Action> out = new ArrayList<>();
        Map<Path, List<String>> files = new LinkedHashMap<>();
        for (Map.Entry<String, TraceMapping.EventMapping> e : m.events().entrySet()) {
            String op = e.getValue().action();
            List<String> w = where.get(op);
            if (w == null) {
                throw new BadTraceException(m.file(), 0, "events." + e.getKey() + ": the spec " + m.spec()
                        + " defines no operator " + op);
            }
            Path f = w.get(1).isEmpty() ? null : Path.of(w.get(1));
            int begin = Integer.parseInt(w.get(2));
            int end = Integer.parseInt(w.get(4));
            String text = "";
            if (f != null) {
                List<String> lines = files.computeIfAbsent(f, SpecActions::read);
                text = String.join("\n", lines.subList(Math.max(0, begin - 1), Math.min(lines.size(), end)));
            }
            out.add(new Action(e.getKey(), op, w.get(0), f, begin, end, text));
        }
        return out;
    }

    private static List<String> read(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> locate(Path dir, String root, List<String> names) throws BadTraceException {
        try {
            return (Map<String, List<String>>) IsolatingClassLoader.call("dev.tlaconform.validate.engine.OperatorLocator", "locate",
                    new Class<?>[] {String.class, String.class, List.class}, dir.toAbsolutePath().toString(), root, names);
        } catch (InvocationTargetException e) {
            throw new BadTraceException(dir.resolve(root + ".tla"), 0, "SANY failed: " + e.getCause());
        }
    }
}
