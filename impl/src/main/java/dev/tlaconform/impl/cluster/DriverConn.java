package dev.tlaconform.impl.cluster;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * The driver's connection to one node (HELLO from 0): sends client requests and transport
 * controls, receives the node's decisions and done flag. Reconnects (the node may be killed and
 * restarted on a new port); a new connection means a new incarnation, whose decisions start empty.
 */
final class DriverConn implements Runnable {
    /** Callbacks into the driver (called from this connection's thread). */
    interface Listener {
        void decided(int node, int slot, String value);
    }

    private final int node;
    private final Path portFile;
    private final Listener listener;
    private volatile OutputStream out;
    private volatile boolean closed;
    /** This incarnation's decisions (slot to value) and done flag. */
    final TreeMap<Integer, String> decided = new TreeMap<>();
    volatile boolean done;
    volatile int incarnations;

    DriverConn(int node, Path portFile, Listener listener) {
        this.node = node;
        this.portFile = portFile;
        this.listener = listener;
    }

    void start() {
        Thread t = new Thread(this, "driver-" + node);
        t.setDaemon(true);
        t.start();
    }

    /** Sends a frame if connected; false if not (the frame is lost, as a request to a dead server is). */
    boolean send(byte[] frame) {
        OutputStream o = out;
        if (o == null) return false;
        try {
            synchronized (o) {
                Frames.write(o, frame);
                o.flush();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    void close() {
        closed = true;
    }

    /** Whether the connection to the node is up (its HELLO sent). */
    boolean connected() {
        return out != null;
    }

    /** Forget the old incarnation (the node was killed): its decisions are no longer its state. */
    synchronized void reset() {
        decided.clear();
        done = false;
    }

    @Override
    public void run() {
        int lastPort = -1;
        while (!closed) {
            int port = Link.readPort(portFile);
            if (port <= 0) {
                pause();
                continue;
            }
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                if (port != lastPort && lastPort != -1) reset();
                lastPort = port;
                OutputStream o = new BufferedOutputStream(s.getOutputStream());
                Frames.write(o, Wire.frame(Wire.HELLO, d -> {
                    d.writeInt(0);
                    d.writeInt(0);
                }));
                o.flush();
                out = o;
                incarnations++;
                InputStream in = new BufferedInputStream(s.getInputStream());
                for (byte[] f = Frames.read(in); f != null && !closed; f = Frames.read(in)) {
                    DataInputStream d = new DataInputStream(new ByteArrayInputStream(f, 1, f.length - 1));
                    if (f[0] == Wire.DECIDED) {
                        int slot = d.readInt();
                        String v = d.readUTF();
                        synchronized (this) {
                            decided.put(slot, v);
                        }
                        listener.decided(node, slot, v);
                    } else if (f[0] == Wire.DONE) {
                        done = d.readBoolean();
                    }
                }
            } catch (IOException e) {
                // refused, reset or killed: try again
            }
            out = null;
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
