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
EXTENDS Sequences, TLC

Trace == <<>>

TraceProgress(l) == TRUE

\* A JSON array logged for a spec set.
ToSet(seq) == {seq[i] : i \in DOMAIN seq}

\* TRUE when event e logs no state key k, or logs it equal to v (partial logging).
\* (IF, not \/: in an action TLC explores each disjunct, it does not short-circuit them.)
StateOK(e, k, v) == IF "state" \in DOMAIN e /\ k \in DOMAIN e.state THEN e.state[k] = v ELSE TRUE

\* StateOK for a function f with integer arguments logged sparsely (the mapping's "sparse"):
\* event e's key k is an object listing exactly the entries of f that differ from d, keyed by
\* the argument in decimal ({"5": f[5]}).
StateSparseOK(e, k, f, d) ==
  IF "state" \in DOMAIN e /\ k \in DOMAIN e.state
  THEN LET s == e.state[k]
           P == {x \in DOMAIN f : f[x] /= d}
       IN  /\ DOMAIN s = {ToString(x) : x \in P}
           /\ \A x \in P : s[ToString(x)] = f[x]
  ELSE TRUE

\* StateOK for a spec set logged as a JSON array.
StateSetOK(e, k, v) == IF "state" \in DOMAIN e /\ k \in DOMAIN e.state THEN ToSet(e.state[k]) = v ELSE TRUE

\* TRUE when event e has field f (e.g. an optional msg).
Has(e, f) == f \in DOMAIN e
=============================================================================
