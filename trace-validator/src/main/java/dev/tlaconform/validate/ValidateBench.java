package dev.tlaconform.validate;

import java.nio.file.Path;

/**
 * Benchmark main: {@code ValidateBench SPECDIR TRACE...} validates each trace with the fast engine
 * (spec loaded once, traces one after the other on this thread) and prints the verdict line with
 * events/s (wall time), the thread's CPU time (the figure that means something on a shared machine)
 * and, with invariants, how many invariant checks were skipped, cached or evaluated; at the end,
 * the totals over the second half of the traces (the JIT warm). Not a test:
 * figures for docs/validate.md. {@code -DnoInvariants=true} turns invariants off.
 */
public final class ValidateBench {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private ValidateBench() {}

    public static void main(String[] args) throws Exception {
        boolean invs = !Boolean.getBoolean("noInvariants");
        Path spec = Path.of(args[0]);
        long warmEvents = 0, warmCpu = 0, warmWall = 0;
        int warmFrom = 1 + (args.length - 1) / 2;
        try (Validator v = new Validator()) {
            for (int i = 1; i < args.length; i++) {
                long t0 = System.nanoTime();
                long c0 = CPU.getCurrentThreadCpuTime();
                long p0 = PROCESS.getProcessCpuTime();
                ValidationResult r = v.validate(Path.of(args[i]), spec, Validator.DEFAULT_MAX_CANDIDATES, invs);
                long cpuMs = (CPU.getCurrentThreadCpuTime() - c0) / 1_000_000;
                long procMs = (PROCESS.getProcessCpuTime() - p0) / 1_000_000;
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (i >= warmFrom) {
                    warmEvents += r.events();
                    warmCpu += CPU.getCurrentThreadCpuTime() - c0;
                    warmWall += System.nanoTime() - t0;
                }
                Runtime rt = Runtime.getRuntime();
                String line = r.render();
                System.out.println((line.length() > 400 ? line.substring(0, 400) + "..." : line) + "  | wall incl. load " + ms
                        + " ms, thread CPU incl. load " + cpuMs + " ms (" + (cpuMs == 0 ? "-" : Long.toString(r.events() * 1000 / cpuMs))
                        + " events per CPU-second), process CPU " + procMs + " ms (+JIT, GC), heap used " + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " MB");
                if (invs) {
                    try (TraceReader tr = TraceReader.open(Path.of(args[i]))) {
                        SpecSession s = v.load(tr, spec).session();
                        long[] w = s.invariantWork();
                        System.out.println("  invariants " + s.invariantReads() + "; checks so far: skipped (reads unchanged) "
                                + w[0] + ", cache hits " + w[1] + ", evaluated " + w[2]);
                    }
                }
            }
        }
        if (args.length > 2) {
            System.out.printf("warm (traces %d-%d of %d, same JVM): %d events, %d events per thread-CPU-second, %d events/s wall%n",
                    warmFrom, args.length - 1, args.length - 1, warmEvents,
                    warmCpu == 0 ? 0 : warmEvents * 1_000_000_000L / warmCpu, warmWall == 0 ? 0 : warmEvents * 1_000_000_000L / warmWall);
        }
    }
}
