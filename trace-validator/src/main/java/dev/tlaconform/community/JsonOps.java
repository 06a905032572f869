package dev.tlaconform.community;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/** Java definitions of module {@code Json} (Json.tla says what each operator means). */
public final class JsonOps {
    /** A file read once per (size, modification time): TLC may evaluate the read again and again. */
    private record Stamp(long size, long modified) {}

    private record Cached(Stamp stamp, Value value) {}

    private static final Map<String, Cached> READ = new ConcurrentHashMap<>();

    private JsonOps() {}

    @TLAPlusOperator(identifier = "ToJson", module = "Json", warn = false)
    public static Value toJson(Value v) {
        return new StringValue(JsonValues.toJson(v));
    }

    @TLAPlusOperator(identifier = "ToJsonArray", module = "Json", warn = false)
    public static Value toJsonArray(Value v) {
        return new StringValue(JsonValues.toJsonArray(v));
    }

    @TLAPlusOperator(identifier = "ToJsonObject", module = "Json", warn = false)
    public static Value toJsonObject(Value v) {
        return new StringValue(JsonValues.toJsonObject(v));
    }

    @TLAPlusOperator(identifier = "ndJsonDeserialize", module = "Json", warn = false)
    public static Value ndJsonDeserialize(Value file) {
        String name = fileName(file, "ndJsonDeserialize");
        return cached(name, () -> JsonValues.readLines(name));
    }

    @TLAPlusOperator(identifier = "JsonDeserialize", module = "Json", warn = false)
    public static Value jsonDeserialize(Value file) {
        String name = fileName(file, "JsonDeserialize");
        return cached(name, () -> JsonValues.readFile(name));
    }

    @TLAPlusOperator(identifier = "ndJsonSerialize", module = "Json", warn = false)
    public static synchronized Value ndJsonSerialize(Value file, Value value) {
        String name = fileName(file, "ndJsonSerialize");
        Value seq = value.toTuple();
        if (!(seq instanceof TupleValue)) {
            throw JsonValues.fail("ndJsonSerialize: the second argument must be a sequence, not " + value.getKindString());
        }
        write(name, out -> {
            for (Value e : ((TupleValue) seq).elems) {
                out.write(JsonValues.toJson(e));
                out.write('\n');
            }
        });
        return BoolValue.ValTrue;
    }

    @TLAPlusOperator(identifier = "JsonSerialize", module = "Json", warn = false)
    public static synchronized Value jsonSerialize(Value file, Value value) {
        String name = fileName(file, "JsonSerialize");
        String text = JsonValues.toJson(value);
        write(name, out -> out.write(text));
        return BoolValue.ValTrue;
    }

    interface Writing {
        void to(BufferedWriter out) throws IOException;
    }

    static void write(String name, Writing w) {
        Path p = Path.of(name);
        try {
            if (p.toAbsolutePath().getParent() != null) {
                Files.createDirectories(p.toAbsolutePath().getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
                w.to(out);
            }
        } catch (IOException e) {
            throw JsonValues.fail(name + ": cannot write: " + e);
        }
        READ.remove(p.toAbsolutePath().normalize().toString());
    }

    private static Value cached(String name, java.util.function.Supplier<Value> read) {
        Path p = Path.of(name).toAbsolutePath().normalize();
        Stamp stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            stamp = new Stamp(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException missing) {
            return read.get(); // reports the missing file
        }
        Cached c = READ.get(p.toString());
        if (c != null && c.stamp().equals(stamp)) {
            return c.value();
        }
        Value v = read.get();
        READ.put(p.toString(), new Cached(stamp, v));
        return v;
    }

    static String fileName(Value v, String op) {
        if (!(v instanceof StringValue)) {
            throw JsonValues.fail(op + ": the file name must be a string, not " + v);
        }
        return ((StringValue) v).val.toString();
    }
}
