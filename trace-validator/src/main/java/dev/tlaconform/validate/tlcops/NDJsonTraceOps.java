package dev.tlaconform.validate.tlcops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Java definitions of the operators of module {@code NDJsonTrace} (TLC 2.18 has no Json module):
 * {@code Trace} reads the NDJSON trace named by the system property {@code tlaconform.trace} or
 * the environment variable {@code TLACONFORM_TRACE} with Jackson, and {@code TraceProgress(l)}
 * reports the furthest trace position TLC reached.
 */
public final class NDJsonTraceOps {
    /** The line TraceProgress prints each time TLC reaches a larger position. */
    public static final String PROGRESS = "tlaconform-trace-position: ";
    private static final AtomicInteger MAX = new AtomicInteger();

    private NDJsonTraceOps() {}

    /**
     * The event lines of the trace as a sequence of records (JSON objects → records, arrays →
     * sequences, integers → integers, strings → strings, booleans → booleans; nulls are left out).
     * Final and without parameters, so TLC evaluates it once.
     */
    @TLAPlusOperator(identifier = "Trace", module = "NDJsonTrace", warn = false)
    public static final Value trace() throws IOException {
        String f = System.getProperty("tlaconform.trace", System.getenv("TLACONFORM_TRACE"));
        if (f == null) {
            throw new IllegalStateException("NDJsonTrace: set -Dtlaconform.trace=FILE (or TLACONFORM_TRACE) to the NDJSON trace");
        }
        ObjectReader json = new ObjectMapper().reader();
        List<Value> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(Path.of(f), StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                JsonNode j = json.readTree(line);
                if ("event".equals(j.path("kind").asText())) events.add(toValue(j));
            }
        }
        return new TupleValue(events.toArray(new Value[0]));
    }

    /** TRUE; prints {@link #PROGRESS}{@code l} whenever l is the largest position seen so far. */
    @TLAPlusOperator(identifier = "TraceProgress", module = "NDJsonTrace", warn = false)
    public static Value traceProgress(Value l) {
        if (l instanceof IntValue) {
            int v = ((IntValue) l).val;
            int m;
            while ((m = MAX.get()) < v) {
                if (MAX.compareAndSet(m, v)) {
                    System.out.println(PROGRESS + v);
                    System.out.flush();
                    break;
                }
            }
        }
        return BoolValue.ValTrue;
    }

    /**
     * LoggedAs(j, v): the logged value j (a value of {@code Trace}) stands for the spec value v, by
     * the fast engine's own rule ({@code ValueCodec.matchesPartially}): a record may log some of
     * v's fields, each matching; an array is a set where v is a set; otherwise equal.
     */
    @TLAPlusOperator(identifier = "LoggedAs", module = "NDJsonTrace", warn = false)
    public static Value loggedAs(Value j, Value v) {
        return dev.tlaconform.validate.engine.Logged.as(j, v) ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    /** LoggedVal(j, v): the logged state value j equals v as the fast engine compares a state key ({@code Logged.equal}). */
    @TLAPlusOperator(identifier = "LoggedVal", module = "NDJsonTrace", warn = false)
    public static Value loggedVal(Value j, Value v) {
        return dev.tlaconform.validate.engine.Logged.equal(j, v) ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    /** LoggedIn(j, S): the elements of S a parameter bound from the logged j takes ({@code Logged.in}). */
    @TLAPlusOperator(identifier = "LoggedIn", module = "NDJsonTrace", warn = false)
    public static Value loggedIn(Value j, Value s) {
        return dev.tlaconform.validate.engine.Logged.in(j, s, null);
    }

    /** LoggedSplit(j, S): as LoggedIn; a value not of the kind of S's elements is an error ({@code Logged.split}). */
    @TLAPlusOperator(identifier = "LoggedSplit", module = "NDJsonTrace", warn = false)
    public static Value loggedSplit(Value j, Value s) {
        return dev.tlaconform.validate.engine.Logged.split(j, s);
    }

    /** LoggedInFrom(j, S, Src): as LoggedIn, drawing a partially logged value's candidates from Src. */
    @TLAPlusOperator(identifier = "LoggedInFrom", module = "NDJsonTrace", warn = false)
    public static Value loggedInFrom(Value j, Value s, Value src) {
        return dev.tlaconform.validate.engine.Logged.in(j, s, src);
    }

    /** MsgSent(j, S, S2): the logged message j is what the step from S to S2 sent, S2 a set or a bag ({@code Logged.sent}). */
    @TLAPlusOperator(identifier = "MsgSent", module = "NDJsonTrace", warn = false)
    public static Value msgSent(Value j, Value s, Value s2) {
        return dev.tlaconform.validate.engine.Logged.sent(j, s, s2) ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    /**
     * LoggedEq(j, v): TLC's equality of the logged value j and the spec value v, FALSE where TLC
     * would stop because they are values of different kinds (the fast engine's rule: another run,
     * not an error).
     */
    @TLAPlusOperator(identifier = "LoggedEq", module = "NDJsonTrace", warn = false)
    public static Value loggedEq(Value j, Value v) {
        try {
            return j.equals(v) ? BoolValue.ValTrue : BoolValue.ValFalse;
        } catch (RuntimeException e) {
            return BoolValue.ValFalse;
        }
    }

    static Value toValue(JsonNode j) {
        if (j.isIntegralNumber()) return IntValue.gen(j.intValue());
        if (j.isTextual()) return new StringValue(j.asText());
        if (j.isBoolean()) return j.booleanValue() ? BoolValue.ValTrue : BoolValue.ValFalse;
        if (j.isArray()) {
            Value[] vs = new Value[j.size()];
            for (int i = 0; i < vs.length; i++) vs[i] = toValue(j.get(i));
            return new TupleValue(vs);
        }
        if (j.isObject()) {
            List<UniqueString> names = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = j.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNull()) continue;
                names.add(UniqueString.uniqueStringOf(e.getKey()));
                vals.add(toValue(e.getValue()));
            }
            return new RecordValue(names.toArray(new UniqueString[0]), vals.toArray(new Value[0]), false);
        }
        return new StringValue(j.asText());
    }
}
