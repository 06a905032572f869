package dev.tlaconform.cli.walkthrough;

import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.sim.SimConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;

/**
 * The Java side of a walkthrough: every method carrying {@link SpecAction} in the packages of a
 * protocol's node classes (found by reflection: the classes of the nodes {@code Protocols.create}
 * builds, and their package's other classes), with its source file, line and text when the source
 * tree is at hand.
 */
public final class Handlers {
    private Handlers() {}

    /**
     * One handler of one spec action.
     *
     * @param action the spec action it names
     * @param cls    its class
     * @param method its method name
     * @param source its source file, or null when not found
     * @param line   the line of the method declaration (0 when the source is not found)
     * @param code   the method's source text from its annotation to its closing brace ("" without source)
     */
    public record Handler(String action, Class<?> cls, String method, Path source, int line, String code) {
        /** e.g. {@code PaxosNode#phase1b}. */
        public String name() {
            return cls.getSimpleName() + "#" + method;
        }
    }

    /** The handlers of {@code protocol}, sorted by action, class and method; sources looked up under {@code repo}. */
    public static List<Handler> of(String protocol, Path repo) {
        List<Handler> out = new ArrayList<>();
        for (Class<?> c : classes(protocol)) {
            for (Method m : c.getDeclaredMethods()) {
                SpecAction a = m.getAnnotation(SpecAction.class);
                if (a == null) {
                    continue;
                }
                Path src = sourceOf(c, repo);
                int[] range = src == null ? null : methodRange(src, m.getName());
                String code = range == null ? "" : slice(src, range);
                for (String action : a.value()) {
                    out.add(new Handler(action, c, m.getName(), src, range == null ? 0 : range[1], code));
                }
            }
        }
        out.sort(Comparator.comparing(Handler::action).thenComparing(h -> h.cls().getName()).thenComparing(Handler::method)
                .thenComparingInt(Handler::line));
        return out;
    }

    /** The node classes of {@code protocol} and the other classes of their packages, by name. */
    static List<Class<?>> classes(String protocol) {
        SimConfig cfg = SimConfig.builder(protocol).build();
        Protocol p = Protocols.create(cfg, null);
        TreeSet<String> names = new TreeSet<>();
        List<Class<?>> nodeClasses = new ArrayList<>();
        for (int k = 1; k <= p.nodes(); k++) {
            Class<?> c = p.newNode(k, new RandomSource(k), 10).getClass();
            if (names.add(c.getName())) {
                nodeClasses.add(c);
            }
        }
        for (Class<?> c : nodeClasses) {
            names.addAll(packageClasses(c));
        }
        List<Class<?>> out = new ArrayList<>();
        ClassLoader cl = nodeClasses.isEmpty() ? Handlers.class.getClassLoader() : nodeClasses.get(0).getClassLoader();
        for (String n : names) {
            try {
                out.add(Class.forName(n, false, cl));
            } catch (ClassNotFoundException | LinkageError e) {
                // listed but not loadable: not a handler class
            }
        }
        return out;
    }

    /** Names of the classes in {@code c}'s package, from the directory or jar it was loaded from. */
    private static List<String> packageClasses(Class<?> c) {
        String pkg = c.getPackageName();
        String dir = pkg.replace('.', '/');
        List<String> out = new ArrayList<>();
        java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return List.of(c.getName());
        }
        try {
            Path loc = Path.of(cs.getLocation().toURI());
            if (Files.isDirectory(loc)) {
                try (var s = Files.list(loc.resolve(dir))) {
                    s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".class"))
                            .forEach(f -> out.add(pkg + "." + f.substring(0, f.length() - 6).replace('/', '.')));
                }
            } else {
                try (JarFile jar = new JarFile(loc.toFile())) {
                    jar.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class") && n.indexOf('/', dir.length() + 1) < 0)
                            .forEach(n -> out.add(n.substring(0, n.length() - 6).replace('/', '.')));
                }
            }
        } catch (IOException | URISyntaxException | SecurityException e) {
            out.add(c.getName());
        }
        return out;
    }

    /** {@code <module>/src/main/java/<package>/<TopLevel>.java} under {@code repo}, or null. */
    static Path sourceOf(Class<?> c, Path repo) {
        Class<?> top = c;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        String rel = "src/main/java/" + top.getName().replace('.', '/') + ".java";
        if (repo == null || !Files.isDirectory(repo)) {
            return null;
        }
        try (var s = Files.list(repo)) {
            return s.sorted().map(m -> m.resolve(rel)).filter(Files::isRegularFile).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {first line (its javadoc or annotations), declaration line, last line} of the method named
     * {@code name} that carries @SpecAction in {@code src}, 1-based; null if not found.
     */
    static int[] methodRange(Path src, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(src, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        java.util.regex.Pattern decl = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\s*\\(");
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().startsWith("@SpecAction")) {
                continue;
            }
            int j = i + 1;
            while (j < lines.size() && lines.get(j).trim().startsWith("@")) {
                j++; // further annotations: the declaration is the first line after them
            }
            if (j >= lines.size() || !decl.matcher(lines.get(j)).find()) {
                continue;
            }
            int first = i;
            while (first > 0 && isDocOrAnnotation(lines.get(first - 1))) {
                first--;
            }
            int depth = 0;
            boolean opened = false;
            for (int k = j; k < lines.size(); k++) {
                for (char ch : lines.get(k).toCharArray()) {
                    if (ch == '{') {
                        depth++;
                        opened = true;
                    } else if (ch == '}') {
                        depth--;
                    }
                }
                if (opened && depth == 0) {
                    return new int[] {first + 1, j + 1, k + 1};
                }
            }
            return new int[] {first + 1, j + 1, j + 1};
        }
        return null;
    }

    private static boolean isDocOrAnnotation(String line) {
        String t = line.trim();
        return t.startsWith("/**") || t.startsWith("*") || t.startsWith("@");
    }

    private static String slice(Path src, int[] range) {
        try {
            List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
            List<String> part = lines.subList(range[0] - 1, range[2]);
            int indent = part.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                    .min().orElse(0);
            StringBuilder b = new StringBuilder();
            for (String l : part) {
                b.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
            }
            return b.toString().stripTrailing();
        } catch (IOException e) {
            return "";
        }
    }
}
