package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mapping parameter bound by an {@code \E} among an action's conjuncts, below the top of its body
 * (EWD998's {@code SendMsg(i) == /\ ... /\ \E j \in Node \ {i} : inbox' = ...}): both engines bind it
 * from the line (the fast engine hoists the {@code \E} into the site's quantifiers, the generated
 * trace spec writes {@code \E j \in LoggedIn(E.to, Node \ {i}) : ...} around the conjunction), so the
 * send has one successor, not one per receiver, and a log whose receiver does not fit is rejected
 * where it stops fitting, by both at the same line. Without the parameter the same log is accepted
 * (the receiver is free): the binding is real. A name bound twice among the conjuncts is not hoisted
 * (it would capture the other): the mapping is refused, naming the parameter.
 */
class HoistedParameterTest {
    private static final String SPEC = String.join("\n",
            "---- MODULE Hoist ----",
            "EXTENDS Integers",
            "CONSTANT N",
            "Node == 1 .. N",
            "VARIABLES inbox, sent",
            "Init == inbox = [n \\in Node |-> 0] /\\ sent = [n \\in Node |-> 0]",
            "Send(i) ==",
            "  /\\ sent' = [sent EXCEPT ![i] = @ + 1]",
            "  /\\ \\E j \\in Node \\ {i} :",
            "        /\\ inbox' = [inbox EXCEPT ![j] = @ + 1]",
            "Recv(i) == /\\ inbox[i] > 0",
            "           /\\ inbox' = [inbox EXCEPT ![i] = @ - 1]",
            "           /\\ UNCHANGED sent",
            "Twice(i) == /\\ \\E j \\in Node : inbox[j] >= 0",
            "            /\\ \\E j \\in Node : inbox' = [inbox EXCEPT ![j] = @ + 1]",
            "            /\\ UNCHANGED sent",
            "Next == \\E i \\in Node : Send(i) \\/ Recv(i) \\/ Twice(i)",
            "====", "");

    private static String mapping(String sendParams, String extra) {
        return "{\"spec\": \"Hoist\", \"constants\": {\"N\": \"N\"},\n"
                + " \"log\": {\"constants\": \"firstLine\", \"action\": \"ev\"},\n"
                + " \"events\": {\"send\": {\"action\": \"Send\", \"params\": " + sendParams + ", \"anyValue\": [\"to\"]},\n"
                + "            \"recv\": {\"action\": \"Recv\", \"params\": {\"i\": \"who\"}}" + extra + "}}\n";
    }

    private static Path spec(Path dir, String name, String mapping) throws Exception {
        Path d = dir.resolve(name);
        Files.createDirectories(d);
        Files.writeString(d.resolve("Hoist.tla"), SPEC, StandardCharsets.UTF_8);
        Files.writeString(d.resolve("trace-mapping.json"), mapping, StandardCharsets.UTF_8);
        return d;
    }

    private static Path log(Path dir, String name, String... lines) throws Exception {
        List<String> l = new ArrayList<>(List.of("{\"N\":3}"));
        l.addAll(List.of(lines));
        Path f = dir.resolve(name + ".ndjson");
        Files.write(f, l, StandardCharsets.UTF_8);
        return f;
    }

    private static ValidationResult fast(Path dir, Path log, Path spec) throws Exception {
        return FastRuns.validate(dir, log, spec, 1000, null);
    }

    @Test
    void theLineBindsTheReceiverInBothEngines(@TempDir Path dir) throws Exception {
        Path bound = spec(dir, "bound", mapping("{\"i\": \"who\", \"j\": \"to\"}", ""));
        Path free = spec(dir, "free", mapping("{\"i\": \"who\"}", ""));
        String s12 = "{\"ev\":\"send\",\"who\":1,\"to\":2}";
        String s13 = "{\"ev\":\"send\",\"who\":1,\"to\":3}";
        String s31 = "{\"ev\":\"send\",\"who\":3,\"to\":1}";
        Path good = log(dir, "good", s12, s31, "{\"ev\":\"recv\",\"who\":2}", s13, "{\"ev\":\"recv\",\"who\":1}", "{\"ev\":\"recv\",\"who\":3}");
        // the receive at line 4 is at a node nothing was sent to, if the sends went where they say
        Path wrong = log(dir, "wrong", s12, s31, "{\"ev\":\"recv\",\"who\":3}", s13);
        // a send to the sender itself: no j in Node \ {i}
        Path self = log(dir, "self", s12, "{\"ev\":\"send\",\"who\":2,\"to\":2}", "{\"ev\":\"recv\",\"who\":2}");

        ValidationResult g = fast(dir, good, bound);
        assertTrue(g.accepted(), g.render());
        assertEquals(1, g.candidatesMax(), "each send has one successor: " + g.render());
        ValidationResult gf = fast(dir, good, free);
        assertTrue(gf.accepted(), gf.render());
        assertTrue(gf.candidatesMax() > 1, "without the parameter the receiver is free: " + gf.render());

        ValidationResult w = fast(dir, wrong, bound);
        assertEquals(ValidationResult.Verdict.REJECTED, w.verdict(), w.render());
        assertEquals(4, w.failure().line(), w.render());
        assertTrue(fast(dir, wrong, free).accepted(), "the free receiver fits any receive");

        ValidationResult s = fast(dir, self, bound);
        assertEquals(ValidationResult.Verdict.REJECTED, s.verdict(), s.render());
        assertEquals(3, s.failure().line(), s.render());

        for (Path l : List.of(good, wrong, self)) {
            ValidationResult f = fast(dir, l, bound);
            ValidationResult t = new TlcReferenceEngine("256m").validate(l, bound, dir);
            System.out.println(t.render());
            assertEquals(f.verdict(), t.verdict(), l + ": " + f.render() + "\n" + t.render());
            assertEquals(f.failure() == null ? 0 : f.failure().line(), t.failure() == null ? 0 : t.failure().line(), l + ": " + t.render());
        }
    }

    @Test
    void aNameBoundTwiceAmongTheConjunctsIsNotHoisted(@TempDir Path dir) throws Exception {
        Path twice = spec(dir, "twice", mapping("{\"i\": \"who\", \"j\": \"to\"}",
                ",\n            \"twice\": {\"action\": \"Twice\", \"params\": {\"i\": \"who\", \"j\": \"to\"}}"));
        Path l = log(dir, "twice", "{\"ev\":\"twice\",\"who\":1,\"to\":2}");
        BadTraceException e = assertThrows(BadTraceException.class, () -> fast(dir, l, twice));
        assertTrue(e.getMessage().contains("events.twice") && e.getMessage().contains("j is not a parameter of Twice"), e.getMessage());
    }
}
