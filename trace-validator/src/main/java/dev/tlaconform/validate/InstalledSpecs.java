package dev.tlaconform.validate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The specs tlaconform itself ships, found wherever a command runs: the {@code specs/} directory
 * of the installation (looked for above where tlaconform's classes are, e.g. the repository a
 * jar was built in), else the copy packed in the tlaconform jar ({@code specs/<protocol>/...} on
 * the class path), extracted once per process to a temporary directory deleted on exit. The
 * fallback after the walk up from the working directory and the trace's directory.
 */
public final class InstalledSpecs {
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private InstalledSpecs() {}

    /** The shipped spec directory of a protocol ({@code specs/<protocol>} with its trace mapping), if any. */
    public static Optional<Path> find(String protocol) {
        if (!protocol.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        Optional<Path> root = specsRoot();
        if (root.isPresent() && Files.isRegularFile(root.get().resolve(protocol).resolve(TraceMapping.FILE_NAME))) {
            return Optional.of(root.get().resolve(protocol));
        }
        return packed(protocol, InstalledSpecs.class.getClassLoader());
    }

    /** The installation's {@code specs/} directory: the nearest above tlaconform's classes. */
    public static Optional<Path> specsRoot() {
        Path code;
        try {
            code = Path.of(InstalledSpecs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException unknown) {
            return Optional.empty();
        }
        int up = 0;
        for (Path d = code.toAbsolutePath().getParent(); d != null && up < 6; d = d.getParent(), up++) {
            Path s = d.resolve("specs");
            if (Files.isDirectory(s)) {
                try (Stream<Path> kids = Files.list(s)) {
                    if (kids.anyMatch(k -> Files.isRegularFile(k.resolve(TraceMapping.FILE_NAME)))) {
                        return Optional.of(s);
                    }
                } catch (IOException unreadable) {
                    // keep looking
                }
            }
        }
        return Optional.empty();
    }

    /** specs/<protocol> packed in a jar (or a classes directory) on the class path, copied out. */
    static Optional<Path> packed(String protocol, ClassLoader loader) {
        Path done = EXTRACTED.get(protocol);
        if (done != null) {
            return Optional.of(done);
        }
        String prefix = "specs/" + protocol + "/";
        URL mapping = loader.getResource(prefix + TraceMapping.FILE_NAME);
        if (mapping == null) {
            return Optional.empty();
        }
        try {
            Path out = dev.tlaconform.check.ExitCleanup.tempDir("tlaconform-specs-").resolve(protocol);   // deleted on exit
            Files.createDirectories(out);
            if (mapping.getProtocol().equals("file")) {
                Path dir = Path.of(mapping.toURI()).getParent();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f)) {
                            Files.copy(f, out.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else if (mapping.getProtocol().equals("jar")) {
                String jar = mapping.getPath().substring("file:".length(), mapping.getPath().indexOf("!/"));
                try (ZipFile z = new ZipFile(Path.of(new java.net.URI("file:" + jar)).toFile())) {
                    Enumeration<? extends ZipEntry> es = z.entries();
                    while (es.hasMoreElements()) {
                        ZipEntry e = es.nextElement();
                        String name = e.getName();
                        if (!e.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                            try (InputStream in = z.getInputStream(e)) {
                                Files.copy(in, out.resolve(name.substring(prefix.length())), StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                }
            } else {
                return Optional.empty();
            }
            EXTRACTED.put(protocol, out);
            return Optional.of(out);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
