package dev.tlaconform.community;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.ValueInputStream;
import tlc2.value.ValueOutputStream;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/** Java definitions of module {@code IOUtils} (IOUtils.tla says what each operator means). */
public final class IOUtilsOps {
    private static final UniqueString EXIT_VALUE = UniqueString.uniqueStringOf("exitValue");
    private static final UniqueString STDOUT = UniqueString.uniqueStringOf("stdout");
    private static final UniqueString STDERR = UniqueString.uniqueStringOf("stderr");
    private static volatile Value env;

    private IOUtilsOps() {}

    @TLAPlusOperator(identifier = "IOEnv", module = "IOUtils", minLevel = 0, warn = false)
    public static Value ioEnv() {
        Value e = env;
        if (e == null) {
            Map<String, String> sorted = new TreeMap<>(System.getenv());
            UniqueString[] names = new UniqueString[sorted.size()];
            Value[] values = new Value[sorted.size()];
            int i = 0;
            for (Map.Entry<String, String> v : sorted.entrySet()) {
                names[i] = UniqueString.uniqueStringOf(v.getKey());
                values[i++] = new StringValue(v.getValue());
            }
            e = new RecordValue(names, values, false).normalize();
            env = e;
        }
        return e;
    }

    @TLAPlusOperator(identifier = "atoi", module = "IOUtils", minLevel = 0, warn = false)
    public static Value atoi(Value v) {
        if (v instanceof StringValue) {
            try {
                return IntValue.gen(Integer.parseInt(((StringValue) v).val.toString()));
            } catch (NumberFormatException e) {
                // below
            }
        }
        throw JsonValues.fail("atoi: not a decimal number: " + v);
    }

    @TLAPlusOperator(identifier = "zeroPadN", module = "IOUtils", minLevel = 0, warn = false)
    public static Value zeroPadN(Value n, Value width) {
        if (!(n instanceof IntValue) || !(width instanceof IntValue)) {
            throw JsonValues.fail("zeroPadN: integers expected, got " + n + " and " + width);
        }
        String s = Integer.toString(((IntValue) n).val);
        int w = ((IntValue) width).val;
        return new StringValue("0".repeat(Math.max(0, w - s.length())) + s);
    }

    @TLAPlusOperator(identifier = "IOExec", module = "IOUtils", minLevel = 1, warn = false)
    public static Value ioExec(Value command) {
        return run(null, strings(command, "IOExec"));
    }

    @TLAPlusOperator(identifier = "IOEnvExec", module = "IOUtils", minLevel = 1, warn = false)
    public static Value ioEnvExec(Value env, Value command) {
        return run(envOf(env, "IOEnvExec"), strings(command, "IOEnvExec"));
    }

    @TLAPlusOperator(identifier = "IOExecTemplate", module = "IOUtils", minLevel = 1, warn = false)
    public static Value ioExecTemplate(Value template, Value params) {
        return run(null, format(template, params, "IOExecTemplate"));
    }

    @TLAPlusOperator(identifier = "IOEnvExecTemplate", module = "IOUtils", minLevel = 1, warn = false)
    public static Value ioEnvExecTemplate(Value env, Value template, Value params) {
        return run(envOf(env, "IOEnvExecTemplate"), format(template, params, "IOEnvExecTemplate"));
    }

    @TLAPlusOperator(identifier = "Serialize", module = "IOUtils", minLevel = 0, warn = false)
    public static synchronized Value serialize(Value value, Value dest, Value options) {
        String file = JsonOps.fileName(dest, "Serialize");
        String format = option(options, "format", null);
        switch (format == null ? "" : format) {
            case "TXT": {
                if (!(value instanceof StringValue)) {
                    return result(1, "", "Serialize: format TXT writes a string, not " + value.getKindString());
                }
                try {
                    Charset cs = Charset.forName(option(options, "charset", "UTF-8"));
                    Files.writeString(Path.of(file), ((StringValue) value).val.toString(), cs, openOptions(options));
                    return result(0, "", "");
                } catch (IOException | RuntimeException e) {
                    return result(1, "", "Serialize: " + file + ": " + e);
                }
            }
            case "NDJSON":
                JsonOps.ndJsonSerialize(dest, value);
                return result(0, "", "");
            case "JSON":
                JsonOps.jsonSerialize(dest, value);
                return result(0, "", "");
            default:
                throw JsonValues.fail("Serialize: options.format must be \"TXT\", \"NDJSON\" or \"JSON\", not " + format);
        }
    }

