package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.JsonOut;

/**
 * A transaction: its zxid, the 64-bit ZooKeeper zxid {@code (epoch << 32) | counter} (so zxids
 * compare as longs exactly as the spec's {@code <<epoch, counter>>} pairs compare
 * lexicographically), and the client write it carries (specs/zab/EVENTS.md).
 */
public record Txn(long zxid, int value) {
    public static long zxid(int epoch, int counter) {
        return ((long) epoch << 32) | (counter & 0xffffffffL);
    }

    public static int epoch(long zxid) {
        return (int) (zxid >>> 32);
    }

    public static int counter(long zxid) {
        return (int) zxid;
    }

    /** A zxid as the trace writes it: {@code [epoch, counter]}. */
    public static void writeZxid(JsonOut out, long zxid) {
        out.beginArray().value(epoch(zxid)).value(counter(zxid)).endArray();
    }

    public void writeJson(JsonOut out) {
        out.beginObject().name("zxid");
        writeZxid(out, zxid);
        out.field("value", value).endObject();
    }

    /** The first {@code len} txns of {@code h} as a JSON array. */
    public static void writeHistory(JsonOut out, Txn[] h, int len) {
        out.beginArray();
        for (int i = 0; i < len; i++) {
            h[i].writeJson(out);
        }
        out.endArray();
    }
}
