package dev.tlaconform.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parent's view of one child run: folds the child's {@link Events} into the figures, the
 * violation, the counterexample and the errors, and decides the verdict from TLC's exit status.
 */
final class EventLog {
    String tlcVersion = "";
    Map<String, JsonNode> constants = new TreeMap<>();
    long generated;
    long distinct;
    long depth;
    boolean sawStats;
    long queueLeft;
    boolean sawDepth;
    JsonNode violation;
    final List<CheckReport.Step> steps = new ArrayList<>();
    Integer loopBackTo;
    final List<JsonNode> errors = new ArrayList<>();
    Integer exitStatus;
    final List<CheckReport.ModuleUse> modules = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    JsonNode trace;

    /** Folds one event in; returns it as a progress event if it is one (else null). */
    CheckProgress accept(JsonNode e) {
        String kind = e.path("event").asText();
        switch (kind) {
            case Events.VERSION:
                tlcVersion = e.path("tlcVersion").asText();
                return null;
            case Events.CONSTANTS: {
                Map<String, JsonNode> c = new TreeMap<>();
                e.path("constants").fields().forEachRemaining(f -> c.put(f.getKey(), f.getValue()));
                constants = c;
                return null;
            }
            case Events.PROGRESS: {
                CheckProgress p = new CheckProgress(e.path("generated").asLong(), e.path("distinct").asLong(),
                        e.path("queue").asLong(), e.path("depth").asLong());
                if (!sawStats) {
                    generated = Math.max(generated, p.generated());
                    distinct = Math.max(distinct, p.distinct());
                    depth = Math.max(depth, p.depth());
                }
                return p;
            }
            case Events.STATS:
                sawStats = true;
                generated = e.path("generated").asLong();
                distinct = e.path("distinct").asLong();
                queueLeft = e.path("queue").asLong();
                return null;
            case Events.DEPTH:
                sawDepth = true;
                depth = e.path("depth").asLong();
                return null;
            case Events.VIOLATION:
                if (violation == null) {
                    violation = e;
                }
                return null;
            case Events.STATE: {
                int step = e.path("step").asInt();
                if (!steps.isEmpty() && step <= steps.get(steps.size() - 1).step() && !e.path("stuttering").asBoolean()) {
                    steps.clear(); // TLC printed a second trace (e.g. a shorter one): keep the last
                    loopBackTo = null;
                }
                Map<String, JsonNode> state = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = e.path("state").fields();
                it.forEachRemaining(f -> state.put(f.getKey(), f.getValue()));
                steps.add(new CheckReport.Step(step, e.path("action").asText(), e.path("location").asText(), state, null));
                return null;
            }
            case Events.LOOP:
                loopBackTo = e.path("backTo").asInt();
                return null;
            case Events.ERROR:
                errors.add(e);
                return null;
            case Events.EXIT:
                exitStatus = e.path("exitStatus").asInt();
                return null;
            case Events.NOTE:
                notes.add(e.path("message").asText());
                return null;
            case Events.MODULE:
                List<String> java = new ArrayList<>();
                e.path("java").forEach(j -> java.add(j.asText()));
                modules.add(new CheckReport.ModuleUse(e.path("name").asText(), e.path("origin").asText(),
                        e.path("file").asText().isEmpty() ? null : e.path("file").asText(), java));
                return null;
            case Events.TRACE:
                trace = e;
                return null;
            default:
                return null;
        }
    }

    /** How far a trace spec got along its log (null if the spec is not one). */
    CheckReport.TraceReach traceReach() {
        if (trace == null) {
            return null;
        }
        List<CheckReport.LogLine> origins = new ArrayList<>();
        trace.path("origins").forEach(o -> origins.add(new CheckReport.LogLine(o.path("file").asText(), o.path("line").asInt())));
        return new CheckReport.TraceReach(trace.path("log").asText(), trace.path("position").asText(),
                trace.path("reached").asLong(), trace.path("length").asLong(), trace.path("matched").asLong(),
                trace.path("complete").asBoolean(), trace.hasNonNull("entry") ? trace.get("entry").asText() : null, origins);
    }

    /** The counterexample, the last step marked when the behaviour is a lasso. */
    List<CheckReport.Step> counterexample() {
        List<CheckReport.Step> out = new ArrayList<>(steps);
        if (loopBackTo != null && !out.isEmpty()) {
            CheckReport.Step last = out.remove(out.size() - 1);
            out.add(new CheckReport.Step(last.step(), last.action(), last.location(), last.state(), loopBackTo));
        }
        return out;
    }

    boolean hasInputError() {
        for (JsonNode e : errors) {
            String c = e.path("category").asText();
            if (c.equals("parse") || c.equals("sany") || c.equals("config") || c.equals("config-located") || c.equals("log")) {
                return true;
            }
        }
        return false;
    }

    boolean hasEvaluationError() {
        return errors.stream().anyMatch(e -> e.path("category").asText().equals("eval"));
    }

    /**
     * An evaluation failure: TLC's first message says what went wrong, the nested-expression
     * report (if any) says where.
     */
    CheckReport.ErrorInfo evaluationError(Path specDir) {
        JsonNode what = null;
        JsonNode where = null;
        for (JsonNode e : errors) {
            if (!e.path("category").asText().equals("eval")) {
                continue;
            }
            if (e.path("code").asInt() == 2103) {
                where = where == null ? e : where;
            } else if (what == null) {
                what = e;
            }
        }
        JsonNode loc = where != null ? where : what;
        String file = loc != null && loc.hasNonNull("module") ? specDir.resolve(loc.get("module").asText() + ".tla").toString() : null;
        String msg = SanyDiagnostics.oneLine((what != null ? what : loc).path("message").asText());
        return new CheckReport.ErrorInfo(file, loc == null ? 0 : loc.path("line").asInt(0),
                loc == null ? 0 : loc.path("column").asInt(0), msg);
    }

    /** The most precise error: one we located ourselves, else the first that is not generic. */
    CheckReport.ErrorInfo bestError(Path specDir, String fallback) {
        JsonNode best = null;
        for (JsonNode e : errors) {
            if (e.path("category").asText().equals("log")) {
                best = e; // an unreadable log explains everything TLC said after it
                break;
            }
        }
        for (JsonNode e : best == null ? errors : List.<JsonNode>of()) {
            String c = e.path("category").asText();
            if (c.equals("sany") || c.equals("config-located")) {
                best = e;
                break;
            }
        }
        if (best == null) {
            for (JsonNode e : errors) {
                int code = e.path("code").asInt();
                if (code != 3002 && code != 2171 && best == null) {
                    best = e;
                }
            }
        }
        if (best == null && !errors.isEmpty()) {
            best = errors.get(0);
        }
        if (best == null) {
            return new CheckReport.ErrorInfo(null, 0, 0, fallback);
        }
        String file = best.hasNonNull("file") ? best.get("file").asText() : null;
        if (file == null && best.hasNonNull("module")) {
            file = specDir.resolve(best.get("module").asText() + ".tla").toString();
        }
        String msg = SanyDiagnostics.oneLine(best.path("message").asText());
        return new CheckReport.ErrorInfo(file, best.path("line").asInt(0), best.path("column").asInt(0), msg);
    }
}
