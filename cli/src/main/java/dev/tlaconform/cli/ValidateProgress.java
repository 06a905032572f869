package dev.tlaconform.cli;

import dev.tlaconform.validate.ValidationWatch;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress of a {@code validate} run that takes longer than {@link #FIRST_SECONDS}: every
 * {@link #EVERY_SECONDS} after that, one stderr line per trace still running with the events done,
 * the events per second since the trace started, the line it is at and the candidate states.
 * stdout (the verdicts) is untouched.
 */
final class ValidateProgress implements AutoCloseable {
    static final int FIRST_SECONDS = 10;
    static final int EVERY_SECONDS = 10;

    private final ScheduledExecutorService timer;

    /** @param before what a trace that has no event done yet is doing ({@code --engine tlc}: TLC checking it) */
    ValidateProgress(List<Path> traces, List<ValidationWatch> watches, PrintStream err, String before) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tlaconform-validate-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < traces.size(); i++) {
                ValidationWatch w = watches.get(i);
                if (w.done()) continue;
                if (w.beganNanos() == 0) continue;   // waiting for a job
                double s = (System.nanoTime() - w.beganNanos()) / 1e9;
                if (w.line() == 0) {
                    err.printf("tlaconform validate: %s: %s (%.0f s)%n", traces.get(i), before, s);
                    continue;
                }
                err.printf("tlaconform validate: %s: %d events done, %.0f events/s, at %s%s (%.0f s)%n",
                        traces.get(i), w.events(), w.events() / s, w.file() != null ? w.file() + ":" + w.line() : "line " + w.line(),
                        w.candidates() < 0 ? "" : ", " + w.candidates() + " candidate states", s);
            }
        }, FIRST_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
