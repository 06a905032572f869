package dev.tlaconform.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The TLA+ text of the generated trace spec's checks of a line's fields and logged state (what the
 * line logged compared with the state after its last step: whole values, sparse keys, deltas, the
 * mapping's state expressions), for {@link TraceSpecGenerator}.
 */
final class TraceStateChecks {
    private TraceStateChecks() {}

    /** TLA+ for "the line has this field path". */
    static String has(String path) {
        String[] ps = path.split("\\.");
        StringBuilder b = new StringBuilder("(");
        String at = "E";
        for (int i = 0; i < ps.length; i++) {
            if (i > 0) b.append(" /\\ ");
            b.append(SpecDir.quote(ps[i])).append(" \\in DOMAIN ").append(at);
            at = at + "." + ps[i];
        }
        return b.append(")").toString();
    }

    /** The line's logged state compared after its last step. */
    static String stateText(TraceMapping m, String event, String statePath, String seName) {
        Map<String, String> st = m.stateFor(event);
        if (st.isEmpty()) return "  TRUE";
        String se = statePath.equals("state") ? "E"
                : "IF " + has(statePath) + " THEN [state |-> E." + statePath + "] ELSE [nostate |-> TRUE]";
        StringBuilder b = new StringBuilder("  LET ").append(seName).append(" == ").append(se).append(" IN\n");
        for (Map.Entry<String, String> e : st.entrySet()) {
            String key = SpecDir.quote(e.getKey());
            String spec = e.getValue();
            b.append("  /\\ ");
            if (MappingModule.isExpression(spec)) {
                b.append("StateValOK(" + seName + ", ").append(key).append(", (").append(MappingModule.stateName(m, event, e.getKey())).append("(E))')\n");
                continue;
            }
            java.util.regex.Matcher pm = java.util.regex.Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)((\\[[A-Za-z0-9_.]+\\])*)").matcher(spec.replace(" ", ""));
            if (!pm.matches()) {
                b.append("FALSE\n");
                continue;
            }
            String var = pm.group(1);
            List<String> idx = new ArrayList<>();
            java.util.regex.Matcher im = java.util.regex.Pattern.compile("\\[([A-Za-z0-9_.]+)\\]").matcher(pm.group(2));
            while (im.find()) idx.add("E." + im.group(1));
            StringBuilder pre = new StringBuilder(var);
            StringBuilder post = new StringBuilder(var + "'");
            List<String> guard = new ArrayList<>();
            for (String i : idx) {
                guard.add(i + " \\in DOMAIN " + post);
                pre.append('[').append(i).append(']');
                post.append('[').append(i).append(']');
            }
            String check;
            if (m.sparse().containsKey(e.getKey())) check = "StateSparseOK(" + seName + ", " + key + ", " + post + ", " + m.sparse().get(e.getKey()) + ")";
            else if (m.delta().contains(e.getKey())) check = "StateAnyDeltaOK(" + seName + ", " + key + ", " + pre + ", " + post + ")";
            else check = "StateValOK(" + seName + ", " + key + ", " + post + ")";
            if (guard.isEmpty()) {
                b.append(check).append('\n');
            } else {
                b.append("IF StateLogged(").append(seName).append(", ").append(key).append(") THEN ").append(String.join(" /\\ ", guard)).append(" /\\ ").append(check)
                        .append(" ELSE TRUE\n");
            }
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
