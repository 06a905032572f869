package dev.tlaconform.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A TLC model configuration (.cfg) as tokens, read in the parent JVM without TLC: enough to see
 * which keywords it uses (PROPERTY under --distributed), where an identifier first appears (to
 * point a config error at its line) and the tlaconform markers in its comments:
 *
 * <pre>
 * \* tlaconform: ci                      check this model in `tlaconform check --all`
 * \* tlaconform: spec=Other.tla          its spec (default: the .tla with the cfg's base name)
 * \* tlaconform: expect=violation[:Name] a violation (of Name) is the expected outcome
 * </pre>
 */
public final class CfgFile {
    /** A token of the cfg with its 1-based position. */
    public record Token(String text, int line, int column) {}

    private final Path path;
    private final List<Token> tokens;
    private final List<String> markers;

    private CfgFile(Path path, List<Token> tokens, List<String> markers) {
        this.path = path;
        this.tokens = tokens;
        this.markers = markers;
    }

    public static CfgFile read(Path path) throws IOException {
        return parse(path, Files.readString(path, StandardCharsets.UTF_8));
    }

    static CfgFile parse(Path path, String text) {
        List<Token> tokens = new ArrayList<>();
        List<String> markers = new ArrayList<>();
        int i = 0;
        int line = 1;
        int col = 1;
        int depth = 0; // nesting of (* ... *)
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                i++;
                line++;
                col = 1;
                continue;
            }
            if (depth > 0) {
                if (text.startsWith("*)", i)) {
                    depth--;
                    i += 2;
                    col += 2;
                } else if (text.startsWith("(*", i)) {
                    depth++;
                    i += 2;
                    col += 2;
                } else {
                    i++;
                    col++;
                }
                continue;
            }
            if (text.startsWith("(*", i)) {
                depth++;
                i += 2;
                col += 2;
                continue;
            }
            if (text.startsWith("\\*", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                String comment = text.substring(i + 2, end).trim();
                if (comment.startsWith("tlaconform:")) {
                    markers.add(comment.substring("tlaconform:".length()).trim());
                }
                col += end - i;
                i = end;
                continue;
            }
            if (Character.isWhitespace(c)) {
                i++;
                col++;
                continue;
            }
            int start = i;
            int startCol = col;
            if (isWordChar(c)) {
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
            } else if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(n, i + 1);
            } else {
                i++;
            }
            col += i - start;
            tokens.add(new Token(text.substring(start, i), line, startCol));
        }
        return new CfgFile(path, Collections.unmodifiableList(tokens), Collections.unmodifiableList(markers));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    public Path path() {
        return path;
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** The first token equal to one of the given keywords (TLC's cfg keywords are upper case). */
    public Optional<Token> keyword(String... keywords) {
        for (Token t : tokens) {
            for (String k : keywords) {
                if (t.text().equals(k)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /** The first occurrence of an identifier in the cfg. */
    public Optional<Token> identifier(String name) {
        return tokens.stream().filter(t -> t.text().equals(name)).findFirst();
    }

    /** Whether the cfg carries {@code \* tlaconform: ci}. */
    public boolean isCiModel() {
        return markers.stream().anyMatch(m -> m.equals("ci") || m.startsWith("ci ") || m.startsWith("ci,"));
    }

    /** The value of marker {@code key=...}, e.g. {@code spec=Other.tla}. */
    public Optional<String> marker(String key) {
        String prefix = key.toLowerCase(Locale.ROOT) + "=";
        for (String m : markers) {
            for (String part : m.split("[\\s,]+")) {
                if (part.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return Optional.of(part.substring(prefix.length()));
                }
            }
        }
        return Optional.empty();
    }
}
