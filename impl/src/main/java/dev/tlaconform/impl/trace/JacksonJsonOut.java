package dev.tlaconform.impl.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tlaconform.impl.core.JsonOut;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link JsonOut} over Jackson's streaming generator; I/O errors become {@link UncheckedIOException}. */
final class JacksonJsonOut implements JsonOut {
    private final JsonGenerator g;

    JacksonJsonOut(JsonGenerator g) {
        this.g = g;
    }

    @Override
    public JsonOut beginObject() {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut endObject() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut beginArray() {
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut endArray() {
        try {
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut name(String key) {
        try {
            g.writeFieldName(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut value(long v) {
        try {
            g.writeNumber(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut value(double v) {
        try {
            g.writeNumber(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut value(String s) {
        try {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public JsonOut value(boolean b) {
        try {
            g.writeBoolean(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
