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

/**
 * The adversary: one node standing for every adversarial miner, with its share of the hash power
 * ({@link NakamotoParams#adversaryHashesPerTick()}). It hears every block the honest nodes send
 * and takes no Receive step (Nakamoto.tla's adversary sees the whole block tree).
 *
 * <ul>
 *   <li>{@link Strategy#PRIVATE}: Nakamoto's double-spend attacker (section 11). It mines a private
 *       chain from genesis carrying the conflicting spend of every public transaction
 *       (values + i against i) and releases its tip as soon as that chain is longer than the
 *       longest honest chain it has heard of (and, with {@code wait} = z, that chain holds z blocks
 *       above the payment's: Nakamoto's merchant waits for z); once it falls more than {@code giveUp} blocks behind
 *       it gives up and adopts the honest tip (AdvAdopt), starting a new private chain there.</li>
 *   <li>{@link Strategy#INVALID}: it mines on the longest honest chain blocks that honest
 *       validation must refuse, releasing each at once: a double spend of a public transaction the
 *       chain holds, or (when the chain holds none yet, or every other block) a height claim one
 *       above the true one (the spec's MaxForge = 1).</li>
 * </ul>
 */
public final class NakamotoAdversary implements ProtocolNode {
    public enum Strategy {
        PRIVATE("private"), INVALID("invalid");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Strategy of(String label) {
            for (Strategy s : values()) {
                if (s.label.equals(label)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown nakamoto adversary '" + label + "' (private, invalid)");
        }
    }

    private final int id;
    private final int n;
    private final NakamotoParams p;
    private final RandomSource random;
    private final Effects fx;
    private final Strategy strategy;
    private final int giveUp;
    private final int wait;

    private NakamotoBlock privateTip;
    private NakamotoBlock bestHonest;
    private NakamotoBlock miningOn;
    private List<Integer> miningTxs;
    private int miningHeight;
    private BlockHash.Miner miner;
    private int found;
    private int adoptions;
    /** The last block released (each block is released at most once). */
    private NakamotoBlock released;

    public NakamotoAdversary(int id, int n, NakamotoParams p, Strategy strategy, int giveUp, RandomSource random,
            EventSink sink) {
        this(id, n, p, strategy, giveUp, 0, random, sink);
    }

    /**
     * @param wait the private attacker withholds its longer chain until the honest chain holds
     *             {@code wait} blocks above height 1 (the payment's block): the merchant's z
     */
    public NakamotoAdversary(int id, int n, NakamotoParams p, Strategy strategy, int giveUp, int wait,
            RandomSource random, EventSink sink) {
        this.wait = wait;
        this.id = id;
        this.n = n;
        this.p = p;
        this.strategy = strategy;
        this.giveUp = giveUp;
        this.random = random;
        this.fx = new Effects(id, sink);
        this.privateTip = p.genesis();
        this.bestHonest = p.genesis();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Effects step(Input input) {
        fx.clear();
        if (input instanceof Input.Receive r) {
            NakamotoBlock t = ((NakamotoMessage) r.msg()).tip();
            if (r.msg().from() != id && t.height() > bestHonest.height() && t.chainValid()) {
                bestHonest = t;
                if (strategy == Strategy.PRIVATE && bestHonest.height() - privateTip.height() > giveUp) {
                    adopt(bestHonest);
                } else if (strategy == Strategy.PRIVATE && worthReleasing(privateTip)) {
                    release(privateTip); // the merchant's wait is over and the private chain is still longer
                }
            }
        } else if (input instanceof Input.TimerFired t) {
            if (t.timer() == NakamotoNode.MINE) {
                mine();
                fx.setTimer(NakamotoNode.MINE, 1);
            }
        } else if (input instanceof Input.Start || input instanceof Input.Restart) {
            fx.setTimer(NakamotoNode.MINE, 1);
        }
        return fx;
    }

    @SpecAction("AdvAdopt")
    private void adopt(NakamotoBlock b) {
        privateTip = b;
        adoptions++;
        fx.event("AdvAdopt", b.idOnly(), this);
    }

    private void prepare() {
        NakamotoBlock parent = strategy == Strategy.PRIVATE ? privateTip : bestHonest;
        if (parent == miningOn && miner != null) {
            return;
        }
        miningOn = parent;
        miningTxs = new ArrayList<>();
        miningHeight = parent.height() + 1;
        int v = p.values();
        if (strategy == Strategy.PRIVATE) {
            for (int i = 1; i <= Math.min(miningHeight, v); i++) {
                if (!parent.hasTx(v + i) && !parent.spends(NakamotoBlock.output(i, v))) {
                    miningTxs.add(v + i);
                }
            }
        } else {
            int spent = 0;
            for (int i = 1; i <= v && spent == 0; i++) {
                spent = parent.hasTx(i) ? i : 0;
            }
            if (spent > 0 && found % 2 == 0) {
                miningTxs.add(v + spent); // spends an output the chain already spent
            } else {
                miningHeight++; // claims one more than the true height
            }
        }
        miner = new BlockHash.Miner(parent.id(), miningHeight, id, miningTxs);
    }

    @SpecAction("AdvMine")
    private void mine() {
        prepare();
        for (int i = 0; i < p.adversaryHashesPerTick(); i++) {
            long nonce = random.nextLong(Long.MAX_VALUE);
            byte[] d = miner.digest(nonce);
            if (BlockHash.meets(d, p.difficulty())) {
                NakamotoBlock b = NakamotoBlock.mined(BlockHash.hex(d), miningOn, miningHeight, id, miningTxs, nonce,
                        p.outputs());
                found++;
                privateTip = b;
                miner = null;
                fx.event("AdvMine", b.withoutMiner(), this);
                if (strategy == Strategy.INVALID || worthReleasing(b)) {
                    release(b);
                }
                return;
            }
        }
    }

    /** A private block longer than the honest chain, once that chain holds the payment {@code wait} blocks deep. */
    private boolean worthReleasing(NakamotoBlock b) {
        return b != released && b.miner() == id && b.height() > bestHonest.height() && bestHonest.height() >= 1 + wait;
    }

    @SpecAction("Release")
    private void release(NakamotoBlock b) {
        released = b;
        fx.event("Release", b, this);
        NakamotoMessage m = new NakamotoMessage(id, b);
        for (int k = 1; k <= n; k++) {
            if (k != id) {
                fx.send(k, m);
            }
        }
    }

    /** How many times the private attacker gave up (AdvAdopt); experiments read it. */
    public int adoptions() {
        return adoptions;
    }

    /** The adversary waits for nothing: the liveness duty is the honest nodes'. */
    @Override
    public boolean done() {
        return true;
    }

    /** Its private tip (EVENTS.md). */
    @Override
    public void writeJson(JsonOut out) {
        out.beginObject().field("tip", privateTip.id()).endObject();
    }
}
