package dev.tlaconform.community;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/** Random TLA+ values as literal text, from one seed, for the override-equivalence specs. */
final class TlaValues {
    private final SplittableRandom rnd;

    TlaValues(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    String integer() {
        return Integer.toString(between(-3, 9));
    }

    String natural() {
        return Integer.toString(between(0, 9));
    }

    String string() {
        String alphabet = "abcxyz019 _-.:\"\\";
        StringBuilder b = new StringBuilder("\"");
        int n = between(0, 4);
        for (int i = 0; i < n; i++) {
            char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    String scalar() {
        switch (rnd.nextInt(3)) {
            case 0: return integer();
            case 1: return string();
            default: return rnd.nextBoolean() ? "TRUE" : "FALSE";
        }
    }

    /** Up to maxLen elements made by gen, comma-separated. */
    private String items(int maxLen, java.util.function.Supplier<String> gen) {
        int n = between(0, maxLen);
        List<String> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            e.add(gen.get());
        }
        return String.join(", ", e);
    }

    /** A sequence of up to maxLen elements made by gen. */
    String seqOf(int maxLen, java.util.function.Supplier<String> gen) {
        return "<<" + items(maxLen, gen) + ">>";
    }

    /** A set of up to maxLen elements made by gen (of one kind: TLC compares a set's elements). */
    String setOf(int maxLen, java.util.function.Supplier<String> gen) {
        return "{" + items(maxLen, gen) + "}";
    }

    /** A set of distinct small naturals (so Max, Min, sums and folds are defined). */
    String natSet(int maxLen) {
        TreeSet<Integer> s = new TreeSet<>();
        int n = between(0, maxLen);
        while (s.size() < n) {
            s.add(between(0, 12));
        }
        List<String> e = new ArrayList<>();
        s.forEach(x -> e.add(x.toString()));
        return "{" + String.join(", ", e) + "}";
    }

    /** A record with some of the fields a, b, c. */
    String record(java.util.function.Supplier<String> gen) {
        List<String> f = new ArrayList<>();
        for (String name : new String[] {"a", "b", "c", "zz"}) {
            if (rnd.nextInt(3) > 0) {
                f.add(name + " |-> " + gen.get());
            }
        }
        return f.isEmpty() ? "[a |-> " + gen.get() + "]" : "[" + String.join(", ", f) + "]";
    }

    /** A function on a small set of integers (not necessarily 1..n). */
    String fcn(java.util.function.Supplier<String> gen) {
        TreeSet<Integer> dom = new TreeSet<>();
        int n = between(1, 4);
        while (dom.size() < n) {
            dom.add(between(0, 6));
        }
        List<String> parts = new ArrayList<>();
        dom.forEach(d -> parts.add(d + " :> " + gen.get()));
        return "(" + String.join(" @@ ", parts) + ")";
    }

    /** A bag: a function from a few strings to positive counts. */
    String bag() {
        TreeSet<String> dom = new TreeSet<>();
        int n = between(0, 3);
        while (dom.size() < n) {
            dom.add("\"" + (char) ('p' + between(0, 4)) + "\"");
        }
        if (dom.isEmpty()) {
            return "<<>>";
        }
        List<String> parts = new ArrayList<>();
        dom.forEach(d -> parts.add(d + " :> " + between(1, 3)));
        return "(" + String.join(" @@ ", parts) + ")";
    }

    /** Any value of the kinds JSON can hold (and sets), nested up to depth. */
    String any(int depth) {
        if (depth <= 0) {
            return scalar();
        }
        switch (rnd.nextInt(6)) {
            case 0: return seqOf(3, () -> any(depth - 1));
            case 1: return setOf(3, coin() ? this::integer : this::string);
            case 2: return record(() -> any(depth - 1));
            case 3: return fcn(() -> any(depth - 1));
            default: return scalar();
        }
    }

    boolean coin() {
        return rnd.nextBoolean();
    }
}
