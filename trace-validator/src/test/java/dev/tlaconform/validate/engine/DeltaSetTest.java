package dev.tlaconform.validate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.Value;

/**
 * A set logged as a delta ({@code {"add": [...], "del": [...]}}) is checked by one merge walk of the
 * pre- and post-state sets; here against the definition post = (pre \ del) \cup add computed with
 * Java sets, on random sets, deltas and post-states that are right or wrong by one element.
 */
class DeltaSetTest {
    private static final ObjectMapper OM = new ObjectMapper();

    private static SetEnumValue set(TreeSet<String> xs, boolean share, SetEnumValue from) {
        Value[] v = new Value[xs.size()];
        int i = 0;
        for (String x : xs) {
            Value same = null;
            if (share && from != null) {
                for (int k = 0; k < from.size(); k++) {
                    if (((StringValue) from.elems.elementAt(k)).val.toString().equals(x)) same = from.elems.elementAt(k);
                }
            }
            v[i++] = same != null ? same : new StringValue(x);
        }
        SetEnumValue s = new SetEnumValue(v, false);
        s.normalize();
        return s;
    }

    /** A random case: pre, a delta, post = (pre \ del) \cup add, and a logged post that may be one element off. */
    private record Case(TreeSet<String> pre, TreeSet<String> add, TreeSet<String> del, TreeSet<String> post, TreeSet<String> logged) {
        static Case random(Random r, int preMax, int range) {
            TreeSet<String> pre = new TreeSet<>(), add = new TreeSet<>(), del = new TreeSet<>();
            for (int i = r.nextInt(preMax); i > 0; i--) pre.add("c" + r.nextInt(range));
            for (int i = r.nextInt(3); i > 0; i--) add.add("c" + r.nextInt(range));
            for (int i = r.nextInt(3); i > 0; i--) del.add("c" + r.nextInt(range));
            if (r.nextBoolean() && !pre.isEmpty()) del.add(pre.first());
            TreeSet<String> post = new TreeSet<>(pre);
            post.removeAll(del);
            post.addAll(add);
            TreeSet<String> logged = new TreeSet<>(post);
            switch (r.nextInt(3)) {
                case 0 -> logged.add("c" + r.nextInt(range)); // maybe one element too many
                case 1 -> { if (!logged.isEmpty()) logged.remove(logged.last()); } // maybe one missing
                default -> { }
            }
            return new Case(pre, add, del, post, logged);
        }

        /** Delta.matches on the case's delta gives the definition's answer (true when the logged post is post). */
        boolean check(Value preV, Value postV) throws Exception {
            JsonNode j = OM.readTree("{\"add\":" + OM.writeValueAsString(add) + ",\"del\":" + OM.writeValueAsString(del) + "}");
            boolean expect = logged.equals(post);
            assertEquals(expect, Delta.matches(j, preV, postV), "pre " + pre + " add " + add + " del " + del + " post " + logged);
            return expect;
        }
    }

    @Test
    void mergeWalkAgreesWithTheDefinition() throws Exception {
        Random r = new Random(5);
        int accepted = 0, rejected = 0;
        for (int round = 0; round < 2000; round++) {
            Case c = Case.random(r, 40, 60);
            SetEnumValue preV = set(c.pre(), false, null);
            if (c.check(preV, set(c.logged(), r.nextBoolean(), preV))) accepted++; else rejected++;
        }
        // both verdicts occur
        org.junit.jupiter.api.Assertions.assertTrue(accepted > 100 && rejected > 100, accepted + " / " + rejected);
    }

    /**
     * The same with the sets persistent ({@code PersistentSetValue}), the post-state derived from the
     * pre-state by adding and removing elements (sharing all but the changed paths, as a step's
     * successor does), or built anew: what differs is found by the structural difference.
     */
    @Test
    void persistentSetsAgreeWithTheDefinition() throws Exception {
        Random r = new Random(6);
        int accepted = 0, rejected = 0;
        for (int round = 0; round < 2000; round++) {
            Case c = Case.random(r, 400, 800);
            tlc2.value.impl.PersistentSetValue preV = tlc2.value.impl.PersistentSetValue.of(set(c.pre(), false, null));
            tlc2.value.impl.PersistentSetValue postV;
            if (r.nextInt(4) == 0) {
                postV = tlc2.value.impl.PersistentSetValue.of(set(c.logged(), false, null));
            } else {
                postV = preV;
                for (String x : c.pre()) if (!c.logged().contains(x)) postV = postV.without(new StringValue(x));
                for (String x : c.logged()) if (!c.pre().contains(x)) postV = postV.with(new StringValue(x));
            }
            if (c.check(preV, postV)) accepted++; else rejected++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(accepted > 100 && rejected > 100, accepted + " / " + rejected);
    }

    /**
     * A long function on 1..n logged as a delta ({@code {"len": n, "at": [[i, v], ...]}}), its
     * post-state brought to canonical form against the pre-state first (which records the positions
     * that differ, {@link Changes}): the answer is the definition's (post[i] = the listed value, every
     * other entry as before), with entries changed to new objects of equal or other values, listed or not.
     */
    @Test
    void recordedChangesAgreeWithTheDefinition() throws Exception {
        Random r = new Random(8);
        int accepted = 0, rejected = 0, recorded = 0;
        for (int round = 0; round < 2000; round++) {
            int n = 64 + r.nextInt(200);
            Value[] pre = new Value[n];
            for (int i = 0; i < n; i++) pre[i] = new StringValue("v" + r.nextInt(5));
            boolean append = r.nextInt(4) == 0; // TLC's Append: a copy one longer
            Value[] post = java.util.Arrays.copyOf(pre, append ? n + 1 : n); // TLC's EXCEPT: a copy, some entries replaced
            java.util.Map<Integer, String> listed = new java.util.TreeMap<>();
            if (append) {
                String v = "v" + r.nextInt(5);
                post[n] = new StringValue(v);
                if (r.nextInt(4) > 0) listed.put(n, v);
            }
            for (int k = r.nextInt(4); k > 0; k--) {
                int i = r.nextInt(n);
                String v = "v" + r.nextInt(5);
                post[i] = new StringValue(v); // maybe equal to the old value, a new object
                if (r.nextInt(4) > 0) listed.put(i, v);
            }
            if (r.nextInt(4) == 0) listed.put(r.nextInt(n), "v" + r.nextInt(5)); // listed, maybe wrongly
            tlc2.value.impl.TupleValue preT = new tlc2.value.impl.TupleValue(pre);
            Value postT = Canon.of(new tlc2.value.impl.TupleValue(post), preT);
            if (Changes.of(((tlc2.value.impl.TupleValue) postT).elems, pre) != null) recorded++;
            StringBuilder at = new StringBuilder();
            for (java.util.Map.Entry<Integer, String> e : listed.entrySet()) {
                if (at.length() > 0) at.append(',');
                at.append('[').append(e.getKey() + 1).append(",\"").append(e.getValue()).append("\"]");
            }
            JsonNode j = OM.readTree("{\"len\":" + post.length + ",\"at\":[" + at + "]}");
            boolean expect = true;
            for (int i = 0; i < post.length; i++) {
                String want = listed.containsKey(i) ? listed.get(i) : i < n ? ((StringValue) pre[i]).val.toString() : null;
                if (!((StringValue) post[i]).val.toString().equals(want)) expect = false;
            }
            assertEquals(expect, Delta.matches(j, preT, postT), "round " + round + " listed " + listed);
            if (expect) accepted++; else rejected++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(accepted > 100 && rejected > 100 && recorded == 2000, accepted + " / " + rejected + " / " + recorded);
    }
}
