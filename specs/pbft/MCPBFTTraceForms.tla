-------------------------- MODULE MCPBFTTraceForms --------------------------
(* MCPBFT's models, checking that the trace-time invariant forms of         *)
(* PBFTTraceForms.tla agree with the invariants on every state.             *)
EXTENDS MCPBFT, PBFTTraceForms
=============================================================================
