package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFileTest {

    @Test
    void commentsAreSkippedAndMarkersRead() {
        CfgFile f = CfgFile.parse(Path.of("M.cfg"), String.join("\n",
                "\\* tlaconform: ci",
                "\\* tlaconform: spec=Other.tla expect=violation:Agreement",
                "(* PROPERTY Hidden (* nested *) still hidden *)",
                "CONSTANTS N = 3",
                "INVARIANT Agreement \\* PROPERTY in a comment",
                "PROPERTIES Live"));
        assertTrue(f.isCiModel());
        assertEquals("Other.tla", f.marker("spec").orElseThrow());
        assertEquals("violation:Agreement", f.marker("expect").orElseThrow());
        assertFalse(f.keyword("PROPERTY").isPresent(), "only in comments");
        CfgFile.Token props = f.keyword("PROPERTY", "PROPERTIES").orElseThrow();
        assertEquals(6, props.line());
        assertEquals(1, props.column());
        CfgFile.Token inv = f.identifier("Agreement").orElseThrow();
        assertEquals(5, inv.line());
        assertEquals(11, inv.column());
    }

    @Test
    void ciModelsAreFoundWithTheirSpecAndExpectation(@TempDir Path root) throws Exception {
        Path specs = Files.createDirectories(root.resolve("specs/demo"));
        Files.writeString(specs.resolve("MCA.cfg"), "\\* tlaconform: ci\nINIT Init\nNEXT Next\n");
        Files.writeString(specs.resolve("MCB.cfg"), "\\* tlaconform: ci\n\\* tlaconform: spec=A.tla\n"
                + "\\* tlaconform: expect=violation:Inv\nINIT Init\n");
        Files.writeString(specs.resolve("Big.cfg"), "INIT Init\nNEXT Next\n");
        Path nested = Files.createDirectories(root.resolve("specs/demo/deeper"));
        assertEquals(specs.getParent(), CiModels.findSpecsDir(null, nested).orElseThrow());
        List<CiModels.Model> models = CiModels.find(root.resolve("specs"));
        assertEquals(2, models.size(), "Big.cfg is not marked for CI");
        assertEquals(specs.resolve("MCA.tla"), models.get(0).spec());
        assertFalse(models.get(0).expectViolation());
        assertEquals(specs.resolve("A.tla"), models.get(1).spec());
        assertTrue(models.get(1).expectViolation());
        assertEquals("Inv", models.get(1).expectedName());
    }
}