    @TLAPlusOperator(identifier = "Deserialize", module = "IOUtils", minLevel = 0, warn = false)
    public static Value deserialize(Value src, Value options) {
        String file = JsonOps.fileName(src, "Deserialize");
        String format = option(options, "format", null);
        switch (format == null ? "" : format) {
            case "TXT":
                try {
                    Charset cs = Charset.forName(option(options, "charset", "UTF-8"));
                    return result(0, Files.readString(Path.of(file), cs), "");
                } catch (IOException | RuntimeException e) {
                    return result(1, "", "Deserialize: " + file + ": " + e);
                }
            case "NDJSON":
                return JsonOps.ndJsonDeserialize(src);
            case "JSON":
                return JsonOps.jsonDeserialize(src);
            default:
                throw JsonValues.fail("Deserialize: options.format must be \"TXT\", \"NDJSON\" or \"JSON\", not " + format);
        }
    }

    @TLAPlusOperator(identifier = "IOSerialize", module = "IOUtils", warn = false)
    public static synchronized Value ioSerialize(Value value, Value file, Value compress) {
        String name = JsonOps.fileName(file, "IOSerialize");
        try {
            ValueOutputStream out = new ValueOutputStream(new File(name), compress == BoolValue.ValTrue);
            try {
                value.write(out);
            } finally {
                out.close();
            }
        } catch (IOException e) {
            throw JsonValues.fail("IOSerialize: " + name + ": " + e);
        }
        return BoolValue.ValTrue;
    }

    @TLAPlusOperator(identifier = "IODeserialize", module = "IOUtils", warn = false)
    public static Value ioDeserialize(Value file, Value compressed) {
        String name = JsonOps.fileName(file, "IODeserialize");
        try {
            ValueInputStream in = new ValueInputStream(new File(name), compressed == BoolValue.ValTrue);
            try {
                return (Value) in.read(UniqueString.internTbl.toMap());
            } finally {
                in.close();
            }
        } catch (IOException e) {
            throw JsonValues.fail("IODeserialize: " + name + ": " + e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Value result(int exit, String out, String err) {
        return new RecordValue(new UniqueString[] {EXIT_VALUE, STDOUT, STDERR},
                new Value[] {IntValue.gen(exit), new StringValue(out), new StringValue(err)}, false);
    }

    private static Value run(Map<String, String> extraEnv, List<String> command) {
        if (command.isEmpty()) {
            throw JsonValues.fail("IOExec: the command is empty");
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        if (extraEnv != null) {
            pb.environment().putAll(extraEnv);
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
            String out = drain(p.getInputStream());
            int code = p.waitFor();
            return result(code, out, err.join());
        } catch (IOException e) {
            throw JsonValues.fail("IOExec: cannot run " + command + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JsonValues.fail("IOExec: interrupted while " + command + " ran");
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Value seq, String op) {
        Value t = seq.toTuple();
        if (!(t instanceof TupleValue)) {
            throw JsonValues.fail(op + ": a sequence of strings is needed, not " + seq);
        }
        List<String> out = new ArrayList<>();
        for (Value v : ((TupleValue) t).elems) {
            if (!(v instanceof StringValue)) {
                throw JsonValues.fail(op + ": every part of the command must be a string, not " + v);
            }
            out.add(((StringValue) v).val.toString());
        }
        return out;
    }

    private static List<String> format(Value template, Value params, String op) {
        List<String> parts = strings(template, op);
        Object[] args = strings(params, op).toArray();
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            out.add(String.format(part, args));
        }
        return out;
    }

    private static Map<String, String> envOf(Value env, String op) {
        Value r = env.toRcd();
        if (!(r instanceof RecordValue)) {
            throw JsonValues.fail(op + ": the environment must be a record, not " + env);
        }
        RecordValue rv = (RecordValue) r;
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < rv.names.length; i++) {
            Value v = rv.values[i];
            out.put(rv.names[i].toString(), v instanceof StringValue ? ((StringValue) v).val.toString() : v.toString());
        }
        return out;
    }

    private static String option(Value options, String name, String dflt) {
        Value r = options.toRcd();
        if (r instanceof RecordValue) {
            RecordValue rv = (RecordValue) r;
            for (int i = 0; i < rv.names.length; i++) {
                if (rv.names[i].toString().equals(name)) {
                    Value v = rv.values[i];
                    return v instanceof StringValue ? ((StringValue) v).val.toString() : v.toString();
                }
            }
        }
        return dflt;
    }

    private static StandardOpenOption[] openOptions(Value options) {
        Value r = options.toRcd();
        if (r instanceof RecordValue) {
            RecordValue rv = (RecordValue) r;
            for (int i = 0; i < rv.names.length; i++) {
                if (rv.names[i].toString().equals("openOptions")) {
                    List<String> names = strings(rv.values[i], "Serialize");
                    StandardOpenOption[] out = new StandardOpenOption[names.size()];
                    for (int k = 0; k < out.length; k++) {
                        out[k] = StandardOpenOption.valueOf(names.get(k));
                    }
                    return out;
                }
            }
        }
        return new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE};
    }
}
