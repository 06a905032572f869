package dev.tlaconform.impl.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Message authentication for PBFT with Ed25519 signatures from the JDK (RFC 8032).
 *
 * <p><b>Why signatures and not the paper's MAC authenticators.</b> The spec (specs/pbft/PBFT.tla)
 * is the signature variant of Castro and Liskov (OSDI 1999, Section 4): a VIEW-CHANGE carries
 * prepared certificates, a NEW-VIEW carries view-changes, and a CHECKPOINT proof carries 2f+1
 * checkpoints, all of which a third replica must be able to verify. Signatures are transferable;
 * HMAC-SHA256 authenticators (a vector of MACs, one per receiver) are not, and the MAC variant of
 * PBFT needs a different, longer view-change protocol (Castro and Liskov, TOCS 2002) that the spec
 * does not model. Ed25519 signing is deterministic, so a seeded simulation stays byte-identical.
 *
 * <p>Keys are derived from a seed and the node's name, so a simulation is reproducible from its
 * seed; they are test keys for the simulator and the loopback cluster, not for production. Nodes
 * are named {@code "r<i>"} (replicas) and {@code "c<k>"} (clients). A Byzantine node holds only its
 * own private key: it can sign in its own name and nowhere else ({@link #signer(String)}).
 *
 * <p><b>Memoized.</b> Verification is a pure function of (node, text, signature) and Ed25519
 * signing is deterministic, so one run's authenticator remembers the last {@value #MEMO} answers
 * of each: a message retransmitted, or multicast to every replica, is verified (signed) once per
 * run, not once per copy. Only the JDK's time is saved (about a millisecond per operation on this
 * JDK 17); every answer is the one the JDK gives. One instance per run, not thread-safe.
 */
public final class Authenticator {
    /** Bound of each memo (least recently used entries go first). */
    static final int MEMO = 8192;

    private final Map<String, PublicKey> publicKeys;
    private final Map<String, PrivateKey> privateKeys;
    private final Map<String, Boolean> verified = lru();
    private long verifications;

    private Authenticator(Map<String, PublicKey> publicKeys, Map<String, PrivateKey> privateKeys) {
        this.publicKeys = publicKeys;
        this.privateKeys = privateKeys;
    }

    /** Key pairs for replicas r0..r(n-1) and clients c0..c(clients-1), derived from the seed. */
    public static Authenticator forCluster(long seed, int replicas, int clients) {
        Map<String, PublicKey> pub = new TreeMap<>();
        Map<String, PrivateKey> priv = new TreeMap<>();
        for (int i = 0; i < replicas; i++) {
            addNode("r" + i, seed, pub, priv);
        }
        for (int k = 0; k < clients; k++) {
            addNode("c" + k, seed, pub, priv);
        }
        return new Authenticator(Map.copyOf(pub), Map.copyOf(priv));
    }

    private static void addNode(String node, long seed, Map<String, PublicKey> pub, Map<String, PrivateKey> priv) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
            gen.initialize(NamedParameterSpec.ED25519, new SeededRandom(seed, node));
            KeyPair kp = gen.generateKeyPair();
            pub.put(node, kp.getPublic());
            priv.put(node, kp.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** A signer holding exactly one node's private key. */
    public Signer signer(String node) {
        PrivateKey key = privateKeys.get(node);
        if (key == null) {
            throw new IllegalArgumentException("unknown node " + node);
        }
        return new Signer(node, key);
    }

    /** True iff sig is node's signature on data; false for an unknown node or a malformed signature. */
    public boolean verify(String node, byte[] data, byte[] sig) {
        PublicKey key = publicKeys.get(node);
        if (key == null || sig == null || sig.length != 64) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(data);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@link #verify(String, byte[], byte[])} of the UTF-8 bytes of a canonical text (memoized). */
    public boolean verify(String node, String text, byte[] sig) {
        if (sig == null) {
            return false;
        }
        String key = node + '\n' + Base64.getEncoder().encodeToString(sig) + '\n' + text;
        Boolean known = verified.get(key);
        if (known == null) {
            verifications++;
            known = verify(node, text.getBytes(StandardCharsets.UTF_8), sig);
            verified.put(key, known);
        }
        return known;
    }

    /** Ed25519 verifications actually computed by the JDK (not answered from the memo). */
    public long verifications() {
        return verifications;
    }

    private static <V> Map<String, V> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MEMO;
            }
        };
    }

    /** Signs in one node's name. */
    public static final class Signer {
        private final String node;
        private final PrivateKey key;
        private final Map<String, byte[]> signed = lru();

        private Signer(String node, PrivateKey key) {
            this.node = node;
            this.key = key;
        }

        public String node() {
            return node;
        }

        /** The signature of the UTF-8 bytes of a canonical text (protocol code has no byte streams). */
        public byte[] sign(String text) {
            byte[] sig = signed.get(text);
            if (sig == null) {
                sig = sign(text.getBytes(StandardCharsets.UTF_8));
                signed.put(text, sig);
            }
            return sig.clone();
        }

        /** The 64-byte Ed25519 signature of data. */
        public byte[] sign(byte[] data) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(data);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 signing failed for " + node, e);
            }
        }
    }

    /**
     * The randomness the key generator draws the 32-byte private key from: SHA-256 of
     * (seed, node, counter), so the keys depend on nothing but the seed and the node's name.
     */
    private static final class SeededRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final long seed;
        private final String node;
        private long counter;

        SeededRandom(long seed, String node) {
            this.seed = seed;
            this.node = node;
        }

        @Override
        public void nextBytes(byte[] out) {
            int pos = 0;
            while (pos < out.length) {
                byte[] block = Digests.sha256((seed + "/" + node + "/" + counter++).getBytes(StandardCharsets.UTF_8));
                int n = Math.min(block.length, out.length - pos);
                System.arraycopy(block, 0, out, pos, n);
                pos += n;
            }
        }
    }
}
