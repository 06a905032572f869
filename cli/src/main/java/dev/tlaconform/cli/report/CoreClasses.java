package dev.tlaconform.cli.report;

import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.sim.Protocols;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The protocol cores' classes as {@link Coverage} analyses them: the class files of a core's
 * package, from the jar or directory the simulator's classes come from, and the spec actions each
 * {@code @SpecAction} method declares.
 */
final class CoreClasses {
    private CoreClasses() {}

    /** name+descriptor -> the spec action(s) of each @SpecAction method of {@code className}. */
    static Map<String, String> specActions(String className) {
        Map<String, String> out = new TreeMap<>();
        try {
            Class<?> c = Class.forName(className, false, CoreClasses.class.getClassLoader());
            for (Method m : c.getDeclaredMethods()) {
                SpecAction a = m.getAnnotation(SpecAction.class);
                if (a != null) {
                    out.put(m.getName() + org.objectweb.asm.Type.getMethodDescriptor(m), String.join(",", a.value()));
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // no handlers listed for it
        }
        return out;
    }

    /** The class files of one package, from the jar or directory the simulator's classes come from. */
    static Map<String, byte[]> classFiles(String pkg) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        Path where;
        try {
            where = Path.of(Protocols.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return out;
        }
        if (Files.isDirectory(where)) {
            Path dir = where.resolve(pkg);
            if (Files.isDirectory(dir)) {
                try (var s = Files.list(dir)) {
                    for (Path f : s.filter(x -> x.toString().endsWith(".class")).sorted().toList()) {
                        out.put(pkg + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.startsWith(pkg) && n.endsWith(".class") && n.indexOf('/', pkg.length()) < 0) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.put(n, in.readAllBytes());
                        }
                    }
                }
            }
        }
        return out;
    }
}
