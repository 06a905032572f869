package dev.tlaconform.impl.core;

import java.util.SplittableRandom;

/**
 * The only randomness protocol code and the simulator may use: a {@link SplittableRandom} seeded
 * from the run's one seed and split per subsystem (network, faults, workload, each node), so one
 * subsystem drawing more numbers never shifts another's stream. Not thread-safe; one per owner.
 */
public final class RandomSource {
    private final SplittableRandom random;

    public RandomSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private RandomSource(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream; call in a fixed order so the same seed splits the same way. */
    public RandomSource split() {
        return new RandomSource(random.split());
    }

    /** Uniform in [0, bound), bound > 0. */
    public long nextLong(long bound) {
        return random.nextLong(bound);
    }

    /** Uniform in [origin, bound), origin < bound. */
    public long nextLong(long origin, long bound) {
        return random.nextLong(origin, bound);
    }

    /** Uniform in [0, bound), bound > 0. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return random.nextDouble();
    }

    /** True with probability p (p <= 0 never draws, so a zero rate costs no random number). */
    public boolean chance(double p) {
        return p > 0 && random.nextDouble() < p;
    }
}
