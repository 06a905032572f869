package dev.tlaconform.impl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.multipaxos.MultiPaxosDurable;
import dev.tlaconform.impl.paxos.PaxosMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Length-prefixed framing and the reflective codec. */
class FramesTest {
    @Test
    void framesRoundTripAndEndCleanlyBetweenFrames() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Frames.write(b, new byte[] {1, 2, 3});
        Frames.write(b, new byte[0]);
        Frames.write(b, new byte[70_000]);
        InputStream in = new ByteArrayInputStream(b.toByteArray());
        assertArrayEquals(new byte[] {1, 2, 3}, Frames.read(in));
        assertEquals(0, Frames.read(in).length);
        assertEquals(70_000, Frames.read(in).length);
        assertNull(Frames.read(in));
    }

    @Test
    void framesSurviveReadsThatReturnOneByteAtATime() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Frames.write(b, "hello".getBytes());
        byte[] all = b.toByteArray();
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < all.length ? all[i++] & 0xff : -1;
            }

            @Override
            public int read(byte[] d, int off, int len) {
                if (i >= all.length) return -1;
                d[off] = all[i++];
                return 1;
            }
        };
        assertArrayEquals("hello".getBytes(), Frames.read(trickle));
    }

    @Test
    void aStreamEndingInsideAFrameIsAnError() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Frames.write(b, new byte[10]);
        byte[] all = b.toByteArray();
        for (int cut = 1; cut < all.length; cut++) {
            InputStream in = new ByteArrayInputStream(Arrays.copyOf(all, cut));
            assertThrows(EOFException.class, () -> Frames.read(in), "cut at " + cut);
        }
    }

    @Test
    void anImpossibleLengthIsRefusedWithoutAllocating() {
        InputStream in = new ByteArrayInputStream(new byte[] {(byte) 0x7f, 0, 0, 0, 1});
        IOException e = assertThrows(IOException.class, () -> Frames.read(in));
        assertTrue(e.getMessage().contains("bad frame length"), e.getMessage());
        InputStream neg = new ByteArrayInputStream(new byte[] {(byte) 0xff, 0, 0, 0});
        assertThrows(IOException.class, () -> Frames.read(neg));
    }

    @Test
    void codecRoundTripsRecordsAndFinalClasses() throws IOException {
        PaxosMessage.Promise p = new PaxosMessage.Promise(7, 2, 4, "v1");
        assertEquals(p, Codec.decode(Codec.encode(p)));
        MultiPaxosDurable d = new MultiPaxosDurable(5, new int[] {1, -1}, new String[] {"c1", ""}, 3);
        assertEquals(d, Codec.decode(Codec.encode(d)));
        assertEquals(null, Codec.decode(Codec.encode(null)));
    }

    @Test
    void codecRefusesTruncatedOrForeignInput() {
        byte[] e = Codec.encode(new PaxosMessage.Accept(3, "v", 1));
        for (int cut = 0; cut < e.length; cut++) {
            byte[] t = Arrays.copyOf(e, cut);
            assertThrows(IOException.class, () -> Codec.decode(t), "cut at " + cut);
        }
        byte[] foreign = Codec.encode(new PaxosMessage.Accept(3, "v", 1));
        byte[] name = "dev.tlaconform.impl.paxos.PaxosMessage$Accept".getBytes();
        byte[] evil = "java.lang.ProcessBuilder.......................".substring(0, name.length).getBytes();
        System.arraycopy(evil, 0, foreign, 5, evil.length);
        IOException x = assertThrows(IOException.class, () -> Codec.decode(foreign));
        assertTrue(x.getMessage().contains("not a tlaconform class"), x.getMessage());
    }
}
