package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.core.Input;
import dev.tlaconform.impl.core.Message;
import dev.tlaconform.impl.core.ProtocolFactory;
import dev.tlaconform.impl.multipaxos.MultiPaxosMessage;
import dev.tlaconform.impl.multipaxos.MultiPaxosNode;
import dev.tlaconform.impl.paxos.PaxosMessage;
import dev.tlaconform.impl.paxos.PaxosNode;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The safety checks can fail: broken variants of the protocols are caught by the same seed sweeps
 * the real ones pass, with the seed and the replay command in the failure; and the durability
 * contract is checked on every restart of the real protocols.
 */
class MutantTest {
    /** The first failing seed in 1..seeds, or null. */
    static SimResult firstFailure(String protocol, String plan, int seeds, Function<SimConfig, ProtocolFactory> mutant) {
        for (long seed = 1; seed <= seeds; seed++) {
            SimConfig c = SimConfig.builder(protocol).seed(seed).faults(FaultPlan.named(plan)).untilDecided(200_000).build();
            SimResult r = Simulation.run(c, mutant.apply(c), null);
            if (!r.ok()) {
                return r;
            }
        }
        return null;
    }

    /** The first failing seed in 1..seeds of the protocol with the seeded bug {@code mutant} switched on, or null. */
    static SimResult firstFailure(String protocol, String plan, int seeds, String mutant) {
        return firstFailure(protocol, plan, seeds, c -> Protocols.factory(c.toBuilder().mutant(mutant).build()));
    }

    @Test
    void paxosProposerThatIgnoresReportedVotesIsCaught() {
        SimResult r = firstFailure("paxos", "none", 500, "ignore-promise-votes");
        assertNotNull(r, "a proposer ignoring the 1b votes must break agreement on some seed");
        assertEquals(SimResult.Outcome.SAFETY_VIOLATION, r.outcome());
        assertTrue(r.failure().contains("two values chosen") || r.failure().contains("agreement"), r.failure());
        assertTrue(r.config().replayCommand().contains("--seed " + r.config().seed()));
    }

    @Test
    void multiPaxosLeaderThatIgnoresReportedVotesIsCaught() {
        SimResult r = firstFailure("multipaxos", "restart", 500, "ignore-promise-votes");
        assertNotNull(r, "a leader ignoring the 1b votes must break per-slot agreement on some seed");
        assertEquals(SimResult.Outcome.SAFETY_VIOLATION, r.outcome(), r.failure());
    }

    @Test
    void paxosNodeThatForgetsItsDurableStateOnRestartIsCaught() {
        SimResult r = firstFailure("paxos", "restart", 2000, c -> Interposer.rewriting(c,
                in -> in instanceof Input.Restart ? new Input.Restart(null) : in));
        assertNotNull(r, "amnesia on restart must break agreement on some seed");
        assertEquals(SimResult.Outcome.SAFETY_VIOLATION, r.outcome(), r.failure());
    }

    /**
     * Durability before send, seen from outside: after every restart, a node's promise covers every
     * 1b and 2b it sent before the crash (the simulator stored the snapshot before the message left).
     */
    @Test
    void restartedNodesKeepEveryPromiseTheyMade() {
        for (String protocol : java.util.List.of("paxos", "multipaxos")) { // acceptors' promises: the Paxos family
            for (long seed = 1; seed <= 150; seed++) {
                SimResult r = runCheckingPromises(protocol, seed, false);
                assertTrue(r.ok(), r.failure());
            }
        }
    }

    @Test
    void thePromiseCheckCatchesAmnesia() {
        AssertionError caught = null;
        for (long seed = 1; seed <= 150 && caught == null; seed++) {
            try {
                runCheckingPromises("paxos", seed, true);
            } catch (AssertionError e) {
                caught = e;
            }
        }
        assertNotNull(caught, "a node restarted without its durable state must be caught");
        assertTrue(caught.getMessage().contains("forgot its promise"), caught.getMessage());
    }

    private static SimResult runCheckingPromises(String protocol, long seed, boolean amnesia) {
        SimConfig c = SimConfig.builder(protocol).seed(seed).faults(FaultPlan.named("restart")).build();
        int[] promised = new int[c.nodes() + 1];
        Arrays.fill(promised, -1);
        ProtocolFactory f = Interposer.observing(c,
                (node, in) -> amnesia && in instanceof Input.Restart ? new Input.Restart(null) : in,
                (node, fx) -> {
                    int k = node.id();
                    int maxBal = node instanceof PaxosNode p ? p.maxBal() : ((MultiPaxosNode) node).maxBal();
                    if (maxBal < promised[k]) {
                        throw new AssertionError("node " + k + " forgot its promise " + promised[k] + " (maxBal " + maxBal + ")");
                    }
                    for (int i = 0; i < fx.sends(); i++) {
                        promised[k] = Math.max(promised[k], acceptorBallot(fx.sendMessage(i)));
                    }
                    return null;
                });
        return Simulation.run(c, f, null);
    }

    /** A node whose learner is fed forged 2b values breaks validity, unless the run declares it Byzantine. */
    @Test
    void byzantineNodesAreNotHeldToAgreementOrValidity() {
        java.util.function.UnaryOperator<Input> forge = in -> in instanceof Input.Receive rc
                && rc.msg() instanceof PaxosMessage.Accepted a
                ? new Input.Receive(new PaxosMessage.Accepted(a.bal(), "evil", a.from())) : in;
        SimConfig c = SimConfig.builder("paxos").seed(1).build();
        SimResult undeclared = Simulation.run(c, Interposer.byzantine(c, 3, false, forge), null);
        assertEquals(SimResult.Outcome.SAFETY_VIOLATION, undeclared.outcome());
        assertTrue(undeclared.failure().startsWith("validity: node 3 decided 'evil'"), undeclared.failure());
        for (long seed = 1; seed <= 50; seed++) {
            SimConfig s = c.toBuilder().seed(seed).build();
            SimResult declared = Simulation.run(s, Interposer.byzantine(s, 3, true, forge), null);
            assertEquals(SimResult.Outcome.DECIDED, declared.outcome(), declared.failure());
        }
    }

    static int acceptorBallot(Message m) {
        if (m instanceof PaxosMessage.Promise p) {
            return p.bal();
        }
        if (m instanceof PaxosMessage.Accepted a) {
            return a.bal();
        }
        if (m instanceof MultiPaxosMessage.Promise p) {
            return p.bal();
        }
        if (m instanceof MultiPaxosMessage.Accepted a) {
            return a.bal();
        }
        return -1;
    }

}
