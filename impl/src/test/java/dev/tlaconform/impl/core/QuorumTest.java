package dev.tlaconform.impl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Quorum arithmetic against a literal reading of each definition (the etcd-io/raft quick_test idea). */
class QuorumTest {
    @Test
    void isMajorityIsTwiceTheCountAboveN() {
        for (int n = 1; n <= 7; n++) {
            for (long mask = 0; mask < (1L << (n + 1)); mask += 2) { // bit 0 unused: nodes are 1..n
                int members = 0;
                for (int k = 1; k <= n; k++) {
                    if ((mask & (1L << k)) != 0) {
                        members++;
                    }
                }
                assertEquals(2 * members > n, Quorum.isMajority(mask, n), "n=" + n + " mask=" + mask);
            }
        }
    }

    @Test
    void ownerAndNextOwnedBallotFollowTheContract() {
        for (int n = 1; n <= 7; n++) {
            for (int b = 0; b < 60; b++) {
                assertEquals((b % n) + 1, Quorum.owner(b, n), "Owner(" + b + ") with N=" + n);
            }
            for (int id = 1; id <= n; id++) {
                for (int above = -1; above < 40; above++) {
                    int smallest = above + 1;
                    while (Quorum.owner(smallest, n) != id) {
                        smallest++;
                    }
                    assertEquals(smallest, Quorum.nextOwnedBallot(above, id, n),
                            "next ballot of node " + id + " above " + above + " with N=" + n);
                }
            }
        }
    }
}
