package dev.tlaconform.community;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the community-module overrides report what the user should know but TLC has no message
 * for (a JSON number read as the community module reads it, a module's provenance), and where
 * the spec's own Print/PrintT output goes. Outside {@code tlaconform check} (plain TLC with the
 * tlaconform jar on its classpath) both go to standard error and standard output as TLC would
 * print them; {@code TlcRunner} installs sinks that stream them to the parent as events.
 */
public final class Notes {
    private static volatile Consumer<String> notes = s -> System.err.println("tlaconform: " + s);
    private static volatile Consumer<String> prints = s -> util.ToolIO.out.println(s);
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private Notes() {}

    /** Installs the sinks (the child runner of {@code check}). */
    public static void install(Consumer<String> noteSink, Consumer<String> printSink) {
        notes = noteSink;
        prints = printSink;
    }

    /** Reports a note. */
    public static void note(String text) {
        notes.accept(text);
    }

    /** Reports a note the first time this key is seen (e.g. once per file). */
    public static void noteOnce(String key, String text) {
        if (ONCE.add(key)) {
            notes.accept(text);
        }
    }

    /** A line the spec printed (TLC!Print, TLC!PrintT, TLCExt!AssertEq). */
    public static void print(String line) {
        prints.accept(line);
    }
}
