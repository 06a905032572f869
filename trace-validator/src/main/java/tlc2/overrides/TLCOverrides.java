package tlc2.overrides;

import dev.tlaconform.community.FoldOps;
import dev.tlaconform.community.IOUtilsOps;
import dev.tlaconform.community.JsonOps;
import dev.tlaconform.community.SeqOps;
import dev.tlaconform.community.SetOpsExt;
import dev.tlaconform.community.TLCEvalOps;
import dev.tlaconform.community.TLCExtOps;
import dev.tlaconform.community.TLCGetOps;
import dev.tlaconform.community.VectorClocksOps;
import dev.tlaconform.validate.tlcops.NDJsonTraceOps;
import dev.tlaconform.validate.tlcops.StepOps;

/**
 * TLC looks up this class by name ({@code tlc2.overrides.TLCOverrides}) and loads the Java
 * definitions of TLA+ operators that the classes it lists carry ({@code @TLAPlusOperator},
 * {@code @Evaluation}). The tlaconform trace validator owns it: the only class of this name on
 * the classpath. It lists the NDJsonTrace operators and tlaconform's own community modules (Json,
 * IOUtils, TLCExt, SequencesExt, FiniteSetsExt, BagsExt, Functions, Folds, VectorClocks, and
 * TLC!TLCGet/TLCEval/Print/PrintT) and StepOps (invariants' step forms); each applies to a module of that name, the spec's own copy too.
 */
public class TLCOverrides implements ITLCOverrides {
    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {NDJsonTraceOps.class, JsonOps.class, IOUtilsOps.class, TLCExtOps.class, TLCGetOps.class, TLCEvalOps.class,
            FoldOps.class, SeqOps.class, SetOpsExt.class, VectorClocksOps.class, StepOps.class};
    }
}
