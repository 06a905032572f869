package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NDJsonTrace.tla kept beside each trace spec (for hand runs) is the one the engines use. */
class TraceModuleCopiesTest {
    @ParameterizedTest
    @ValueSource(strings = {"paxos", "multipaxos", "fastpaxos", "epaxos", "nakamoto"})
    void copyBesideTheTraceSpecIsTheEnginesOwn(String protocol) throws Exception {
        String resource = Files.readString(Path.of("src/main/resources/tla/NDJsonTrace.tla"));
        assertEquals(resource, Files.readString(Path.of("../specs", protocol, "NDJsonTrace.tla")),
                "copy src/main/resources/tla/NDJsonTrace.tla to specs/" + protocol);
    }
}
