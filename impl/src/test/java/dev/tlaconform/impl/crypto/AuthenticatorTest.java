package dev.tlaconform.impl.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private static final byte[] PREPARE = "PREPARE v=0 n=1 d=ab i=2".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReplicasSignatureVerifiesInItsOwnNameOnly() {
        Authenticator auth = Authenticator.forCluster(42, 4, 2);
        byte[] sig = auth.signer("r2").sign(PREPARE);
        assertEquals(64, sig.length);
        assertTrue(auth.verify("r2", PREPARE, sig));
        // a Byzantine r3 passing r2's message off as r1's: rejected
        assertFalse(auth.verify("r1", PREPARE, sig));
        // r3 forging r1's name with its own key: rejected
        assertFalse(auth.verify("r1", PREPARE, auth.signer("r3").sign(PREPARE)));
    }

    @Test
    void aTamperedMessageOrSignatureIsRejected() {
        Authenticator auth = Authenticator.forCluster(42, 4, 2);
        byte[] sig = auth.signer("c0").sign(PREPARE);
        byte[] other = PREPARE.clone();
        other[other.length - 1] ^= 1;
        assertFalse(auth.verify("c0", other, sig));
        byte[] bad = sig.clone();
        bad[0] ^= 1;
        assertFalse(auth.verify("c0", PREPARE, bad));
        assertFalse(auth.verify("c0", PREPARE, new byte[3]));
        assertFalse(auth.verify("r9", PREPARE, sig));
        assertThrows(IllegalArgumentException.class, () -> auth.signer("r9"));
    }

    @Test
    void keysAndSignaturesDependOnlyOnTheSeed() {
        byte[] a = Authenticator.forCluster(7, 4, 1).signer("r0").sign(PREPARE);
        byte[] b = Authenticator.forCluster(7, 4, 1).signer("r0").sign(PREPARE);
        byte[] c = Authenticator.forCluster(8, 4, 1).signer("r0").sign(PREPARE);
        assertArrayEquals(a, b);
        assertNotEquals(Digests.hex(a), Digests.hex(c));
        assertTrue(Authenticator.forCluster(7, 4, 1).verify("r0", PREPARE, a));
        assertFalse(Authenticator.forCluster(8, 4, 1).verify("r0", PREPARE, a));
    }

    @Test
    void digestsAreSha256OfTheCanonicalEncoding() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digests.hex(Digests.sha256("abc".getBytes(StandardCharsets.US_ASCII))));
        byte[] r1 = Digests.request(0, 1, "put x 1");
        assertArrayEquals(r1, Digests.request(0, 1, "put x 1"));
        assertNotEquals(Digests.hex(r1), Digests.hex(Digests.request(0, 2, "put x 1")));
        assertNotEquals(Digests.hex(r1), Digests.hex(Digests.request(1, 1, "put x 1")));
        assertNotEquals(Digests.hex(r1), Digests.hex(Digests.nullRequest()));
        assertEquals(64, Digests.hex(r1).length());
        byte[] s12 = Digests.state(List.of(r1, Digests.nullRequest()));
        byte[] s21 = Digests.state(List.of(Digests.nullRequest(), r1));
        assertNotEquals(Digests.hex(s12), Digests.hex(s21));
        assertThrows(IllegalArgumentException.class, () -> Digests.state(List.of(new byte[5])));
    }

    @Test
    void theMemoAnswersAsTheJdkDoesAndComputesEachAnswerOnce() {
        final String TEXT = "PREPARE v=0 n=1 d=ab i=2"; // the String (memoized) entry points
        Authenticator auth = Authenticator.forCluster(42, 4, 2);
        Authenticator.Signer r1 = auth.signer("r1");
        byte[] sig = r1.sign(TEXT);
        assertArrayEquals(sig, r1.sign(TEXT), "deterministic, memoized signature");
        sig[0] ^= 1; // the caller's copy: the memo must not hand out its own array
        assertArrayEquals(Authenticator.forCluster(42, 4, 2).signer("r1").sign(TEXT), r1.sign(TEXT));
        byte[] good = r1.sign(TEXT);
        for (int i = 0; i < 3; i++) {
            assertTrue(auth.verify("r1", TEXT, good));
            assertFalse(auth.verify("r2", TEXT, good), "another node's name");
            assertFalse(auth.verify("r1", TEXT + " ", good), "another text");
            assertFalse(auth.verify("r1", TEXT, sig), "a tampered signature");
        }
        assertEquals(4, auth.verifications(), "each distinct question computed once");
    }
}
