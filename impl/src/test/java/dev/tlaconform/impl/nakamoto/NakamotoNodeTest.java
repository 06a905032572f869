package dev.tlaconform.impl.nakamoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.crypto.BlockHash;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The honest node's rules, one by one, on blocks built by hand with real proof of work. */
class NakamotoNodeTest {
    static final int DIFFICULTY = 8;
    final NakamotoParams p = new NakamotoParams(NakamotoBlock.genesis(), 2, DIFFICULTY, 4, 0, 3);

    /** A block on parent with valid work (nonces tried in order from 0). */
    NakamotoBlock mine(NakamotoBlock parent, int height, int miner, List<Integer> txs) {
        BlockHash.Miner m = new BlockHash.Miner(parent.id(), height, miner, txs);
        for (long nonce = 0; ; nonce++) {
            byte[] d = m.digest(nonce);
            if (BlockHash.meets(d, DIFFICULTY)) {
                return NakamotoBlock.mined(BlockHash.hex(d), parent, height, miner, txs, nonce, p.outputs());
            }
        }
    }

    NakamotoNode node() {
        NakamotoNode n = new NakamotoNode(1, 3, p, new RandomSource(1), null, null);
        n.step(Input.START);
        return n;
    }

    @Test
    void proofOfWorkIsSha256WithLeadingZeroBits() {
        assertTrue(BlockHash.meets(new byte[] {0, 0x0f, 0, 0}, 12));
        assertFalse(BlockHash.meets(new byte[] {0, 0x1f, 0, 0}, 12));
        NakamotoBlock b = mine(p.genesis(), 1, 2, List.of(1));
        assertEquals(b.id(), BlockHash.id(p.genesis().id(), 1, 2, List.of(1), b.nonce()));
        assertTrue(b.id().startsWith("00"), b.id());
    }

    @Test
    void adoptsOnlyAStrictlyLongerValidChain() {
        NakamotoNode n = node();
        NakamotoBlock a1 = mine(p.genesis(), 1, 2, List.of(1));
        NakamotoBlock b1 = mine(p.genesis(), 1, 3, List.of(1));
        n.step(new Input.Receive(new NakamotoMessage(2, a1)));
        assertSame(a1, n.tip());
        n.step(new Input.Receive(new NakamotoMessage(3, b1)));
        assertSame(a1, n.tip(), "a tie: the first received stays");
        NakamotoBlock b2 = mine(b1, 2, 3, List.of(2));
        n.step(new Input.Receive(new NakamotoMessage(3, b2)));
        assertSame(b2, n.tip(), "longer: reorganise");
        n.step(new Input.Receive(new NakamotoMessage(2, a1)));
        assertSame(b2, n.tip(), "shorter: ignored");
    }

    @Test
    void refusesADoubleSpendAWrongHeightAndBadWork() {
        NakamotoNode n = node();
        NakamotoBlock a1 = mine(p.genesis(), 1, 2, List.of(1));
        NakamotoBlock spend = mine(a1, 2, 3, List.of(3)); // 3 spends output 1, as 1 did
        n.step(new Input.Receive(new NakamotoMessage(3, spend)));
        assertSame(p.genesis(), n.tip(), "the whole chain is refused");
        NakamotoBlock forged = mine(a1, 3, 3, List.of());
        n.step(new Input.Receive(new NakamotoMessage(3, forged)));
        assertSame(p.genesis(), n.tip());
        NakamotoBlock noWork = NakamotoBlock.mined("ff" + a1.id().substring(2), p.genesis(), 1, 2, List.of(1), 0, 2);
        n.step(new Input.Receive(new NakamotoMessage(2, noWork)));
        assertSame(p.genesis(), n.tip());
        n.step(new Input.Receive(new NakamotoMessage(2, a1)));
        assertSame(a1, n.tip());
    }

    @Test
    void aMinedBlockCarriesTheDueTransactionsAndGoesToEveryOtherNode() {
        NakamotoNode n = node();
        Effects fx;
        do {
            fx = n.step(new Input.TimerFired(NakamotoNode.MINE));
        } while (fx.sends() == 0);
        assertEquals(1, n.tip().height());
        assertEquals(List.of(1), n.tip().txs(), "transaction i is due from height i");
        assertEquals(2, fx.sends());
        assertNotEquals(1, fx.sendTo(0));
        assertTrue(fx.durable() != null, "the block store is persisted before the block leaves");
    }

    @Test
    void aRunIsReproducibleByteForByte() {
        SimConfig c = SimConfig.builder("nakamoto").seed(7).byzantine(1).byz(List.of("private=0.3")).build();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        SimResult r = Simulation.run(c, a);
        Simulation.run(c, b);
        assertTrue(r.ok(), r.summary());
        assertEquals(a.toString(), b.toString());
    }
}
