------------------------- MODULE MCPaxosTraceForms -------------------------
(* MCPaxos's models, checking that the trace-time invariant forms of        *)
(* PaxosTraceForms.tla agree with the invariants on every state.            *)
EXTENDS MCPaxos, PaxosTraceForms
=============================================================================
