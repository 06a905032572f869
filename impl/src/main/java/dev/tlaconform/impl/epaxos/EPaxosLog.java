package dev.tlaconform.impl.epaxos;

import dev.tlaconform.impl.core.DeltaLog;
import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.JsonOut;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One EPaxos replica's variables of EPaxos.tla (log, cbal, cphase, executed), the indexes its
 * handlers read them through, and the trace delta of each. The durable ones (log, cbal, executed)
 * are copy-on-write in chunks of {@value #CHUNK} instances (index i - 1), so a snapshot
 * ({@link #durable}) costs one reference per chunk, not a copy of the log.
 */
final class EPaxosLog {
    private static final int CHUNK = 64;

    private final int nInst;
    private final Effects fx;
    private final Map<String, String> keyOf;

    // durable, copy-on-write in chunks of CHUNK instances (index i - 1)
    private EPaxosRec[][] log;
    private int[][] cbal;
    private boolean[] logShared;
    private boolean[] cbalShared;
    private int[] executed = new int[16];
    private int executedLen;
    // volatile
    private final String[] cphase;
    private final boolean[] isExecuted;
    /** Instances with a record that is neither "none" nor committed; committed and not executed. */
    private int unsettled;
    private final TreeSet<Integer> toExecute = new TreeSet<>();
    /** Per key, the instances whose record holds a command on that key (LocalDeps's candidates). */
    private final TreeMap<String, TreeSet<Integer>> byKey = new TreeMap<>();
    // trace deltas
    private final DeltaLog logDelta = new DeltaLog();
    private final DeltaLog cbalDelta = new DeltaLog();
    private final DeltaLog cphaseDelta = new DeltaLog();
    private final DeltaLog execDelta = new DeltaLog();

    /**
     * @param nInst the number of instances (N·MaxSlot)
     * @param keyOf the key each command touches (commands on one key interfere)
     * @param fx    the node's effects: whether it traces
     */
    EPaxosLog(int nInst, Map<String, String> keyOf, Effects fx) {
        this.nInst = nInst;
        this.keyOf = keyOf;
        this.fx = fx;
        int chunks = (nInst + CHUNK - 1) / CHUNK;
        log = new EPaxosRec[chunks][];
        cbal = new int[chunks][];
        logShared = new boolean[chunks];
        cbalShared = new boolean[chunks];
        for (int c = 0; c < chunks; c++) {
            int len = Math.min(CHUNK, nInst - c * CHUNK);
            log[c] = new EPaxosRec[len];
            Arrays.fill(log[c], EPaxosRec.EMPTY);
            cbal[c] = new int[len];
            Arrays.fill(cbal[c], -1);
        }
        cphase = new String[nInst + 1];
        Arrays.fill(cphase, "idle");
        isExecuted = new boolean[nInst + 1];
    }

    EPaxosRec rec(int i) {
        return log[(i - 1) / CHUNK][(i - 1) % CHUNK];
    }

    void setRec(int i, EPaxosRec r) {
        int c = (i - 1) / CHUNK;
        if (logShared[c]) {
            log[c] = log[c].clone();
            logShared[c] = false;
        }
        EPaxosRec old = log[c][(i - 1) % CHUNK];
        log[c][(i - 1) % CHUNK] = r;
        logDelta.mark(fx.tracing(), i);
        index(i, old, -1);
        index(i, r, +1);
    }

    /** Keeps unsettled, toExecute and byKey in step with record r of instance i entering (+1) or leaving (-1). */
    private void index(int i, EPaxosRec r, int sign) {
        if (r.status().equals(EPaxosRec.NONE)) {
            return;
        }
        if (!r.committed()) {
            unsettled += sign;
        } else if (!isExecuted[i]) {
            if (sign > 0) {
                toExecute.add(i);
            } else {
                toExecute.remove(i);
            }
        }
        String k = keyOf.get(r.cmd());
        if (k != null) {
            if (sign > 0) {
                byKey.computeIfAbsent(k, x -> new TreeSet<>()).add(i);
            } else {
                TreeSet<Integer> s = byKey.get(k);
                if (s != null) {
                    s.remove(i);
                }
            }
        }
    }

    int cbal(int i) {
        return cbal[(i - 1) / CHUNK][(i - 1) % CHUNK];
    }

    void setCbal(int i, int b) {
        int c = (i - 1) / CHUNK;
        if (cbalShared[c]) {
            cbal[c] = cbal[c].clone();
            cbalShared[c] = false;
        }
        cbal[c][(i - 1) % CHUNK] = b;
        cbalDelta.mark(fx.tracing(), i);
    }

    String phase(int i) {
        return cphase[i];
    }

    void setPhase(int i, String p) {
        cphase[i] = p;
        cphaseDelta.mark(fx.tracing(), i);
    }

    boolean executed(int i) {
        return isExecuted[i];
    }

    /** Appends instance j to executed. */
    void markExecuted(int j) {
        if (executedLen == executed.length) {
            executed = Arrays.copyOf(executed, executedLen * 2);
        }
        executed[executedLen++] = j;
        isExecuted[j] = true;
        toExecute.remove(j);
        execDelta.mark(fx.tracing(), executedLen);
    }

    int[] executedOrder() {
        return Arrays.copyOf(executed, executedLen);
    }

    /** Whether a record is neither "none" nor committed, or committed and not executed. */
    boolean unsettled() {
        return unsettled > 0 || !toExecute.isEmpty();
    }

    /** The committed instances not executed yet, in instance order. */
    TreeSet<Integer> toExecute() {
        return toExecute;
    }

    /** The interfering instances this replica's log knows for command c of instance i. */
    int[] localDeps(int i, String c) {
        String k = keyOf.get(c);
        TreeSet<Integer> s = k == null ? null : byKey.get(k);
        if (s == null) {
            return EPaxosRec.NO_DEPS;
        }
        int[] out = new int[s.size()];
        int count = 0;
        for (int j : s) {
            if (j != i) {
                out[count++] = j;
            }
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }

    int maxSeq(int[] deps) {
        int s = 0;
        for (int j : deps) {
            s = Math.max(s, rec(j).seq());
        }
        return s;
    }

    /** Whether this replica's log holds a commit of c, in any instance. */
    boolean committedAnywhere(String c) {
        String k = keyOf.get(c);
        TreeSet<Integer> s = k == null ? null : byKey.get(k);
        if (s != null) {
            for (int i : s) {
                if (rec(i).committed() && rec(i).cmd().equals(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A snapshot of the durable variables; the chunks it shares are copied before they are written again. */
    EPaxosDurable durable() {
        Arrays.fill(logShared, true);
        Arrays.fill(cbalShared, true);
        return new EPaxosDurable(log.clone(), cbal.clone(), executed, executedLen);
    }

    /** After a restart: the durable variables come back (executed empty with the mutant restart-forgets-executed); cphase is reset. */
    void restore(EPaxosDurable d, EPaxosMutant mutant) {
        if (d != null) {
            log = d.log().clone();
            cbal = d.cbal().clone();
            Arrays.fill(logShared, true);
            Arrays.fill(cbalShared, true);
            executed = Arrays.copyOf(d.executed(), Math.max(16, d.executedLen()));
            executedLen = mutant == EPaxosMutant.RESTART_FORGETS_EXECUTED ? 0 : d.executedLen();
            for (int k = 0; k < executedLen; k++) {
                isExecuted[executed[k]] = true;
            }
            for (int i = 1; i <= nInst; i++) {
                index(i, rec(i), +1);
            }
        }
    }

    /** The trace's cphase: every entry back to "idle" (what a restart loses). */
    void cphaseReset() {
        cphaseDelta.fill(fx.tracing());
    }

    void writeJson(JsonOut out) {
        out.beginObject().name("log");
        logDelta.write(out, nInst, () -> EPaxosRec.EMPTY.writeJson(out), i -> rec(i).writeJson(out));
        out.name("cbal");
        cbalDelta.write(out, nInst, () -> out.value(-1), i -> out.value(cbal(i)));
        out.name("cphase");
        cphaseDelta.write(out, nInst, () -> out.value("idle"), i -> out.value(cphase[i]));
        out.name("executed");
        execDelta.write(out, executedLen, () -> out.value(0), k -> out.value(executed[k - 1]));
        out.endObject();
    }
}
