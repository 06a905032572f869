------------------------------- MODULE StepOps -------------------------------
(***************************************************************************)
(* Operators for invariants' step forms (docs/validate.md): an invariant's *)
(* step form is an action, evaluated on the state before a step and the    *)
(* state after, that checks only what the step changed.                    *)
(*                                                                         *)
(* ChangedArgs(f, g): the arguments at which function g differs from f (or *)
(* that f lacks). Overridden in Java (tlc2.overrides.TLCOverrides, class   *)
(* StepOps of the tlaconform trace validator): the same set, found by      *)
(* comparing the entries' value objects first (EXCEPT keeps the untouched  *)
(* entries' objects), so a step that changed one entry of a long function *)
(* costs one pass of reference comparisons, not a value comparison each.   *)
(*                                                                         *)
(* ArgsNot(f, x): the arguments at which f is not x (PBFT: the seqs of a   *)
(* per-seq log that hold an entry). ResetUpTo(f, n, x): f with every       *)
(* integer argument up to n mapped to x (PBFT's garbage collection at a    *)
(* stable checkpoint). Also in Java: one pass over the entries, one array  *)
(* copy keeping the other entries' objects (f itself when nothing changes),*)
(* where TLC would evaluate a lambda's body once per argument.             *)
(* Added(S, T): the elements a step added to a set, found in Java by one   *)
(* walk of the two sorted sets comparing element objects first.            *)
(***************************************************************************)
EXTENDS Integers

ChangedArgs(f, g) == {x \in DOMAIN g : x \notin DOMAIN f \/ f[x] # g[x]}

ArgsNot(f, x) == {k \in DOMAIN f : f[k] # x}

ResetUpTo(f, n, x) == [k \in DOMAIN f |-> IF k <= n THEN x ELSE f[k]]

Added(S, T) == T \ S
=============================================================================
