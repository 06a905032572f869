package dev.tlaconform.impl.nakamoto;

import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Traceable;
import dev.tlaconform.impl.crypto.BlockHash;
import java.util.BitSet;
import java.util.List;

/**
 * A block: its id is the SHA-256 of its header (parent id, height, miner, transactions, nonce;
 * {@link BlockHash}), so the id commits to the parent and the chain to every ancestor. Immutable
 * and shared by every node holding it (in the simulator a message carries the tip and the chain is
 * reached through {@link #prev()}: the blocks a receiver may lack travel with it, as GKL's nodes
 * diffuse chains).
 *
 * <p>{@link #chainTxs()} and {@link #spent()} are the transactions and outputs of the chain ending
 * here (computed once, at creation, by whoever built the block; a validating node checks a block
 * against its parent's, never trusting the block's own); {@link #chainValid()} says whether every
 * block of the chain is valid (the simulator's monitor reads it, nodes do not).
 */
public final class NakamotoBlock implements Traceable {
    private final String id;
    private final NakamotoBlock prev;
    private final int height;
    private final int miner;
    private final List<Integer> txs;
    private final long nonce;
    private final BitSet chainTxs;
    private final BitSet spent;
    private final boolean chainValid;

    private NakamotoBlock(String id, NakamotoBlock prev, int height, int miner, List<Integer> txs, long nonce,
            int outputs) {
        this.id = id;
        this.prev = prev;
        this.height = height;
        this.miner = miner;
        this.txs = List.copyOf(txs);
        this.nonce = nonce;
        if (prev == null) {
            chainTxs = new BitSet();
            spent = new BitSet();
            chainValid = true;
        } else {
            chainTxs = (BitSet) prev.chainTxs.clone();
            spent = (BitSet) prev.spent.clone();
            boolean ok = height == prev.height + 1 && txsValid(prev, txs, outputs);
            for (int t : txs) {
                chainTxs.set(t);
                spent.set(output(t, outputs));
            }
            chainValid = prev.chainValid && ok;
        }
    }

    /** The genesis block. */
    public static NakamotoBlock genesis() {
        return new NakamotoBlock(BlockHash.GENESIS, null, 0, 0, List.of(), 0, 1);
    }

    /** A block on {@code parent} whose id is {@code id} (the hash of this header with this nonce). */
    public static NakamotoBlock mined(String id, NakamotoBlock parent, int height, int miner, List<Integer> txs,
            long nonce, int outputs) {
        return new NakamotoBlock(id, parent, height, miner, txs, nonce, outputs);
    }

    /** The output transaction t spends (Nakamoto.tla's Spends): t and t + outputs spend the same. */
    public static int output(int t, int outputs) {
        return ((t - 1) % outputs) + 1;
    }

    /**
     * Nakamoto.tla's ValidTxs: each of txs new to the chain ending in parent, spending an output
     * that chain did not spend, no two spending one output.
     */
    public static boolean txsValid(NakamotoBlock parent, List<Integer> txs, int outputs) {
        BitSet here = new BitSet();
        for (int t : txs) {
            int o = output(t, outputs);
            if (parent.chainTxs.get(t) || parent.spent.get(o) || here.get(o)) {
                return false;
            }
            here.set(o);
        }
        return true;
    }

    public String id() {
        return id;
    }

    /** The parent block, null for genesis. */
    public NakamotoBlock prev() {
        return prev;
    }

    public String parent() {
        return prev == null ? id : prev.id;
    }

    public int height() {
        return height;
    }

    public int miner() {
        return miner;
    }

    public List<Integer> txs() {
        return txs;
    }

    public long nonce() {
        return nonce;
    }

    public boolean hasTx(int t) {
        return chainTxs.get(t);
    }

    public boolean spends(int output) {
        return spent.get(output);
    }

    public boolean chainValid() {
        return chainValid;
    }

    /** The trace's block record: id, parent, height, miner, txs (EVENTS.md). */
    @Override
    public void writeJson(JsonOut out) {
        writeJson(out, true);
    }

    /** The record, without the miner for the adversary's own events (the spec fixes it to Adv). */
    void writeJson(JsonOut out, boolean withMiner) {
        out.beginObject().field("id", id).field("parent", parent()).field("height", height);
        if (withMiner) {
            out.field("miner", miner);
        }
        out.name("txs").beginArray();
        for (int t : txs) {
            out.value(t);
        }
        out.endArray().endObject();
    }

    /** The block as the adversary's AdvMine event logs it (no miner field). */
    Traceable withoutMiner() {
        return out -> writeJson(out, false);
    }

    /** Only the id (the adversary's AdvAdopt). */
    Traceable idOnly() {
        return out -> out.beginObject().field("id", id).endObject();
    }
}
