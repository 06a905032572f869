package dev.tlaconform.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The per-node traces of one cluster run ({@code n<K>.s<S>.ndjson} in a directory: node K's
 * segment S, one per process start), read and checked for the causal search: every node's
 * segments present and in order, each event's own clock component equal to its position in its
 * node's sequence, clocks never going back within a node, every clock component pointing at an
 * event that exists (a receive whose send is in no file), and every such predecessor's clock
 * below the event's (clocks that contradict each other). Bad input is a {@link BadTraceException}
 * naming the line (and, where two lines disagree, both).
 */
public final class CausalTraces {
    private static final Pattern NAME = Pattern.compile("n(\\d+)\\.s(\\d+)\\.ndjson");

    /** One event of one node: where it is, what it is, its vector clock (index 1..n). */
    public record NodeEvent(int node, int pos, TraceReader reader, TraceReader.Event event, int[] clock) {
        public String where() {
            return reader.file() + ":" + event.line();
        }
    }

    /** The first segment's reader (for the header and the mapping), and every node's events in order. */
    public final TraceReader first;
    public final TraceMapping mapping;
    public final Path dir;
    public final int n;
    public final List<List<NodeEvent>> events = new ArrayList<>();
    public final List<TraceReader> readers = new ArrayList<>();
    /** The logged-field rule every segment is read under (its warning names fields --allow-unchecked let through). */
    private FieldRule rule;

