package dev.tlaconform.impl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tlaconform.impl.core.Mutant;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tlaconform.impl.trace.DeltaStates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seeded bugs of {@code tlaconform mutants} are switches that are off by default and change
 * nothing when off, and each one, switched on, changes what the implementation does.
 */
class MutantSwitchTest {
    /**
     * SHA-256 over the traces of seeds 1..20 (default configuration, plan as named), computed with
     * the implementation of commit 605759e, before any mutant switch existed; multipaxos's three
     * recomputed in session 9, when a superseded leader stopped sending 2a (MultiPaxosNode's
     * superseded(), docs/cluster.md). With superseded() always false they are main ff4fe61's again
     * (99c4f91d.., 2a26096b.., da94594f..): the fix alone changed them.
     */
    private static final List<String[]> GOLDEN = List.of(
            new String[] {"paxos", "all", "fbd05b19929f5681ace46248e0311a4a80c5e3064cca708e6c3bc218321ae166"},
            new String[] {"paxos", "restart", "b394e1d09e9005bbcbb2329598c25dc4a8161c750aea4fd32c8b024ce8293636"},
            new String[] {"paxos", "dup", "aea29e94e792d9b64bbb5b49fc65e1daaeff3724da0eec85557e4d21d4a06672"},
            new String[] {"multipaxos", "all", "cf2046b5ee26f5dbc33f2887632524e2160f6d5a2bc21e9129ef0605e2292104"},
            new String[] {"multipaxos", "restart", "2e502eff144114404916438eea602721e0a686dc8bf890f13428339ef519a51a"},
            new String[] {"multipaxos", "dup", "9be3b73f614c0e0b408f93e087402d4cdc7d6fb878a1dcd0c9ef2d42d2c6ca07"});

    @Test
    void withoutAMutantTheTracesAreByteIdenticalToThoseBeforeTheSwitchesExisted() throws Exception {
        List<String> differ = new java.util.ArrayList<>();
        for (String[] g : GOLDEN) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (long seed = 1; seed <= 20; seed++) {
                byte[] t = trace(SimConfig.builder(g[0]).seed(seed).faults(FaultPlan.named(g[1])).build());
                md.update(g[0].equals("multipaxos") ? wholeStates(t) : t);
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (!g[2].equals(got)) {
                differ.add(g[0] + " under plan " + g[1] + ": expected " + g[2] + ", was " + got);
            }
        }
        assertEquals(List.of(), differ);
    }

    @Test
    void everyProtocolsCatalogueIsWellFormedAndOffByDefault() {
        for (String p : Protocols.NAMES) {
            assertNull(SimConfig.builder(p).build().mutant(), p);
            List<Mutant> ms = Protocols.mutants(p);
            Set<String> labels = new HashSet<>();
            for (Mutant m : ms) {
                assertTrue(m.label().matches("[a-z0-9]+(-[a-z0-9]+)*"), p + ": label '" + m.label() + "' is not kebab-case");
                assertTrue(labels.add(m.label()), p + ": label '" + m.label() + "' twice");
                assertFalse(m.description().isBlank(), p + "/" + m.label() + " has no description");
                assertEquals(m.label(), SimConfig.builder(p).mutant(m.label()).build().mutant());
            }
        }
        assertTrue(Protocols.mutants("paxos").size() >= 6);
        assertTrue(Protocols.mutants("multipaxos").size() >= 6);
        assertTrue(Protocols.mutants("no-such-protocol").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimConfig.builder("paxos").mutant("no-such-bug").build());
        assertTrue(e.getMessage().contains("accept-below-promise"), e.getMessage());
    }

    /**
     * Each switch does something: within a bounded number of runs (fault plans x system models x
     * seeds, as {@code mutants} varies them), a trace differs from the correct run's. A rare path
     * (EPaxos's recovery from an accepted reply) needs a few hundred runs: the loop stops at the
     * first difference, so only such a switch costs them.
     */
    @Test
    void everyMutantSwitchedOnChangesSomeTrace() {
        String[] plans = {"all", "restart", "dup", "crash", "partition"};
        SystemModel[] models = SystemModel.values();
        int cells = plans.length * models.length;
        for (String p : Protocols.NAMES) {
            for (Mutant m : Protocols.mutants(p)) {
                boolean differs = false;
                List<String> adversaries = Protocols.adversaries(p);
                for (int i = 0; i < 600 && !differs; i++) {
                    SimConfig c = Protocols.withAdversary(SimConfig.builder(p).seed(i / cells + 1)
                            .faults(FaultPlan.named(plans[i % plans.length])).model(models[(i / plans.length) % models.length])
                            .untilDecided(200_000), p, adversaries.get(i % adversaries.size())).build();
                    byte[] correct = trace(c);
                    byte[] mutated;
                    try {
                        mutated = trace(c.toBuilder().mutant(m.label()).build());
                    } catch (RuntimeException thrown) {
                        differs = true; // a node's own assertion stopped the mutated run: it behaved differently
                        continue;
                    }
                    differs = !Arrays.equals(correct, mutated);
                }
                assertTrue(differs, p + "/" + m.label() + " changed no trace in 600 runs: is the switch wired?");
            }
        }
    }

    /**
     * Multi-Paxos events log the per-slot logs and pending as deltas since 605759e (EVENTS.md): the
     * trace with each delta applied to the node's previous whole state, written as the writer of
     * then wrote it, must be that commit's trace byte for byte.
     */
    private static byte[] wholeStates(byte[] trace) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] lines = new String(trace, StandardCharsets.UTF_8).split("\n", -1);
        Map<Integer, ObjectNode> whole = new HashMap<>();
        int slots = json.readTree(lines[0]).at("/constants/MaxSlot").asInt();
        ObjectNode init = json.createObjectNode(); // Init's per-slot logs and pending (EVENTS.md)
        for (String k : List.of("aVotes", "pHigh", "pProposed", "decided")) {
            com.fasterxml.jackson.databind.node.ArrayNode a = init.putArray(k);
            for (int i = 0; i < slots; i++) {
                if (k.equals("aVotes") || k.equals("pHigh")) a.addObject().put("mbal", -1).put("mval", "");
                else a.add("");
            }
        }
        init.putArray("pending");
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k];
            if (line.startsWith("{\"kind\":\"event\"")) {
                ObjectNode e = (ObjectNode) json.readTree(line);
                int node = e.get("node").asInt();
                ObjectNode s = DeltaStates.apply(whole.getOrDefault(node, init), e.get("state"));
                whole.put(node, s);
                e.set("state", s);
                line = json.writeValueAsString(e);
            }
            out.append(line);
            if (k < lines.length - 1) out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] trace(SimConfig c) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Simulation.run(c, b);
        return b.toByteArray();
    }
}
