package dev.tlaconform.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Output paths given on the command line, checked before the work starts (not after an hour of it). */
final class ReportFiles {
    private ReportFiles() {}

    /**
     * Refuses (exit 2, one line) a file path that cannot be written: a directory, an existing file
     * without write permission, or a missing or unwritable parent directory.
     */
    static void checkWritable(String option, Path file) {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new UsageException(option + " " + file + ": is a directory, not a file");
        if (Files.exists(abs)) {
            if (!Files.isWritable(abs)) throw new UsageException(option + " " + file + ": cannot write: permission denied");
            return;
        }
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(option + " " + file + ": cannot write: no such directory " + (parent == null ? "" : parent));
        }
        if (!Files.isWritable(parent)) {
            throw new UsageException(option + " " + file + ": cannot write: directory " + parent + " is not writable");
        }
    }
}
