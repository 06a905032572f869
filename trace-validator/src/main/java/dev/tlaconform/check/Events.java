package dev.tlaconform.check;

/**
 * The kinds of event the child runner streams (field {@code "event"} of each NDJSON line).
 *
 * <pre>
 * version     {"tlcVersion"}
 * constants   {"constants": {name: json}}
 * progress    {"generated","distinct","queue","depth","source":"tlc"|"poll"}
 * stats       {"generated","distinct","queue"}
 * depth       {"depth"}
 * violation   {"kind","name","message","code"}
 * state       {"step","action","location","state":{var: json},"stuttering"?}
 * loop        {"backTo"}            (a liveness lasso returns to that step)
 * error       {"code","category","file","line","column","message"}
 * warning     {"code","message"}
 * message     {"code","message"}    (other TLC messages, for --verbose)
 * exit        {"code","exitStatus"} (TLC's EC code and EC.ExitStatus)
 * </pre>
 */
final class Events {
    static final String VERSION = "version";
    static final String CONSTANTS = "constants";
    static final String PROGRESS = "progress";
    static final String STATS = "stats";
    static final String DEPTH = "depth";
    static final String VIOLATION = "violation";
    static final String STATE = "state";
    static final String LOOP = "loop";
    static final String ERROR = "error";
    static final String WARNING = "warning";
    static final String MESSAGE = "message";
    static final String EXIT = "exit";

    private Events() {}
}
