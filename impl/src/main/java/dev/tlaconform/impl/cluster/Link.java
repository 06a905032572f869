package dev.tlaconform.impl.cluster;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * An outgoing connection to one peer, owned by its own thread: frames are queued by the core
 * thread and written in order; when the connection fails the thread reconnects with exponential
 * backoff (20 ms doubling to 500 ms), reading the peer's port from its port file each time (a
 * restarted peer listens on a new port the OS chose). A frame whose write failed is lost, as a
 * message on a broken TCP connection is; nothing is re-sent.
 */
final class Link implements Runnable {
    static final int QUEUE_MAX = 100_000;

    private final Path portFile;
    private final byte[] hello;
    private final LinkedBlockingDeque<byte[]> queue = new LinkedBlockingDeque<>();
    private volatile boolean closed;
    private final String name;
    long dropped;
    long connects;

    Link(Path portFile, byte[] hello, String name) {
        this.portFile = portFile;
        this.hello = hello;
        this.name = name;
    }

    void start() {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        t.start();
    }

    void send(byte[] frame) {
        if (queue.size() >= QUEUE_MAX) {
            queue.pollFirst();
            dropped++;
        }
        queue.offer(frame);
    }

    void close() {
        closed = true;
    }

    static int readPort(Path portFile) {
        try {
            return Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void run() {
        long backoff = 20;
        while (!closed) {
            int port = readPort(portFile);
            if (port <= 0) {
                sleep(backoff);
                backoff = Math.min(500, backoff * 2);
                continue;
            }
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
                Frames.write(out, hello);
                out.flush();
                connects++;
                backoff = 20;
                while (!closed) {
                    byte[] f = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        continue;
                    }
                    Frames.write(out, f);
                    for (byte[] g = queue.poll(); g != null; g = queue.poll()) {
                        Frames.write(out, g);
                    }
                    out.flush();
                }
            } catch (IOException e) {
                sleep(backoff);
                backoff = Math.min(500, backoff * 2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
