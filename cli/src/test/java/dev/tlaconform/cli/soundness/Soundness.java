package dev.tlaconform.cli.soundness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.validate.BadTraceException;
import dev.tlaconform.validate.CandidateLimitException;
import dev.tlaconform.validate.TlcReferenceEngine;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the mutant corpus through the engines and classifies every mutant (docs/validate.md,
 * "The mutant corpus"). Outcome of one engine: accepted, rejected (line), invariant (line),
 * bad-input (line), limit, hang (no verdict within the time limit). Classes:
 * <ul>
 * <li>rejected: rejected or an invariant violated (both engines, same line, when both ran);
 * <li>refused: bad input (exit 2) at the same line in both;
 * <li>accepted-legitimately: accepted, and either the mutant is the base trace after normalisation
 *     (the same events with the envelope, seq and clock, dropped), or it only leaves out logged
 *     fields of a base the fast engine accepts (the base's matching behaviour matches it), or the
 *     reference engine, TLC, accepts it too (every field is constrained: no --allow-unchecked is
 *     ever passed);
 * <li>false-accept: accepted by the fast engine although TLC rejects it (or, fast only, accepted
 *     and not equivalent: "unconfirmed", which the full run with TLC decides);
 * <li>hang: no verdict within the limit; disagree: the engines differ in outcome or line.
 * </ul>
 * Usage: {@code Soundness OUT.json SEEDS PER_BASE TLC_EVERY [LIMIT_S]}: TLC_EVERY = 1 runs TLC on
 * every mutant, k on every k-th (and on every fast acceptance that is not equivalent), 0 never.
 */
public final class Soundness {
    /** One engine's outcome on one mutant. */
    public record Outcome(String kind, long line, String text) {
        boolean same(Outcome o) {
            return o != null && kind.equals(o.kind) && (kind.equals("accepted") || line == o.line);
        }
    }

    /** The classification of one mutant. */
    public record Row(MutantCorpus.Mutant m, Outcome fast, Outcome tlc, String cls) {}

    private final Validator validator = new Validator(Path.of(".").toAbsolutePath());
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "soundness");
        t.setDaemon(true);
        return t;
    });
    private final long limitSeconds;
    private final Path dir;

    public Soundness(Path dir, long limitSeconds) {
        this.dir = dir;
        this.limitSeconds = limitSeconds;
    }

    static Outcome of(ValidationResult r) {
        return switch (r.verdict()) {
            case ACCEPTED -> new Outcome("accepted", 0, "");
            case REJECTED -> new Outcome("rejected", r.failure().line(), r.failure().summary());
            case INVARIANT_VIOLATED -> new Outcome("invariant", r.failure().line(), r.failure().summary());
        };
    }

    Outcome fast(Path f) {
        Future<Outcome> fu = pool.submit(() -> {
            try {
                return of(validator.validate(f, null, Validator.DEFAULT_MAX_CANDIDATES));
            } catch (BadTraceException e) {
                return new Outcome("bad-input", e.line(), e.getMessage());
            } catch (CandidateLimitException e) {
                return new Outcome("limit", 0, e.getMessage());
            } catch (RuntimeException e) {
                return new Outcome("internal", 0, e.toString());
            }
        });
        try {
            return fu.get(limitSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fu.cancel(true);
            return new Outcome("hang", 0, "no verdict in " + limitSeconds + " s");
        } catch (Exception e) {
            return new Outcome("internal", 0, e.toString());
        }
    }

    static Outcome tlc(Path f) {
        try {
            return of(new TlcReferenceEngine("512m").validate(f, null, Path.of(".").toAbsolutePath()));
        } catch (BadTraceException e) {
            return new Outcome("bad-input", e.line(), e.getMessage());
        } catch (Exception e) {
            return new Outcome("internal", 0, e.toString());
        }
    }

    /** Same events after dropping the envelope (seq, clock) and the end count: the spec cannot tell them apart. */
    static boolean equivalent(String mutant, String base) {
        return normalise(mutant).equals(normalise(base));
    }

    private static String normalise(String text) {
        StringBuilder b = new StringBuilder();
        for (String l : text.split("\n")) {
            if (l.contains("\"kind\":\"end\"")) continue;
            b.append(l.replaceAll("\"seq\":\\d+,", "").replaceAll(",\"clock\":\\{[^}]*\\}", "")).append('\n');
        }
        return b.toString();
    }

    Row run(MutantCorpus.Mutant m, int index, boolean withTlc) throws Exception {
        Path f = dir.resolve(m.base() + "-" + m.cls() + "-" + index + ".ndjson");
        Files.writeString(f, m.text());
        Outcome fa = fast(f);
        boolean eq = equivalent(m.text(), m.baseText());
        // only logged information removed from a trace the fast engine accepts: the behaviour matching
        // the base matches the mutant (partial matching is implied by full matching), so acceptance is due
        boolean removal = (m.cls().equals("partial-msg") || m.cls().equals("partial-state")) && baseAccepted(m);
        Outcome tl = null;
        if (withTlc || (fa.kind().equals("accepted") && !eq && !removal)) tl = tlc(f);
        String cls;
        if (fa.kind().equals("hang") || (tl != null && tl.kind().equals("hang"))) cls = "hang";
        else if (tl != null && !fa.same(tl)) cls = fa.kind().equals("accepted") && !tl.kind().equals("accepted") ? "false-accept" : "disagree";
        else if (fa.kind().equals("accepted")) cls = eq || removal || tl != null ? "accepted-legitimately" : "false-accept";
        else if (fa.kind().equals("bad-input") || fa.kind().equals("limit")) cls = "refused";
        else if (fa.kind().equals("internal")) cls = "internal";
        else cls = "rejected";
        Files.deleteIfExists(f);
        return new Row(m, fa, tl, cls);
    }

    private final Map<String, Boolean> bases = new java.util.concurrent.ConcurrentHashMap<>();

    /** The base trace of a mutant is accepted by the fast engine (validated once per base). */
    boolean baseAccepted(MutantCorpus.Mutant m) throws Exception {
        Boolean b = bases.get(m.base());
        if (b == null) {
            Path f = dir.resolve(m.base() + ".ndjson");
            Files.writeString(f, m.baseText());
            b = fast(f).kind().equals("accepted");
            Files.deleteIfExists(f);
            bases.put(m.base(), b);
        }
        return b;
    }

    /** Counts by class, per protocol and in total. */
    static Map<String, Map<String, Integer>> counts(List<Row> rows) {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (Row r : rows) {
            out.computeIfAbsent(r.m().protocol(), k -> new TreeMap<>()).merge(r.cls(), 1, Integer::sum);
            out.computeIfAbsent("all", k -> new TreeMap<>()).merge(r.cls(), 1, Integer::sum);
            if (r.tlc() != null) {
                out.computeIfAbsent(r.m().protocol(), k -> new TreeMap<>()).merge("tlc-run", 1, Integer::sum);
                out.computeIfAbsent("all", k -> new TreeMap<>()).merge("tlc-run", 1, Integer::sum);
            }
        }
        return out;
    }

    static final List<String> COLUMNS = List.of("rejected", "refused", "accepted-legitimately", "false-accept", "hang",
            "disagree", "internal", "tlc-run");

    static String table(Map<String, Map<String, Integer>> c) {
        StringBuilder b = new StringBuilder(String.format("%-11s %6s", "protocol", "total"));
        for (String k : COLUMNS) b.append(String.format(" %22s", k));
        b.append('\n');
        for (Map.Entry<String, Map<String, Integer>> e : c.entrySet()) {
            int total = e.getValue().entrySet().stream().filter(x -> !x.getKey().equals("tlc-run")).mapToInt(Map.Entry::getValue).sum();
            b.append(String.format("%-11s %6d", e.getKey(), total));
            for (String k : COLUMNS) b.append(String.format(" %22d", e.getValue().getOrDefault(k, 0)));
            b.append('\n');
        }
        return b.toString();
    }

    /** Writes the counts (and every mutant not rejected, refused or legitimately accepted) as JSON. */
    static Map<String, Map<String, Integer>> write(Path out, List<Row> rows, long seeds, int perBase, int tlcEvery, long limit,
                                                   long t0) throws java.io.IOException {
        Map<String, Map<String, Integer>> c = counts(rows);
        ObjectNode root = MutantCorpus.JSON.createObjectNode();
        root.put("mutants", rows.size());
        root.put("seeds", seeds);
        root.put("perBase", perBase);
        root.put("tlcEvery", tlcEvery);
        root.put("limitSeconds", limit);
        root.put("seconds", (System.nanoTime() - t0) / 1_000_000_000L);
        ObjectNode counts = root.putObject("counts");
        c.forEach((p, m) -> {
            ObjectNode o = counts.putObject(p);
            m.forEach(o::put);
        });
        ArrayNode bad = root.putArray("notSound");
        for (Row r : rows) {
            if (List.of("rejected", "refused", "accepted-legitimately").contains(r.cls())) continue;
            ObjectNode o = bad.addObject();
            o.put("class", r.cls());
            o.put("base", r.m().base());
            o.put("mutation", r.m().cls());
            o.put("note", r.m().note());
            o.put("fast", String.valueOf(r.fast()));
            o.put("tlc", String.valueOf(r.tlc()));
        }
        MutantCorpus.JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), root);
        return c;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long seeds = Long.parseLong(args[1]);
        int perBase = Integer.parseInt(args[2]);
        int tlcEvery = Integer.parseInt(args[3]);
        long limit = args.length > 4 ? Long.parseLong(args[4]) : 60;
        Path dir = Files.createTempDirectory("tlaconform-soundness");
        Soundness s = new Soundness(dir, limit);
        List<Row> rows = new ArrayList<>();
        List<MutantCorpus.Base> bases = MutantCorpus.bases(MutantCorpus.PROTOCOLS, dev.tlaconform.impl.sim.FaultPlan.NAMES, seeds);
        int k = 0;
        long t0 = System.nanoTime();
        for (MutantCorpus.Base b : bases) {
            for (MutantCorpus.Mutant m : MutantCorpus.mutants(b, perBase, 21)) {
                Row r = s.run(m, k, tlcEvery > 0 && k % tlcEvery == 0);
                k++;
                rows.add(r);
                if (!List.of("rejected", "refused", "accepted-legitimately").contains(r.cls())) {
                    System.out.println(r.cls() + ": " + m.base() + " " + m.cls() + " (" + m.note() + "): fast " + r.fast()
                            + (r.tlc() == null ? "" : ", tlc " + r.tlc()));
                }
            }
            System.err.println(b.name() + ": " + rows.size() + " mutants so far");
            write(out, rows, seeds, perBase, tlcEvery, limit, t0);   // so far, in case the run is cut
        }
        Map<String, Map<String, Integer>> c = write(out, rows, seeds, perBase, tlcEvery, limit, t0);
        System.out.print(table(c));
        System.out.println(rows.size() + " mutants in " + (System.nanoTime() - t0) / 1_000_000_000L + " s");
        s.validator.close();
        System.exit(0);
    }
}
