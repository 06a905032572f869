package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every logged field checked, or loudly not (issue 21): a field nothing in the mapping constrains
 * is bad input at the first event carrying it, in both engines, unless --allow-unchecked names it;
 * the verdict then says which fields went unchecked.
 */
class FieldRuleTest {
    static final Path RESOURCES = Path.of("src/test/resources");
    static final Path TRACE = RESOURCES.resolve("traces/toypaxos/unchecked-fields.ndjson");

    @Test
    void anUncheckedFieldIsBadInputAtItsLineInBothEngines() throws Exception {
        try (Validator v = new Validator(RESOURCES)) {
            BadTraceException f = assertThrows(BadTraceException.class, () -> v.validate(TRACE, null, 1000));
            assertEquals(3, f.line(), f.getMessage());
            assertTrue(f.getMessage().contains("field \"note\" of Phase1b events") && f.getMessage().contains("--allow-unchecked Phase1b.note"),
                    f.getMessage());
            BadTraceException t = assertThrows(BadTraceException.class, () -> new TlcReferenceEngine("256m").validate(TRACE, null, RESOURCES));
            assertEquals(f.getMessage(), t.getMessage());
            // allowing the first shows the next: a state key the mapping does not map, of another event kind
            v.allowUnchecked(List.of("Phase1b.note"));
            BadTraceException g = assertThrows(BadTraceException.class, () -> v.validate(TRACE, null, 1000));
            assertEquals(6, g.line(), g.getMessage());
            assertTrue(g.getMessage().contains("\"state.ballotSeen\" of Phase2b"), g.getMessage());
        }
    }

    @Test
    void allowedFieldsAreAcceptedAndNamedInTheVerdict() throws Exception {
        try (Validator v = new Validator(RESOURCES).allowUnchecked(List.of("Phase1b.note", "state.ballotSeen"))) {
            ValidationResult r = v.validate(TRACE, null, 1000);
            assertTrue(r.accepted(), r.render());
            assertTrue(r.render().contains("fields logged but not checked (--allow-unchecked): Phase1b.note (1 event), Phase2b.state.ballotSeen (1 event)"),
                    r.render());
            ValidationResult t = new TlcReferenceEngine("256m").allowUnchecked(List.of("Phase1b.note", "state.ballotSeen"))
                    .validate(TRACE, null, RESOURCES);
            assertTrue(t.accepted(), t.render());
            assertEquals(r.warnings(), t.warnings());
        }
    }

    @Test
    void whatTheMappingConstrainsPerEventKind() throws Exception {
        TraceMapping m = TraceMapping.load(RESOURCES.resolve("specs/toypaxos"));
        FieldRule rule = FieldRule.of(m, List.of());
        String d = rule.describe("Phase1b");
        assertTrue(d.contains("msg=checked") && d.contains("node=checked") && d.contains("state.maxBal=checked"), d);
        assertTrue(rule.describe("Phase1a").contains("node=checked"), "declared anyValue: " + rule.describe("Phase1a"));
    }
}
