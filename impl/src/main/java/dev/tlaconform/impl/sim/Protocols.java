package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.EventSink;
import dev.tlaconform.impl.core.Mutant;
import dev.tlaconform.impl.core.Protocol;
import dev.tlaconform.impl.core.ProtocolFactory;
import dev.tlaconform.impl.epaxos.EPaxosMutant;
import dev.tlaconform.impl.epaxos.EPaxosProtocol;
import dev.tlaconform.impl.fastpaxos.FastPaxosMutant;
import dev.tlaconform.impl.fastpaxos.FastPaxosProtocol;
import dev.tlaconform.impl.multipaxos.MultiPaxosMutant;
import dev.tlaconform.impl.multipaxos.MultiPaxosProtocol;
import dev.tlaconform.impl.nakamoto.NakamotoMutant;
import dev.tlaconform.impl.nakamoto.NakamotoProtocol;
import dev.tlaconform.impl.paxos.PaxosMutant;
import dev.tlaconform.impl.paxos.PaxosProtocol;
import dev.tlaconform.impl.pbft.PbftByzantine;
import dev.tlaconform.impl.pbft.PbftMutant;
import dev.tlaconform.impl.pbft.PbftProtocol;
import dev.tlaconform.impl.zab.ZabMutant;
import dev.tlaconform.impl.zab.ZabProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The protocols the simulator knows, by trace name. A new protocol adds one name and one case. */
public final class Protocols {
    private Protocols() {}

    /** In the order {@code --help} lists them. */
    public static final List<String> NAMES = List.of("paxos", "multipaxos", "zab", "pbft", "fastpaxos", "epaxos", "nakamoto");

    /** The factory of {@code cfg}'s protocol. */
    public static ProtocolFactory factory(SimConfig cfg) {
        return sink -> create(cfg, sink);
    }

    /** The protocol of {@code cfg}, its trace events going to {@code sink} (null = no trace). */
    public static Protocol create(SimConfig cfg, EventSink sink) {
        switch (cfg.protocol()) {
            case "paxos":
                return new PaxosProtocol(cfg.nodes(), cfg.values(), cfg.maxBallot(), sink, PaxosMutant.of(cfg.mutant()));
            case "multipaxos":
                return new MultiPaxosProtocol(cfg.nodes(), cfg.values(), cfg.maxBallot(), cfg.maxSlot(), sink,
                        MultiPaxosMutant.of(cfg.mutant()));
            case "zab":
                return new ZabProtocol(cfg.nodes(), cfg.values(), cfg.maxBallot(),
                        cfg.model().maxDelayTicks(cfg.deltaTicks(), cfg.gstTicks()), sink, ZabMutant.of(cfg.mutant()));
            case "pbft":
                return pbft(cfg, sink);
            case "fastpaxos":
                return new FastPaxosProtocol(cfg.nodes(), cfg.values(), cfg.maxBallot(), sink,
                        FastPaxosMutant.of(cfg.mutant()));
            case "epaxos":
                return new EPaxosProtocol(cfg.nodes(), cfg.values(), EPaxosProtocol.DEFAULT_CONFLICT_PERCENT,
                        cfg.maxSlot(), cfg.maxBallot(), sink, EPaxosMutant.of(cfg.mutant()));
            case "nakamoto":
                return NakamotoProtocol.of(cfg.nodes(), cfg.values(), cfg.byzantine() > 0 ? cfg.byz().get(0) : null, sink,
                        NakamotoMutant.of(cfg.mutant()));
            default:
                throw new IllegalArgumentException("unknown protocol '" + cfg.protocol() + "'");
        }
    }

    /**
     * The catalogue of seeded bugs of {@code protocol} ({@code tlaconform mutants}), in the order
     * the report lists them; empty for an unknown protocol. The protocol's nodes read the run's
     * active one from {@link SimConfig#mutant()}.
     */
    public static List<Mutant> mutants(String protocol) {
        switch (protocol) {
            case "paxos":
                return List.of(PaxosMutant.values());
            case "multipaxos":
                return List.of(MultiPaxosMutant.values());
            case "zab":
                return List.of(ZabMutant.values());
            case "pbft":
                return List.of(PbftMutant.values());
            case "fastpaxos":
                return List.of(FastPaxosMutant.values());
            case "epaxos":
                return List.of(EPaxosMutant.values());
            case "nakamoto":
                return List.of(NakamotoMutant.values());
            default:
                return List.of();
        }
    }

    /** PBFT: MaxView = N + 8 views, MaxSeq = --max-slot, checkpoint every K = 2, window L = 4. */
    private static Protocol pbft(SimConfig cfg, EventSink sink) {
        TreeSet<PbftByzantine.Behaviour> bs = new TreeSet<>();
        for (String b : cfg.byz()) {
            bs.add(PbftByzantine.Behaviour.of(b));
        }
        return new PbftProtocol(cfg.nodes(), cfg.faulty(), cfg.seed(), cfg.values(), cfg.byzantine(), bs,
                cfg.nodes() + 8, cfg.maxSlot(), 2, 4, cfg.mutant(), sink).paced(4 * cfg.deltaTicks());
    }

    /**
     * The adversaries a campaign rotates through for {@code protocol}, {@code "none"} first: for
     * PBFT one Byzantine replica with each behaviour of {@link PbftByzantine.Behaviour} (the
     * quorum mutants show only without one, the signature mutant only with a forger), for the
     * crash-tolerant protocols none. {@code conform} and {@code mutants} give run i the
     * adversary {@code i mod size}.
     */
    public static List<String> adversaries(String protocol) {
        if (protocol.equals("nakamoto")) {
            return List.of("none", "private", "invalid"); // node N: Nakamoto's double-spend attacker, a miner of invalid blocks
        }
        if (!protocol.equals("pbft")) {
            return List.of("none");
        }
        List<String> a = new ArrayList<>(List.of("none"));
        for (PbftByzantine.Behaviour b : PbftByzantine.Behaviour.values()) {
            a.add(b.label());
        }
        return List.copyOf(a);
    }

    /** Sets {@code adversary} (one of {@link #adversaries}) on {@code b}; "none" leaves it as it is. */
    public static SimConfig.Builder withAdversary(SimConfig.Builder b, String protocol, String adversary) {
        if (adversary.equals("none")) {
            return b;
        }
        if (!adversaries(protocol).contains(adversary)) {
            throw new IllegalArgumentException("unknown adversary '" + adversary + "' for " + protocol);
        }
        return b.byzantine(1).byz(List.of(adversary));
    }
}
