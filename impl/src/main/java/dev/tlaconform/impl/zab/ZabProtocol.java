package dev.tlaconform.impl.zab;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.Quorum;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import java.util.ArrayList;
import java.util.List;

/**
 * Zab as the simulator runs it. Client writes are the integers 1..K (as strings "1".."K"); each is
 * handed to every server at a random time (a leader proposes the writes it holds that are not in
 * its history). Header constants (EVENTS.md): N, Server, MaxEpoch, and bounds MaxTxns, MaxRestarts,
 * MaxTimeouts at least as large as any run uses: an epoch's leader proposes each write at most
 * once, so at most K·MaxEpoch proposals; at most 3 restarts per server.
 */
public final class ZabProtocol implements Protocol {
    /** Header bound on timeouts (FollowerShutdown/LeaderShutdown): runs are bounded by their steps. */
    public static final int MAX_TIMEOUTS = 1_000_000;

    private final int n;
    private final int writes;
    private final int maxEpoch;
    private final long lifetimeTicks;
    private final EventSink sink;
    private final ZabMutant mutant;

    /**
     * @param lifetimeTicks the network's maximum message lifetime (delay bound of the system
     *                      model): how long a server stays silent before it logs a close
     */
    public ZabProtocol(int n, int writes, int maxEpoch, long lifetimeTicks, EventSink sink, ZabMutant mutant) {
        if (n < 1 || n > Quorum.MAX_NODES || writes < 1 || maxEpoch < 1 || lifetimeTicks < 1) {
            throw new IllegalArgumentException("zab: N=" + n + " writes=" + writes + " MaxEpoch=" + maxEpoch);
        }
        this.n = n;
        this.writes = writes;
        this.maxEpoch = maxEpoch;
        this.lifetimeTicks = lifetimeTicks;
        this.sink = sink;
        this.mutant = mutant;
    }

    @Override
    public String name() {
        return "zab";
    }

    @Override
    public int nodes() {
        return n;
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return new ZabNode(id, n, maxEpoch, timeoutTicks, lifetimeTicks, random, sink, mutant);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", n).name("Server").beginArray();
        for (int i = 1; i <= n; i++) {
            out.value(i);
        }
        out.endArray().field("MaxEpoch", maxEpoch).field("MaxTxns", (long) writes * maxEpoch)
                .field("MaxRestarts", 3L * n).field("MaxTimeouts", MAX_TIMEOUTS).endObject();
    }

    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        List<ClientOp> ops = new ArrayList<>();
        long jitter = Math.max(1, spreadTicks / 10);
        for (int v = 1; v <= writes; v++) {
            long t = random.nextLong(spreadTicks + 1);
            for (int k = 1; k <= n; k++) {
                ops.add(new ClientOp(t + random.nextLong(jitter), k, Integer.toString(v)));
            }
        }
        return ops;
    }

    @Override
    public boolean appliesOnce() {
        return mutant != ZabMutant.RETRY_APPLIED_TWICE;
    }

    @Override
    public SafetyMonitor newMonitor() {
        return new ZabMonitor();
    }

}
