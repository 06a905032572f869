package dev.tlaconform.check;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The child-to-parent channel: one JSON object per line, each with an {@code "event"} field
 * naming its kind (see {@link Events}). Thread-safe (TLC workers report from several threads);
 * every line is flushed at once so the parent sees progress as it happens.
 */
final class EventStream {
    private final OutputStream out;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    EventStream(OutputStream out) {
        this.out = out;
    }

    static ObjectNode event(String kind) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("event", kind);
        return e;
    }

    synchronized void emit(ObjectNode event) {
        try {
            out.write(mapper.writeValueAsBytes(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the parent stopped reading the event stream", e);
        }
    }
}
