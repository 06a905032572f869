package dev.tlaconform.validate;

/**
 * Where one validation is (events done, the trace line, candidate states), for progress reports
 * from another thread, and the deadline it must stop by. The engine updates it after every event
 * and stops at the next event once the deadline has passed ({@link ValidationTimeoutException}).
 */
public final class ValidationWatch {
    /** No deadline; progress not read. */
    public static final ValidationWatch NONE = new ValidationWatch(0);

    private final long deadline;
    private volatile long events;
    private volatile long line;
    private volatile String file;
    private volatile int candidates;
    private volatile boolean done;
    private volatile long started;

    /** @param deadlineNanos a {@link System#nanoTime()} value to stop by, or 0 for none */
    public ValidationWatch(long deadlineNanos) {
        this.deadline = deadlineNanos;
    }

    /** Called by the engine after each event (and while closing under silent actions). */
    public void at(long eventsDone, long traceLine, int candidateStates) {
        if (this == NONE) return;
        events = eventsDone;
        line = traceLine;
        candidates = candidateStates;
        if (deadline != 0 && System.nanoTime() - deadline > 0) {
            throw new ValidationTimeoutException("not decided within the time limit: stopped after " + eventsDone
                    + " events, at line " + traceLine);
        }
    }

    /**
     * As {@link #at(long, long, int)}, for a validation that reads several files (the per-node traces
     * of a run directory): the line is {@code file}'s.
     */
    public void at(long eventsDone, String file, long traceLine, int candidateStates) {
        if (this == NONE) return;
        this.file = file;
        at(eventsDone, traceLine, candidateStates);
    }

    /** The file the line is in when the validation reads several, else null (the trace's). */
    public String file() {
        return file;
    }

    /** The trace's job has begun (loading its spec, then its events). */
    public void begin() {
        started = System.nanoTime();
    }

    /** When {@link #begin} was called ({@link System#nanoTime()}), or 0. */
    public long beganNanos() {
        return started;
    }

    public long events() {
        return events;
    }

    public long line() {
        return line;
    }

    public int candidates() {
        return candidates;
    }

    public boolean done() {
        return done;
    }

    public void finish() {
        done = true;
    }
}
