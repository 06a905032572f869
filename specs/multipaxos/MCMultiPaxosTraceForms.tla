----------------------- MODULE MCMultiPaxosTraceForms -----------------------
(* MCMultiPaxos's models, checking that the trace-time invariant forms of   *)
(* MultiPaxosTraceForms.tla agree with the invariants on every state.       *)
EXTENDS MCMultiPaxos, MultiPaxosTraceForms
=============================================================================
