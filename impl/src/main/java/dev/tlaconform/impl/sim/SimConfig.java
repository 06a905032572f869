package dev.tlaconform.impl.sim;

import dev.tlaconform.impl.core.Mutant;
import java.util.List;

/**
 * One simulator run's configuration. Immutable; build with {@link #builder(String)} (defaults
 * below) and {@link Builder#build()}, which refuses configurations outside the fault bound.
 *
 * <p>Defaults: seed 1, 3 nodes (PBFT and Fast Paxos: 4), f = (nodes-1)/2, faults {@code none}, model {@code partial},
 * until-decided, step bound 1,000,000, 2 values (Paxos) / 3 commands (Multi-Paxos), Δ = 10 ticks,
 * GST drawn by the fault RNG in [20Δ, 100Δ), MaxBallot 20·N-1, MaxSlot = 2·commands.
 */
public final class SimConfig {
    /** Default step bound: every run is bounded. */
    public static final long DEFAULT_MAX_STEPS = 1_000_000;

    private final String protocol;
    private final long seed;
    private final int nodes;
    private final int faulty;
    private final FaultPlan faults;
    private final SystemModel model;
    private final long maxSteps;
    private final boolean untilDecided;
    private final boolean unsafeConfig;
    private final int values;
    private final long spreadDeltas;
    private final int maxBallot;
    private final int maxSlot;
    private final long deltaTicks;
    private final long gstTicks;
    private final long minDelayTicks;
    private final String mutant;
    private final int byzantine;
    private final List<String> byz;

    private SimConfig(Builder b) {
        this.protocol = b.protocol;
        this.seed = b.seed;
        this.nodes = b.nodes;
        this.faulty = b.faulty >= 0 ? b.faulty : defaultF(b.protocol, b.nodes);
        this.faults = b.faults;
        this.model = b.model;
        this.maxSteps = b.maxSteps;
        this.untilDecided = b.untilDecided;
        this.unsafeConfig = b.unsafeConfig;
        this.values = b.values > 0 ? b.values : (protocol.equals("paxos") ? 2 : 3);
        this.spreadDeltas = b.spreadDeltas;
        this.maxBallot = b.maxBallot >= 0 ? b.maxBallot : 20 * b.nodes - 1;
        this.maxSlot = b.maxSlot > 0 ? b.maxSlot : (protocol.equals("pbft") ? 4 : 2) * this.values;
        this.deltaTicks = b.deltaTicks;
        this.gstTicks = b.gstTicks;
        this.minDelayTicks = b.minDelayTicks;
        this.mutant = b.mutant;
        this.byzantine = b.byzantine;
        this.byz = b.byz;
    }

    /** The default f: (n-1)/3 for a Byzantine protocol (PBFT), else (n-1)/2. */
    static int defaultF(String protocol, int nodes) {
        return protocol.equals("pbft") ? (nodes - 1) / 3 : (nodes - 1) / 2;
    }

    /** Default {@link #spreadDeltas()}. */
    public static final long DEFAULT_SPREAD_DELTAS = 20;

    public static Builder builder(String protocol) {
        return new Builder(protocol);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(protocol);
        b.seed = seed;
        b.nodes = nodes;
        b.faulty = faulty;
        b.faults = faults;
        b.model = model;
        b.maxSteps = maxSteps;
        b.untilDecided = untilDecided;
        b.unsafeConfig = unsafeConfig;
        b.values = values;
        b.spreadDeltas = spreadDeltas;
        b.maxBallot = maxBallot;
        b.maxSlot = maxSlot;
        b.deltaTicks = deltaTicks;
        b.gstTicks = gstTicks;
        b.minDelayTicks = minDelayTicks;
        b.mutant = mutant;
        b.byzantine = byzantine;
        b.byz = byz;
        return b;
    }

    public String protocol() { return protocol; }

    public long seed() { return seed; }

    public int nodes() { return nodes; }

    /** f: how many nodes the fault plan may crash (crash-stop plus crash-restart). */
    public int faulty() { return faulty; }

    public FaultPlan faults() { return faults; }

    public SystemModel model() { return model; }

    /** The step bound (node steps); a run stops there at the latest. */
    public long maxSteps() { return maxSteps; }

    /** Stop as soon as every live node is done and the faults are over (else run maxSteps steps). */
    public boolean untilDecided() { return untilDecided; }

    public boolean unsafeConfig() { return unsafeConfig; }

    /** Paxos: number of client values v1..vK; Multi-Paxos: number of commands c1..cK. */
    public int values() { return values; }

