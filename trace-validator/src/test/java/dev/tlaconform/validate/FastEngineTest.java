package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FastEngineTest {
    static final Path SPECS = Path.of("src/test/resources/specs");
    static final Path TRACES = Path.of("src/test/resources/traces");
    static Validator validator;

    @BeforeAll
    static void open() {
        validator = new Validator(Path.of("src/test/resources"));
    }

    @AfterAll
    static void close() {
        validator.close();
    }

    @Test
    void validToyPaxosTraceIsAccepted() throws Exception {
        ValidationResult r = validator.validate(TRACES.resolve("toypaxos/valid.ndjson"), null, 1000);
        System.out.println(r.render());
        assertTrue(r.accepted(), r.render());
        assertEquals(7, r.events());
    }
}
