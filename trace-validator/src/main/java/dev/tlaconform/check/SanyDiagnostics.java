package dev.tlaconform.check;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tla2sany.drivers.SANY;
import tla2sany.modanalyzer.SpecObj;
import tla2sany.parser.TLAplusParser;
import tla2sany.semantic.Errors;
import tla2sany.semantic.ModuleNode;
import tla2sany.semantic.OpDeclNode;
import tla2sany.st.Location;

/**
 * Finds where a broken spec is broken, inside the child JVM, after TLC said only "Parsing or
 * semantic analysis failed". Syntax errors: TLA+'s own parser is run on each module of the spec
 * (the root, then the user modules it EXTENDS or INSTANCEs) and its first error is read. Semantic errors: SANY is run again and its error list read, each
 * error's location parsed with TLC's {@link Location} parser.
 */
final class SanyDiagnostics {
    /** A located problem: file may be null when SANY gave no module. */
    record Problem(String file, int line, int column, String message) {}

    /** javacc's fixed wording of a position ("at line 6, column 1"). */
    private static final Pattern JAVACC_POSITION = Pattern.compile("at line (\\d+), column (\\d+)");
    /** SANY's wording for an unterminated comment. */
    private static final Pattern AROUND_LINE = Pattern.compile("around line (\\d+)");

    private SanyDiagnostics() {}

    /** The first syntax or semantic error of the spec rooted at {@code specFile}, or null. */
    static Problem locate(File specFile) {
        Problem p = firstSyntaxError(specFile);
        return p != null ? p : firstSemanticError(specFile);
    }

    private static Problem firstSyntaxError(File root) {
        File dir = root.getAbsoluteFile().getParentFile();
        try (PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            // The parser needs SANY's operator tables, set up by its front end.
            SANY.frontEndInitialize(new SpecObj(root.getPath(), new PrivateModules(dir.getPath())), sink);
        } catch (Exception | Error e) {
            return null;
        }
        Deque<File> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        todo.add(root.getAbsoluteFile());
        while (!todo.isEmpty() && seen.size() < 200) {
            File f = todo.poll();
            if (!seen.add(f.getPath()) || !f.isFile()) {
                continue;
            }
            try (InputStream in = new FileInputStream(f)) {
                TLAplusParser parser = new TLAplusParser(in, StandardCharsets.UTF_8.name());
                if (!parser.parse()) {
                    return fromParserError(f, parserErrors(parser));
                }
                for (String dep : parser.dependencies()) {
                    File d = new File(dir, dep + ".tla");
                    if (d.isFile()) {
                        todo.add(d);
                    }
                }
            } catch (IOException | RuntimeException | ReflectiveOperationException e) {
                return null;
            }
        }
        return null;
    }

    /** The parser keeps its errors in a package-private list: read it. */
    private static String parserErrors(TLAplusParser parser) throws ReflectiveOperationException {
        Field f = TLAplusParser.class.getDeclaredField("PErrors");
        f.setAccessible(true);
        Object errs = f.get(parser);
        if (errs instanceof tla2sany.st.ParseErrors) {
            for (tla2sany.st.ParseError e : ((tla2sany.st.ParseErrors) errs).errors()) {
                String r = e.reportedError();
                if (r != null && !r.isBlank()) {
                    return r;
                }
            }
        }
        return "";
    }

