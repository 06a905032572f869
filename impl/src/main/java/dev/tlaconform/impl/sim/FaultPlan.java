package dev.tlaconform.impl.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What faults a run injects, as rates and counts; the run's fault RNG turns it into a schedule
 * (which messages, which links, which nodes, when). Network faults (drop, dup, delay/reorder) apply
 * to every message copy at its rate for the whole run; partitions and crashes happen before the
 * run stabilises (partitions heal, restarted nodes are back), so liveness can be demanded after.
 *
 * @param name        catalogue name or "custom"
 * @param drop        probability a message copy is lost
 * @param dup         probability a message copy is delivered twice
 * @param delay       probability a message copy gets an extra delay of up to 10Δ (reordering it);
 *                    the system model's bound still holds (sync, partial after GST)
 * @param partitions  symmetric partition episodes (a random split of the nodes, healed later)
 * @param oneWay      one-way partition episodes (one side's messages to the other side are lost)
 * @param crashStop   nodes that crash and never return; -1 = f of the run
 * @param restart     nodes that crash and restart (1 to 3 times each), keeping their durable state;
 *                    -1 = f of the run
 */
public record FaultPlan(String name, double drop, double dup, double delay, int partitions, int oneWay,
        int crashStop, int restart) {

    /** The catalogue, in the order {@code --help} lists it (a campaign iterates over all of it). */
    public static final List<String> NAMES =
            List.of("none", "drop", "dup", "reorder", "partition", "oneway", "crash", "restart", "all");

    public static FaultPlan named(String name) {
        switch (name) {
            case "none": return new FaultPlan("none", 0, 0, 0, 0, 0, 0, 0);
            case "drop": return new FaultPlan("drop", 0.1, 0, 0, 0, 0, 0, 0);
            case "dup": return new FaultPlan("dup", 0, 0.1, 0, 0, 0, 0, 0);
            case "reorder": return new FaultPlan("reorder", 0, 0, 0.3, 0, 0, 0, 0);
            case "partition": return new FaultPlan("partition", 0, 0, 0, 2, 0, 0, 0);
            case "oneway": return new FaultPlan("oneway", 0, 0, 0, 0, 2, 0, 0);
            case "crash": return new FaultPlan("crash", 0, 0, 0, 0, 0, -1, 0);
            case "restart": return new FaultPlan("restart", 0, 0, 0, 0, 0, 0, -1);
            case "all": return new FaultPlan("all", 0.05, 0.05, 0.2, 1, 1, -2, -2);
            default:
                throw new IllegalArgumentException("unknown fault plan '" + name + "' (" + String.join(", ", NAMES)
                        + ", or key=value overrides: drop=P,dup=P,delay=P,partition=K,oneway=K,crash=K,restart=K)");
        }
    }

    /** The name of the swarm pseudo-plan: each run draws its own plan ({@link #swarm}). */
    public static final String SWARM = "swarm";

    /**
     * Swarm testing (Groce, Zhang, Eide, Chen and Regehr, ISSTA 2012): a plan drawn from {@code seed}
     * alone, each fault kind switched on with probability 1/2 and given a random rate or count within
     * the catalogue's bounds (drop and dup at most 0.1, delay at most 0.3, at most 2 partition and 2
     * one-way episodes, one crash-stop or one crash-restart), so runs explore combinations that
     * "all" (every kind, always) drowns out. Expressed as overrides: a replay command carries it.
     */
    public static FaultPlan swarm(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed ^ 0x5EED5A4A4DL);
        List<String> kv = new ArrayList<>();
        kv.add("drop=" + (r.nextBoolean() ? fmt(0.01 + r.nextInt(10) / 100.0) : "0"));
        kv.add("dup=" + (r.nextBoolean() ? fmt(0.01 + r.nextInt(10) / 100.0) : "0"));
        kv.add("delay=" + (r.nextBoolean() ? fmt(0.05 + r.nextInt(6) * 0.05) : "0"));
        kv.add("partition=" + (r.nextBoolean() ? 1 + r.nextInt(2) : 0));
        kv.add("oneway=" + (r.nextBoolean() ? 1 + r.nextInt(2) : 0));
        int crash = r.nextInt(3); // none, one crash-stop, one crash-restart (within f for every default cluster)
        kv.add("crash=" + (crash == 1 ? 1 : 0));
        kv.add("restart=" + (crash == 2 ? 1 : 0));
        return parse(String.join(",", kv));
    }

    /** Every plan of the catalogue. */
    public static List<FaultPlan> catalogue() {
        List<FaultPlan> all = new ArrayList<>();
        for (String n : NAMES) {
            all.add(named(n));
        }
        return all;
    }

    /**
     * Parses {@code --faults}: a catalogue name, key=value overrides, or a name followed by
     * overrides, comma-separated: {@code all}, {@code drop=0.2,dup=0.1}, {@code restart,drop=0.05}.
     */
    public static FaultPlan parse(String spec) {
        String[] parts = spec.trim().split(",");
        FaultPlan p;
        int i = 0;
        if (!parts[0].contains("=")) {
            p = named(parts[0].trim());
            i = 1;
        } else {
            p = named("none");
        }
        boolean custom = false;
        for (; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault plan: expected key=value, got '" + parts[i] + "'");
            }
            String k = kv[0].trim().toLowerCase(Locale.ROOT);
            String v = kv[1].trim();
            custom = true;
            switch (k) {
                case "drop": p = new FaultPlan(p.name, rate(k, v), p.dup, p.delay, p.partitions, p.oneWay, p.crashStop, p.restart); break;
                case "dup": p = new FaultPlan(p.name, p.drop, rate(k, v), p.delay, p.partitions, p.oneWay, p.crashStop, p.restart); break;
                case "delay": case "reorder": p = new FaultPlan(p.name, p.drop, p.dup, rate(k, v), p.partitions, p.oneWay, p.crashStop, p.restart); break;
                case "partition": p = new FaultPlan(p.name, p.drop, p.dup, p.delay, count(k, v), p.oneWay, p.crashStop, p.restart); break;
                case "oneway": p = new FaultPlan(p.name, p.drop, p.dup, p.delay, p.partitions, count(k, v), p.crashStop, p.restart); break;
                case "crash": p = new FaultPlan(p.name, p.drop, p.dup, p.delay, p.partitions, p.oneWay, count(k, v), p.restart); break;
                case "restart": p = new FaultPlan(p.name, p.drop, p.dup, p.delay, p.partitions, p.oneWay, p.crashStop, count(k, v)); break;
                default:
                    throw new IllegalArgumentException("fault plan: unknown key '" + k
                            + "' (drop, dup, delay, partition, oneway, crash, restart)");
            }
        }
        if (custom) {
            p = new FaultPlan(i > 0 && !parts[0].contains("=") ? parts[0].trim() + "+" : "custom",
                    p.drop, p.dup, p.delay, p.partitions, p.oneWay, p.crashStop, p.restart);
        }
        return p;
    }

    private static double rate(String k, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault plan: " + k + "=" + v + " is not a number");
        }
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("fault plan: " + k + "=" + v + " must be a probability in [0, 1]");
        }
        return d;
    }

    private static int count(String k, String v) {
        try {
            int c = Integer.parseInt(v);
            if (c < 0 || c > 1000) {
                throw new NumberFormatException();
            }
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault plan: " + k + "=" + v + " must be a count in 0..1000");
        }
    }

    /**
     * The crash-stop and crash-restart node counts for a run whose fault bound is f:
     * -1 means f, -2 (plan "all") means f nodes split at random between the two kinds by the
     * caller. Returns {crashStop, restart} before that split.
     */
    int[] crashCounts(int f) {
        int cs = crashStop == -1 ? f : Math.max(crashStop, 0);
        int rs = restart == -1 ? f : Math.max(restart, 0);
        if (crashStop == -2 || restart == -2) {
            return new int[] {-2, f};
        }
        return new int[] {cs, rs};
    }

    /** e.g. {@code all(drop=0.05,dup=0.05,delay=0.2,partition=1,oneway=1,crash+restart=f)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(name).append('(');
        b.append("drop=").append(fmt(drop)).append(",dup=").append(fmt(dup)).append(",delay=").append(fmt(delay));
        b.append(",partition=").append(partitions).append(",oneway=").append(oneWay);
        if (crashStop == -2 || restart == -2) {
            b.append(",crash+restart=f");
        } else {
            b.append(",crash=").append(crashStop == -1 ? "f" : Integer.toString(crashStop));
            b.append(",restart=").append(restart == -1 ? "f" : Integer.toString(restart));
        }
        return b.append(')').toString();
    }

    public static String fmt(double d) {
        String s = String.format(Locale.ROOT, "%.4f", d);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
