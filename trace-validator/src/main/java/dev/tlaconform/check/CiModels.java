package dev.tlaconform.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models {@code tlaconform check --all} runs: every .cfg under {@code specs/} marked
 * {@code \* tlaconform: ci}, in path order. See {@link CfgFile} for the markers.
 */
public final class CiModels {
    /**
     * One CI model.
     *
     * @param cfg            the model
     * @param spec           its root module
     * @param expectViolation whether a violation is the expected (passing) outcome
     * @param expectedName   the invariant or property that must be the one violated (null: any)
     */
    public record Model(Path cfg, Path spec, boolean expectViolation, String expectedName) {
        /** Whether a report is what this model expects. */
        public boolean met(CheckReport r) {
            if (!expectViolation) {
                return r.holds();
            }
            if (!CheckReport.VIOLATION.equals(r.verdict()) || r.violation() == null) {
                return false;
            }
            return expectedName == null || expectedName.equals(r.violation().name());
        }

        public String expectation() {
            return expectViolation ? "violation" + (expectedName == null ? "" : ":" + expectedName) : "holds";
        }
    }

    private CiModels() {}

    /** The specs/ directory: under {@code root} if given, else in the current directory or above. */
    public static Optional<Path> findSpecsDir(Path root, Path cwd) {
        if (root != null) {
            Path s = root.resolve("specs");
            return Files.isDirectory(s) ? Optional.of(s) : Optional.empty();
        }
        for (Path d = cwd.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("specs"))) {
                return Optional.of(d.resolve("specs"));
            }
        }
        return dev.tlaconform.validate.InstalledSpecs.specsRoot(); // the installation's own
    }

    public static List<Model> find(Path specsDir) throws IOException {
        List<Path> cfgs;
        try (Stream<Path> s = Files.walk(specsDir)) {
            cfgs = s.filter(p -> p.getFileName().toString().endsWith(".cfg") && Files.isRegularFile(p)).sorted().toList();
        }
        List<Model> models = new ArrayList<>();
        for (Path cfg : cfgs) {
            CfgFile f = CfgFile.read(cfg);
            if (!f.isCiModel()) {
                continue;
            }
            String base = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
            Path spec = cfg.resolveSibling(f.marker("spec").orElse(base + ".tla"));
            Optional<String> expect = f.marker("expect");
            boolean violation = expect.isPresent() && expect.get().startsWith("violation");
            String name = null;
            if (violation && expect.get().startsWith("violation:")) {
                name = expect.get().substring("violation:".length());
            }
            models.add(new Model(cfg, spec, violation, name));
        }
        return models;
    }
}
