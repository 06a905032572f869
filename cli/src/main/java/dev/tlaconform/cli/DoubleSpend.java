package dev.tlaconform.cli;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.ForwardingNode;
import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.ForwardingProtocol;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolFactory;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.nakamoto.NakamotoAdversary;
import dev.tlaconform.impl.nakamoto.NakamotoBlock;
import dev.tlaconform.impl.nakamoto.NakamotoNode;
import dev.tlaconform.impl.nakamoto.NakamotoProtocol;
import dev.tlaconform.impl.sim.FaultPlan;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.Simulation;
import dev.tlaconform.impl.sim.SystemModel;
import java.util.List;

/**
 * The double-spend experiment ({@code tlaconform experiment double-spend}): Nakamoto's attacker
 * (section 11) against 3 honest miners in the simulator, real SHA-256 work. Transaction 1 (the
 * payment) is due from height 1; the attacker mines from genesis a private chain holding the
 * conflicting transaction and, aiming at a merchant who waits for z confirmations, releases it once
 * it is longer than the honest chain and the honest chain holds z blocks above the payment's; it
 * gives up once {@code giveUp} blocks behind. One set of runs per z. Every message takes exactly Δ ticks (model sync, min delay
 * = Δ). Per run and honest node the experiment watches the tip after every step:
 * <ul>
 *   <li>the payment's confirmations: blocks on top of the block holding it in the node's chain (the
 *       most the node ever saw, until the payment left its chain);</li>
 *   <li>a double spend with z confirmations: the payment left the chain of a node that had seen it
 *       with at least z blocks on top (the attacker's chain spends the output: it never returns);</li>
 *   <li>a k-deep reorganisation: a tip switch that reverted a block with at least k blocks on top.</li>
 * </ul>
 * A run ends when the payment is reverted somewhere, the attacker gives up, or the simulator's
 * liveness window closes (counted as unresolved). Beside each measured probability: Nakamoto's
 * section 11 formula, computed here.
 */
final class DoubleSpend {
    private DoubleSpend() {}

    static final int HONEST = 3;
    static final int HASHES = 10;
    static final int DIFFICULTY = 9;
    static final int MAX_Z = 6;

    /** One (share, Δ) cell: per z = 0..MAX_Z the runs with a double spend after z confirmations / a z-deep reorg. */
    record Row(double share, double actualShare, long delta, int z, int runs, int unresolved, int[] doubleSpends, int[] reorgs,
            double blockTicks, long blocks) {
        double pDoubleSpend(int z) {
            return (double) doubleSpends[z] / runs;
        }

        double pReorg(int k) {
            return (double) reorgs[k] / runs;
        }
    }

    /**
     * Nakamoto (2008), section 11: the probability an attacker with share q ever catches up once the
     * payment has z blocks after it, with λ = z q / p: 1 − Σ_{k=0}^{z} (λ^k e^{−λ} / k!) (1 − (q/p)^{z−k}).
     */
    static double nakamoto(double q, int z) {
        double p = 1 - q;
        if (q >= p) {
            return 1;
        }
        double lambda = z * (q / p);
        double sum = 1;
        for (int k = 0; k <= z; k++) {
            double poisson = Math.exp(-lambda);
            for (int i = 1; i <= k; i++) {
                poisson *= lambda / i;
            }
            sum -= poisson * (1 - Math.pow(q / p, z - k));
        }
        return sum;
    }

    /** One cell for the attacker aiming at a merchant who waits for z confirmations. */
    /**
     * The exact probability of this experiment's race (Rosenfeld, "Analysis of hashrate-based
     * double spending", 2014: the attacker's blocks while the honest find n are negative-binomial,
     * not Poisson as in Nakamoto's approximation): both start at genesis when the payment's block is
     * being mined; the merchant accepts once the honest chain holds n = z + 1 blocks (the payment's
     * and z on top); the attacker, with m blocks by then, wins if it ever gets strictly longer,
     * (q/p)^(n − m + 1) from n − m behind, surely if already longer:
     * 1 − Σ_{m=0}^{n} C(m+n−1, m) p^n q^m (1 − (q/p)^(n−m+1)). The run's give-up bound is ignored.
     */
    static double exact(double q, int z) {
        double p = 1 - q;
        if (q >= p) {
            return 1;
        }
        int n = z + 1;
        double fail = 0;
        double c = 1; // C(m+n-1, m)
        for (int m = 0; m <= n; m++) {
            if (m > 0) {
                c = c * (m + n - 1) / m;
            }
            fail += c * Math.pow(p, n) * Math.pow(q, m) * (1 - Math.pow(q / p, n - m + 1));
        }
        return 1 - fail;
    }

