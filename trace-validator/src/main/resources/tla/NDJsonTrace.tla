---------------------------- MODULE NDJsonTrace ----------------------------
(***************************************************************************)
(* The events of an NDJSON execution trace, for trace-validation specs.   *)
(*                                                                         *)
(* Trace is overridden in Java (tlc2.overrides.TLCOverrides, from the      *)
(* tlaconform trace-validator jar, which must be on TLC's classpath): it   *)
(* reads the file named by the Java system property tlaconform.trace or    *)
(* the environment variable TLACONFORM_TRACE with Jackson and returns the  *)
(* sequence of its event lines as records (JSON objects -> records, arrays *)
(* -> sequences, numbers -> integers, strings -> strings), header and end  *)
(* line excluded. Defined here, in a module the trace spec EXTENDS, so TLC *)
(* evaluates it once.                                                      *)
(*                                                                         *)
(* TraceProgress(l) is TRUE; its Java override also prints                 *)
(* "tlaconform-trace-position: <l>" each time a larger l is reached, which *)
(* tells how far a rejected trace got.                                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC

Trace == <<>>

TraceProgress(l) == TRUE

\* TRUE; its Java override prints "tlaconform-trace-at: <l>" each time it is evaluated. The generated
\* trace spec checks it first among the invariants, so the last such line before TLC reports a
\* violation is the position of the violating state, and --engine tlc stops TLC there instead of
\* waiting for TLC to rebuild and print the whole behaviour (minutes and gigabytes on a long trace).
TraceAt(l) == TRUE

\* TRUE; its Java override remembers the first state s it is given at each position l and prints
\* "tlaconform-trace-branch: <l>" when it is given another state at a position (two different
\* states at one position). The generated trace spec evaluates it on every step TLC takes while it
\* identifies states by their position alone (a VIEW), which is the same search as without the
\* VIEW as long as no such line is printed; --engine tlc searches again without it otherwise.
TraceUnique(l, s) == TRUE

\* TRUE when the logged value j (from Trace) stands for the spec value v: equal, or, for a message
\* logged partially, a record whose logged fields agree with v's (docs/validate.md, partial logging).
\* Overridden in Java: the fast engine's own comparison (arrays are sets where v is a set).
LoggedAs(j, v) == j = v

\* The logged message j is what a step that turns the message set S into S2 sent: a message it
\* added, or one of S2 when it left S as it was (a re-send). The mapping's msgIn, in both engines.
SentNow(j, S, S2) == \E m \in S2 : LoggedAs(j, m) /\ (m \notin S \/ S2 = S)

\* A JSON array logged for a spec set.
ToSet(seq) == {seq[i] : i \in DOMAIN seq}

\* The logged value j equals the spec value v; FALSE, as in the fast engine, where they are values
\* of different kinds (a string logged for a number: another run, not a reason to stop). Overridden
\* in Java: TLC's own equality, FALSE where TLC would stop on comparing different kinds.
LoggedEq(j, v) == j = v

\* The logged state value j equals the spec value v as the fast engine compares a state key: as
\* LoggedEq, and a JSON array stands for a set where v is a set. Overridden in Java (the fast
\* engine's own comparison); TLA+ cannot ask whether v is a set.
LoggedVal(j, v) == LoggedEq(j, v)

\* The elements of S that a parameter bound from the logged value j may take: {x \in S : LoggedAs(j, x)}.
\* Overridden in Java so that S is not enumerated: the logged value itself when it is in S (one
\* membership test), else, for a record logged partially, the elements of S agreeing with it.
LoggedIn(j, S) == {x \in S : LoggedAs(j, x)}

\* As LoggedIn, for a parameter TLC binds by splitting Next over the constant set S. Overridden in
\* Java: a logged value that is not of the kind of S's elements stops TLC (bad input at the line),
\* as the fast engine refuses it when it looks the action's instances up by the value.
LoggedSplit(j, S) == LoggedIn(j, S)

\* As LoggedIn, where the action requires the value to be in the state-level set Src (m \in msgs):
\* a partially logged value's candidates are drawn from Src, not from S.
LoggedInFrom(j, S, Src) == {x \in Src : x \in S /\ LoggedAs(j, x)}

\* The mapping's msgIn: the logged message j is what the step from S to S2 sent (SentNow). Overridden
\* in Java to take a bag (a function message -> count, module Bags) as well: then j is a message
\* whose count the step raised, or one the bag holds when the step left it as it was.
MsgSent(j, S, S2) == SentNow(j, S, S2)

\* The logged set S (from a JSON array) equals the spec set v, element by element by LoggedEq.
LoggedSetEq(S, v) == /\ {x \in S : ~\E y \in v : LoggedEq(x, y)} = {}
                     /\ {y \in v : ~\E x \in S : LoggedEq(x, y)} = {}

\* TRUE when event e logs no state key k, or logs it equal to v (partial logging).
\* (IF, not \/: in an action TLC explores each disjunct, it does not short-circuit them.)
StateOK(e, k, v) == IF "state" \in DOMAIN e /\ k \in DOMAIN e.state THEN LoggedEq(e.state[k], v) ELSE TRUE

\* The arguments of the function f where it is not d. Overridden in Java: one pass over f's entries,
\* where TLC 2.18 applies a function built by [x \in S |-> ...] by a linear search of its domain
\* (f[x] for every x: quadratic in the size of the domain).
ArgsOtherThan(f, d) == {x \in DOMAIN f : f[x] /= d}

\* The arguments in 1..n outside L where g does not keep f's value (f lacks it, or g[i] /= f[i]).
\* Overridden in Java: the entries of f and g compared side by side, the objects first (EXCEPT keeps
\* the entries it leaves as they were), where TLC selects f[i] and g[i] by a linear search each.
DeltaNotKept(f, g, n, L) == {i \in (1..n) \ L : ~(i \in DOMAIN f /\ g[i] = f[i])}

\* StateOK for a function f with integer arguments logged sparsely (the mapping's "sparse"):
\* event e's key k is an object listing exactly the entries of f that differ from d, keyed by
\* the argument in decimal ({"5": f[5]}).
StateSparseOK(e, k, f, d) ==
  IF "state" \in DOMAIN e /\ k \in DOMAIN e.state
  THEN LET s == e.state[k]
           P == ArgsOtherThan(f, d)
       IN  /\ DOMAIN s = {ToString(x) : x \in P}
           /\ \A x \in P : LoggedVal(s[ToString(x)], f[x])
  ELSE TRUE

\* The shape of a sequence's delta (malformed: bad input in both engines, not a mismatch). A value
\* of the wrong kind where a number or a sequence is needed stops TLC, which is bad input too.
DeltaSeqShape(d) ==
  /\ DOMAIN d \subseteq {"len", "at", "fill"}
  /\ "len" \in DOMAIN d
  /\ d.len \in Nat
  /\ "at" \in DOMAIN d => /\ DOMAIN d.at = 1..Len(d.at)
                          /\ {p \in ToSet(d.at) : DOMAIN p /= 1..2 \/ p[1] \notin Nat} = {}

\* StateOK for a key logged as what the step changed (the mapping's "delta"), for a function on
\* 1..n (a sequence) whose pre-state value is f and post-state value g: event e's key k is
\* {"len": n, "at": [[i, v], ...]} and optionally "fill": x. g's domain is 1..n, g[i] = v at each
\* logged i, and every other argument keeps f's value (f[i] must exist) or, with "fill", maps to x.
StateDeltaOK(e, k, f, g) ==
  IF "state" \in DOMAIN e /\ k \in DOMAIN e.state
  THEN LET d == e.state[k]
           at == IF "at" \in DOMAIN d THEN ToSet(d.at) ELSE {}
           L == {p[1] : p \in at}
       IN  /\ Assert(DeltaSeqShape(d), <<"state key", k, "is not a delta of a sequence: it has len, maybe at ([index, value] pairs) and fill, and nothing else", d>>)
           /\ DOMAIN g = 1..d.len
           /\ L \subseteq 1..d.len
           \* (sets of counterexamples, not \A: inside an action TLC expands \A conjunct by
           \* conjunct, recursively, which overflows its stack on a long log)
           /\ {p \in at : ~LoggedVal(p[2], g[p[1]])} = {}
           /\ IF "fill" \in DOMAIN d THEN {i \in (1..d.len) \ L : ~LoggedVal(d.fill, g[i])} = {}
                                     ELSE DeltaNotKept(f, g, d.len, L) = {}
  ELSE TRUE

\* The shape of a set's delta.
DeltaSetShape(d) ==
  /\ DOMAIN d \subseteq {"add", "del", "set"}
  /\ ~("set" \in DOMAIN d /\ ("add" \in DOMAIN d \/ "del" \in DOMAIN d))
  /\ {x \in DOMAIN d : DOMAIN d[x] /= 1..Len(d[x])} = {}

\* StateOK for a spec set logged as what the step changed (the mapping's "delta"): event e's key k
\* is {"add": [...], "del": [...]} (either may be left out) and g = (f \ del) \cup add, or
\* {"set": [...]}, the whole of g.
StateSetDeltaOK(e, k, f, g) ==
  IF "state" \in DOMAIN e /\ k \in DOMAIN e.state
  THEN LET d == e.state[k]
           Part(x) == IF x \in DOMAIN d THEN ToSet(d[x]) ELSE {}
           In(y, S) == \E x \in S : LoggedVal(x, y)
       IN  /\ Assert(DeltaSetShape(d), <<"state key", k, "is not a delta of a set: it has add and del (arrays), or set, and nothing else", d>>)
           /\ IF "set" \in DOMAIN d
              THEN LoggedSetEq(Part("set"), g)
              ELSE \* g = (f \ del) \cup add, compared by LoggedEq
                   /\ {x \in Part("add") : ~\E y \in g : LoggedVal(x, y)} = {}
                   /\ {y \in f : ~In(y, Part("del")) /\ y \notin g} = {}
                   /\ {y \in g : ~In(y, Part("add")) /\ ~(y \in f /\ ~In(y, Part("del")))} = {}
  ELSE TRUE

\* TRUE when event e logs state key k.
StateLogged(e, k) == "state" \in DOMAIN e /\ k \in DOMAIN e.state

\* StateOK by LoggedVal: a state key as the fast engine compares it (a JSON array for a set too).
StateValOK(e, k, v) == IF "state" \in DOMAIN e /\ k \in DOMAIN e.state THEN LoggedVal(e.state[k], v) ELSE TRUE

\* The mapping's "delta" for a key whose delta says what it is: {"len": ...} a function on 1..n
\* (StateDeltaOK), {"add"/"del"/"set": ...} a set (StateSetDeltaOK).
StateAnyDeltaOK(e, k, f, g) ==
  IF "state" \in DOMAIN e /\ k \in DOMAIN e.state
  THEN IF "len" \in DOMAIN e.state[k] THEN StateDeltaOK(e, k, f, g) ELSE StateSetDeltaOK(e, k, f, g)
  ELSE TRUE

\* StateOK for a spec set logged as a JSON array.
StateSetOK(e, k, v) == IF "state" \in DOMAIN e /\ k \in DOMAIN e.state THEN LoggedSetEq(ToSet(e.state[k]), v) ELSE TRUE

\* TRUE when event e has field f (e.g. an optional msg).
Has(e, f) == f \in DOMAIN e
=============================================================================
