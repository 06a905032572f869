----------------------- MODULE MCFastPaxosTraceForms -----------------------
(* MCFastPaxos's models, checking that the trace-time invariant forms of     *)
(* FastPaxosTraceForms.tla agree with the invariants on every state.        *)
EXTENDS MCFastPaxos, FastPaxosTraceForms
=============================================================================
