package dev.tlaconform.cli.report;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live progress line of a campaign on stderr: runs done/total, events/s, rejections so far.
 * On a terminal one line is redrawn in place at most 4 times a second by a daemon thread; otherwise
 * a plain line is printed every 10% (and at the end), so logs stay readable. Thread-safe.
 */
public final class Progress implements AutoCloseable {
    private static final long REDRAW_MILLIS = 250;
    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean tty;
    private final boolean quiet;
    private final long total;
    private final long t0 = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();
    private final Thread redraw;
    private long lastPlainDecile = -1;
    private volatile boolean closed;

    /**
     * @param tty   redraw one line in place (a terminal) rather than print plain lines
     * @param quiet print nothing
     */
    public Progress(PrintStream err, long total, boolean tty, boolean quiet) {
        this.err = err;
        this.total = total;
        this.tty = tty && !quiet;
        this.quiet = quiet;
        if (this.tty) {
            redraw = new Thread(this::redrawLoop, "conform-progress");
            redraw.setDaemon(true);
            redraw.start();
        } else {
            redraw = null;
        }
    }

    /** Records one finished run. */
    public void done(RunResult r) {
        events.addAndGet(r.events());
        if (r.verdict() != RunResult.Verdict.ACCEPTED) {
            rejected.incrementAndGet();
        }
        if (r.invariantViolated()) {
            violations.incrementAndGet();
        }
        long d = done.incrementAndGet();
        if (!tty && !quiet) {
            long decile = total == 0 ? 10 : d * 10 / total;
            synchronized (this) {
                if (decile > lastPlainDecile) {
                    lastPlainDecile = decile;
                    err.println("conform: " + line());
                }
            }
        }
    }

    /** The status line, e.g. {@code [####......] 120/900 runs | 5,210 events/s | 0 rejected | 0 invariant violations | 9.1 s}. */
    String line() {
        long d = done.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        int filled = total == 0 ? BAR : (int) (BAR * d / total);
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < BAR; i++) {
            b.append(i < filled ? '#' : '.');
        }
        b.append("] ").append(d).append('/').append(total).append(" runs | ")
                .append(String.format(Locale.ROOT, "%,.0f", secs <= 0 ? 0 : events.get() / secs)).append(" events/s | ")
                .append(rejected.get()).append(" rejected | ").append(violations.get()).append(" invariant violations | ")
                .append(String.format(Locale.ROOT, "%.1f s", secs));
        return b.toString();
    }

    private void redrawLoop() {
        while (!closed) {
            synchronized (this) {
                if (!closed) {
                    err.print("\r" + line() + "\u001b[K");
                    err.flush();
                }
            }
            try {
                Thread.sleep(REDRAW_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops redrawing; on a terminal prints the final line. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            closed = true;
            if (tty) {
                err.println("\r" + line() + "\u001b[K");
            }
        }
        if (redraw != null) {
            redraw.interrupt();
        }
    }
}
