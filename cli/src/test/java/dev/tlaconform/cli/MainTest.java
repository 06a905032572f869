package dev.tlaconform.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Which failures Main reports as one line rather than as an internal error with its stack trace. */
class MainTest {
    @Test
    void outOfMemoryIsFoundThroughTheCausesItComesWrappedIn() {
        assertTrue(Main.outOfMemory(new OutOfMemoryError("Java heap space")));
        assertTrue(Main.outOfMemory(new ExecutionException(new OutOfMemoryError("Java heap space"))));
        assertTrue(Main.outOfMemory(new RuntimeException(new ExecutionException(new OutOfMemoryError()))));
        assertFalse(Main.outOfMemory(new ExecutionException(new IllegalStateException("a bug"))));
        assertFalse(Main.outOfMemory(new StackOverflowError()));
    }
}
