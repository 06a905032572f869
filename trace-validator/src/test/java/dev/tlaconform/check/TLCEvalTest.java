package dev.tlaconform.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * TLC!TLCEval keeps a constant-level value, as newer TLC does and TLC 2.18 does not
 * ({@code dev.tlaconform.community.TLCEvalOps}): without it, etcd's Traceetcdraft folds its whole
 * log at every reference to {@code Server} (substituted by {@code TraceServer == TLCEval(FoldSeq(..., TraceLog))})
 * and validates 3 states per second. Counted, not timed: TLCEvalOnce.tla's fold prints a line at
 * each evaluation, and the model names the substituted constant in every place TLC evaluates it
 * (initial predicate, actions inside quantifiers and operators, invariants, an INSTANCE's
 * context, implied actions, liveness). Arguments that depend on the context are still evaluated
 * each time (the spec's ASSUMEs and the state-level invariant). The fixture's property
 * {@code Quiet == [][x' # x \/ Assert(FALSE, ...)]_x} holds only because a step that leaves x
 * unchanged does not evaluate its action ({@code StutterFirst}); TLC 2.18's order reports the Assert.
 */
class TLCEvalTest {
    @Test
    void aConstantArgumentIsEvaluatedOnceAndAParameterisedOneEachTime() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        CheckReport r = ModelCheck.run(CheckOptions.of(ModelCheckTest.resource("community/TLCEvalOnce.tla"),
                ModelCheckTest.resource("community/TLCEvalOnce.cfg")).withTimeout(Duration.ofMinutes(3)),
                new CheckListener() {
                    @Override
                    public void specOutput(String line) {
                        out.add(line);
                    }
                });
        assertEquals(CheckReport.HOLDS, r.verdict(), r::toJson);
        assertEquals(21, r.distinctStates(), r::toJson);
        assertEquals(1, out.stream().filter(l -> l.contains("LogServers evaluated")).count(),
                "the fold substituted for Server is evaluated once, not at every reference: " + out.size() + " lines");
        assertEquals(List.of("<<\"Twice\", 1>>", "<<\"Twice\", 2>>", "<<\"Twice\", 1>>"),
                out.stream().filter(l -> l.contains("Twice")).toList(), "a parameter's TLCEval is evaluated each time");
    }

    @Test
    void aRefinementThroughTheInstanceCanStillFail() throws Exception {
        // TLCEvalOnce's INSTANCE substitutes Server, x and n by themselves, which tlaconform's TLC
        // run leaves out of the context (IdentitySubstitutions): the property must still see them
        CheckReport r = ModelCheck.run(CheckOptions.of(ModelCheckTest.resource("community/TLCEvalOnce.tla"),
                ModelCheckTest.resource("community/TLCEvalOnceNotRefined.cfg")).withTimeout(Duration.ofMinutes(3)),
                CheckListener.SILENT);
        assertEquals(CheckReport.VIOLATION, r.verdict(), r::toJson);
        assertEquals("NotRefines", r.violation().name(), r::toJson);
    }
}
