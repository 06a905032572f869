package dev.tlaconform.community;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import tlc2.output.EC;
import tlc2.tool.EvalException;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.Enumerable;
import tlc2.value.impl.FcnLambdaValue;
import tlc2.value.impl.FcnRcdValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.ModelValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import tlc2.value.impl.ValueEnumeration;
import util.UniqueString;

/**
 * JSON to TLC values and back, as module {@code Json} defines them (see Json.tla): reading turns
 * objects into records, arrays into sequences, strings, integers and booleans into themselves;
 * writing follows Json.tla's {@code ToJson} exactly (the override is tested equal to it).
 * Every value read from a file is remembered with its file and line ({@link LogOrigins}).
 */
public final class JsonValues {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonValues() {}

    /** The values of the non-blank lines of an NDJSON file, each remembered with its line. */
    public static TupleValue readLines(String name) {
        Path file = Path.of(name);
        List<Value> values = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Value v = readOne(line, name, lineNo);
                LogOrigins.remember(v, name, lineNo);
                values.add(v);
            }
        } catch (NoSuchFileException e) {
            throw readFail(name, 0, name + ": no such file (a relative name is taken from " + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw readFail(name, 0, name + ": cannot read: " + e.getMessage());
        }
        return new TupleValue(values.toArray(new Value[0]));
    }

    /** The value of a (plain) JSON file; the elements of a top-level array remember their lines. */
    public static Value readFile(String name) {
        String text;
        try {
            text = Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw readFail(name, 0, name + ": no such file (a relative name is taken from " + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw readFail(name, 0, name + ": cannot read: " + e.getMessage());
        }
        return readOne(text, name, 1);
    }

    /**
     * One line of a log (its JSON text) as ndJsonDeserialize gives it to a trace spec: what the fast
     * engine binds to a mapping's {@code E}.
     */
    public static Value fromTree(String json, String file, long line) {
        return readOne(json, file, (int) Math.min(Integer.MAX_VALUE, line));
    }

    /**
     * As {@link #fromTree(String, String, long)}, from the line's parsed tree without printing and
     * re-reading it: objects, arrays, strings, booleans and 32-bit integers are converted directly;
     * a tree with anything else (a null, a number that is not a 32-bit integer: the cases the text
     * reader notes or refuses) is read from its text, so the value and the notes are the same.
     */
    public static Value fromTree(com.fasterxml.jackson.databind.JsonNode tree, String file, long line) {
        Value v = direct(tree);
        return v != null ? v : fromTree(tree.toString(), file, line);
    }

    /** The value of a tree of objects, arrays, strings, booleans and ints; null if it has anything else. */
    private static Value direct(com.fasterxml.jackson.databind.JsonNode n) {
        if (n.isObject()) {
            UniqueString[] names = new UniqueString[n.size()];
            Value[] values = new Value[n.size()];
            int i = 0;
            for (java.util.Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = it.next();
                Value v = direct(f.getValue());
                if (v == null) return null;
                names[i] = UniqueString.uniqueStringOf(f.getKey());
                values[i++] = v;
            }
            return new RecordValue(names, values, false);
        }
        if (n.isArray()) {
            Value[] elems = new Value[n.size()];
            for (int i = 0; i < elems.length; i++) {
                elems[i] = direct(n.get(i));
                if (elems[i] == null) return null;
            }
            return new TupleValue(elems);
        }
        if (n.isTextual()) return new StringValue(n.textValue());
        if (n.isBoolean()) return n.booleanValue() ? BoolValue.ValTrue : BoolValue.ValFalse;
        if (n.isInt()) return IntValue.gen(n.intValue());
        return null;
    }

    /** One JSON value; {@code firstLine} is the line of the text's first character in its file. */
    static Value readOne(String text, String file, int firstLine) {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() == null) {
                throw readFail(file, firstLine, file + ":" + firstLine + ": no JSON value");
            }
            Value v = read(p, file, firstLine, true);
            if (p.nextToken() != null) {
                int line = firstLine + p.currentLocation().getLineNr() - 1;
                throw readFail(file, line, file + ":" + line + ": more than one JSON value (NDJSON wants one per line)");
            }
            return v;
        } catch (JsonParseException e) {
            int line = e.getLocation() == null ? firstLine : firstLine + e.getLocation().getLineNr() - 1;
            throw readFail(file, line, file + ":" + line + ": not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Value read(JsonParser p, String file, int firstLine, boolean top) throws IOException {
        JsonToken t = p.currentToken();
        int line = firstLine + p.currentLocation().getLineNr() - 1;
        switch (t) {
            case START_OBJECT: {
                Map<String, Value> fields = new LinkedHashMap<>();
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String key = p.currentName();
                    if (p.nextToken() == JsonToken.VALUE_NULL) {
                        Notes.noteOnce("null:" + file, file + ":" + line + ": \"" + key
                                + "\": null; a null member is left out of its record (also on later lines)");
                        continue;
                    }
                    fields.remove(key); // a repeated key: the last one counts, as for JSON parsers generally
                    fields.put(key, read(p, file, firstLine, false));
                }
                UniqueString[] names = new UniqueString[fields.size()];
                Value[] values = new Value[fields.size()];
                int i = 0;
                for (Map.Entry<String, Value> f : fields.entrySet()) {
                    names[i] = UniqueString.uniqueStringOf(f.getKey());
                    values[i++] = f.getValue();
                }
                return new RecordValue(names, values, false);
            }
            case START_ARRAY: {
                List<Value> elems = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int elemLine = firstLine + p.currentLocation().getLineNr() - 1;
                    Value e = read(p, file, firstLine, false);
                    if (top) {
                        LogOrigins.remember(e, file, elemLine);
                    }
                    elems.add(e);
                }
                return new TupleValue(elems.toArray(new Value[0]));
            }
            case VALUE_STRING:
                return new StringValue(p.getText());
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.INT) {
                    return IntValue.gen(p.getIntValue());
                }
                return wrapped(p.getDecimalValue(), p.getText(), file, line);
            case VALUE_NUMBER_FLOAT:
                return wrapped(p.getDecimalValue(), p.getText(), file, line);
            case VALUE_TRUE:
                return BoolValue.ValTrue;
            case VALUE_FALSE:
                return BoolValue.ValFalse;
            case VALUE_NULL:
                throw readFail(file, line, file + ":" + line
                        + ": null is not a TLA+ value (only a null member of an object is allowed: it is left out)");
            default:
                throw readFail(file, line, file + ":" + line + ": unexpected JSON token " + t);
        }
    }

    /** A number TLC's 32-bit integers cannot hold exactly: its integer part, wrapped, as the community module reads it. */
    private static Value wrapped(BigDecimal d, String text, String file, int line) {
        int v = d.intValue();
        Notes.noteOnce("number:" + file, file + ":" + line + ": " + text + " is not a 32-bit integer; read as " + v
                + " (its integer part, wrapped to 32 bits, as the community Json module reads it; also on later lines)");
        return IntValue.gen(v);
    }

    // ------------------------------------------------------------------ writing

    /** Json.tla's ToJson(v). */
    public static String toJson(Value v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Json.tla's ToJsonArray(v): a set's elements, or a function's values in the order of its arguments. */
    public static String toJsonArray(Value v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            Value f = asFunction(v);
            if (f == null) {
                writeSet(g, v, "ToJsonArray");
            } else {
                g.writeStartArray();
                for (Value x : fcnValues(f)) {
                    write(g, x);
                }
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Json.tla's ToJsonObject(v): a function (also a sequence) keyed by its arguments. */
    public static String toJsonObject(Value v) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            Value f = asFunction(v);
            if (f == null) {
                throw fail("ToJsonObject: a function or record is needed, not " + v.getKindString());
            }
            writeObject(g, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Value v) throws IOException {
        if (v instanceof BoolValue) {
            g.writeBoolean(((BoolValue) v).val);
        } else if (v instanceof StringValue) {
            g.writeString(((StringValue) v).val.toString());
        } else if (v instanceof IntValue) {
            g.writeNumber(((IntValue) v).val);
        } else if (v instanceof ModelValue) {
            g.writeString(((ModelValue) v).val.toString());
        } else if (v instanceof TupleValue) {
            g.writeStartArray();
            for (Value e : ((TupleValue) v).elems) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof RecordValue) {
            writeObject(g, v);
        } else if (v instanceof FcnRcdValue || v instanceof FcnLambdaValue) {
            FcnRcdValue f = (FcnRcdValue) v.toFcnRcd();
            if (f.values.length == 0 || f.toTuple() != null && !(f.getDomainAsValues()[0] instanceof StringValue)) {
                g.writeStartArray(); // TLC prints it as << ... >>: a sequence
                for (Value e : ((TupleValue) f.toTuple()).elems) {
                    write(g, e);
                }
                g.writeEndArray();
            } else {
                writeObject(g, f);
            }
        } else if (v instanceof Enumerable) {
            writeSet(g, v, "ToJson");
        } else {
            throw fail("ToJson: cannot write a " + v.getKindString() + " as JSON: " + v);
        }
    }

    private static void writeSet(JsonGenerator g, Value v, String op) throws IOException {
        if (!(v instanceof Enumerable) || !v.isFinite()) {
            throw fail(op + ": cannot write a " + v.getKindString() + " as a JSON array");
        }
        Value s = v.toSetEnum();
        s.normalize();
        g.writeStartArray();
        ValueEnumeration en = ((Enumerable) s).elements();
        for (Value e; (e = en.nextElement()) != null; ) {
            write(g, e);
        }
        g.writeEndArray();
    }

    private static void writeObject(JsonGenerator g, Value v) throws IOException {
        g.writeStartObject();
        Value[] dom = fcnDomain(v);
        Value[] vals = fcnValues(v);
        for (int i = 0; i < dom.length; i++) {
            Value d = dom[i];
            g.writeFieldName(d instanceof StringValue ? ((StringValue) d).val.toString() : d.toString());
            write(g, vals[i]);
        }
        g.writeEndObject();
    }

    /** v as a function value (records, tuples, functions), or null if it is none. */
    private static Value asFunction(Value v) {
        if (v instanceof RecordValue || v instanceof TupleValue || v instanceof FcnRcdValue) {
            return v;
        }
        if (v instanceof FcnLambdaValue) {
            return v.toFcnRcd();
        }
        return null;
    }

    /** The arguments of a function value in TLC's order. */
    private static Value[] fcnDomain(Value f) {
        if (f instanceof RecordValue) {
            RecordValue r = (RecordValue) f.normalize();
            Value[] d = new Value[r.names.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = new StringValue(r.names[i]);
            }
            return d;
        }
        if (f instanceof TupleValue) {
            Value[] d = new Value[((TupleValue) f).elems.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = IntValue.gen(i + 1);
            }
            return d;
        }
        FcnRcdValue r = (FcnRcdValue) f.toFcnRcd();
        r.normalize();
        return r.getDomainAsValues();
    }

    /** The values of a function value, in the order of {@link #fcnDomain}. */
    private static Value[] fcnValues(Value f) {
        if (f instanceof RecordValue) {
            return ((RecordValue) f.normalize()).values;
        }
        if (f instanceof TupleValue) {
            return ((TupleValue) f).elems;
        }
        FcnRcdValue r = (FcnRcdValue) f.toFcnRcd();
        r.normalize();
        return r.values;
    }

    /** A log that cannot be read: remembered for the diagnosis ({@link LogOrigins#readError}). */
    static EvalException readFail(String file, int line, String message) {
        LogOrigins.readFailed(file, line, message);
        return fail(message);
    }

    static EvalException fail(String message) {
        return new EvalException(EC.GENERAL, message);
    }
}
