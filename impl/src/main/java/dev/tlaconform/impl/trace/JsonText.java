package dev.tlaconform.impl.trace;

import dev.tlaconform.impl.core.Traceable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A {@link Traceable} as the compact JSON text the trace writer would give it (tests, messages). */
public final class JsonText {
    private static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    private JsonText() {}

    public static String of(Traceable t) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.fasterxml.jackson.core.JsonGenerator g = FACTORY.createGenerator(out)) {
            t.writeJson(new JacksonJsonOut(g));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
