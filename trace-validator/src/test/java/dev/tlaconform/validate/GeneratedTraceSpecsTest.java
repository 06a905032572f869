package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One source of truth for --engine tlc: the trace spec of every shipped protocol is generated from
 * its mapping (no hand-written Trace<P>.tla, no copy of NDJsonTrace.tla beside the specs), and what
 * is generated is a module SANY accepts, whose steps are the mapping's actions as the spec's Next
 * writes them.
 */
class GeneratedTraceSpecsTest {
    @ParameterizedTest
    @ValueSource(strings = {"paxos", "multipaxos", "fastpaxos", "epaxos", "nakamoto", "pbft", "zab"})
    void eachShippedTraceSpecIsGeneratedFromTheMappingAndParses(String protocol) throws Exception {
        Path dir = Path.of("../specs", protocol);
        TraceMapping m = TraceMapping.load(dir);
        TraceSpecGenerator.Generated g = TraceSpecGenerator.fromSpecDir(dir);
        assertFalse(Files.exists(dir.resolve(g.module() + ".tla")), "a hand-written " + g.module() + ".tla beside the mapping");
        assertFalse(Files.exists(dir.resolve(SpecDir.TRACE_MODULE + ".tla")), "a copy of NDJsonTrace.tla: the engines use their own");
        assertTrue(g.text().contains(TraceSpecGenerator.HEADER), g.text());
        for (TraceMapping.EventMapping em : m.events().values()) {
            for (String a : em.actions()) assertTrue(g.text().contains(a), a + " in\n" + g.text());
        }
        assertNull(TraceSpecGenerator.sanyError(dir, g), g.text());
        assertEquals(g.incomplete(), g.invariants().get(g.invariants().size() - 1));
    }

    /** A mapping parameter that names nothing Next binds is the mapping's error, not a TLC failure. */
    @Test
    void aParameterNextDoesNotBindIsNamed(@TempDir Path tmp) throws Exception {
        Path src = Path.of("src/test/resources/specs/toypaxos");
        for (String f : new String[] {"ToyPaxos.tla", "trace-mapping.json"}) Files.copy(src.resolve(f), tmp.resolve(f));
        Path map = tmp.resolve("trace-mapping.json");
        Files.writeString(map, Files.readString(map).replace("\"b\": \"msg.bal\"", "\"zz\": \"msg.bal\""));
        BadTraceException e = assertThrows(BadTraceException.class, () -> TraceSpecGenerator.fromSpecDir(tmp));
        assertTrue(e.getMessage().contains("params: zz is not a parameter of"), e.getMessage());
    }
}
