package dev.tlaconform.impl.epaxos;

import java.util.ArrayDeque;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ObjIntConsumer;

/**
 * The client commands one EPaxos replica leads (policy, outside the spec): the ones it was handed
 * and has not proposed yet, the ones it has not seen committed in any instance, and which command
 * it proposed in each of its instances, so that a command whose instance was committed with
 * another one (a recovery's no-op) is proposed again.
 */
final class EPaxosCommands {
    private final int id;
    private final int n;
    private final int maxSlot;
    private final EPaxosLog log;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    /** The commands of mine that this replica has not seen committed in any instance. */
    private final TreeSet<String> waiting = new TreeSet<>();
    /** The command this replica proposed in each of its instances (volatile: lost with a crash). */
    private final TreeMap<Integer, String> proposedAt = new TreeMap<>();

    EPaxosCommands(int id, int n, int maxSlot, EPaxosLog log) {
        this.id = id;
        this.n = n;
        this.maxSlot = maxSlot;
        this.log = log;
    }

    /** A client hands this replica command c: whether it is new (then it waits to be proposed). */
    boolean request(String c) {
        if (c.isEmpty() || pending.contains(c) || ownInstanceHolds(c) || log.committedAnywhere(c)) {
            return false; // a client's retry of a command this replica leads: nothing new
        }
        pending.add(c);
        return true;
    }

    /** Whether one of this replica's instances holds c (a recovery's no-op in its place does not). */
    private boolean ownInstanceHolds(String c) {
        for (int k = 1; k <= maxSlot; k++) {
            if (log.rec(EPaxosNode.instOf(id, k, n)).cmd().equals(c)) {
                return true;
            }
        }
        return false;
    }

    /** Proposes the waiting commands while this replica has free instances: {@code propose.accept(c, i)}. */
    void proposePending(ObjIntConsumer<String> propose) {
        while (!pending.isEmpty()) {
            if (log.committedAnywhere(pending.peek()) || ownInstanceHolds(pending.peek())) {
                pending.poll(); // committed or in flight meanwhile: nothing to propose
                continue;
            }
            int i = freeInstance();
            if (i == -1) {
                return; // out of instances: the header's MaxSlot bounds the run
            }
            propose.accept(pending.poll(), i);
        }
    }

    /** The next instance of this replica: the first whose cbal is -1, if it is still untouched. */
    private int freeInstance() {
        for (int k = 1; k <= maxSlot; k++) {
            int i = EPaxosNode.instOf(id, k, n);
            if (log.cbal(i) == -1) {
                EPaxosRec r = log.rec(i);
                return r.status().equals(EPaxosRec.NONE) && r.bal() == 0 ? i : -1;
            }
        }
        return -1;
    }

    /** This replica proposes c in its instance i. */
    void proposed(int i, String c) {
        if (!log.committedAnywhere(c)) {
            waiting.add(c);
        }
        proposedAt.put(i, c);
    }

    /** Command c was committed (in some instance). */
    void committed(String c) {
        waiting.remove(c);
    }

    /** Instance i was committed: whether the command this replica proposed there lost it and waits again. */
    boolean lostInstance(int i) {
        String c = proposedAt.remove(i);
        if (c != null && !c.equals(log.rec(i).cmd()) && !log.committedAnywhere(c) && !ownInstanceHolds(c)) {
            pending.add(c);
            return true;
        }
        return false;
    }

    /**
     * A command this replica was handed that no instance it knows holds or committed (its own
     * instance became a no-op, the commit elsewhere did not reach it) waits to be proposed again.
     */
    void retryWaiting() {
        for (String c : waiting) {
            if (!ownInstanceHolds(c) && !pending.contains(c)) {
                pending.add(c);
            }
        }
    }

    /** After a restart: the commands of this replica's instances that it has not seen committed wait again. */
    void restored() {
        for (int k = 1; k <= maxSlot; k++) {
            EPaxosRec r = log.rec(EPaxosNode.instOf(id, k, n));
            if (!r.cmd().isEmpty() && !r.cmd().equals(EPaxosNode.NOOP) && log.cbal(EPaxosNode.instOf(id, k, n)) != -1) {
                if (!log.committedAnywhere(r.cmd())) {
                    waiting.add(r.cmd());
                }
            }
        }
    }

    /** Whether a command this replica was handed has not been seen committed. */
    boolean waiting() {
        return !waiting.isEmpty();
    }

    /** Every command this replica was handed is committed and none waits to be proposed. */
    boolean done() {
        return waiting.isEmpty() && pending.isEmpty();
    }
}
