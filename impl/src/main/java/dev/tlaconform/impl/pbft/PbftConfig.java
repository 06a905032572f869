package dev.tlaconform.impl.pbft;

import dev.tlaconform.impl.crypto.Authenticator;
import java.util.Set;

/**
 * What every node of one PBFT run shares: the spec's constants (EVENTS.md), the key material
 * (each node takes only its own signer from it), the Byzantine replicas and their behaviours,
 * and the active seeded bug. Replica ids are 0..N-1 (spec), the simulator's node k is replica k-1.
 */
record PbftConfig(int n, int f, Set<Integer> byz, Set<PbftByzantine.Behaviour> behaviours, int clients, int maxTs,
        int maxView, int maxSeq, int k, int l, Authenticator auth, PbftMutant mutant) {
    /** Q = N - F: 2f+1 when N = 3f+1. */
    int q() {
        return n - f;
    }

    int primary(int view) {
        return Math.floorMod(view, n);
    }

    /** The simulator node (1..N) a client's process runs on unless its own has stopped. */
    int host(int client) {
        return client % n + 1;
    }

    boolean mutant(PbftMutant m) {
        return mutant == m;
    }
}
