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
(***************************************************************************)

ChangedArgs(f, g) == {x \in DOMAIN g : x \notin DOMAIN f \/ f[x] # g[x]}
=============================================================================
