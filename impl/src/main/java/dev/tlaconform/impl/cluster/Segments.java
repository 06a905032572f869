package dev.tlaconform.impl.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's trace segments {@code n<K>.s<S>.ndjson}: segment 0 from its first start, one more per
 * restart. A killed process leaves its segment without an end line, possibly with a torn last
 * line, and (in a window of microseconds) without the lines of a step whose WAL record was already
 * fsync'd. The restarted process repairs it before writing its own: drops the torn line, appends
 * the lines its WAL's last record carries beyond the segment's last event, and closes it with an
 * end line marked {@code "crashed":true}.
 */
public final class Segments {
    private Segments() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("n(\\d+)\\.s(\\d+)\\.ndjson");

    public static Path file(Path dir, int node, int segment) {
        return dir.resolve("n" + node + ".s" + segment + ".ndjson");
    }

    /** The segments of {@code node} in {@code dir}, by segment number. */
    public static List<Path> of(Path dir, int node) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int s = 0; Files.exists(file(dir, node, s)); s++) {
            out.add(file(dir, node, s));
        }
        return out;
    }

    /**
     * Deletes {@code node}'s last segment if it has no complete header line: its process was killed
     * while starting, before it published its port, so no event and no message came from it.
     * Returns whether one was deleted.
     */
    public static boolean dropUnstarted(Path dir, int node) throws IOException {
        List<Path> segs = of(dir, node);
        if (segs.isEmpty()) return false;
        Path last = segs.get(segs.size() - 1);
        byte[] b = Files.readAllBytes(last);
        for (byte x : b) {
            if (x == '\n') return false;
        }
        Files.delete(last);
        return true;
    }

    /** (node, segment) of a segment file name, or null. */
    public static int[] parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** What the repair found: the last event's seq and clock (null if the node never logged an event). */
    public record Repaired(long lastSeq, int[] lastClock, int tornBytes, int recoveredLines, boolean wasEnded) {}

    /**
     * Repairs {@code seg} (see the class comment). {@code walLines} are the trace lines of the WAL's
     * last record (may be null), each an event line whose {@code seq} numbers it.
     */
    public static Repaired repair(Path seg, byte[] walLines, int n) throws IOException {
        byte[] all = Files.readAllBytes(seg);
        int keep = all.length;
        while (keep > 0 && all[keep - 1] != '\n') keep--;
        int torn = all.length - keep;
        String text = new String(all, 0, keep, StandardCharsets.UTF_8);
        String[] lines = text.isEmpty() ? new String[0] : text.split("\n");
        long events = 0;
        long lastSeq = -1;
        int[] lastClock = null;
        boolean ended = false;
        long firstSeq = 1;
        for (String l : lines) {
            JsonNode j = JSON.readTree(l);
            String kind = j.path("kind").asText();
            if (kind.equals("header")) {
                firstSeq = j.path("firstSeq").asLong(1);
            } else if (kind.equals("event")) {
                events++;
                lastSeq = j.path("seq").asLong();
                lastClock = clock(j, n);
            } else if (kind.equals("end")) {
                ended = true;
            }
        }
        if (lastSeq < 0) lastSeq = firstSeq - 1;
        if (ended) return new Repaired(lastSeq, lastClock, torn, 0, true);
        StringBuilder add = new StringBuilder();
        int recovered = 0;
        if (walLines != null) {
            for (String l : new String(walLines, StandardCharsets.UTF_8).split("\n")) {
                if (l.isEmpty()) continue;
                JsonNode j = JSON.readTree(l);
                long seq = j.path("seq").asLong();
                if (seq == lastSeq + 1) {
                    add.append(l).append('\n');
                    lastSeq = seq;
                    lastClock = clock(j, n);
                    events++;
                    recovered++;
                }
            }
        }
        add.append("{\"kind\":\"end\",\"events\":").append(events).append(",\"crashed\":true}\n");
        try (FileChannel c = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            c.truncate(keep);
            c.position(keep);
            c.write(java.nio.ByteBuffer.wrap(add.toString().getBytes(StandardCharsets.UTF_8)));
            c.force(true);
        }
        return new Repaired(lastSeq, lastClock, torn, recovered, false);
    }

    /**
     * The clock of the last event in the segments of {@code node} before segment {@code before}
     * (searching back from {@code before - 1}), null if none has an event. A process killed between
     * writing its header and its first event leaves a segment without events; its successor must
     * still continue the clock of the incarnation before (else its first event's clock contradicts
     * the last event's, which validation refuses).
     */
    public static int[] lastClockBefore(Path dir, int node, int before, int n) throws IOException {
        for (int s = before - 1; s >= 0; s--) {
            int[] c = null;
            for (String l : Files.readAllLines(file(dir, node, s), StandardCharsets.UTF_8)) {
                if (l.isEmpty()) continue;
                JsonNode j = JSON.readTree(l);
                if (j.path("kind").asText().equals("event")) c = clock(j, n);
            }
            if (c != null) return c;
        }
        return null;
    }

    private static int[] clock(JsonNode event, int n) {
        int[] c = new int[n + 1];
        JsonNode o = event.path("clock");
        for (int k = 1; k <= n; k++) c[k] = o.path(Integer.toString(k)).asInt();
        return c;
    }
}
