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
 * note        {"message"}           (from tlaconform's community modules: how a value was read, ...)
 * print       {"text"}              (the spec's own Print/PrintT output)
 * module      {"name","origin","file"} (a community module the spec uses: origin "tlaconform" or "spec")
 * trace       {"log","position","reached","length","matched","complete","entry"?,"origins"?}
 *             (a trace spec: how far the behaviours got along its log)
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
    static final String NOTE = "note";
    static final String PRINT = "print";
    static final String MODULE = "module";
    static final String TRACE = "trace";

    private Events() {}
}
