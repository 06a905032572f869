---------------------------- MODULE TLCEvalInner ----------------------------
(* Instantiated by TLCEvalOnce: its constant Server is bound, in TLC's context, to the
   instantiating module's Server. *)
EXTENDS Naturals, FiniteSets
CONSTANT Server
VARIABLES x, n
Ok == x \in Server /\ Cardinality(Server) = 3
Step == x' \in Server /\ n' = n + 1
Jump == x' \in Server /\ n' = n + 2
=============================================================================
