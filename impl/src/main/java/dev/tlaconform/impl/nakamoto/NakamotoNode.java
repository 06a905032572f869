package dev.tlaconform.impl.nakamoto;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SpecAction;
import dev.tlaconform.impl.crypto.BlockHash;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An honest Nakamoto node (Nakamoto 2008, section 5): it mines on the tip of the longest chain it
 * holds with real SHA-256 proof of work, sends each block it finds to every node, validates the
 * blocks of a received chain it lacks (height = parent's + 1, proof of work, transactions new to
 * the chain and spending unspent outputs) and switches to a valid chain strictly longer than its
 * own (ties: the first received stays). Each branch is one action of specs/nakamoto/Nakamoto.tla
 * and logs the trace event of that name (EVENTS.md).
 *
 * <p>Mining: timer {@link #MINE} fires every tick; each firing hashes {@code hashesPerTick} headers
 * with nonces drawn from the node's seeded random source, so a run is reproducible byte for byte.
 * Public transaction i (of 1..values) goes into the first block of height >= i whose chain does not
 * hold it and has not spent its output. Durable state: every block held and the tip (a node's
 * block store); a restarted node reloads them, so a restart is no spec step.
 */
public final class NakamotoNode implements ProtocolNode {
    public static final int MINE = 1;

    private final int id;
    private final int n;
    private final NakamotoParams p;
    private final RandomSource random;
    private final Effects fx;
    private final NakamotoMutant mutant;

    private final TreeMap<String, NakamotoBlock> known = new TreeMap<>();
    private NakamotoBlock tip;
    /** The header being mined on and its hasher (rebuilt when the tip changes). */
    private NakamotoBlock miningOn;
    private List<Integer> miningTxs;
    private BlockHash.Miner miner;
    /** The durable block store: the blocks in the order the node got them, and the tip. */
    private Store store;

    /** An immutable snapshot: a persistent list of blocks (newest first; null: only the tip moved) and the tip's id. */
    record Store(NakamotoBlock block, Store rest, String tip) {}

    public NakamotoNode(int id, int n, NakamotoParams p, RandomSource random, EventSink sink, NakamotoMutant mutant) {
        this.id = id;
        this.n = n;
        this.p = p;
        this.random = random;
        this.fx = new Effects(id, sink);
        this.mutant = mutant;
        this.tip = p.genesis();
        known.put(tip.id(), tip);
    }

    @Override
    public int id() {
        return id;
    }

    public NakamotoBlock tip() {
        return tip;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            receive((NakamotoMessage) r.msg());
        } else if (input instanceof Input.TimerFired t) {
            if (t.timer() == MINE) {
                mine();
                fx.setTimer(MINE, 1);
            }
        } else if (input instanceof Input.Start) {
            fx.setTimer(MINE, 1);
        } else if (input instanceof Input.Restart r) {
            restore((Store) r.durable());
            fx.setTimer(MINE, 1);
        }
        return fx;
    }

    private void restore(Store s) {
        List<NakamotoBlock> blocks = new ArrayList<>();
        String tipId = s == null ? tip.id() : s.tip();
        for (Store c = s; c != null; c = c.rest()) {
            if (c.block() != null) {
                blocks.add(c.block());
            }
        }
        for (NakamotoBlock b : blocks) {
            known.put(b.id(), b);
        }
        tip = known.get(tipId);
        store = s;
    }

    /** Transactions a block on {@code parent} carries: public ones due at its height, valid there. */
    private List<Integer> txsFor(NakamotoBlock parent) {
        List<Integer> txs = new ArrayList<>();
        int h = parent.height() + 1;
        for (int t = 1; t <= Math.min(h, p.values()); t++) {
            if (!parent.hasTx(t) && !parent.spends(NakamotoBlock.output(t, p.outputs()))) {
                txs.add(t);
            }
        }
        if (mutant == NakamotoMutant.INCLUDE_SPENT && parent.hasTx(1) && !txs.contains(1)) {
            txs.add(0, 1);
        }
        return txs;
    }

    @SpecAction("Mine")
    private void mine() {
        if (miningOn == null || (miningOn != tip && mutant != NakamotoMutant.MINE_ON_STALE_TIP)) {
            miningOn = tip;
            miningTxs = txsFor(tip);
            miner = null;
        }
        int height = miningOn.height() + (mutant == NakamotoMutant.MINE_WRONG_HEIGHT ? 2 : 1);
        if (miner == null) {
            miner = new BlockHash.Miner(miningOn.id(), height, id, miningTxs);
        }
        for (int i = 0; i < p.hashesPerTick(); i++) {
            long nonce = random.nextLong(Long.MAX_VALUE);
            byte[] d = miner.digest(nonce);
            if (BlockHash.meets(d, p.difficulty())) {
                NakamotoBlock b = NakamotoBlock.mined(BlockHash.hex(d), miningOn, height, id, miningTxs, nonce,
                        p.outputs());
                known.put(b.id(), b);
                tip = b;
                miningOn = null;
                persist(List.of(b));
                fx.event("Mine", b, this);
                NakamotoMessage m = new NakamotoMessage(id, b);
                for (int k = 1; k <= n; k++) {
                    if (k != id) {
                        fx.send(k, m);
                    }
                }
                return;
            }
        }
    }

    private void persist(List<NakamotoBlock> added) {
        Store s = store;
        for (NakamotoBlock b : added) {
            s = new Store(b, s, tip.id());
        }
        if (added.isEmpty()) {
            s = new Store(null, s, tip.id());
        }
        store = s;
        fx.persist(s);
    }

    @SpecAction("Receive")
    private void receive(NakamotoMessage m) {
        if (m.from() == id) {
            return;
        }
        List<NakamotoBlock> missing = new ArrayList<>();
        NakamotoBlock b = m.tip();
        while (b != null && !known.containsKey(b.id())) {
            missing.add(b);
            b = b.prev();
        }
        boolean valid = b != null;
        for (int i = missing.size() - 1; i >= 0 && valid; i--) {
            valid = validBlock(missing.get(i));
        }
        if (valid) {
            for (int i = missing.size() - 1; i >= 0; i--) {
                known.put(missing.get(i).id(), missing.get(i));
            }
            NakamotoBlock t = m.tip();
            boolean adopt = switch (mutant == null ? "" : mutant.label()) {
                case "accept-shorter-chain" -> t.height() != tip.height();
                case "accept-tie" -> t.height() >= tip.height() && t != tip;
                default -> t.height() > tip.height();
            };
            if (adopt) {
                tip = t;
            }
            if (adopt || !missing.isEmpty()) {
                persist(reversed(missing));
            }
        }
        fx.event("Receive", m, this);
    }

    private static List<NakamotoBlock> reversed(List<NakamotoBlock> l) {
        List<NakamotoBlock> r = new ArrayList<>(l.size());
        for (int i = l.size() - 1; i >= 0; i--) {
            r.add(l.get(i));
        }
        return r;
    }

    /** Nakamoto.tla's ValidBlock, plus the proof of work the spec abstracts away. */
    private boolean validBlock(NakamotoBlock b) {
        NakamotoBlock parent = b.prev();
        if (parent == null) {
            return false;
        }
        if (mutant != NakamotoMutant.SKIP_HEIGHT_CHECK && b.height() != parent.height() + 1) {
            return false;
        }
        if (mutant != NakamotoMutant.SKIP_SPEND_CHECK && !NakamotoBlock.txsValid(parent, b.txs(), p.outputs())) {
            return false;
        }
        String h = BlockHash.id(parent.id(), b.height(), b.miner(), b.txs(), b.nonce());
        return h.equals(b.id()) && BlockHash.meets(java.util.HexFormat.of().parseHex(h), p.difficulty());
    }

    @Override
    public boolean done() {
        return tip.height() >= p.targetHeight();
    }

    /** The node's logged state: its tip (EVENTS.md). */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("tip", tip.id()).endObject();
    }
}
