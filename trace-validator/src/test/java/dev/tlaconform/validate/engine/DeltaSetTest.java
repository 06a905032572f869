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

    private static TreeSet<String> random(Random r, int max) {
        TreeSet<String> s = new TreeSet<>();
        for (int i = r.nextInt(max); i > 0; i--) s.add("c" + r.nextInt(60));
        return s;
    }

    @Test
    void mergeWalkAgreesWithTheDefinition() throws Exception {
        Random r = new Random(5);
        int accepted = 0, rejected = 0;
        for (int round = 0; round < 2000; round++) {
            TreeSet<String> pre = random(r, 40);
            TreeSet<String> add = random(r, 3);
            TreeSet<String> del = random(r, 3);
            if (r.nextBoolean() && !pre.isEmpty()) del.add(pre.first());
            TreeSet<String> post = new TreeSet<>(pre);
            post.removeAll(del);
            post.addAll(add);
            TreeSet<String> logged = new TreeSet<>(post);
            switch (r.nextInt(3)) {
                case 0 -> logged.add("c" + r.nextInt(60)); // maybe one element too many
                case 1 -> { if (!logged.isEmpty()) logged.remove(logged.last()); } // maybe one missing
                default -> { }
            }
            SetEnumValue preV = set(pre, false, null);
            SetEnumValue postV = set(logged, r.nextBoolean(), preV);
            JsonNode j = OM.readTree("{\"add\":" + OM.writeValueAsString(add) + ",\"del\":" + OM.writeValueAsString(del) + "}");
            boolean expect = logged.equals(post);
            assertEquals(expect, Delta.matches(j, preV, postV), "pre " + pre + " add " + add + " del " + del + " post " + logged);
            if (expect) accepted++; else rejected++;
        }
        // both verdicts occur
        org.junit.jupiter.api.Assertions.assertTrue(accepted > 100 && rejected > 100, accepted + " / " + rejected);
    }
}
