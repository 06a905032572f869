package dev.tlaconform.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The TLA+ a mapping writes: its {@code define} section, each event kind's {@code require}
 * conditions and its state keys written as TLA+ expressions, as definitions of a module that
 * EXTENDS the spec ({@code <spec>_mapping}, generated into the run directory). The fast engine
 * loads that module instead of the spec when there is any, and evaluates a condition or key on a
 * (pre-state, post-state) pair with {@code E} bound to the logged line. Deterministic: both the
 * writer (the run directory) and the engine (which looks the definitions up by name) call it.
 */
public final class MappingModule {
    private MappingModule() {}

    /** One generated definition: its name, its text, and where in the mapping it comes from. */
    public record Def(String name, String text, String origin) {}

    /** The event parameter of the generated operators. */
    public static final String EVENT = "E";

    /** A state path ({@code var} or {@code var[eventField]...}); anything else in a {@code state} value is an expression. */
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[A-Za-z0-9_.]+\\])*");

    /** True when a state key's mapping is a TLA+ expression rather than a path. */
    public static boolean isExpression(String stateSpec) {
        return !PATH.matcher(stateSpec.replace(" ", "")).matches();
    }

    /** The module the fast engine loads: the generated one when the mapping writes any TLA+, else the spec. */
    public static String rootModule(TraceMapping m) {
        return defs(m).isEmpty() && m.define().isEmpty() ? m.spec() : m.spec() + "_mapping";
    }

    /** The name of the generated operator for a step kind's require[i]. */
    public static String requireName(TraceMapping m, String stepKind, int i) {
        return name(m, TraceMapping.originOf(stepKind) + ".require[" + i + "]");
    }

    /** The name of the generated operator for a step kind's until condition, or null. */
    public static String untilName(TraceMapping m, String stepKind) {
        return name(m, TraceMapping.originOf(stepKind) + ".until");
    }

    /** The name of the generated operator for a state key written as an expression. */
    public static String stateName(TraceMapping m, String event, String key) {
        return name(m, "events." + event + ".state." + key);
    }

    private static String name(TraceMapping m, String origin) {
        for (Def d : defs(m)) if (d.origin().equals(origin)) return d.name();
        return null;
    }

    /** The operators of E the mapping writes, in a fixed order. */
    public static List<Def> defs(TraceMapping m) {
        List<Def> out = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, TraceMapping.EventMapping> e : m.stepKinds().entrySet()) {
            k++;
            String origin = TraceMapping.originOf(e.getKey());
            List<String> req = e.getValue().require();
            for (int i = 0; i < req.size(); i++) {
                out.add(new Def("TLACONFORM_Require" + k + "_" + (i + 1), req.get(i), origin + ".require[" + i + "]"));
            }
            if (e.getValue().until() != null) out.add(new Def("TLACONFORM_Until" + k, e.getValue().until(), origin + ".until"));
            if (e.getKey().contains(TraceMapping.THEN)) continue;   // a line's state keys belong to the event
            int j = 0;
            for (Map.Entry<String, String> s : m.stateFor(e.getKey()).entrySet()) {
                j++;
                if (isExpression(s.getValue())) {
                    out.add(new Def("TLACONFORM_State" + k + "_" + j, s.getValue(), origin + ".state." + s.getKey()));
                }
            }
        }
        return out;
    }

    /**
     * The module's text, and for each of its lines the mapping entry it comes from (null for the
     * lines the generator writes), so an error SANY reports in it names the mapping's entry.
     */
    public static List<String[]> lines(TraceMapping m) {
        List<String[]> out = new ArrayList<>();
        String name = rootModule(m);
        out.add(new String[] {"---- MODULE " + name + " ----", null});
        StringBuilder ext = new StringBuilder("EXTENDS " + m.spec());
        for (String x : m.extendsModules()) ext.append(", ").append(x);
        out.add(new String[] {ext.toString(), null});
        out.add(new String[] {"\\* generated from " + m.file().getFileName() + " by tlaconform: the mapping's definitions and conditions", null});
        for (Map.Entry<String, String> d : m.define().entrySet()) {
            addDef(out, d.getKey() + " ==", d.getValue(), "define." + d.getKey());
        }
        for (Def d : defs(m)) addDef(out, d.name() + "(" + EVENT + ") ==", d.text(), d.origin());
        out.add(new String[] {"====", null});
        return out;
    }

    private static void addDef(List<String[]> out, String head, String body, String origin) {
        String[] parts = body.split("\n", -1);
        out.add(new String[] {head, origin});
        for (String p : parts) out.add(new String[] {"  " + p, origin});
    }

    /** The module's text. */
    public static String text(TraceMapping m) {
        StringBuilder b = new StringBuilder();
        for (String[] l : lines(m)) b.append(l[0]).append('\n');
        return b.toString();
    }

    /** The mapping entry written at a 1-based line of the module, or null. */
    public static String originOfLine(TraceMapping m, int line) {
        List<String[]> ls = lines(m);
        return line >= 1 && line <= ls.size() ? ls.get(line - 1)[1] : null;
    }
}
