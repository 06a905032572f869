package dev.tlaconform.validate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.validate.TraceReader;
import dev.tlaconform.validate.ValidationResult;
import dev.tlaconform.validate.Validator;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ExceptScan's verdict per variable on fixture specs (specs/scanreads, scaninst, scangaps): a variable
 * whose EXCEPT result some TLA+ expression reads before the engine's fold (Len, =, a primed read,
 * an operator argument, a LET compared, a set, DOMAIN, CHOOSE, a function constructor, LAMBDA, a
 * higher-order argument, RECURSIVE, @ of an earlier clause, a test of an assigned primed variable,
 * x' \in {...}, an invariant, an INSTANCE) is ruled out; ones stored straight into their primed
 * variable (through IF, CASE, LET, an operator body) are allowed. End to end (scangaps): with every
 * function persistent (persistentFcnMin 0) the engine decides as with none (the safe reference).
 */
class ExceptScanTest {
    static final Path SPECS = Path.of("src/test/resources/specs");

    /** The scan's verdict per variable name (true: allowed) for the spec in dir, loaded by a fresh Validator. */
    static Map<String, Boolean> verdicts(Path tmp, String dir) throws Exception {
        return verdicts(tmp, SPECS.resolve(dir), dir, "{}");
    }

    /** The same for the spec directory specDir, with a header of the given protocol and constants. */
    static Map<String, Boolean> verdicts(Path tmp, Path specDir, String protocol, String constants) throws Exception {
        String dir = protocol;
        Path trace = Files.writeString(tmp.resolve(dir + ".ndjson"), "{\"kind\":\"header\",\"schema\":1,\"protocol\":\""
                + protocol + "\",\"constants\":" + constants + "}\n{\"kind\":\"end\",\"events\":0}\n");
        try (Validator v = new Validator(SPECS); TraceReader r = v.open(trace, specDir)) {
            Object engine = v.load(r, specDir).session();
            ClassLoader cl = engine.getClass().getClassLoader();
            Field f = engine.getClass().getDeclaredField("exceptScan");
            f.setAccessible(true);
            Object scan = f.get(engine);
            Method allowed = scan.getClass().getDeclaredMethod("allowed");
            allowed.setAccessible(true);
            boolean[] a = (boolean[]) allowed.invoke(scan);
            Object[] vars = (Object[]) cl.loadClass("tlc2.tool.TLCState").getField("vars").get(null);
            Map<String, Boolean> out = new TreeMap<>();
            for (int i = 0; i < vars.length; i++) {
                out.put(String.valueOf(vars[i].getClass().getMethod("getName").invoke(vars[i])), a[i]);
            }
            Field reasons = scan.getClass().getDeclaredField("reasons");
            reasons.setAccessible(true);
            System.out.println(dir + ": " + out + " " + reasons.get(scan));
            return out;
        }
    }

    @Test
    void readsBeforeTheFoldRuleOutTheirVariableStoresDoNot(@TempDir Path tmp) throws Exception {
        Map<String, Boolean> v = verdicts(tmp, "scanreads");
        for (String ok : List.of("ok1", "ok2", "ok3", "ok4")) assertTrue(v.get(ok), ok + " " + v);
        for (String read : List.of("lenRead", "eqRead", "primed", "opArg", "letCmp", "inSet", "inv", "dom", "chooseV",
                "ctor", "lambdaV", "hoV", "recV", "atV", "tupEq", "inAssign")) {
            assertEquals(Boolean.FALSE, v.get(read), read + " " + v);
        }
    }

    @Test
    void anExceptReadThroughAnInstanceRulesOutEveryVariable(@TempDir Path tmp) throws Exception {
        Map<String, Boolean> v = verdicts(tmp, "scaninst");
        assertEquals(Map.of("instV", false, "other", false), v);
    }

    /** The protocol specs keep session 9's verdicts (docs/validate.md): the new rules cost them nothing. */
    @Test
    void theProtocolSpecsKeepTheirVerdicts(@TempDir Path tmp) throws Exception {
        Path specs = Path.of("../specs");
        Map<String, Boolean> mp = verdicts(tmp, specs.resolve("multipaxos"), "multipaxos",
                "{\"N\":3,\"Commands\":[\"c1\",\"c2\"],\"MaxBallot\":9,\"MaxSlot\":4}");
        assertTrue(mp.values().stream().allMatch(b -> b), mp.toString());
        Map<String, Boolean> zab = verdicts(tmp, specs.resolve("zab"), "zab",
                "{\"N\":3,\"Server\":[1,2,3],\"MaxEpoch\":9,\"MaxTxns\":20,\"MaxRestarts\":2,\"MaxTimeouts\":5}");
        Map<String, Boolean> pbft = verdicts(tmp, specs.resolve("pbft"), "pbft",
                "{\"N\":4,\"F\":1,\"Byz\":[],\"Clients\":[1],\"MaxTs\":4,\"MaxView\":3,\"MaxSeq\":4,\"K\":2,\"L\":4}");
        for (Map.Entry<String, Boolean> e : pbft.entrySet()) {
            assertEquals(!List.of("msgs", "exec").contains(e.getKey()), e.getValue(), e.getKey() + " " + pbft);
        }
        assertTrue(zab.values().stream().noneMatch(b -> b), zab.toString());
    }

    /** The verdict on a one-event trace of scangaps, with the property persistentFcnMin at min (fresh engine classes). */
    static ValidationResult gaps(Path tmp, String name, String event, String state, String min) throws Exception {
        Path trace = Files.writeString(tmp.resolve(name + min + ".ndjson"),
                "{\"kind\":\"header\",\"schema\":1,\"protocol\":\"scangaps\",\"constants\":{}}\n"
                        + "{\"kind\":\"event\",\"seq\":1,\"action\":\"" + event + "\",\"state\":" + state + "}\n"
                        + "{\"kind\":\"end\",\"events\":1}\n");
        String before = System.getProperty("tlaconform.persistentFcnMin");
        System.setProperty("tlaconform.persistentFcnMin", min);
        try (Validator v = new Validator(SPECS)) {
            return v.validate(trace, SPECS.resolve("scangaps"), 1000);
        } finally {
            if (before == null) System.clearProperty("tlaconform.persistentFcnMin");
            else System.setProperty("tlaconform.persistentFcnMin", before);
        }
    }

    @Test
    void persistentFunctionsDecideAsTlcValuesDo(@TempDir Path tmp) throws Exception {
        // Tup: t' = <<5, 5>> then t' = [t EXCEPT ![1] = 7] is FALSE: no successor
        // At: a' = [a EXCEPT ![1][1] = 5, ![1] = <<Head(@), 9>>] is <<<<5, 9>>>>
        String[][] cases = {
            {"tup", "Tup", "{\"t\":[5,5],\"a\":[[0,0]]}", "REJECTED"},
            {"at", "At", "{\"t\":[5,5],\"a\":[[5,9]]}", "ACCEPTED"},
            {"atWrong", "At", "{\"t\":[5,5],\"a\":[[0,9]]}", "REJECTED"},
        };
        for (String[] c : cases) {
            ValidationResult safe = gaps(tmp, c[0], c[1], c[2], "1000000000");
            ValidationResult all = gaps(tmp, c[0], c[1], c[2], "0");
            assertEquals(c[3], safe.verdict().toString(), c[0] + " (reference) " + safe.render());
            assertEquals(c[3], all.verdict().toString(), c[0] + " (every function persistent) " + all.render());
        }
    }
}
