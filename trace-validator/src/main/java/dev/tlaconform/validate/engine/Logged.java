package dev.tlaconform.validate.engine;

import tlc2.value.impl.Value;

/**
 * The comparison of a logged value with a spec value that both engines use: the reference engine
 * calls it from the trace spec ({@code LoggedAs} of NDJsonTrace.tla, a Java override), the fast
 * engine binds and checks messages with the same {@link ValueCodec#matchesPartially}.
 */
public final class Logged {
    private Logged() {}

    /** j (a value read from the trace: records, sequences for arrays) stands for the spec value v. */
    public static boolean as(Value j, Value v) {
        return ValueCodec.matchesPartially(ValueCodec.toJson(j), v);
    }
}
