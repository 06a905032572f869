package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.JsonOut;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolNode;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.core.SafetyMonitor;
import dev.tlaconform.impl.crypto.Authenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * PBFT as the simulator runs it: N replicas (simulator node k is replica k-1), of which the set
 * Byz is Byzantine ({@link PbftByzantine}), the rest honest ({@link PbftReplica}); C clients whose
 * processes run on honest replicas' nodes, client c issuing requests (c, 1..MaxTs) one at a time.
 * Keys: Ed25519, derived from the run's seed (impl.crypto.Authenticator). The header constants are
 * specs/pbft/EVENTS.md's.
 */
public final class PbftProtocol implements Protocol {
    private final PbftConfig c;
    private final EventSink sink;
    private final int requests;

    /**
     * @param requests total client requests (spread over min(requests, 2) clients)
     * @param byzantine how many replicas are Byzantine, chosen from the seed
     */
    public PbftProtocol(int n, int f, long seed, int requests, int byzantine, Set<PbftByzantine.Behaviour> behaviours,
            int maxView, int maxSeq, int k, int l, String mutant, EventSink sink) {
        if (n < 1 || n > 63 || f < 0 || requests < 1 || byzantine < 0 || byzantine > n || maxSeq < 1 || k < 1 || l < 1) {
            throw new IllegalArgumentException("pbft: N=" + n + " F=" + f + " requests=" + requests + " byzantine=" + byzantine);
        }
        int clients = Math.min(requests, 2);
        int maxTs = (requests + clients - 1) / clients;
        TreeSet<Integer> byz = new TreeSet<>();
        RandomSource pick = new RandomSource(seed * 0x9E3779B97F4A7C15L + 0xB12);
        while (byz.size() < byzantine) {
            byz.add(pick.nextInt(n));
        }
        this.c = new PbftConfig(n, f, Set.copyOf(byz), Set.copyOf(behaviours), clients, maxTs, maxView, maxSeq, k, l,
                Authenticator.forCluster(seed, n, clients), PbftMutant.of(mutant));
        this.sink = sink;
        this.requests = requests;
    }

    private long minGap;

    /**
     * Beyond 12 requests, hands a client its next request at least {@code gapTicks} after the previous
     * one (4Δ: a request takes about 3.3Δ of a client's time). A client has one request outstanding; a
     * request handed and not yet answered is retried by the simulator every 40Δ, so handing 10,000 at
     * once made the retries quadratic in the run (a million steps for 2,761 requests). Up to 12
     * requests the workload is as it was (the same traces).
     */
    public PbftProtocol paced(long gapTicks) {
        this.minGap = gapTicks;
        return this;
    }

    @Override
    public String name() {
        return "pbft";
    }

    @Override
    public int nodes() {
        return c.n();
    }

    /** The Byzantine replicas (ids 0..N-1). */
    public TreeSet<Integer> byzantine() {
        return new TreeSet<>(c.byz());
    }

    @Override
    public ProtocolNode newNode(int id, RandomSource random, long timeoutTicks) {
        return c.byz().contains(id - 1) ? new PbftByzantine(id, c, timeoutTicks, random, sink)
                : new PbftReplica(id, c, timeoutTicks, random, sink);
    }

    @Override
    public boolean isCorrect(int node) {
        return !c.byz().contains(node - 1);
    }

    @Override
    public boolean isFiller(String value) {
        return "null".equals(value);
    }

    @Override
    public void writeConstants(JsonOut out) {
        out.beginObject().field("N", c.n()).field("F", c.f()).name("Byz").beginArray();
        for (int b : new TreeSet<>(c.byz())) {
            out.value(b);
        }
        out.endArray().name("Clients").beginArray();
        for (int k = 0; k < c.clients(); k++) {
            out.value(k);
        }
        out.endArray().field("MaxTs", c.maxTs()).field("MaxView", c.maxView()).field("MaxSeq", c.maxSeq())
                .field("K", c.k()).field("L", c.l());
        out.name("ByzBehaviours").beginArray();
        for (PbftByzantine.Behaviour b : new TreeSet<>(c.behaviours())) {
            out.value(b.label());
        }
        out.endArray().endObject();
    }

    /** Client c's requests (c, 1..MaxTs) are handed to its process, on the first honest node from c. */
    @Override
    public List<ClientOp> workload(RandomSource random, long spreadTicks) {
        List<ClientOp> ops = new ArrayList<>();
        long[] last = new long[c.clients()];
        int total = 0;
        for (int ts = 1; ts <= c.maxTs(); ts++) {
            for (int cl = 0; cl < c.clients(); cl++) {
                if (total++ < requests) {
                    long gap = 1 + random.nextLong(spreadTicks / c.maxTs() + 1); // a client's requests in order
                    last[cl] += requests > 12 ? Math.max(gap, minGap) : gap;
                    ops.add(new ClientOp(last[cl], processNode(cl), Req.of(cl, ts).value()));
                }
            }
        }
        return ops;
    }

    private int processNode(int client) {
        for (int i = 0; i < c.n(); i++) {
            int r = (client + i) % c.n();
            if (!c.byz().contains(r)) {
                return r + 1;
            }
        }
        return client % c.n() + 1;
    }

    private Monitor monitor;

    @Override
    public SafetyMonitor newMonitor() {
        monitor = new Monitor(c);
        return monitor;
    }

    /** Benchmarks: signed messages sent so far in this run (each copy of a multicast counted once). */
    public long signedMessages() {
        return monitor == null ? 0 : monitor.signed;
    }

    /**
     * On every message an honest replica sends: no two honest replicas send COMMIT for different
     * requests at the same (view, seq) (the prepared predicate's uniqueness, 4.2), and every
     * request in an honest PRE-PREPARE or COMMIT was signed by its client. Agreement of committed
     * requests across views and validity are the simulator's own checks on the decisions.
     */
    static final class Monitor implements SafetyMonitor {
        private final PbftConfig c;
        private final TreeMap<String, Req> commits = new TreeMap<>();
        private Message last;
        long signed;

        Monitor(PbftConfig c) {
            this.c = c;
        }

        @Override
        public String onSend(Message msg) {
            if (msg != last) {
                signed++; // a multicast sends one signed object to each destination in a row
                last = msg;
            }
            PbftMessage m = (PbftMessage) msg;
            int rep = PbftSigning.rep(m);
            if (c.byz().contains(msg.from() - 1) || rep < 0 || c.byz().contains(rep)) {
                return null;
            }
            if (m instanceof PbftMessage.Commit x) {
                Req prev = commits.putIfAbsent(x.view() + "/" + x.seq(), x.req());
                if (prev != null && !prev.equals(x.req())) {
                    return "honest COMMITs for (view " + x.view() + ", seq " + x.seq() + ") disagree: " + prev + " and " + x.req();
                }
            }
            return null;
        }
    }
}
