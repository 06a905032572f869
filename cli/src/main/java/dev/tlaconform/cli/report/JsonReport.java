package dev.tlaconform.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/** {@code report.json}: the campaign, one object per protocol and one per trace (run). */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    public static ObjectNode toJson(CampaignResult c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("tool", "tlaconform conform");
        o.put("command", c.command());
        o.put("seed", c.seed());
        o.put("ok", c.ok());
        o.put("runsPerCell", c.runsEach());
        o.put("jobs", c.jobs());
        ArrayNode f = o.putArray("faults");
        c.faults().forEach(f::add);
        ArrayNode m = o.putArray("models");
        c.models().forEach(m::add);
        o.put("runs", c.runs().size());
        o.put("events", c.events());
        o.put("failures", c.failures());
        o.put("wallMillis", c.wallMillis());
        ArrayNode ps = o.putArray("protocols");
        for (ProtocolSummary s : c.summaries()) {
            ObjectNode p = ps.addObject();
            p.put("protocol", s.protocol());
            p.put("runs", s.runs());
            p.put("events", s.events());
            p.put("accepted", s.accepted());
            p.put("rejected", s.rejected());
            p.put("invariantViolations", s.invariantViolations());
            p.put("notLinearizable", s.notLinearizable());
            p.put("wallMillis", s.wallMillis());
            p.put("runsPerSecond", Math.round(s.runsPerSecond() * 10) / 10.0);
            p.put("eventsPerSecond", Math.round(s.eventsPerSecond()));
            ObjectNode cov = p.putObject("actionCoverage");
            s.coverage().forEach(cov::put);
            ArrayNode never = p.putArray("neverExercised");
            s.neverExercised().forEach(never::add);
        }
        ArrayNode runs = o.putArray("traces");
        for (RunResult r : c.runs()) {
            ObjectNode t = runs.addObject();
            t.put("protocol", r.protocol());
            t.put("faults", r.faults());
            t.put("model", r.model());
            t.put("run", r.run());
            t.put("seed", r.seed());
            t.put("simOutcome", r.simOutcome());
            t.put("invariantViolation", r.simFailure());
            t.put("events", r.events());
            t.put("verdict", r.verdict().label());
            if (r.linearizable() != null) {
                t.put("linearizable", r.linearizable());
                if (!r.linearizable()) {
                    t.put("linearizability", r.linearizability());
                }
            }
            t.put("validatedEvents", r.validatedEvents());
            t.put("simMillis", r.simMillis());
            t.put("validateMillis", r.validateMillis());
            ObjectNode ac = t.putObject("actionCounts");
            r.actionCounts().forEach(ac::put);
            if (!r.ok()) {
                ObjectNode fl = t.putObject("failure");
                fl.put("line", r.failureLine());
                fl.put("summary", r.failureSummary());
                fl.put("diagnosis", r.diagnosis());
                fl.set("variables", r.variables());
                fl.put("trace", r.traceFile());
                fl.put("replay", r.replay());
            }
        }
        return o;
    }

    public static void write(CampaignResult c, Path file) throws IOException {
        write(c, null, file);
    }

    /** With the protocol cores' code coverage ({@code coverage}; null: none). */
    public static void write(CampaignResult c, Coverage coverage, Path file) throws IOException {
        ObjectNode o = toJson(c);
        if (coverage != null) {
            o.set("coverage", coverage.toJson(JSON));
            if (coverage.spec() != null) {
                o.set("actionAlternatives", coverage.spec().toJson(JSON));
            }
        }
        JSON.writeValue(file.toFile(), o);
    }
}
