package tlc2.overrides;

import dev.tlaconform.validate.tlcops.NDJsonTraceOps;

/**
 * TLC looks up this class by name ({@code tlc2.overrides.TLCOverrides}) and loads the Java
 * definitions of TLA+ operators that the classes it lists carry ({@code @TLAPlusOperator}). The
 * tlaconform trace validator owns it: the only class of this name on the classpath.
 */
public class TLCOverrides implements ITLCOverrides {
    @Override
    @SuppressWarnings("rawtypes")
    public Class[] get() {
        return new Class[] {NDJsonTraceOps.class};
    }
}
