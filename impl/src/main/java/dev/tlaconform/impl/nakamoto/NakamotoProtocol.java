package dev.tlaconform.impl.nakamoto;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import java.util.List;

/**
 * Nakamoto consensus as the simulator runs it. Nodes 1..N mine; with an adversary, node N is it
 * ({@link NakamotoAdversary}) with {@code share} of the total hash power, the others honest
 * ({@link NakamotoNode}). Constants (the trace header's): N, Honest, Adv (N + 1 when there is no
 * adversary: a node that never acts), GenesisId, Txs 1..2·values, PublicTxs 1..values, Outputs =
 * values, K, MaxForge = 1. No client workload: the public transactions are known to every honest
 * miner from the start and become due at heights 1..values; a node is done when its chain is
 * values + K high.
 */
public final class NakamotoProtocol implements Protocol {
    /** Proof of work: leading zero bits of a block id. */
    public static final int DEFAULT_DIFFICULTY = 12;
    /** Hashes each honest node tries per tick. */
    public static final int DEFAULT_HASHES = 4;
    public static final double DEFAULT_SHARE = 0.25;
    public static final int K = 3;

    private final int n;
    private final NakamotoParams params;
    private final NakamotoAdversary.Strategy adversary;
    private final int giveUp;
    private int wait;
    private final EventSink sink;
    private final NakamotoMutant mutant;

    /**
     * @param adversary null (every node honest), or the strategy of node N
     * @param share     the adversary's share of the total hash power, in [0, 1)
     * @param giveUp    how many blocks behind the private attacker gives up
     */
    public NakamotoProtocol(int n, int values, NakamotoAdversary.Strategy adversary, double share, int difficulty,
            int hashes, int giveUp, EventSink sink, NakamotoMutant mutant) {
        if (n < 1 || (adversary != null && n < 2)) {
            throw new IllegalArgumentException("nakamoto needs at least one honest node: " + n + " node(s)");
        }
        if (values < 1) {
            throw new IllegalArgumentException("need at least one transaction: " + values);
        }
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("the adversary's share must be in [0, 1): " + share);
        }
        if (difficulty < 1 || difficulty > 40 || hashes < 1) {
            throw new IllegalArgumentException("difficulty must be 1..40 bits and hashes per tick >= 1");
        }
        this.n = n;
        int honest = adversary == null ? n : n - 1;
        int advHashes = adversary == null ? 0 : (int) Math.round(share / (1 - share) * honest * hashes);
        this.params = new NakamotoParams(NakamotoBlock.genesis(), values, difficulty, hashes, advHashes, K);
        this.adversary = adversary;
        this.giveUp = giveUp;
        this.sink = sink;
        this.mutant = mutant;
    }

    /** The simulator's default: difficulty 12, 4 hashes per tick, the private attacker gives up K behind. */
    public static NakamotoProtocol of(int n, int values, String adversaryLabel, EventSink sink, NakamotoMutant mutant) {
        NakamotoAdversary.Strategy s = null;
        double share = DEFAULT_SHARE;
        if (adversaryLabel != null) {
            String[] parts = adversaryLabel.split("=", 2);
            s = NakamotoAdversary.Strategy.of(parts[0]);
            if (parts.length == 2) {
                try {
                    share = Double.parseDouble(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("adversary share is not a number: " + adversaryLabel);
                }
            }
        }
        return new NakamotoProtocol(n, values, s, share, DEFAULT_DIFFICULTY, DEFAULT_HASHES, K, sink, mutant);
    }

    /** The private attacker withholds its chain until the payment is {@code z} blocks deep (default 0). */
    public NakamotoProtocol waitFor(int z) {
        this.wait = z;
        return this;
    }

    public NakamotoParams params() {
        return params;
    }

    /** The adversary's node id, or N + 1 when there is none. */
    public int adv() {
        return adversary == null ? n + 1 : n;
    }

    /** The adversary's actual share of the hash power (hashes per tick are whole numbers). */
    public double actualShare() {
        int honest = adversary == null ? n : n - 1;
        double a = params.adversaryHashesPerTick();
        return a / (a + (double) honest * params.hashesPerTick());
    }

    @Override
    public String name() {
        return "nakamoto";
    }

    @Override
    public int nodes() {
        return n;
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        if (adversary != null && id == n) {
            return new NakamotoAdversary(id, n, params, adversary, giveUp, wait, random, sink);
        }
        return new NakamotoNode(id, n, params, random, sink, mutant);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", n).name("Honest").beginArray();
        for (int k = 1; k <= n; k++) {
            if (k != adv()) {
                out.value(k);
            }
        }
        out.endArray().field("Adv", adv()).field("GenesisId", params.genesis().id()).name("Txs").beginArray();
        for (int t = 1; t <= 2 * params.values(); t++) {
            out.value(t);
        }
        out.endArray().name("PublicTxs").beginArray();
        for (int t = 1; t <= params.values(); t++) {
            out.value(t);
        }
        out.endArray().field("Outputs", params.outputs()).field("K", params.k()).field("MaxForge", 1)
                .field("difficulty", params.difficulty()).field("hashesPerTick", params.hashesPerTick())
                .field("adversaryHashesPerTick", params.adversaryHashesPerTick()).endObject();
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        return List.of();
    }

    @Override
    public boolean isCorrect(int node) {
        return node != adv();
    }

    @Override
    public SafetyMonitor newMonitor() {
        int a = adv();
        return msg -> onSend(msg, a);
    }

    /** Every chain an honest node sends is valid: no output spent twice, every height its parent's + 1. */
    private static String onSend(Message msg, int adv) {
        if (msg instanceof NakamotoMessage m && m.from() != adv && !m.tip().chainValid()) {
            return "honest node " + m.from() + " sent a chain that is not valid (a double spend or a wrong height) ending in "
                    + m.tip().id() + " at height " + m.tip().height();
        }
        return null;
    }
}
