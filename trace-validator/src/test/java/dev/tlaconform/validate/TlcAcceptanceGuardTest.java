package dev.tlaconform.validate;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The reference engine accepts only when TLC's error trace ends after the last event: a trace spec
 * that read an empty Trace violates the acceptance invariant in its initial state, which must not
 * count as "every event matched".
 */
class TlcAcceptanceGuardTest {
    @Test
    void acceptanceNeedsThePositionAfterTheLastEvent() {
        assertTrue(TlcReferenceEngine.reachedTheEnd(22, 22, 21));
        assertTrue(TlcReferenceEngine.reachedTheEnd(22, 40, 21));     // several candidates per position
        assertTrue(TlcReferenceEngine.reachedTheEnd(1, 1, 0));        // an empty trace
        assertFalse(TlcReferenceEngine.reachedTheEnd(1, 1, 21));      // Trace read as <<>>: violated at once
        assertFalse(TlcReferenceEngine.reachedTheEnd(-1, 22, 21));    // no error trace printed
        assertFalse(TlcReferenceEngine.reachedTheEnd(22, 0, 21));     // no statistics: not confirmed
    }
}
