----------------------------- MODULE Consensus -----------------------------
(***************************************************************************)
(* The consensus problem as a spec (after Lamport's Consensus module): a   *)
(* set `chosen` of values that starts empty, gets at most one element, and *)
(* never changes once it has one. Paxos refines it (Paxos.tla,            *)
(* ConsensusRefined) with chosen <- the values with a quorum of 2b at one  *)
(* ballot.                                                                 *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Values
VARIABLE chosen

TypeOK == chosen \subseteq Values

Init == chosen = {}

Choose == /\ chosen = {}
          /\ \E v \in Values : chosen' = {v}

Spec == Init /\ [][Choose]_chosen

AtMostOne == Cardinality(chosen) <= 1
=============================================================================
