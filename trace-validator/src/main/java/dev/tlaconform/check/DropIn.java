package dev.tlaconform.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model needs that TLC 2.18 lacks, prepared in the parent before TLC starts: the cfg
 * keywords newer TLC releases know and this one rejects ({@code POSTCONDITION}, {@code ALIAS})
 * are blanked in a copy of the cfg (same lines and columns, so TLC's cfg errors still point at
 * the user's file) and handed to the child runner, which emulates them: a POSTCONDITION is
 * evaluated once TLC has finished, an ALIAS is applied to the states of a counterexample. A
 * spec that reads a log ({@code ndJsonDeserialize}, {@code JsonDeserialize}) is a trace spec:
 * its liveness properties are checked once at the end ({@code -lncheck final}, as trace
 * validation with TLC is run) unless told otherwise.
 *
 * @param tlcConfig      the cfg TLC reads (the original, or the copy without the emulated keywords)
 * @param postconditions the POSTCONDITION definitions, in cfg order
 * @param alias          the ALIAS definition, or null
 * @param traceSpec      whether the spec (or a module of its directory it uses) reads an NDJSON/JSON log
 * @param properties     whether the cfg names temporal properties (PROPERTY, PROPERTIES)
 */
record DropIn(Path tlcConfig, List<String> postconditions, String alias, boolean traceSpec, boolean properties) {
    private static final Set<String> KEYWORDS = Set.of("INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
            "PROPERTY", "PROPERTIES", "CONSTANT", "CONSTANTS", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
            "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "TYPE", "TYPE_CONSTRAINT", "POSTCONDITION",
            "POSTCONDITIONS", "ALIAS");
    private static final Pattern DEPENDS = Pattern.compile("\\b(?:EXTENDS|INSTANCE)\\b([^\\n=]*)");
    private static final Pattern READS_LOG = Pattern.compile("\\b(?:ndJsonDeserialize|JsonDeserialize)\\b");

    /** Prepares the run: reads the cfg, writes the copy TLC reads into {@code tmp} if needed. */
    static DropIn prepare(Path spec, Path cfg, Path tmp) throws IOException {
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        CfgFile parsed = CfgFile.parse(cfg, text);
        List<CfgFile.Token> tokens = parsed.tokens();
        List<String> post = new ArrayList<>();
        String alias = null;
        List<CfgFile.Token> blank = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String k = tokens.get(i).text();
            if (!k.equals("POSTCONDITION") && !k.equals("POSTCONDITIONS") && !k.equals("ALIAS")) {
                continue;
            }
            blank.add(tokens.get(i));
            int j = i + 1;
            for (; j < tokens.size() && !KEYWORDS.contains(tokens.get(j).text()); j++) {
                blank.add(tokens.get(j));
                if (k.equals("ALIAS")) {
                    alias = tokens.get(j).text();
                } else {
                    post.add(tokens.get(j).text());
                }
            }
            i = j - 1;
        }
        Path tlcCfg = cfg;
        if (!blank.isEmpty()) {
            tlcCfg = tmp.resolve(cfg.getFileName().toString());
            Files.writeString(tlcCfg, blanked(text, blank), StandardCharsets.UTF_8);
        }
        boolean props = parsed.keyword("PROPERTY", "PROPERTIES").isPresent();
        return new DropIn(tlcCfg, List.copyOf(post), alias, readsLog(spec), props);
    }

    /** The cfg text with the given tokens replaced by spaces (lines and columns unchanged). */
    static String blanked(String text, List<CfgFile.Token> tokens) {
        String[] lines = text.split("\n", -1);
        for (CfgFile.Token t : tokens) {
            String l = lines[t.line() - 1];
            int from = t.column() - 1;
            int to = Math.min(l.length(), from + t.text().length());
            lines[t.line() - 1] = l.substring(0, from) + " ".repeat(to - from) + l.substring(to);
        }
        return String.join("\n", lines);
    }

    /** Whether the spec or a module of its directory it EXTENDS or INSTANCEs (transitively) reads a JSON log. */
    static boolean readsLog(Path spec) {
        Path dir = spec.toAbsolutePath().getParent();
        Deque<Path> todo = new ArrayDeque<>(List.of(spec.toAbsolutePath()));
        Set<Path> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < 200) {
            Path f = todo.poll();
            if (!seen.add(f) || !Files.isRegularFile(f)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException unreadable) {
                continue;
            }
            if (READS_LOG.matcher(text).find()) {
                return true;
            }
            Matcher m = DEPENDS.matcher(text);
            while (m.find()) {
                for (String name : m.group(1).split("[,\\s]+")) {
                    if (name.matches("[A-Za-z0-9_]+")) {
                        todo.add(dir.resolve(name + ".tla"));
                    }
                }
            }
        }
        return false;
    }
}