    /** The clients hand their requests out over the first this many Δ of the run (default 20). */
    public long spreadDeltas() { return spreadDeltas; }

    public int maxBallot() { return maxBallot; }

    /** Multi-Paxos log length (ignored by single-decree Paxos). */
    public int maxSlot() { return maxSlot; }

    /** Δ, the synchronous delay bound, in ticks. */
    public long deltaTicks() { return deltaTicks; }

    /** GST in ticks, or -1 to let the fault RNG draw it (partial model only). */
    public long gstTicks() { return gstTicks; }

    /**
     * The least time a message takes, in ticks (0: the model's own): a delay of at most Δ is
     * mapped linearly into [min, Δ]. With the sync model and a floor near Δ every message takes
     * about one delay, jittered, so simultaneous messages still arrive in different orders (the
     * decision-delay experiment).
     */
    public long minDelayTicks() { return minDelayTicks; }

    /** The seeded bug switched on for this run ({@link Mutant#label()}), or null: none. */
    public String mutant() { return mutant; }

    /**
     * How long after the run became stable every live node must have decided, in Δ:
     * {@link Simulation#LIVENESS_WINDOW_DELTAS}, and for PBFT 4Δ more per request beyond 12 (its clients
     * are closed-loop, one request outstanding each, two clients: a request takes about 1.7Δ of the
     * run's time, so 10,000 requests need far longer than the window of the others' open workloads).
     */
    public long livenessWindowDeltas() {
        return Simulation.LIVENESS_WINDOW_DELTAS + (protocol.equals("pbft") ? 4L * Math.max(0, values - 12) : 0);
    }

    /** PBFT: how many replicas are Byzantine (chosen from the seed; they count against f). */
    public int byzantine() { return byzantine; }

    /** PBFT: what the Byzantine replicas do (labels of PbftByzantine.Behaviour). */
    public List<String> byz() { return byz; }

    /** Whether the liveness duty applies: not async, and at most f nodes crash with n >= 2f+1 (PBFT: 3f+1). */
    public boolean livenessRequired() {
        int bound = protocol.equals("pbft") ? 3 * faulty + 1 : 2 * faulty + 1;
        return model != SystemModel.ASYNC && nodes >= bound && faults.drop() < 0.5;
    }

    /** The one-line command that replays this run. */
    public String replayCommand() {
        StringBuilder b = new StringBuilder("tlaconform simulate --protocol ").append(protocol)
                .append(" --seed ").append(seed).append(" --nodes ").append(nodes);
        if (faulty != defaultF(protocol, nodes)) {
            b.append(" --f ").append(faulty);
        }
        b.append(" --faults ").append(faultsArg()).append(" --model ").append(model.label());
        if (untilDecided) {
            b.append(" --until-decided");
            if (maxSteps != DEFAULT_MAX_STEPS) {
                b.append(" --max-steps ").append(maxSteps);
            }
        } else {
            b.append(" --steps ").append(maxSteps);
        }
        b.append(" --values ").append(values).append(" --max-ballot ").append(maxBallot);
        if (spreadDeltas != DEFAULT_SPREAD_DELTAS) {
            b.append(" --spread ").append(spreadDeltas);
        }
        if (protocol.equals("multipaxos") || protocol.equals("pbft")) {
            b.append(" --max-slot ").append(maxSlot);
        }
        if (byzantine > 0) {
            b.append(" --byzantine ").append(byzantine).append(" --byz ").append(String.join(",", byz));
        }
        b.append(" --delta ").append(deltaTicks);
        if (gstTicks >= 0) {
            b.append(" --gst ").append(gstTicks);
        }
        if (minDelayTicks > 0) {
            b.append(" --min-delay ").append(minDelayTicks);
        }
        if (unsafeConfig) {
            b.append(" --unsafe-config");
        }
        if (mutant != null) {
            b.append(" --mutant ").append(mutant);
        }
        return b.append(" --out replay.ndjson").toString();
    }

