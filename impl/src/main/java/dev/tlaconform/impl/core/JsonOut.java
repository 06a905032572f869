package dev.tlaconform.impl.core;

/**
 * The neutral JSON writer protocol code describes its messages and state with. Protocol packages
 * never see Jackson or {@code java.io}: the trace package implements this over Jackson's streaming
 * generator (I/O errors surface there, unchecked). Keys are written in the order the caller writes
 * them, so a protocol fixes its key order once, in code.
 */
public interface JsonOut {
    JsonOut beginObject();

    JsonOut endObject();

    JsonOut beginArray();

    JsonOut endArray();

    /** The next key of the current object. */
    JsonOut name(String key);

    JsonOut value(long v);

    JsonOut value(String s);

    /** A rate or ratio (header metadata only: protocol state is integers and strings). */
    JsonOut value(double v);

    /** A boolean (PBFT's {@code active}, a Byzantine send's {@code authentic}). */
    JsonOut value(boolean b);

    default JsonOut field(String key, long v) {
        return name(key).value(v);
    }

    default JsonOut field(String key, String s) {
        return name(key).value(s);
    }

    default JsonOut field(String key, boolean b) {
        return name(key).value(b);
    }

    /** A sorted array of the node ids whose bit is set in {@code mask} (bit k = node k). */
    default JsonOut nodeSet(String key, long mask) {
        name(key).beginArray();
        for (int k = 1; k < 64; k++) {
            if ((mask & (1L << k)) != 0) {
                value(k);
            }
        }
        return endArray();
    }
}
