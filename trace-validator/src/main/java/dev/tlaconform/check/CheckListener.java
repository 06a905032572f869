package dev.tlaconform.check;

import java.time.Duration;

/** Hears about a running check: progress (every ~10 s) and notes worth a line on the console. */
public interface CheckListener {
    CheckListener SILENT = new CheckListener() {};

    default void progress(CheckProgress progress, Duration elapsed) {}

    default void note(String line) {}

    /** A line the spec printed (TLC!Print, PrintT): shown as TLC shows it. */
    default void specOutput(String line) {}

    /** Each line TLC prints (its prose), for a --verbose mode. */
    default void tlcOutput(String line) {}
}
