package dev.tlaconform.impl.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 proof of work for the Nakamoto implementation (Nakamoto 2008, section 4: "scanning for
 * a value that when hashed, such as with SHA-256, the hash begins with a number of zero bits").
 * A block header's canonical encoding (big-endian, so every JVM hashes the same bytes):
 * {@code "NKB1"}, the parent's 32-byte id, int height, int miner, int transaction count, each
 * transaction as an int, then the long nonce. The block's id is the SHA-256 of its header, written
 * as 64 lowercase hex digits; the work is valid when the id begins with {@code difficulty} zero
 * bits. One {@link Miner} per (parent, height, miner, transactions) hashes the fixed prefix once and
 * each nonce on a copy of that state.
 */
public final class BlockHash {
    private static final HexFormat HEX = HexFormat.of();

    /** The genesis block's id: SHA-256 of "tlaconform nakamoto genesis". */
    public static final String GENESIS = HEX.formatHex(sha256().digest(
            "tlaconform nakamoto genesis".getBytes(StandardCharsets.US_ASCII)));

    private BlockHash() {}

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** True when the 32-byte digest begins with at least {@code bits} zero bits. */
    public static boolean meets(byte[] digest, int bits) {
        int i = 0;
        while (bits >= 8) {
            if (digest[i++] != 0) {
                return false;
            }
            bits -= 8;
        }
        return bits == 0 || (digest[i] & 0xff) >>> (8 - bits) == 0;
    }

    /** The id of the block with this header (recomputed by a validating node). */
    public static String id(String parent, int height, int miner, List<Integer> txs, long nonce) {
        return new Miner(parent, height, miner, txs).hex(nonce);
    }

    /** Hashes headers that differ only in their nonce. */
    public static final class Miner {
        private final MessageDigest prefix;
        private final byte[] nonceBytes = new byte[8];

        public Miner(String parent, int height, int miner, List<Integer> txs) {
            prefix = sha256();
            prefix.update("NKB1".getBytes(StandardCharsets.US_ASCII));
            prefix.update(HEX.parseHex(parent));
            putInt(height);
            putInt(miner);
            putInt(txs.size());
            for (int t : txs) {
                putInt(t);
            }
        }

        private void putInt(int v) {
            prefix.update(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        }

        /** The header's digest with this nonce. */
        public byte[] digest(long nonce) {
            MessageDigest md;
            try {
                md = (MessageDigest) prefix.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 state cannot be copied", e);
            }
            for (int i = 0; i < 8; i++) {
                nonceBytes[i] = (byte) (nonce >>> (56 - 8 * i));
            }
            return md.digest(nonceBytes);
        }

        public String hex(long nonce) {
            return HEX.formatHex(digest(nonce));
        }
    }

    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }
}
