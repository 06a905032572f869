package dev.tlaconform.validate.engine;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tla2sany.drivers.SANY;
import tla2sany.modanalyzer.SpecObj;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDefNode;
import tla2sany.st.Location;

/**
 * Where operators are defined, by SANY: loaded in a spec's isolating class loader (SANY's static
 * state stays there) and called reflectively by {@code dev.tlaconform.validate.SpecActions}, so
 * its answer is made of JDK types only.
 */
public final class OperatorLocator {
    private OperatorLocator() {}

    /**
     * Parses {@code dir/root.tla} (and what it EXTENDS) and returns, for each of {@code names}
     * that the root module sees, {module, file, beginLine, beginColumn, endLine, endColumn}; a
     * name it does not define is absent. A spec SANY rejects gives a single entry under the key
     * "" holding SANY's first error.
     */
    /**
     * SANY's root module of {@code dir/root.tla} (and what it EXTENDS), or, when SANY rejects it,
     * SANY's first error as a String. SANY's "Parsing file ..." lines stay in this class loader's
     * ToolIO, not on the user's terminal.
     */
    static Object parse(String dir, String root) {
        SpecObj spec = new SpecObj(new File(dir, root).getPath(), new dev.tlaconform.check.PrivateModules(dir));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream toolOut = util.ToolIO.out;
        PrintStream toolErr = util.ToolIO.err;
        try (PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            util.ToolIO.out = ps;
            util.ToolIO.err = ps;
            SANY.frontEndMain(spec, new File(dir, root + ".tla").getPath(), ps);
        } catch (Exception | Error e) {
            return "SANY failed: " + e;
        } finally {
            util.ToolIO.out = toolOut;
            util.ToolIO.err = toolErr;
        }
        ModuleNode m = spec.getExternalModuleTable() == null ? null : spec.getExternalModuleTable().getRootModule();
        if (m == null || spec.getSemanticErrors().isFailure() || spec.getParseErrors().isFailure()) {
            String why = sink.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            return why.isEmpty() ? "SANY could not parse " + root : why;
        }
        return m;
    }

    public static Map<String, List<String>> locate(String dir, String root, List<String> names) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Object parsed = parse(dir, root);
        if (parsed instanceof String) {
            out.put("", List.of((String) parsed));
            return out;
        }
        ModuleNode m = (ModuleNode) parsed;
        for (String name : names) {
            for (OpDefNode d : m.getOpDefs()) {
                if (d.getName().toString().equals(name)) {
                    Location l = d.getLocation();
                    File f = new File(dir, l.source() + ".tla");
                    List<String> v = new ArrayList<>();
                    v.add(l.source());
                    v.add(f.isFile() ? f.getAbsolutePath() : "");
                    v.add(Integer.toString(l.beginLine()));
                    v.add(Integer.toString(l.beginColumn()));
                    v.add(Integer.toString(l.endLine()));
                    v.add(Integer.toString(l.endColumn()));
                    out.put(name, v);
                    break;
                }
            }
        }
        return out;
    }
}