    /** True when {@code dir} holds per-node segment files. */
    public static boolean isRunDirectory(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> NAME.matcher(p.getFileName().toString()).matches());
        } catch (IOException e) {
            return false;
        }
    }

    private CausalTraces(Path dir, TraceReader first, TraceMapping mapping, int n) {
        this.dir = dir;
        this.first = first;
        this.mapping = mapping;
        this.n = n;
    }

    /** {@code tlaconform validate DIR}: reads the run's per-node traces and searches for a causal order the spec takes. */
    public static ValidationResult validate(Validator v, Path dir, Path specDir, int maxCandidates, boolean checkInvariants)
            throws BadTraceException, CandidateLimitException {
        return validate(v, dir, specDir, maxCandidates, checkInvariants, ValidationWatch.NONE);
    }

    /** As above, with progress and a deadline ({@code validate DIR --timeout}). */
    public static ValidationResult validate(Validator v, Path dir, Path specDir, int maxCandidates, boolean checkInvariants,
                                            ValidationWatch watch) throws BadTraceException, CandidateLimitException {
        CausalTraces t = read(dir, v, specDir);
        try {
            ValidationResult r = CausalSession.of(v.load(t.first, specDir).session()).search(t, maxCandidates, checkInvariants, watch);
            return r.withWarning(t.rule.warning());
        } finally {
            t.close();
        }
    }

    /** Reads every segment of {@code dir} with {@code mapping} bound (see the class comment). */
    public static CausalTraces read(Path dir, Validator v, Path specDir) throws BadTraceException {
        TreeMap<Integer, TreeMap<Integer, Path>> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    files.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), p);
                }
            }
        } catch (IOException e) {
            throw new BadTraceException(dir, 0, "cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) throw new BadTraceException(dir, 0, "no per-node trace files n<K>.s<S>.ndjson");
        Path firstFile = files.firstEntry().getValue().firstEntry().getValue();
        TraceReader first = TraceReader.open(firstFile);
        Validator.Loaded l = v.load(first, specDir);
        first.useMapping(l.mapping());
        FieldRule rule = v.fieldRule(l.mapping());   // every logged field checked, or loudly not, in every segment
        first.checkFields(rule);
        if (!l.mapping().silent().isEmpty()) {
            throw new BadTraceException(l.mapping().file(), 0, "the causal merge of per-node traces does not take silent actions "
                    + l.mapping().silent() + " yet");
        }
        JsonNode nn = first.constants().get(l.mapping().nodes() == null ? "N" : l.mapping().nodes());
        int n = nn != null && nn.isIntegralNumber() ? nn.asInt() : nn != null && nn.isArray() ? nn.size() : files.lastKey();
        CausalTraces t = new CausalTraces(dir, first, l.mapping(), n);
        t.rule = rule;
        for (int k = 1; k <= n; k++) {
            if (files.get(k) == null) {
                throw new BadTraceException(dir.resolve("n" + k + ".s0.ndjson"), 0, "missing: the run has " + n
                        + " nodes (header of " + firstFile + ":1) but no trace file of node " + k);
            }
        }
        for (int k : files.keySet()) {
            if (k < 1 || k > n) {
                throw new BadTraceException(files.get(k).firstEntry().getValue(), 1, "node " + k + " is not one of the run's 1.." + n
                        + " (header of " + firstFile + ":1)");
            }
        }
        t.events.add(List.of()); // nodes are 1..n
        for (int k = 1; k <= n; k++) t.events.add(t.readNode(k, files.get(k), first, l));
        t.checkCausality();
        return t;
    }

    private List<NodeEvent> readNode(int k, TreeMap<Integer, Path> segs, TraceReader first, Validator.Loaded l) throws BadTraceException {
        List<NodeEvent> out = new ArrayList<>();
        int expect = 0;
        NodeEvent prev = null;
        String prevEnd = null;
        for (Map.Entry<Integer, Path> e : segs.entrySet()) {
            Path f = e.getValue();
            if (e.getKey() != expect) {
                throw new BadTraceException(f, 1, "segments out of order: node " + k + " has segment " + e.getKey() + " but no segment "
                        + expect + (prevEnd == null ? "" : " after " + prevEnd));
            }
            expect++;
            TraceReader r = f.equals(first.file()) ? first : TraceReader.open(f);
            readers.add(r);
            if (r != first) {
                r.useMapping(l.mapping());
                r.checkFields(rule);
                if (!r.protocol().equals(first.protocol()) || !r.constants().equals(first.constants())) {
                    throw new BadTraceException(f, 1, "another run: protocol and constants differ from " + first.file() + ":1");
                }
            }
            JsonNode hn = r.header().get("node");
            if (hn != null && hn.asInt() != k) throw new BadTraceException(f, 1, "the header says node " + hn.asInt() + ", the file name node " + k);
            long firstSeq = r.header().path("firstSeq").asLong(out.size() + 1);
            if (firstSeq != out.size() + 1) {
                throw new BadTraceException(f, 1, "segments out of order: this segment starts at event " + firstSeq + " of node " + k
                        + ", but its earlier segments end at event " + out.size() + (prevEnd == null ? "" : " (" + prevEnd + ")"));
            }
            TraceReader.Event ev;
            while ((ev = r.next()) != null) {
                int[] c = new int[n + 1];
                JsonNode cj = ev.json().get("clock");
                if (cj == null || !cj.isObject()) throw r.bad(ev.line(), "no \"clock\" object: per-node traces are merged by their vector clocks");
                for (int j = 1; j <= n; j++) {
                    JsonNode x = cj.get(Integer.toString(j));
                    if (x == null || !x.isIntegralNumber() || x.asLong() < 0) {
                        throw r.bad(ev.line(), "clock has no non-negative integer for node " + j);
                    }
                    c[j] = x.asInt();
                }
                int pos = out.size() + 1;
                if (c[k] != pos) {
                    throw r.bad(ev.line(), "contradictory clock: this is event " + pos + " of node " + k + " but its clock says " + c[k]
                            + (prev == null ? "" : " (the previous event, " + prev.where() + ", says " + prev.clock()[k] + ")"));
                }
                if (prev != null) {
                    for (int j = 1; j <= n; j++) {
                        if (c[j] < prev.clock()[j]) {
                            throw r.bad(ev.line(), "contradictory clocks: node " + j + "'s component goes back from " + prev.clock()[j]
                                    + " at " + prev.where() + " to " + c[j] + " here");
                        }
                    }
                }
                prev = new NodeEvent(k, pos, r, ev, c);
                out.add(prev);
            }
            prevEnd = f + ":" + (prev == null ? 1 : prev.event().line());
        }
        return out;
    }

    private void checkCausality() throws BadTraceException {
        for (int k = 1; k <= n; k++) {
            for (NodeEvent e : events.get(k)) {
                for (int j = 1; j <= n; j++) {
                    if (j == k || e.clock()[j] == 0) continue;
                    List<NodeEvent> other = events.get(j);
                    if (e.clock()[j] > other.size()) {
                        String last = other.isEmpty() ? "it has no events" : "the last is " + other.get(other.size() - 1).where();
                        throw e.reader().bad(e.event().line(), "a receive whose send is in no file: this event has seen " + e.clock()[j]
                                + " events of node " + j + ", whose files hold " + other.size() + " (" + last + ")");
                    }
                    NodeEvent p = other.get(e.clock()[j] - 1);
                    if (p.clock()[k] >= e.pos()) {
                        throw e.reader().bad(e.event().line(), "contradictory clocks: this event and " + p.where()
                                + " have each seen the other (a cycle: no order has both after each other)");
                    }
                    for (int i = 1; i <= n; i++) {
                        if (p.clock()[i] > e.clock()[i]) {
                            throw e.reader().bad(e.event().line(), "contradictory clocks: this event follows " + p.where()
                                    + " (event " + p.pos() + " of node " + j + ") but that event has seen " + p.clock()[i]
                                    + " events of node " + i + " and this one only " + e.clock()[i]);
                        }
                    }
                }
            }
        }
    }

    public long size() {
        long s = 0;
        for (int k = 1; k <= n; k++) s += events.get(k).size();
        return s;
    }

    public void close() {
        for (TraceReader r : readers) r.close();
    }
}
