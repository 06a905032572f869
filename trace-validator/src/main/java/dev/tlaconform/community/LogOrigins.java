package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import tlc2.value.impl.Value;

/**
 * Which file and line each value read by {@code ndJsonDeserialize} or {@code JsonDeserialize}
 * came from, so a diagnosis can name the log line of a trace position even after the spec has
 * filtered, sliced or reordered the log ({@code SelectSeq}, {@code SubSeq}, {@code CausalOrder}
 * keep the record objects): by identity first, else by equality among the lines read.
 */
public final class LogOrigins {
    /** A line of a file. */
    public record Origin(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    private static final Map<Value, Origin> BY_IDENTITY = new IdentityHashMap<>();
    private static volatile String readError;
    private static volatile Origin readErrorAt;
    private static final List<Value> VALUES = new ArrayList<>();
    private static final List<Origin> ORIGINS = new ArrayList<>();

    private LogOrigins() {}

    static synchronized void remember(Value v, String file, int line) {
        Origin o = new Origin(file, line);
        if (!BY_IDENTITY.containsKey(v)) {
            BY_IDENTITY.put(v, o);
        }
        VALUES.add(v);
        ORIGINS.add(o);
    }

    /** Remembers why a log could not be read (the first such error): a diagnosis names it. */
    static void readFailed(String file, int line, String message) {
        if (readError == null) {
            readErrorAt = new Origin(file, line);
            readError = message;
        }
    }

    /** The first log read failure's message ("file:line: reason"), or null. */
    public static String readError() {
        return readError;
    }

    /** Where the first log read failure is (line 0: the file as a whole), or null. */
    public static Origin readErrorAt() {
        return readErrorAt;
    }

    /** Whether any value was read from a JSON file in this JVM. */
    public static synchronized boolean any() {
        return !VALUES.isEmpty();
    }

    /**
     * Where v was read: the line that produced this very object, else every line whose value
     * equals v (several if the log repeats a line; empty if v was not read from a file).
     */
    public static synchronized List<Origin> of(Value v) {
        Origin o = BY_IDENTITY.get(v);
        if (o != null) {
            return List.of(o);
        }
        List<Origin> out = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            try {
                if (VALUES.get(i).equals(v)) {
                    out.add(ORIGINS.get(i));
                }
            } catch (RuntimeException incomparable) {
                // TLC refuses to compare values of different kinds: not this one
            }
        }
        return out;
    }

    /** Whether v (by identity) was read from a file. */
    public static synchronized boolean isLogValue(Value v) {
        return BY_IDENTITY.containsKey(v);
    }
}
