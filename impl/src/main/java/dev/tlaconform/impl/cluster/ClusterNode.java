package dev.tlaconform.impl.cluster;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.Traceable;
import dev.tlaconform.impl.sim.Protocols;
import dev.tlaconform.impl.trace.TraceWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One cluster node: its own JVM, one unchanged protocol core, TCP on 127.0.0.1. One thread (the
 * core thread) owns the core and does everything in the order of the {@link ProtocolNode} contract,
 * a batch of steps at a time (group commit): it steps the core for every input already waiting (up
 * to {@link ClusterConfig#batch()}); the batch's trace lines and its last durable snapshot go into
 * one WAL record, appended and fsync'd; the trace lines are written to the segment file (one
 * {@code write}); then the batch's messages are queued to the peers' {@link Link}s and its
 * decisions reported to the driver. Timers are wall-clock milliseconds (= ticks). Reader threads only decode frames into the core thread's
 * inbox. Vector clocks: the node's component ticks once per trace event; every message carries the
 * sender's clock after its step, merged by the receiver before it steps.
 *
 * <p>Started by {@link ClusterRun} as
 * {@code java -cp ... dev.tlaconform.impl.cluster.ClusterNode CONFIG-ARGS... --id K}.
 */
public final class ClusterNode implements EventSink {
    private final ClusterConfig cfg;
    private final int id;
    private final int n;
    private final Path out;
    private final Path data;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final List<OutputStream> drivers = new CopyOnWriteArrayList<>();
    private final Link[] links;
    private final int[] clock;
    private final long[] timerDue = new long[16];
    private final boolean[] timerSet = new boolean[16];
    private final Protocol protocol;
    private ProtocolNode node;
    private Wal wal;
    private TraceWriter trace;
    private final ByteArrayOutputStream stepBytes = new ByteArrayOutputStream(4096);
    private FileOutputStream segment;
    private long blockOut;
    private long blockIn;
    private boolean lastDone;
    private final int segmentNo;
    private final boolean droppedUnstarted;
    private long seq;
    // group commit: held until the batch's WAL record is fsync'd (commit)
    private Object batchDurable;
    /** WAL record kinds: the whole durable state, or a {@link Delta} from the previous record's state. */
    private static final int FULL = 0, DELTA = 1;
    /** The encoded durable state the WAL's records add up to (null: none yet). */
    private byte[] lastSnap;
    /** The last snapshot's encoded arrays: the chunks a new snapshot shares with it are not encoded again. */
    private final Codec.Memo memo = new Codec.Memo();
    /** (peer id, frame) pairs, in send order. */
    private final List<Object> heldFrames = new java.util.ArrayList<>();
    private final List<byte[]> heldDriver = new java.util.ArrayList<>();

    private record PeerMsg(int from, int[] clock, Message msg) {}

    private record ClientReq(String value) {}

    private record Block(long out, long in) {}

    private record Stop() {}

    /** Counted down once the STOP has closed the segment with its end line (see {@link #stopOnSignal}). */
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    /** Set by the shutdown hook: the JVM is exiting already, so the STOP must not call System.exit. */
    private volatile boolean signalled;

    private ClusterNode(ClusterConfig cfg, int id) throws IOException {
        this.cfg = cfg;
        this.id = id;
        this.n = cfg.nodes();
        this.out = cfg.out();
        this.data = cfg.out().resolve("data").resolve("n" + id);
        Files.createDirectories(data);
        Files.createDirectories(cfg.portsDir());
        this.clock = new int[n + 1];
        this.protocol = Protocols.create(cfg.simConfig(), cfg.trace() ? this : null);
        this.links = new Link[n + 1];
        this.droppedUnstarted = Segments.dropUnstarted(out, id);
        this.segmentNo = Segments.of(out, id).size();
    }

    public static void main(String[] args) {
        try {
            ClusterConfig cfg = ClusterConfig.parse(args);
            int id = Integer.parseInt(ClusterConfig.arg(args, "--id"));
            new ClusterNode(cfg, id).run();
        } catch (Throwable t) {
            System.err.println("tlaconform cluster node: " + t);
            t.printStackTrace();
            System.exit(3);
        }
    }

    private void run() throws Exception {
        // 1. recovery: WAL first (the durable state), then the previous segment (the trace)
        Wal.Recovery rec = Wal.recover(data.resolve("wal.log"));
        Object durable = null;
        byte[] walLines = null;
        for (byte[] payload : rec.payloads()) {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(payload));
            int kind = d.readUnsignedByte();
            byte[] body = new byte[d.readInt()];
            d.readFully(body);
            byte[] lines = new byte[d.readInt()];
            d.readFully(lines);
            if (kind == FULL) {
                lastSnap = body;
            } else if (kind == DELTA && lastSnap != null) {
                lastSnap = Delta.apply(lastSnap, body);
            } else {
                throw new IOException(data.resolve("wal.log") + ": a record of kind " + kind + (kind == DELTA ? " with no state before it" : ""));
            }
            walLines = lines;
        }
        if (lastSnap != null) durable = Codec.decode(lastSnap);
        Segments.Repaired prev = null;
        if (segmentNo > 0) {
            prev = Segments.repair(Segments.file(out, id, segmentNo - 1), walLines, n);
            seq = prev.lastSeq();
            // a previous incarnation killed before its first event left no clock: take the one before it
            int[] last = prev.lastClock() != null ? prev.lastClock() : Segments.lastClockBefore(out, id, segmentNo - 1, n);
            if (last != null) System.arraycopy(last, 0, clock, 0, n + 1);
        }
        wal = new Wal(data.resolve("wal.log"), cfg.fsync(), cfg.compactBytes(), rec.last());
        segment = new FileOutputStream(Segments.file(out, id, segmentNo).toFile());
        trace = new TraceWriter(stepBytes);
        final Segments.Repaired p = prev;
        final boolean restored = durable != null;
        trace.header(protocol.name(), protocol::writeConstants, cfg.seed(), o -> cfg.writeNemesis(o), "cluster", o -> {
            o.field("node", id).field("segment", segmentNo).field("firstSeq", seq + 1);
            if (segmentNo > 0) {
                o.name("recovery").beginObject().field("walRecords", rec.records()).field("walTornBytes", rec.droppedBytes())
                        .field("durable", !restored ? "none" : "volatile-rejoin".equals(cfg.mutant()) ? "discarded (mutant volatile-rejoin)" : "restored")
                        .field("traceTornBytes", p.tornBytes()).field("traceLinesFromWal", p.recoveredLines())
                        .field("previousEnded", p.wasEnded()).field("unstartedSegmentDropped", droppedUnstarted).endObject();
            }
        });
        flushTrace();

        // 2. listen, publish the port, connect to the peers
        ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Path portFile = cfg.portsDir().resolve(Integer.toString(id));
        Path tmp = cfg.portsDir().resolve(id + ".tmp");
        Files.writeString(tmp, Integer.toString(server.getLocalPort()), StandardCharsets.US_ASCII);
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        byte[] hello = Wire.frame(Wire.HELLO, d -> {
            d.writeInt(id);
            d.writeInt(segmentNo);
        });
        for (int k = 1; k <= n; k++) {
            if (k != id) {
                links[k] = new Link(cfg.portsDir().resolve(Integer.toString(k)), hello, "link-" + id + "-" + k);
                links[k].start();
            }
        }
        Thread acceptor = new Thread(() -> accept(server), "accept-" + id);
        acceptor.setDaemon(true);
        acceptor.start();

        stopOnSignal();

        // 3. the core
        node = protocol.newNode(id, new RandomSource(cfg.seed() * 1_000_003L + id * 7919L + segmentNo), cfg.timeoutMs());
        step(segmentNo == 0 ? Input.START : new Input.Restart("volatile-rejoin".equals(cfg.mutant()) ? null : durable));
        commit();
        loop();
    }

    private void loop() throws Exception {
        while (true) {
            handle(next(true));
            // group commit: whatever else is already waiting joins this batch, up to cfg.batch() items
            for (int i = 1; i < cfg.batch(); i++) {
                Object more = next(false);
                if (more == null) break;
                handle(more);
            }
            commit();
        }
    }

    /**
     * SIGTERM or SIGINT (the supervisor's Ctrl-C, or a user's): the node stops as on the driver's
     * STOP, between two steps, so its segment ends with its end line; it waits at most 3 s for the
     * main loop (a node stuck in a write is then cut off as kill -9 would). kill -9, the nemesis's
     * crash, runs no hook: its segment stays without an end line, as a crash leaves it.
     */
    private void stopOnSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signalled = true;
            inbox.add(new Stop());
            try {
                ended.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-" + id));
    }

    /** A timer that is due (first), else the next inbox item; waits for one if {@code block}, else null when none. */
    private Object next(boolean block) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long wait = Long.MAX_VALUE;
            int due = -1;
            for (int t = 0; t < timerSet.length; t++) {
                if (timerSet[t] && timerDue[t] - now < wait) {
                    wait = timerDue[t] - now;
                    due = t;
                }
            }
            if (due >= 0 && wait <= 0) {
                timerSet[due] = false;
                return new Input.TimerFired(due);
            }
            if (!block) return inbox.poll();
            Object item = due < 0 ? inbox.take() : inbox.poll(wait, TimeUnit.NANOSECONDS);
            if (item != null) return item;
        }
    }

    private void handle(Object item) throws IOException {
        if (item instanceof Input.TimerFired t) {
            step(t);
        } else if (item instanceof PeerMsg m) {
            if ((blockIn & (1L << m.from())) != 0) return; // a partition: the message is lost
            for (int k = 1; k <= n; k++) clock[k] = Math.max(clock[k], m.clock()[k]);
            step(new Input.Receive(m.msg()));
        } else if (item instanceof ClientReq r) {
            step(new Input.ClientRequest(r.value()));
        } else if (item instanceof Block b) {
            blockOut = b.out();
            blockIn = b.in();
        } else if (item instanceof Stop) {
            commit();
            trace.end();
            flushTrace();
            segment.close();
            wal.close();
            ended.countDown();
            if (!signalled) System.exit(0);
            while (true) {   // the JVM is exiting: its shutdown hook returns now and the JVM halts
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // keep waiting for the halt
                }
            }
        }
    }

    /**
     * One step in contract order. What must wait for durability is held for {@link #commit}: the
     * step's trace lines, its durable snapshot (a later step's replaces it: each is the node's whole
     * durable state), its messages to the peers and its decisions. Messages to itself go to the
     * inbox at once: they are handled before the commit, so nothing they cause leaves earlier.
     * Snapshots are immutable (every core's durable type says so), so holding one is safe.
     */
    private void step(Input input) throws IOException {
        Effects fx = node.step(input);
        trace.flush();
        if (fx.durable() != null) batchDurable = fx.durable();
        int sends = fx.sends();
        if (sends > 0) {
            int[] c = clock.clone();
            for (int i = 0; i < sends; i++) {
                Message m = fx.sendMessage(i);
                byte[] body = Codec.encode(m);
                byte[] frame = Wire.frame(Wire.MSG, d -> {
                    for (int k = 0; k <= n; k++) d.writeInt(c[k]);
                    d.write(body);
                });
                int to = fx.sendTo(i);
                for (int k = 1; k <= n; k++) {
                    if (to != Effects.ALL && to != k) continue;
                    if ((blockOut & (1L << k)) != 0) continue;
                    if (k == id) {
                        inbox.add(new PeerMsg(id, c, m));
                    } else {
                        heldFrames.add(k);
                        heldFrames.add(frame);
                    }
                }
            }
        }
        long now = System.nanoTime();
        for (int i = 0; i < fx.timers(); i++) {
            int t = fx.timerId(i);
            long delay = fx.timerDelay(i);
            timerSet[t] = delay > 0;
            timerDue[t] = now + delay * 1_000_000L;
        }
        for (int i = 0; i < fx.decisions(); i++) {
            int slot = fx.decisionSlot(i);
            String v = fx.decisionValue(i);
            heldDriver.add(Wire.frame(Wire.DECIDED, d -> {
                d.writeInt(slot);
                d.writeUTF(v);
            }));
        }
        boolean done = node.done();
        if (done != lastDone) {
            lastDone = done;
            heldDriver.add(Wire.frame(Wire.DONE, d -> d.writeBoolean(done)));
        }
    }

    /**
     * Group commit: the batch's last durable snapshot (whole, or a {@link Delta} from the state the
     * WAL held before when that is under half the size) and all its trace lines in one WAL record,
     * appended and fsync'd; then the trace lines to the segment (one {@code write}); then the held
     * messages leave and the decisions are reported. So the durability contract holds for every
     * step of the batch: nothing a step sends leaves before its state is on disk.
     */
    private void commit() throws IOException {
        byte[] lines = stepBytes.toByteArray();
        stepBytes.reset();
        if (batchDurable != null) {
            byte[] snap = Codec.encode(batchDurable, memo);
            batchDurable = null;
            byte[] delta = lastSnap == null ? null : Delta.diff(lastSnap, snap);
            if (delta != null && delta.length < snap.length / 2) {
                wal.append(walRecord(DELTA, delta, lines), () -> walRecord(FULL, snap, lines));
            } else {
                byte[] full = walRecord(FULL, snap, lines);
                wal.append(full, () -> full);
            }
            lastSnap = snap;
        }
        if (lines.length > 0) segment.write(lines);
        for (int i = 0; i < heldFrames.size(); i += 2) links[(Integer) heldFrames.get(i)].send((byte[]) heldFrames.get(i + 1));
        heldFrames.clear();
        for (byte[] f : heldDriver) toDrivers(f);
        heldDriver.clear();
    }

    /** A WAL record: its kind (the whole state or a {@link Delta} from the previous record's), the state's bytes, the batch's trace lines. */
    private static byte[] walRecord(int kind, byte[] body, byte[] lines) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(body.length + lines.length + 9);
        try (DataOutputStream d = new DataOutputStream(b)) {
            d.writeByte(kind);
            d.writeInt(body.length);
            d.write(body);
            d.writeInt(lines.length);
            d.write(lines);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private void flushTrace() throws IOException {
        trace.flush();
        segment.write(stepBytes.toByteArray());
        stepBytes.reset();
    }

    private void toDrivers(byte[] frame) {
        for (OutputStream o : drivers) {
            try {
                synchronized (o) {
                    Frames.write(o, frame);
                    o.flush();
                }
            } catch (IOException e) {
                drivers.remove(o);
            }
        }
    }

    private void accept(ServerSocket server) {
        while (true) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "conn-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            byte[] h = Frames.read(in);
            if (h == null || h[0] != Wire.HELLO) return;
            DataInputStream hd = new DataInputStream(new ByteArrayInputStream(h, 1, h.length - 1));
            int from = hd.readInt();
            OutputStream o = null;
            if (from == 0) {
                o = new java.io.BufferedOutputStream(s.getOutputStream());
                drivers.add(o);
                final OutputStream fo = o;
                boolean done = lastDone;
                synchronized (fo) {
                    Frames.write(fo, Wire.frame(Wire.DONE, d -> d.writeBoolean(done)));
                    fo.flush();
                }
            }
            try {
                for (byte[] f = Frames.read(in); f != null; f = Frames.read(in)) {
                    DataInputStream d = new DataInputStream(new ByteArrayInputStream(f, 1, f.length - 1));
                    switch (f[0]) {
                        case Wire.MSG: {
                            int[] c = new int[n + 1];
                            for (int k = 0; k <= n; k++) c[k] = d.readInt();
                            byte[] body = d.readAllBytes();
                            Object m = Codec.decode(body);
                            if (!(m instanceof Message msg) || from < 1 || from > n) throw new IOException("not a message from a node");
                            inbox.add(new PeerMsg(from, c, msg));
                            break;
                        }
                        case Wire.REQ:
                            inbox.add(new ClientReq(d.readUTF()));
                            break;
                        case Wire.BLOCK:
                            inbox.add(new Block(d.readLong(), d.readLong()));
                            break;
                        case Wire.STOP:
                            inbox.add(new Stop());
                            break;
                        default:
                            throw new IOException("unknown frame kind " + f[0]);
                    }
                }
            } finally {
                if (o != null) drivers.remove(o);
            }
        } catch (IOException e) {
            // the peer or the driver went away (or sent garbage): the connection ends, the node goes on
        }
    }

    /** A trace event: this node's clock component ticks; seq numbers the node's events across its segments. */
    @Override
    public void event(int node, String action, Traceable msg, Traceable state) {
        event(node, node, action, msg, state);
    }

    @Override
    public void event(int node, int traceNode, String action, Traceable msg, Traceable state) {
        clock[id]++;
        seq++;
        trace.event(seq, traceNode, action, msg, state, clock, n);
    }
}
