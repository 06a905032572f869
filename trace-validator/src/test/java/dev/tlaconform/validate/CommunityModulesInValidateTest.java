package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate puts tlaconform's community modules on the module path of a spec that uses them (with
 * their Java overrides), a spec's own copy winning; it says which it used.
 */
class CommunityModulesInValidateTest {
    static Path res(String p) throws Exception {
        return Path.of(CommunityModulesInValidateTest.class.getResource("/" + p).toURI());
    }

    @Test
    void aSpecUsingCommunityModulesValidatesAndSaysWhoseCopies(@TempDir Path tmp) throws Exception {
        Path dir = res("specs/communitytoy");
        try (Validator v = new Validator()) {
            ValidationResult ok = v.validate(res("traces/communitytoy/valid.ndjson"), dir, 1000);
            assertTrue(ok.accepted(), ok.render());
            ValidationResult five = v.validate(res("traces/communitytoy/five.ndjson"), dir, 1000);
            assertFalse(five.accepted(), five.render());
            assertTrue(five.render().contains("NoFive"), five.render());
            assertEquals(List.of(dir + ": community modules FiniteSetsExt (tlaconform's), SequencesExt (tlaconform's)"),
                    v.moduleNotes());
        }
        // the spec's own copy of a module wins
        Path own = tmp.resolve("communitytoy");
        Files.createDirectories(own);
        for (String f : new String[] {"ToyLog.tla", "trace-mapping.json"}) {
            Files.copy(dir.resolve(f), own.resolve(f));
        }
        try (var in = SpecDir.class.getResourceAsStream("/SequencesExt.tla")) {
            Files.copy(in, own.resolve("SequencesExt.tla"));
        }
        // (the spec's own SequencesExt EXTENDS Folds and Functions: tlaconform's copies of those)
        assertEquals(List.of("FiniteSetsExt (tlaconform's)", "Folds (tlaconform's)", "Functions (tlaconform's)",
                "SequencesExt (the spec's own)"), SpecDir.communityModules(own));
        try (Validator v = new Validator()) {
            assertTrue(v.validate(res("traces/communitytoy/valid.ndjson"), own, 1000).accepted());
        }
    }

    /**
     * The Java definitions apply in the fast engine (the spec is loaded in its own class loader):
     * here the spec's own SequencesExt defines Contains as a failing Assert, so the trace is accepted
     * only if the Java definition of SequencesExt!Contains is the one evaluated. (TLC's class lookup
     * went through the module resolver, which answered "tlc2.overrides.TLCOverrides.class" with a
     * file that does not exist; TLC then took that class from the application's class loader, not an
     * ITLCOverrides of the spec's TLC, and applied no Java definition at all.)
     */
    @Test
    void theJavaDefinitionsApplyInTheFastEngine(@TempDir Path tmp) throws Exception {
        Path dir = res("specs/communitytoy");
        Path own = tmp.resolve("communitytoy");
        Files.createDirectories(own);
        for (String f : new String[] {"ToyLog.tla", "trace-mapping.json"}) {
            Files.copy(dir.resolve(f), own.resolve(f));
        }
        String ext;
        try (var in = SpecDir.class.getResourceAsStream("/SequencesExt.tla")) {
            ext = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String def = "Contains(s, e) ==";
        int at = ext.indexOf(def);
        assertTrue(at >= 0, "SequencesExt defines Contains");
        int end = ext.indexOf("\n\n", at);
        ext = ext.substring(0, at) + def + " Assert(FALSE, \"the TLA+ definition of Contains was evaluated\")" + ext.substring(end);
        assertTrue(ext.matches("(?s).*\\nEXTENDS [^\\n]*TLC\\n.*"), "SequencesExt EXTENDS TLC (Assert)");
        Files.writeString(own.resolve("SequencesExt.tla"), ext);
        try (Validator v = new Validator()) {
            ValidationResult ok = v.validate(res("traces/communitytoy/valid.ndjson"), own, 1000);
            assertTrue(ok.accepted(), ok.render());
            ValidationResult five = v.validate(res("traces/communitytoy/five.ndjson"), own, 1000);
            assertFalse(five.accepted(), five.render());
            assertTrue(five.render().contains("NoFive"), five.render());
        }
    }
}
