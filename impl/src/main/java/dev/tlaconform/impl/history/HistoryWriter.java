package dev.tlaconform.impl.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a client history, one NDJSON line per event, as Jepsen and Porcupine histories are kept:
 * {@code {"process":p,"type":"invoke"|"ok"|"fail"|"info","f":"write"|"read"|"cas","key":k,"value":v,"time":t}}.
 * Protocol-neutral: the simulator's clients and a cluster's clients write the same format, which
 * {@code tlaconform linearizable} reads (docs/linearizable.md).
 *
 * <p>Conventions (Jepsen's): a process has at most one operation open; {@code invoke} opens it and
 * the next {@code ok}, {@code fail} or {@code info} of that process closes it. {@code value} of a
 * write is the value written; of a read, null at {@code invoke} and the value read at {@code ok}
 * (null: the key was never written); of a cas, {@code [expected, new]}. {@code fail}: the operation
 * certainly did not take effect (a cas whose comparison failed); {@code info}: it may or may not
 * have (a timeout). {@code time} is any non-decreasing number (simulator ticks, nanoseconds); the
 * order of the lines is what counts.
 */
public final class HistoryWriter implements Closeable {
    public static final String INVOKE = "invoke";
    public static final String OK = "ok";
    public static final String FAIL = "fail";
    public static final String INFO = "info";

    private final JsonGenerator gen;
    private long lines;

    public HistoryWriter(OutputStream out) {
        try {
            gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
            gen.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event; {@code value} is null, a Long, a String, or a {@code long[]}/{@code Object[]} pair for cas. */
    public void event(long process, String type, String f, String key, Object value, long time) {
        try {
            gen.writeStartObject();
            gen.writeNumberField("process", process);
            gen.writeStringField("type", type);
            gen.writeStringField("f", f);
            gen.writeStringField("key", key);
            gen.writeFieldName("value");
            writeValue(value);
            gen.writeNumberField("time", time);
            gen.writeEndObject();
            gen.writeRaw('\n');
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeValue(Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof Integer i) {
            gen.writeNumber(i);
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Object[] pair) {
            gen.writeStartArray();
            for (Object o : pair) {
                writeValue(o);
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException("history value " + v);
        }
    }

    /** Lines written so far. */
    public long lines() {
        return lines;
    }

    @Override
    public void close() {
        try {
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
