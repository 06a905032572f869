package dev.tlaconform.impl.core;

/** The {@code msg} of a ClientRequest event: {"type":"request","val":v}. Built only when tracing. */
public record RequestMsg(String val) implements Traceable {
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("type", "request").field("val", val).endObject();
    }
}