    /**
     * A parser error: the location is either TLC's own ("at location line L, col C to ... of
     * module M", read with {@link Location}) or javacc's ("at line L, column C").
     */
    static Problem fromParserError(File f, String reported) {
        String text = reported.replace("***Parse Error***", "").trim();
        int cut = text.indexOf("Residual stack trace follows:");
        if (cut >= 0) {
            text = text.substring(0, cut).trim();
        }
        int line = 0;
        int col = 0;
        Location loc = EventRecorder.firstLocation(text);
        if (loc != null) {
            line = loc.beginLine();
            col = loc.beginColumn();
        } else {
            Matcher m = JAVACC_POSITION.matcher(text);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                col = Integer.parseInt(m.group(2));
            } else {
                Matcher a = AROUND_LINE.matcher(text);
                if (a.find()) {
                    line = Integer.parseInt(a.group(1));
                    col = 1;
                }
            }
        }
        return new Problem(f.getPath(), line, col, oneLine(text));
    }

    private static Problem firstSemanticError(File root) {
        SpecObj spec = loadSpec(root);
        if (spec == null) {
            return null;
        }
        for (Errors errs : new Errors[] {spec.getInitErrors(), spec.getParseErrors(), spec.getSemanticErrors()}) {
            if (errs == null) {
                continue;
            }
            for (String[] list : new String[][] {errs.getAborts(), errs.getErrors()}) {
                for (String msg : list) {
                    Problem p = fromSanyMessage(root, msg);
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    /** SANY's wording for a module it cannot find. */
    private static final Pattern MISSING_MODULE =
            Pattern.compile("Cannot find source file for module (\\w+) imported in module (\\w+)");
    /** Community modules tlaconform does not ship (the ones it ships are found wherever the spec is). */
    private static final String SHIPPED = "Json, IOUtils, TLCExt, SequencesExt, FiniteSetsExt, BagsExt, Functions, Folds, VectorClocks";

    static Problem fromSanyMessage(File root, String msg) {
        if (msg == null || msg.isBlank()) {
            return null;
        }
        Matcher missing = MISSING_MODULE.matcher(msg);
        if (missing.find()) {
            return missingModule(root, missing.group(1), missing.group(2));
        }
        Location loc = EventRecorder.firstLocation(msg);
        String text = msg.trim();
        if (loc != null) {
            // SANY writes "<location>\n\n<message>": keep the message part.
            int nl = text.indexOf('\n');
            if (nl > 0) {
                text = text.substring(nl).trim();
            }
            return new Problem(moduleFile(root, loc.source()), loc.beginLine(), loc.beginColumn(), oneLine(text));
        }
        return new Problem(root.getPath(), 0, 0, oneLine(text));
    }

    /** "Cannot find module X": pointed at the EXTENDS/INSTANCE line that names it, with where SANY looked. */
    private static Problem missingModule(File root, String module, String importer) {
        File f = new File(moduleFile(root, importer));
        int line = 0;
        int col = 0;
        try {
            List<String> lines = java.nio.file.Files.readAllLines(f.toPath(), StandardCharsets.UTF_8);
            Pattern word = Pattern.compile("\\b" + Pattern.quote(module) + "\\b");
            for (int i = 0; i < lines.size() && line == 0; i++) {
                Matcher m = word.matcher(lines.get(i));
                if (m.find() && (lines.get(i).contains("EXTENDS") || lines.get(i).contains("INSTANCE") || i > 0)) {
                    line = i + 1;
                    col = m.start() + 1;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no line
        }
        return new Problem(f.isFile() ? f.getPath() : root.getPath(), line, col, "Cannot find module " + module
                + " (imported in module " + importer + "): no " + module + ".tla beside the spec, among TLC's standard"
                + " modules or tlaconform's community modules (" + SHIPPED + "); put " + module + ".tla beside the spec");
    }

    /** Where a CONSTANT is declared in the spec, for "constant not assigned" errors. */
    static Problem constantDeclaration(File root, String name) {
        SpecObj spec = loadSpec(root);
        if (spec == null || spec.getExternalModuleTable() == null) {
            return null;
        }
        ModuleNode m = spec.getExternalModuleTable().getRootModule();
        if (m == null) {
            return null;
        }
        for (OpDeclNode d : m.getConstantDecls()) {
            if (d.getName().toString().equals(name)) {
                Location l = d.getLocation();
                return new Problem(moduleFile(root, l.source()), l.beginLine(), l.beginColumn(), null);
            }
        }
        return null;
    }

    private static SpecObj loadSpec(File root) {
        File dir = root.getAbsoluteFile().getParentFile();
        String name = root.getName().endsWith(".tla") ? root.getName().substring(0, root.getName().length() - 4) : root.getName();
        SpecObj spec = new SpecObj(new File(dir, name).getPath(), new PrivateModules(dir.getPath()));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            SANY.frontEndMain(spec, new File(dir, name + ".tla").getPath(), ps);
        } catch (Exception | Error e) {
            // SANY reports through spec's error lists; an abort lands there too
        }
        return spec;
    }

    private static String moduleFile(File root, String module) {
        File dir = root.getAbsoluteFile().getParentFile();
        File f = new File(dir, module + ".tla");
        return f.isFile() ? f.getPath() : module + ".tla";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
