package dev.tlaconform.check;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import util.SimpleFilenameToStream;

/**
 * SANY's module resolver for a spec load in this JVM, with a directory of its own for the modules
 * that live in jars. TLC's resolver copies a standard module (Naturals, Sequences, TLC, ...) or a
 * module at the root of the class path (tlaconform's community modules) out of its jar into the
 * shared {@code java.io.tmpdir}, truncating the file another load may be reading at that moment:
 * two tlaconform processes at once (or two loads in one) have failed with "Module-Table lookup
 * failure". This resolver copies such a module, before SANY looks for it, into a directory made
 * for this load alone (under java.io.tmpdir, a fresh name, deleted when the JVM exits), which
 * comes before the jar in the search path; nothing else changes (the spec's directories first,
 * then the standard modules, then the class path). Child-JVM checks get the same isolation from
 * their own java.io.tmpdir.
 */
public class PrivateModules extends SimpleFilenameToStream {
    private static final String STANDARD = "tla2sany/StandardModules/";

    private final Path dir;
    private final String[] specDirs;

    /** Resolves modules in {@code specDirs} first (as SANY's resolver does), jar modules in a private directory. */
    public PrivateModules(String... specDirs) {
        this(specDirs, newDirectory());
    }

    private PrivateModules(String[] specDirs, Path dir) {
        super(append(specDirs, dir.toString()));
        this.dir = dir;
        this.specDirs = specDirs.clone();
    }

    /** The directory this load's jar modules are copied to. */
    public Path directory() {
        return dir;
    }

    /** Whether {@code file} is a copy this resolver made of a module from a jar. */
    public boolean isCopy(File file) {
        return file.toPath().toAbsolutePath().normalize().startsWith(dir);
    }

    /**
     * The file of a module, or of another name TLC looks up (a class that overrides a module); null
     * when the latter is nowhere. TLC's resolver answers such a name with a file that does not exist,
     * and TLC's class lookup ({@code TLAClass.loadClass}) then loads the name through a new class
     * loader whose parent is the application's: {@code tlc2.overrides.TLCOverrides} came from there,
     * not from the spec's isolating class loader, was not an {@code ITLCOverrides} of that loader's
     * TLC, and TLC ignored it without a word, so no Java definition (StepOps, the community modules,
     * NDJsonTrace) applied in the fast engine. With null TLC falls back to {@code Class.forName},
     * its own class loader.
     */
    @Override
    public File resolve(String name, boolean isModule) {
        String file = fileName(name, isModule);
        if (file != null && !inSpecDirs(file)) {
            copyFromJar(file);
        }
        File f = super.resolve(name, isModule);
        if (!isModule && f != null && !f.exists()) return null;
        return f;
    }

    private static String fileName(String name, boolean isModule) {
        int nl = name.indexOf('\n');
        String n = nl >= 0 ? name.substring(0, nl) : name;
        if (isModule && !n.toLowerCase(java.util.Locale.ROOT).endsWith(".tla")) {
            n = n + ".tla";
        }
        // a plain file name only: a path is SANY's business
        return n.isEmpty() || n.contains("/") || n.contains(File.separator) ? null : n;
    }

    private boolean inSpecDirs(String file) {
        if (new File(file).exists()) {
            return true; // SANY looks in the working directory first
        }
        for (String d : specDirs) {
            if (new File(d, file).exists()) {
                return true;
            }
        }
        return false;
    }

    /** Copies {@code file} from TLC's standard modules or the class path root, once, atomically. */
    private synchronized void copyFromJar(String file) {
        Path target = dir.resolve(file);
        if (Files.exists(target)) {
            return;
        }
        ClassLoader cl = SimpleFilenameToStream.class.getClassLoader();
        InputStream in = cl.getResourceAsStream(STANDARD + file);
        if (in == null) {
            in = cl.getResourceAsStream(file);
        }
        if (in == null) {
            return; // SANY reports the missing module
        }
        try (InputStream src = in) {
            Path tmp = Files.createTempFile(dir, file, ".part");
            Files.copy(src, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            target.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the module " + file + " to " + dir, e);
        }
    }

    private static Path newDirectory() {
        try {
            Path d = Files.createTempDirectory("tlaconform-modules-").toAbsolutePath().normalize();
            d.toFile().deleteOnExit(); // registered first, deleted last: after the files in it
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the standard modules", e);
        }
    }

    private static String[] append(String[] dirs, String last) {
        String[] all = java.util.Arrays.copyOf(dirs, dirs.length + 1);
        all[dirs.length] = last;
        return all;
    }
}
