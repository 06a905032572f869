package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The verdict on one trace.
 *
 * @param file             the trace
 * @param engine           "fast" or "tlc"
 * @param verdict          accepted, rejected (no spec state can take an event) or an invariant violated
 * @param events           events matched (all of them when accepted)
 * @param candidatesMax    the most candidate spec states held at once
 * @param statesTotal      distinct candidate states summed over all steps
 * @param millis           wall time of the validation
 * @param actionCounts     events per spec action (sorted by action)
 * @param actionsNeverSeen spec actions no event named (sorted)
 * @param failure          why it was rejected (null when accepted)
 * @param warnings         e.g. logged state keys that the mapping does not map
 */
public record ValidationResult(String file, String engine, Verdict verdict, long events, long candidatesMax,
                               long statesTotal, long millis, Map<String, Long> actionCounts,
                               List<String> actionsNeverSeen, Failure failure, List<String> warnings) {

    public enum Verdict { ACCEPTED, REJECTED, INVARIANT_VIOLATED }

    /**
     * Why a trace was rejected.
     *
     * @param line             1-based line of the failing event (for an invariant: of the event whose step broke it; 1 = initial states)
     * @param event            the event's JSON (null for the initial states)
     * @param action           the action the event names
     * @param candidatesBefore candidate states just before the event
     * @param summary          one line a person can act on
     * @param details          structured diagnosis: kind, variables (logged vs spec), guard conjunct, invariant...
     */
    public record Failure(long line, JsonNode event, String action, long candidatesBefore, String summary,
                          ObjectNode details) {}

    /** This result with one more warning (none when w is null). */
    public ValidationResult withWarning(String w) {
        if (w == null) return this;
        List<String> ws = new java.util.ArrayList<>(warnings);
        ws.add(w);
        return new ValidationResult(file, engine, verdict, events, candidatesMax, statesTotal, millis, actionCounts,
                actionsNeverSeen, failure, List.copyOf(ws));
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    public double eventsPerSecond() {
        return millis <= 0 ? events * 1000.0 : events * 1000.0 / millis;
    }

    /** The one-line verdict (accepted) or the multi-line diagnosis (rejected). */
    public String render() {
        StringBuilder b = new StringBuilder();
        if (accepted()) {
            b.append(file).append(": ACCEPTED ").append(events).append(" events, ");
            if (engine.equals("tlc")) {
                b.append(statesTotal).append(" distinct trace-spec states, ");
            } else {
                b.append(statesTotal).append(" distinct candidate states (max ").append(candidatesMax).append(" at once), ");
            }
            b
                    .append(millis).append(" ms, ").append(String.format("%.0f", eventsPerSecond())).append(" events/s [")
                    .append(engine).append("]; actions ").append(actionCounts);
            if (!actionsNeverSeen.isEmpty()) b.append("; never seen ").append(actionsNeverSeen);
        } else {
            Failure f = failure;
            b.append(file).append(':').append(f.line()).append(": ").append(verdict).append(" [").append(engine).append("]");
            if (f.action() != null || verdict == Verdict.INVARIANT_VIOLATED) {
                if (verdict == Verdict.INVARIANT_VIOLATED) {
                    b.append(events == 0 ? " in an initial state" : " after event " + events);
                } else {
                    b.append(" at event ").append(events + 1);
                }
                b.append(" (action ").append(f.action() == null ? "-" : f.action());
                if (f.candidatesBefore() >= 0) {
                    b.append(", ").append(f.candidatesBefore()).append(" candidate state")
                            .append(f.candidatesBefore() == 1 ? "" : "s").append(" before it");
                }
                b.append(")");
            }
            b.append("\n  ").append(f.summary());
            if (f.event() != null) b.append("\n  event: ").append(f.event());
            JsonNode vars = f.details() == null ? null : f.details().get("variables");
            if (vars != null) {
                for (JsonNode v : vars) {
                    b.append("\n  ").append(v.path("key").asText()).append(" (").append(v.path("spec").asText())
                            .append("): logged ").append(v.get("logged")).append(", spec allows ").append(v.get("specValues"));
                }
            }
        }
        for (String w : warnings) b.append("\n  warning: ").append(w);
        return b.toString();
    }

    /** The same content as JSON, for {@code --report}. */
    public ObjectNode toJson(ObjectMapper om) {
        ObjectNode o = om.createObjectNode();
        o.put("file", file);
        o.put("engine", engine);
        o.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
        o.put("events", events);
        o.put("candidatesMax", candidatesMax);
        o.put("statesTotal", statesTotal);
        o.put("millis", millis);
        o.put("eventsPerSecond", Math.round(eventsPerSecond()));
        ObjectNode ac = o.putObject("actionCounts");
        actionCounts.forEach(ac::put);
        ArrayNode never = o.putArray("actionsNeverSeen");
        actionsNeverSeen.forEach(never::add);
        if (failure != null) {
            ObjectNode f = o.putObject("failure");
            f.put("line", failure.line());
            f.set("event", failure.event());
            f.put("action", failure.action());
            f.put("candidatesBefore", failure.candidatesBefore());
            f.put("summary", failure.summary());
            f.set("details", failure.details());
        }
        ArrayNode w = o.putArray("warnings");
        warnings.forEach(w::add);
        return o;
    }
}
