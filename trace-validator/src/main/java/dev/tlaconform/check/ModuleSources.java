package dev.tlaconform.check;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The module resolver of a check: SANY's own (the spec's directory first, then TLC's standard
 * modules, then modules at the root of the class path, where tlaconform's community modules
 * are; those two copied into a directory of this load, {@link PrivateModules}), remembering where each community module was found so the run can say whether the spec's
 * own copy or tlaconform's was used.
 */
final class ModuleSources extends PrivateModules {
    /** The community modules tlaconform ships (at the root of the trace-validator jar). */
    static final Set<String> COMMUNITY = Set.of("Json", "IOUtils", "TLCExt", "SequencesExt", "FiniteSetsExt",
            "BagsExt", "Functions", "Folds", "VectorClocks");

    private final Path specDir;
    private final Map<String, File> found = new TreeMap<>();
    private final Map<String, java.util.SortedSet<String>> inJava = new TreeMap<>();

    ModuleSources(String specDir) {
        super(specDir);
        this.specDir = Path.of(specDir).toAbsolutePath().normalize();
    }

    @Override
    public File resolve(String name, boolean isModule) {
        File f = super.resolve(name, isModule);
        String module = name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name;
        if (isModule && COMMUNITY.contains(module) && f != null && f.exists()) {
            synchronized (found) {
                found.putIfAbsent(module, f);
            }
        }
        return f;
    }

    /**
     * Notes which operators of the community modules TLC evaluates in Java in the loaded spec
     * (tlaconform's overrides apply to a module of that name, also to the spec's own copy).
     */
    void recordOverrides(tlc2.tool.impl.Tool tool) {
        try {
            for (tla2sany.semantic.OpDefNode d : tool.getRootModule().getOpDefs()) {
                tla2sany.semantic.ModuleNode m = d.getOriginallyDefinedInModuleNode();
                String module = m == null ? null : m.getName().toString();
                if (module == null || !COMMUNITY.contains(module)) {
                    continue;
                }
                Object o = tool.lookup(d, tlc2.util.Context.Empty, false);
                if (o instanceof tlc2.value.impl.MethodValue || o instanceof tlc2.value.impl.EvaluatingValue) {
                    if (module.equals("TLCExt") && d.getName().toString().equals("Trace")) {
                        dev.tlaconform.community.TraceHistory.enable();
                    }
                    synchronized (found) {
                        inJava.computeIfAbsent(module, k -> new java.util.TreeSet<>()).add(d.getName().toString());
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            // the report goes without the list
        }
    }

    /** Emits one "module" event per community module the spec used. */
    void report(EventStream events) {
        synchronized (found) {
            for (Map.Entry<String, File> e : found.entrySet()) {
                Path p = e.getValue().toPath().toAbsolutePath().normalize();
                boolean own = !isCopy(p.toFile()) && !p.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize());
                ObjectNode ev = EventStream.event(Events.MODULE);
                ev.put("name", e.getKey());
                ev.put("origin", own ? "spec" : "tlaconform");
                ev.put("file", own ? p.toString() : "");
                var java = ev.putArray("java");
                inJava.getOrDefault(e.getKey(), new java.util.TreeSet<>()).forEach(java::add);
                events.emit(ev);
            }
        }
    }
}
