package dev.tlaconform.impl.cluster;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * A node's write-ahead log: records appended and fsync'd ({@link FileChannel#force}) before the
 * step's messages leave. Record layout: {@code [length:4][crc32c:4][payload:length]}, the CRC over
 * the length and the payload. A record either holds the node's complete durable state or (the
 * cluster node's records since group commit) a {@link Delta} from the state before it, so recovery
 * returns every intact record and the caller replays them; compaction rewrites the log as one
 * self-contained record of the current state (to a temporary file, fsync'd, renamed over the log,
 * directory fsync'd) once it grows past {@link #compactAt}.
 *
 * <p>Recovery reads records from the start. A last record that is cut short (a kill -9 or a crash
 * inside a write) or whose CRC does not match and that reaches the end of the file is a torn
 * write: it is dropped and the file truncated to the intact prefix. A CRC mismatch followed by
 * more data is corruption of a record that was once fsync'd: recovery refuses
 * ({@link CorruptException}) rather than guess. No record is ever returned whose CRC did not match.
 */
public final class Wal implements Closeable {
    /**
     * The result of {@link #recover}: the last intact payload (null if none), every intact payload in
     * order (a caller whose records are deltas replays them), and what was found.
     */
    public record Recovery(byte[] last, List<byte[]> payloads, int records, long validBytes, long droppedBytes) {}

    /** A record in the middle of the log fails its CRC: not a torn write. */
    public static final class CorruptException extends IOException {
        public CorruptException(String m) {
            super(m);
        }
    }

    private static final int HEADER = 8;

    private final Path file;
    private final boolean fsync;
    private final long compactAt;
    private FileChannel ch;
    private byte[] last;
    private long appended;

    /**
     * Opens (after {@link #recover}) the log for appending.
     *
     * @param fsync     false only for the "fsync skipped" mutant and for measuring its cost
     * @param compactAt compact when the file exceeds this many bytes
     */
    public Wal(Path file, boolean fsync, long compactAt, byte[] last) throws IOException {
        this.file = file;
        this.fsync = fsync;
        this.compactAt = compactAt;
        this.last = last;
        this.ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Reads the log, truncating a torn last record; a missing file is an empty log. */
    public static Recovery recover(Path file) throws IOException {
        if (!Files.exists(file)) return new Recovery(null, List.of(), 0, 0, 0);
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all);
        byte[] last = null;
        List<byte[]> payloads = new ArrayList<>();
        int records = 0;
        long pos = 0;
        while (pos < all.length) {
            if (all.length - pos < HEADER) break; // torn inside the header
            int len = b.getInt((int) pos);
            int crc = b.getInt((int) pos + 4);
            if (len < 0 || len > all.length - pos - HEADER) break; // torn inside the payload (or a torn length)
            int end = (int) pos + HEADER + len;
            if (crc(all, (int) pos, len) != crc) {
                if (end < all.length) {
                    throw new CorruptException(file + ": record " + (records + 1) + " at byte " + pos
                            + " fails its CRC and " + (all.length - end) + " bytes follow it: corrupt, not torn");
                }
                break; // the last record, torn
            }
            last = java.util.Arrays.copyOfRange(all, (int) pos + HEADER, end);
            payloads.add(last);
            records++;
            pos = end;
        }
        long dropped = all.length - pos;
        if (dropped > 0) {
            try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
                c.truncate(pos);
                c.force(true);
            }
        }
        return new Recovery(last, List.copyOf(payloads), records, pos, dropped);
    }

    static int crc(byte[] buf, int pos, int len) {
        CRC32C c = new CRC32C();
        c.update(buf, pos, 4); // the length
        c.update(buf, pos + HEADER, len);
        return (int) c.getValue();
    }

    static byte[] record(byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(HEADER + payload.length);
        try (DataOutputStream d = new DataOutputStream(b)) {
            d.writeInt(payload.length);
            d.writeInt(0);
            d.write(payload);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] r = b.toByteArray();
        ByteBuffer.wrap(r).putInt(4, crc(r, 0, payload.length));
        return r;
    }

    /** Appends one record and, unless built without fsync, forces it to disk before returning. */
    public void append(byte[] payload) throws IOException {
        append(payload, () -> payload);
    }

    /**
     * Appends one record that may depend on the records before it (a delta), forced to disk before
     * returning; {@code whole} gives the same state as one self-contained record, which compaction
     * writes as the log's only record when the log has grown past {@link #compactAt}.
     */
    public void append(byte[] payload, Supplier<byte[]> whole) throws IOException {
        ByteBuffer r = ByteBuffer.wrap(record(payload));
        while (r.hasRemaining()) ch.write(r);
        if (fsync) ch.force(false);
        last = payload;
        appended++;
        if (ch.size() > compactAt) {
            last = whole.get();
            compact();
        }
    }

    /** Rewrites the log as its last record alone: temporary file, fsync, atomic rename, directory fsync. */
    public void compact() throws IOException {
        if (last == null) return;
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer r = ByteBuffer.wrap(record(last));
            while (r.hasRemaining()) c.write(r);
            c.force(true);
        }
        ch.close();
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
        ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        compactions++;
    }

    private long compactions;

    public long appended() {
        return appended;
    }

    public long compactions() {
        return compactions;
    }

    public long size() throws IOException {
        return ch.size();
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