    private String faultsArg() {
        FaultPlan p = faults;
        if (FaultPlan.NAMES.contains(p.name())) {
            return p.name();
        }
        StringBuilder b = new StringBuilder();
        if (p.name().endsWith("+")) {
            b.append(p.name(), 0, p.name().length() - 1).append(',');
        }
        b.append("drop=").append(FaultPlan.fmt(p.drop())).append(",dup=").append(FaultPlan.fmt(p.dup()))
                .append(",delay=").append(FaultPlan.fmt(p.delay()))
                .append(",partition=").append(p.partitions()).append(",oneway=").append(p.oneWay());
        if (p.crashStop() >= 0) {
            b.append(",crash=").append(p.crashStop());
        }
        if (p.restart() >= 0) {
            b.append(",restart=").append(p.restart());
        }
        return b.toString();
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String protocol;
        private long seed = 1;
        private int nodes;
        private int faulty = -1;
        private FaultPlan faults = FaultPlan.named("none");
        private SystemModel model = SystemModel.PARTIAL;
        private long maxSteps = DEFAULT_MAX_STEPS;
        private boolean untilDecided = true;
        private boolean unsafeConfig;
        private int values = -1;
        private long spreadDeltas = DEFAULT_SPREAD_DELTAS;
        private int maxBallot = -1;
        private int maxSlot = -1;
        private long deltaTicks = 10;
        private long gstTicks = -1;
        private long minDelayTicks;
        private String mutant;
        private int byzantine;
        private static final List<String> DEFAULT_BYZ = List.of("equivocate", "forge", "replay", "wrong-digest");
        private List<String> byz = DEFAULT_BYZ;

        private Builder(String protocol) {
            this.protocol = protocol;
            // PBFT: the smallest n = 3f+1 with f = 1; Fast Paxos: Lamport's N = 4 (classic and fast quorums of 3)
            this.nodes = "pbft".equals(protocol) || "fastpaxos".equals(protocol) || "nakamoto".equals(protocol) ? 4 : 3;
        }

        public Builder seed(long s) { seed = s; return this; }

        public Builder nodes(int n) { nodes = n; return this; }

        /** f, the number of nodes the plan may crash; default (nodes-1)/2. */
        public Builder faulty(int f) { faulty = f; return this; }

        public Builder faults(FaultPlan p) { faults = p; return this; }

        public Builder model(SystemModel m) { model = m; return this; }

        /** Run exactly up to {@code k} steps (no early stop). */
        public Builder steps(long k) { maxSteps = k; untilDecided = false; return this; }

        /** Stop when decided, at the latest after {@code bound} steps. */
        public Builder untilDecided(long bound) { maxSteps = bound; untilDecided = true; return this; }

        public Builder unsafeConfig(boolean u) { unsafeConfig = u; return this; }

        public Builder values(int k) { values = k; return this; }

        /** Requests are handed out over the first {@code d} Δ (default 20): longer, and clients overlap less. */
        public Builder spreadDeltas(long d) { spreadDeltas = d; return this; }

        public Builder maxBallot(int b) { maxBallot = b; return this; }

        public Builder maxSlot(int s) { maxSlot = s; return this; }

        public Builder deltaTicks(long d) { deltaTicks = d; return this; }

        public Builder gstTicks(long g) { gstTicks = g; return this; }

        /** A floor under every message's delay (0 = none; at most Δ). */
        public Builder minDelayTicks(long d) { minDelayTicks = d; return this; }

        /** Switches on one seeded bug of the protocol's catalogue (null: none). */
        public Builder mutant(String label) { mutant = label; return this; }

        /** PBFT: {@code k} Byzantine replicas. */
        public Builder byzantine(int k) { byzantine = k; return this; }

        /** PBFT: the Byzantine behaviours (labels). */
        public Builder byz(List<String> labels) { byz = List.copyOf(labels); return this; }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException with a one-line reason: unknown protocol, sizes out of
         *     range, or n &lt; 2f+1 (or a plan crashing more than f nodes) without unsafeConfig
         */
        public SimConfig build() {
            if (!Protocols.NAMES.contains(protocol)) {
                throw new IllegalArgumentException("unknown protocol '" + protocol + "' (" + String.join(", ", Protocols.NAMES) + ")");
            }
            if (nodes < 1 || nodes > 63) {
                throw new IllegalArgumentException("--nodes must be in 1..63, got " + nodes);
            }
            if (maxSteps < 1 || maxSteps > 1_000_000_000_000L) {
                throw new IllegalArgumentException("the step bound must be in 1..10^12, got " + maxSteps);
            }
            if (minDelayTicks < 0 || minDelayTicks > deltaTicks) {
                throw new IllegalArgumentException("--min-delay must be in 0..delta (" + deltaTicks + ") ticks, got " + minDelayTicks);
            }
            if (deltaTicks < 1 || deltaTicks > 1_000_000) {
                throw new IllegalArgumentException("--delta must be in 1..1000000 ticks, got " + deltaTicks);
            }
            if (spreadDeltas < 1 || spreadDeltas > 100_000) {
                throw new IllegalArgumentException("--spread must be 1..100000 (Δ)");
            }
            // -1: not set (the default); anything else out of range is refused, never replaced by the default
            if (values == 0 || values < -1) throw new IllegalArgumentException("--values must be in 1..1000000, got " + values);
            if (maxSlot == 0 || maxSlot < -1) throw new IllegalArgumentException("--max-slot must be in 1..2000000, got " + maxSlot);
            if (maxBallot < -1) throw new IllegalArgumentException("--max-ballot must be in 0..1000000, got " + maxBallot);
            if (faulty < -1) throw new IllegalArgumentException("--f must be at least 0, got " + faulty);
            if (values > 1_000_000 || maxSlot > 2_000_000 || maxBallot > 1_000_000) {
                throw new IllegalArgumentException("--values <= 1000000, --max-slot <= 2000000, --max-ballot <= 1000000");
            }
            if (mutant != null && Protocols.mutants(protocol).stream().noneMatch(m -> m.label().equals(mutant))) {
                List<String> known = Protocols.mutants(protocol).stream().map(Mutant::label).toList();
                throw new IllegalArgumentException("unknown mutant '" + mutant + "' for " + protocol
                        + (known.isEmpty() ? " (it has none)" : " (" + String.join(", ", known) + ")"));
            }
            int f0 = faulty >= 0 ? faulty : defaultF(protocol, nodes);
            if (protocol.equals("pbft")) {
                return buildPbft(f0);
            }
            if (protocol.equals("nakamoto") && byzantine > 0) {
                // one adversary (node N) standing for every adversarial miner: --byz private[=share] or invalid
                if (byzantine != 1 || nodes < 2) {
                    throw new IllegalArgumentException("nakamoto: --byzantine 1 (node N mines for the adversary) and at least 2 nodes");
                }
                if (byz.equals(DEFAULT_BYZ)) {
                    byz = List.of("invalid"); // --byzantine 1 alone: the adversary that tests honest validation
                }
                if (byz.size() != 1 || !byz.get(0).matches("private(=(0(\\.[0-9]+)?))?|invalid")) {
                    throw new IllegalArgumentException("nakamoto: --byz private[=share in [0,1)] or invalid, got " + String.join(",", byz));
                }
            } else if (byzantine > 0) {
                throw new IllegalArgumentException("--byzantine is for pbft and nakamoto only: " + protocol + " tolerates crashes, not Byzantine nodes");
            }
            int[] counts = faults.crashCounts(f0);
            int crashing = counts[0] == -2 ? counts[1] : counts[0] + counts[1];
            int f = Math.max(f0, crashing);
            if (nodes < 2 * f + 1 && !unsafeConfig) {
                throw new IllegalArgumentException(nodes + " nodes cannot tolerate " + f + " crashed node(s): "
                        + protocol + " needs n >= 2f+1 = " + (2 * f + 1)
                        + " (--unsafe-config runs it anyway, for experiments: safety is checked, liveness is not)");
            }
            faulty = f;
            SimConfig c = new SimConfig(this);
            if (c.maxSlot < c.values && protocol.equals("multipaxos")) {
                throw new IllegalArgumentException("--max-slot " + c.maxSlot + " cannot hold " + c.values + " commands");
            }
            return c;
        }

        /**
         * PBFT: Byzantine replicas plus crashed ones count against f, and n >= 3f+1 (Castro and
         * Liskov 4.1; the seed notes' bound) unless {@code --unsafe-config}.
         */
        private SimConfig buildPbft(int f0) {
            if (byzantine < 0 || byzantine > nodes) {
                throw new IllegalArgumentException("--byzantine must be in 0.." + nodes + ", got " + byzantine);
            }
            for (String b : byz) {
                if (!List.of("equivocate", "forge", "replay", "wrong-digest", "silent").contains(b)) {
                    throw new IllegalArgumentException("unknown Byzantine behaviour '" + b + "' (equivocate, forge, replay, wrong-digest, silent)");
                }
            }
            int[] counts = faults.crashCounts(Math.max(0, f0 - byzantine));
            int crashing = counts[0] == -2 ? counts[1] : counts[0] + counts[1];
            int f = Math.max(f0, byzantine + crashing);
            if (nodes < 3 * f + 1 && !unsafeConfig) {
                throw new IllegalArgumentException(nodes + " replicas cannot tolerate " + f + " faulty one(s) (" + byzantine
                        + " Byzantine, " + crashing + " crashing): pbft needs n >= 3f+1 = " + (3 * f + 1)
                        + " (--unsafe-config runs it anyway, for experiments: safety is checked, liveness is not)");
            }
            faulty = f;
            return new SimConfig(this);
        }
    }
}
