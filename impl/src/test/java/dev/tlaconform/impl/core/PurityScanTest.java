package dev.tlaconform.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Protocol code is a pure deterministic state machine: the protocol packages (core and one per
 * protocol) must not use threads, clocks, I/O, environment, unseeded or global randomness, or
 * hash-ordered collections. Scans their sources; the drivers (sim, trace, cluster) are exempt, and
 * so is {@code crypto} (SHA-256 digests and Ed25519 signatures for PBFT: the JCA needs in-memory
 * byte streams and a seeded SecureRandom; that its keys and signatures depend only on the seed is
 * tested by AuthenticatorTest).
 */
class PurityScanTest {
    static final List<String> PROTOCOL_PACKAGES = List.of("core", "paxos", "multipaxos", "zab", "pbft", "fastpaxos", "epaxos", "nakamoto");

    static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("import\\s+java\\.(io|nio|net)\\."),
            Pattern.compile("import\\s+java\\.time\\."),
            Pattern.compile("java\\.util\\.concurrent"),
            Pattern.compile("\\bThread\\b|\\bsynchronized\\b|\\bExecutor"),
            Pattern.compile("System\\.(currentTimeMillis|nanoTime|getenv|getProperty|in\\b|out\\b|err\\b)"),
            Pattern.compile("java\\.util\\.Random\\b|new\\s+Random\\s*\\(|Math\\.random|ThreadLocalRandom|SecureRandom"),
            Pattern.compile("\\bHash(Map|Set)\\b|\\bIdentityHashMap\\b|identityHashCode|\\bUUID\\b"),
            Pattern.compile("\\bInstant\\b|\\bLocalDateTime\\b|\\bDate\\b\\s*\\("));

    /** Forbidden uses in one source text, as "line: text" (comments are not exempt: keep them clean too). */
    static List<String> violations(String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Pattern p : FORBIDDEN) {
                Matcher m = p.matcher(lines[i]);
                if (m.find()) {
                    found.add((i + 1) + ": " + lines[i].trim());
                    break;
                }
            }
        }
        return found;
    }

    @Test
    void protocolPackagesArePure() throws IOException {
        Path root = Path.of("src/main/java/dev/tlaconform/impl");
        assertTrue(Files.isDirectory(root.resolve("core")), "run from the impl module: " + root.toAbsolutePath());
        List<String> bad = new ArrayList<>();
        int files = 0;
        for (String pkg : PROTOCOL_PACKAGES) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    files++;
                    for (String v : violations(Files.readString(f))) {
                        bad.add(f + ":" + v);
                    }
                }
            }
        }
        assertTrue(files >= 10, "scanned only " + files + " files");
        assertEquals(List.of(), bad, "impure protocol code:\n" + String.join("\n", bad));
    }

    @Test
    void theScanCatchesEachKindOfImpurity() {
        String[] bad = {
            "import java.io.File;", "import java.nio.file.Path;", "import java.time.Clock;",
            "new Thread(r).start();", "long t = System.nanoTime();", "long t = System.currentTimeMillis();",
            "import java.util.Random;", "double d = Math.random();", "Map<K, V> m = new HashMap<>();",
            "Set<K> s = new HashSet<>();", "synchronized (this) {}", "java.util.concurrent.Executors.x();",
            "int h = System.identityHashCode(o);", "String env = System.getenv(\"X\");"
        };
        for (String b : bad) {
            assertEquals(1, violations("class X {\n" + b + "\n}").size(), "not caught: " + b);
        }
        assertEquals(List.of(), violations("import java.util.TreeMap;\nimport java.util.SplittableRandom;\nRandomSource r;"));
    }
}
