package dev.tlaconform.cli.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client history read from NDJSON (the format of {@code dev.tlaconform.impl.history.HistoryWriter},
 * Jepsen's and Porcupine's): invoke/ok/fail/info events paired per process into operations on
 * registers (one per key). Jepsen's conventions: a {@code fail} operation did not take effect and
 * is dropped; an {@code info} operation, and one still open at the end, may or may not have taken
 * effect: it stays open to the end of the history with its result unknown (an unknown read
 * constrains nothing and is dropped). Values are compared as JSON text ({@code 5}, {@code "a"},
 * {@code null}); a cas's value is {@code [expected, new]}.
 */
public final class History {
    /** One operation: [call, ret] are positions in the file's event order; ret = MAX_VALUE when open to the end. */
    public static final class Op {
        public final long process;
        public final String f;
        public final String key;
        /** write: the value; cas: the expected value; read: the value read (null text "null" if none). */
        public final String a;
        /** cas: the new value. */
        public final String b;
        public final int call;
        public final int callLine;
        int ret = Integer.MAX_VALUE;
        int retLine;
        String type = "info";

        Op(long process, String f, String key, String a, String b, int call, int callLine) {
            this.process = process;
            this.f = f;
            this.key = key;
            this.a = a;
            this.b = b;
            this.call = call;
            this.callLine = callLine;
        }

        public int ret() {
            return ret;
        }

        public boolean open() {
            return ret == Integer.MAX_VALUE;
        }

        public String type() {
            return type;
        }

        /** e.g. {@code process 3: cas("x", 1 -> 4) ok, lines 12-17}. */
        public String describe(Path file) {
            String what = switch (f) {
                case "write" -> "write(" + key + ", " + a + ")";
                case "read" -> "read(" + key + ") -> " + a;
                default -> "cas(" + key + ", " + a + " -> " + b + ")";
            };
            return "process " + process + ": " + what + " " + type + ", " + file.getFileName() + ":" + callLine
                    + (open() ? " (open to the end)" : "-" + retLine);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final Path file;
    /** The operations that may have taken effect (fail and unknown reads dropped), in call order. */
    public final List<Op> ops;
    public final int events;
    public final int failed;

    private History(Path file, List<Op> ops, int events, int failed) {
        this.file = file;
        this.ops = ops;
        this.events = events;
        this.failed = failed;
    }

    /** Reads {@code file}; a line that is not a well-formed event throws naming file:line. */
    public static History read(Path file) throws BadHistoryException, IOException {
        List<Op> ops = new ArrayList<>();
        Map<Long, Op> open = new HashMap<>();
        Map<Long, JsonNode> openValue = new HashMap<>();
        int pos = 0;
        int lineNo = 0;
        int failed = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e;
                try {
                    e = JSON.readTree(line);
                } catch (JsonProcessingException ex) {
                    throw new BadHistoryException(file, lineNo, "not JSON: " + ex.getOriginalMessage());
                }
                if (e == null || !e.isObject()) {
                    throw new BadHistoryException(file, lineNo, "not a JSON object");
                }
                JsonNode p = e.get("process");
                if (p == null || !p.canConvertToLong() || !p.isIntegralNumber()) {
                    throw new BadHistoryException(file, lineNo, "\"process\" must be an integer");
                }
                long process = p.asLong();
                String type = text(e, "type", file, lineNo);
                String f = text(e, "f", file, lineNo);
                if (!f.equals("write") && !f.equals("read") && !f.equals("cas")) {
                    throw new BadHistoryException(file, lineNo, "\"f\" is \"" + f + "\", not write, read or cas");
                }
                JsonNode k = e.get("key");
                if (k == null || !(k.isTextual() || k.isIntegralNumber())) {
                    throw new BadHistoryException(file, lineNo, "\"key\" must be a string or an integer");
                }
                String key = k.asText();
                JsonNode t = e.get("time");
                if (t != null && !t.isNumber()) {
                    throw new BadHistoryException(file, lineNo, "\"time\" must be a number");
                }
                JsonNode v = e.get("value");
                if (v == null) {
                    v = com.fasterxml.jackson.databind.node.NullNode.instance;
                }
                switch (type) {
                    case "invoke" -> {
                        if (open.containsKey(process)) {
                            throw new BadHistoryException(file, lineNo, "process " + process
                                    + " invokes while its operation of line " + open.get(process).callLine + " is open");
                        }
                        String a = null;
                        String b = null;
                        if (f.equals("write")) {
                            a = scalar(v, file, lineNo, "a write's value");
                        } else if (f.equals("cas")) {
                            if (!v.isArray() || v.size() != 2) {
                                throw new BadHistoryException(file, lineNo, "a cas's value must be [expected, new]");
                            }
                            a = scalar(v.get(0), file, lineNo, "a cas's expected value");
                            b = scalar(v.get(1), file, lineNo, "a cas's new value");
                        }
                        Op op = new Op(process, f, key, a, b, pos++, lineNo);
                        open.put(process, op);
                        openValue.put(process, v);
                    }
                    case "ok", "fail", "info" -> {
                        Op op = open.remove(process);
                        if (op == null) {
                            throw new BadHistoryException(file, lineNo, "process " + process + " completes (" + type
                                    + ") an operation it never invoked");
                        }
                        openValue.remove(process);
                        if (!op.f.equals(f) || !op.key.equals(key)) {
                            throw new BadHistoryException(file, lineNo, "process " + process + " completes " + f + "(" + key
                                    + ") but invoked " + op.f + "(" + op.key + ") at line " + op.callLine);
                        }
                        if (type.equals("fail")) {
                            failed++;
                            pos++;
                            continue; // did not happen
                        }
                        if (type.equals("info")) {
                            if (!op.f.equals("read")) {
                                ops.add(op); // may have happened, any time from its call on
                            }
                            pos++;
                            continue;
                        }
                        op.type = "ok";
                        op.retLine = lineNo;
                        op.ret = pos++;
                        if (op.f.equals("read")) {
                            Op read = new Op(op.process, "read", key, scalar(v, file, lineNo, "a read's result"), null,
                                    op.call, op.callLine);
                            read.type = "ok";
                            read.ret = op.ret;
                            read.retLine = lineNo;
                            op = read;
                        }
                        ops.add(op);
                    }
                    default -> throw new BadHistoryException(file, lineNo, "\"type\" is \"" + type
                            + "\", not invoke, ok, fail or info");
                }
            }
        }
        for (Op op : open.values()) {
            if (!op.f.equals("read")) {
                ops.add(op); // still open at the end: indeterminate
            }
        }
        ops.sort((x, y) -> Integer.compare(x.call, y.call));
        return new History(file, ops, lineNo, failed);
    }

    private static String text(JsonNode e, String field, Path file, int line) throws BadHistoryException {
        JsonNode n = e.get(field);
        if (n == null || !n.isTextual()) {
            throw new BadHistoryException(file, line, "\"" + field + "\" must be a string");
        }
        return n.asText();
    }

    private static String scalar(JsonNode v, Path file, int line, String what) throws BadHistoryException {
        if (v == null || v.isContainerNode()) {
            throw new BadHistoryException(file, line, what + " must be a number, a string or null");
        }
        return v.toString();
    }

    /** A line of a history file that is not a well-formed event. */
    public static final class BadHistoryException extends Exception {
        public BadHistoryException(Path file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }
}
