package dev.tlaconform.impl.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.core.Effects;
import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.RandomSource;
import dev.tlaconform.impl.crypto.Authenticator;
import dev.tlaconform.impl.sim.SimConfig;
import dev.tlaconform.impl.sim.SimResult;
import dev.tlaconform.impl.sim.Simulation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An honest replica in isolation (forged signatures), the 3f+1 bound, and Byzantine seed sweeps. */
class PbftReplicaTest {
    private static final long SEED = 5;

    private static PbftProtocol protocol() {
        return new PbftProtocol(4, 1, SEED, 2, 0, Set.of(), 12, 8, 2, 4, null, null);
    }

    private static PbftMessage.Request request(Authenticator a) {
        Req r = Req.of(0, 1);
        PbftMessage.Request unsigned = new PbftMessage.Request(r, 1, null);
        return new PbftMessage.Request(r, 1, a.signer("c0").sign(unsigned.signedText()));
    }

    private static PbftMessage.PrePrepare prePrepare(PbftMessage.Request q, String signerKey, Authenticator a) {
        PbftMessage.PrePrepare p = new PbftMessage.PrePrepare(0, 1, q.req().digest(), q, 0, 1, null);
        return new PbftMessage.PrePrepare(0, 1, p.digest(), q, 0, 1, a.signer(signerKey).sign(p.signedText()));
    }

    private static int prepares(Effects fx) {
        int k = 0;
        for (int i = 0; i < fx.sends(); i++) {
            k += fx.sendMessage(i) instanceof PbftMessage.Prepare ? 1 : 0;
        }
        return k;
    }

    @Test
    void aBackupRejectsAForgedPrePrepareAndAcceptsTheGenuineOne() {
        Authenticator a = Authenticator.forCluster(SEED, 4, 2);
        PbftReplica backup = (PbftReplica) protocol().newNode(2, new RandomSource(1), 50);
        backup.step(Input.START);
        PbftMessage.Request q = request(a);
        // replica 3 puts the primary's name (replica 0) on a pre-prepare: its signature is its own
        Effects fx = backup.step(new Input.Receive(prePrepare(q, "r3", a)));
        assertEquals(0, prepares(fx), "a forged PRE-PREPARE must not be prepared");
        assertTrue(backup.ppAcc[1].none());
        // a corrupted signature is rejected too
        PbftMessage.PrePrepare good = prePrepare(q, "r0", a);
        byte[] bad = good.sig().clone();
        bad[0] ^= 1;
        fx = backup.step(new Input.Receive(new PbftMessage.PrePrepare(0, 1, good.digest(), q, 0, 1, bad)));
        assertEquals(0, prepares(fx));
        // a wrong digest (the request's signature is fine, the digest is not its digest)
        PbftMessage.PrePrepare wd = new PbftMessage.PrePrepare(0, 1, Req.of(1, 1).digest(), q, 0, 1, null);
        fx = backup.step(new Input.Receive(new PbftMessage.PrePrepare(0, 1, wd.digest(), q, 0, 1,
                a.signer("r0").sign(wd.signedText()))));
        assertEquals(0, prepares(fx));
        fx = backup.step(new Input.Receive(good));
        assertEquals(3, prepares(fx), "the genuine PRE-PREPARE is prepared and multicast to the 3 others");
        assertEquals(new Entry(0, q.req()), backup.ppAcc[1]);
    }

    @Test
    void theAcceptUnverifiedSignatureMutantTakesTheForgery() {
        Authenticator a = Authenticator.forCluster(SEED, 4, 2);
        PbftProtocol p = new PbftProtocol(4, 1, SEED, 2, 0, Set.of(), 12, 8, 2, 4, "accept-unverified-signature", null);
        PbftReplica backup = (PbftReplica) p.newNode(2, new RandomSource(1), 50);
        Effects fx = backup.step(new Input.Receive(prePrepare(request(a), "r3", a)));
        assertEquals(3, prepares(fx));
    }

    @Test
    void nBelow3fPlus1IsRefusedUnlessUnsafe() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimConfig.builder("pbft").nodes(3).byzantine(1).build());
        assertTrue(e.getMessage().contains("n >= 3f+1 = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimConfig.builder("pbft").nodes(6).faulty(2).build());
        assertEquals(3, SimConfig.builder("pbft").nodes(3).byzantine(1).unsafeConfig(true).build().nodes());
        assertEquals(1, SimConfig.builder("pbft").nodes(4).byzantine(1).build().faulty());
    }

    @Test
    void withAtMostFByzantineReplicasEverySeedIsSafeAndLive() {
        for (String b : List.of("equivocate", "forge", "replay", "wrong-digest", "silent", "equivocate,forge,replay,wrong-digest")) {
            for (long seed = 1; seed <= 8; seed++) {
                SimConfig cfg = SimConfig.builder("pbft").seed(seed).nodes(4).byzantine(1).byz(List.of(b.split(",")))
                        .faults(seed % 2 == 0 ? dev.tlaconform.impl.sim.FaultPlan.named("all")
                                : dev.tlaconform.impl.sim.FaultPlan.named("none")).build();
                SimResult r = Simulation.run(cfg);
                assertTrue(r.ok(), b + " seed " + seed + ": " + r.summary());
                assertEquals(SimResult.Outcome.DECIDED, r.outcome(), b + " seed " + seed + ": " + r.summary());
            }
        }
    }

    @Test
    void sevenReplicasWithTwoByzantineStaySafeAndLive() {
        for (long seed = 1; seed <= 3; seed++) {
            SimResult r = Simulation.run(SimConfig.builder("pbft").seed(seed).nodes(7).byzantine(2).build());
            assertEquals(SimResult.Outcome.DECIDED, r.outcome(), r.summary());
        }
    }

    @Test
    void theMonitorFlagsDisagreeingHonestCommits() {
        PbftProtocol p = protocol();
        var m = p.newMonitor();
        Req r1 = Req.of(0, 1);
        Req r2 = Req.of(1, 1);
        assertEquals(null, m.onSend(new PbftMessage.Commit(0, 1, r1.digest(), r1, 1, 2, null)));
        assertFalse(m.onSend(new PbftMessage.Commit(0, 1, r2.digest(), r2, 2, 3, null)) == null);
    }
}
