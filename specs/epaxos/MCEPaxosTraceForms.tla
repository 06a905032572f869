------------------------- MODULE MCEPaxosTraceForms -------------------------
(* MCEPaxos's models, checking that the trace-time invariant forms of        *)
(* EPaxosTraceForms.tla agree with the invariants on every state.           *)
EXTENDS MCEPaxos, EPaxosTraceForms
=============================================================================
