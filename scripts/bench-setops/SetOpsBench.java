import tlc2.util.FP64;
import tlc2.value.impl.*;
import java.util.*;

/**
 * Median ns of S' \ S and S \cap S' (two versions of one persistent set, one element apart) and S \ T
 * (T an unrelated sorted SetEnumValue of the same size) on persistent sets of n integers, or of n
 * message records with a second argument. Run by scripts/bench-setops/run; a measurement, not a test.
 */
public class SetOpsBench {
    public static void main(String[] a) {
        FP64.Init(0);
        int n = Integer.parseInt(a[0]);
        boolean rec = a.length > 1;
        util.UniqueString[] names0 = {util.UniqueString.uniqueStringOf("bal"), util.UniqueString.uniqueStringOf("type")};
        java.util.function.IntFunction<Value> gen = i -> rec ? new RecordValue(names0, new Value[] {IntValue.gen(i / 4), new StringValue("t" + (i % 4))}, true) : IntValue.gen(i);
        Value[] xs = new Value[n];
        for (int i = 0; i < n; i++) xs[i] = gen.apply(2 * i);
        SetEnumValue flat = new SetEnumValue(xs, true);
        PersistentSetValue s = PersistentSetValue.of(flat);
        PersistentSetValue s2 = s.with(gen.apply(2 * (n / 2) + 1)); // msgs' = msgs \cup {m}
        Value[] ys = new Value[n];
        for (int i = 0; i < n; i++) ys[i] = gen.apply(2 * i + (i % 3 == 0 ? 1 : 0));
        Arrays.sort(ys, (p, q) -> p.compareTo(q));
        SetEnumValue t = new SetEnumValue(ys, true);
        String[] names = {"S' \\ S (versions)", "S \\cap S' (versions)", "S \\ T (T sorted SetEnumValue, n)"};
        for (int k = 0; k < 3; k++) {
            for (int w = 0; w < (n > 10000 ? 20 : 2000); w++) { Value v = k == 0 ? s2.diff(s) : k == 1 ? s.cap(s2) : s.diff(t); }
            long[] ns = new long[31];
            for (int r = 0; r < ns.length; r++) {
                long t0 = System.nanoTime();
                Value v = k == 0 ? s2.diff(s) : k == 1 ? s.cap(s2) : s.diff(t);
                ns[r] = System.nanoTime() - t0;
                if (v == null) throw new AssertionError();
            }
            Arrays.sort(ns);
            System.out.printf((rec ? "records " : "ints ") + "n=%d %-36s median %,d ns (min %,d)%n", n, names[k], ns[ns.length / 2], ns[0]);
        }
    }
}
