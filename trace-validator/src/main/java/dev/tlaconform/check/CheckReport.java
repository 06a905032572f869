package dev.tlaconform.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The result of one model check, written by {@code --report} as JSON. Other tools read it: keep
 * the keys. Verdicts: {@code holds}, {@code violation}, {@code bad-input}, {@code error}.
 */
@JsonPropertyOrder({"tool", "command", "spec", "model", "tlcVersion", "constants", "workers", "verdict",
    "violation", "statesGenerated", "distinctStates", "depth", "wallTimeSeconds", "distinctStatesPerSecond",
    "counterexample", "error", "modules", "trace", "notes"})
public record CheckReport(String tool, String command, String spec, String model, String tlcVersion,
        Map<String, JsonNode> constants, int workers, String verdict, Violation violation,
        long statesGenerated, long distinctStates, long depth, double wallTimeSeconds,
        double distinctStatesPerSecond, List<Step> counterexample, ErrorInfo error,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModuleUse> modules,
        @JsonInclude(JsonInclude.Include.NON_NULL) TraceReach trace,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    public CheckReport {
        modules = modules == null ? List.of() : modules; // left out of the JSON when empty
        notes = notes == null ? List.of() : notes;
    }

    /** A report without community modules, trace position or notes (a plain model). */
    public CheckReport(String tool, String command, String spec, String model, String tlcVersion,
            Map<String, JsonNode> constants, int workers, String verdict, Violation violation,
            long statesGenerated, long distinctStates, long depth, double wallTimeSeconds,
            double distinctStatesPerSecond, List<Step> counterexample, ErrorInfo error) {
        this(tool, command, spec, model, tlcVersion, constants, workers, verdict, violation, statesGenerated,
                distinctStates, depth, wallTimeSeconds, distinctStatesPerSecond, counterexample, error, List.of(), null,
                List.of());
    }

    public static final String HOLDS = "holds";
    public static final String VIOLATION = "violation";
    public static final String BAD_INPUT = "bad-input";
    public static final String ERROR = "error";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** What was violated: kind is invariant, property, deadlock, assertion or evaluation. */
    @JsonPropertyOrder({"kind", "name", "message"})
    public record Violation(String kind, String name, String message) {}

    /**
     * One state of the counterexample and the action that led to it. {@code loopsBackTo} is set on
     * the last step of a liveness lasso: the behaviour continues from that step forever.
     */
    @JsonPropertyOrder({"step", "action", "location", "state", "loopsBackTo"})
    public record Step(int step, String action, String location, Map<String, JsonNode> state,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer loopsBackTo) {}

    /**
     * A community module the spec used: {@code origin} "tlaconform" (the module tlaconform ships)
     * or "spec" (the spec's own copy, at {@code file}); {@code java}: its operators TLC evaluated
     * in Java (tlaconform's overrides apply to a module of that name, the spec's own copy too).
     */
    @JsonPropertyOrder({"name", "origin", "file", "java"})
    public record ModuleUse(String name, String origin, String file, List<String> java) {}

    /**
     * How far a trace spec's behaviours got along its log: the position reached (the largest value
     * of its position variable, or the largest TLCGet("level")), the log's length, how many of its
     * entries were matched, and, if not all, the first unmatched entry and the lines of the files it
     * was read from.
     */
    @JsonPropertyOrder({"log", "position", "reached", "length", "matched", "complete", "entry", "origins"})
    public record TraceReach(String log, String position, long reached, long length, long matched, boolean complete,
            @JsonInclude(JsonInclude.Include.NON_NULL) String entry,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LogLine> origins) {}

    /** A line of a log file. */
    @JsonPropertyOrder({"file", "line"})
    public record LogLine(String file, int line) {}

    /** Where the input is broken (file may be the spec, a module it extends, or the cfg). */
    @JsonPropertyOrder({"file", "line", "column", "message"})
    public record ErrorInfo(String file, int line, int column, String message) {
        /** "file:line:col: message", the one line users see. */
        public String oneLine() {
            StringBuilder b = new StringBuilder();
            if (file != null) {
                b.append(file);
                if (line > 0) {
                    b.append(':').append(line);
                    if (column > 0) {
                        b.append(':').append(column);
                    }
                }
                b.append(": ");
            }
            return b.append(message).toString();
        }
    }

    public boolean holds() {
        return HOLDS.equals(verdict);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + "\n");
    }

    public static CheckReport read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), CheckReport.class);
    }
}