    static Row measure(double share, long delta, int z, int runs, long seed, int giveUp) {
        int[] ds = new int[MAX_Z + 1];
        int[] ro = new int[MAX_Z + 1];
        int unresolved = 0;
        long ticks = 0;
        long blocks = 0;
        double actual = 0;
        for (int i = 0; i < runs; i++) {
            SimConfig cfg = SimConfig.builder("nakamoto").seed(seed + i).nodes(HONEST + 1).faults(FaultPlan.named("none"))
                    .model(SystemModel.SYNC).deltaTicks(delta).minDelayTicks(delta).values(1).build();
            Watch w = new Watch(share, giveUp, z);
            Simulation.run(cfg, w, null);
            actual = w.protocol.actualShare();
            if (!w.resolved) {
                unresolved++;
            }
            for (int k = 0; k <= MAX_Z; k++) {
                if (w.reverted >= 0 && w.reverted >= k) {
                    ds[k]++;
                }
                if (w.deepestReorg >= k) {
                    ro[k]++;
                }
            }
            ticks += w.lastTick;
            blocks += w.maxHeight;
        }
        return new Row(share, actual, delta, z, runs, unresolved, ds, ro, blocks == 0 ? 0 : (double) ticks / blocks, blocks);
    }

    /** The run's Nakamoto protocol with its honest nodes watched. */
    private static final class Watch implements ProtocolFactory {
        private final double share;
        private final int giveUp;
        private final int z;
        NakamotoProtocol protocol;
        /** Confirmations the payment had at the node it was reverted at (-1: never reverted). */
        int reverted = -1;
        /** Blocks on top of the deepest block a reorganisation reverted (-1: none). */
        int deepestReorg = -1;
        boolean resolved;
        long lastTick;
        int maxHeight;

        Watch(double share, int giveUp, int z) {
            this.share = share;
            this.giveUp = giveUp;
            this.z = z;
        }

        @Override
        public Protocol create(EventSink sink) {
            protocol = new NakamotoProtocol(HONEST + 1, 1, NakamotoAdversary.Strategy.PRIVATE, share, DIFFICULTY, HASHES,
                    giveUp, null, null).waitFor(z);
            return new ForwardingProtocol(protocol) {
                @Override
                public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
                    ProtocolNode n = protocol.newNode(id, random, timeoutTicks);
                    return n instanceof NakamotoNode h ? new Node(h) : new Attacker(n);
                }

                @Override
                public List<ClientOp> workload(RandomSource random, long spreadTicks) {
                    return List.of();
                }
            };
        }

        /** The attacker, watched for giving up (AdvAdopt); it counts the ticks. */
        private final class Attacker extends ForwardingNode {
            Attacker(ProtocolNode n) {
                super(n);
            }

            @Override
            public Effects step(Input input) {
                Effects fx = inner.step(input);
                if (input instanceof Input.TimerFired) {
                    lastTick++;
                }
                if (inner instanceof NakamotoAdversary a && a.adoptions() > 0) {
                    resolved = true; // it gave up: its next chains cannot spend the paid output again
                }
                return fx;
            }

            @Override
            public boolean done() {
                return true;
            }
        }

        private final class Node extends ForwardingNode {
            private final NakamotoNode n;
            private int confirmations;

            Node(NakamotoNode n) {
                super(n);
                this.n = n;
            }

            @Override
            public Effects step(Input input) {
                NakamotoBlock before = n.tip();
                Effects fx = n.step(input);
                NakamotoBlock after = n.tip();
                if (after != before) {
                    maxHeight = Math.max(maxHeight, after.height());
                    if (after.prev() != before) {
                        NakamotoBlock a = after;
                        NakamotoBlock b = before;
                        while (a.height() > b.height()) {
                            a = a.prev();
                        }
                        while (b.height() > a.height()) {
                            b = b.prev();
                        }
                        while (a != b) {
                            a = a.prev();
                            b = b.prev();
                        }
                        if (a != before) {
                            deepestReorg = Math.max(deepestReorg, before.height() - a.height() - 1);
                        }
                    }
                    if (before.hasTx(1) && !after.hasTx(1)) {
                        reverted = Math.max(reverted, confirmations);
                        resolved = true;
                    }
                    if (after.hasTx(1)) {
                        NakamotoBlock c = after;
                        while (c.prev() != null && c.prev().hasTx(1)) {
                            c = c.prev();
                        }
                        confirmations = Math.max(confirmations, after.height() - c.height());
                    }
                }
                return fx;
            }

            @Override
            public boolean done() {
                return resolved;
            }
        }
    }
}
