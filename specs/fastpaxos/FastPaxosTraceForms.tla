------------------------- MODULE FastPaxosTraceForms -------------------------
(***************************************************************************)
(* Trace-time forms of Fast Paxos's Agreement, Validity and DecidedIsChosen *)
(* (trace-mapping.json, "invariantForms"), as PaxosTraceForms.tla does for *)
(* Paxos: the fast trace validator checks these on every candidate state   *)
(* and reports a violation under the original invariant's name; --engine   *)
(* tlc checks them too (since session 8).                                  *)
(*                                                                         *)
(* Why: Chosen tries every ballot, value and quorum of the ballot's kind   *)
(* (|Ballots| x |Values| x subsets of Nodes per state). ChosenValues       *)
(* starts from the 2b messages sent: v is chosen at b only if the 2b for   *)
(* (b, v) come from at least QSize(b) acceptors (quorums of b's kind are   *)
(* exactly the sets of at least QSize(b) nodes, and 2b for one (b, v)      *)
(* differ only in their sender). MCFastPaxosTraceForms.cfg has TLC check   *)
(* ChosenValuesOK and the three equivalences on every reachable state.     *)
(***************************************************************************)
EXTENDS FastPaxos

QSize(b)     == IF IsFast(b) THEN FQ ELSE CQ
Votes2b      == {x \in msgs : x.type = "2b"}
IsChosen(v)  == \E m \in Votes2b : /\ m.val = v
                                   /\ Cardinality({x \in Votes2b : x.bal = m.bal /\ x.val = v}) >= QSize(m.bal)
ChosenValues == {v \in Values : IsChosen(v)}
Decisions    == {decided[l] : l \in Nodes} \ {None}

TraceAgreement ==
  /\ Cardinality(ChosenValues) <= 1
  /\ Cardinality(Decisions) <= 1

TraceValidity ==
  /\ ChosenValues \subseteq Proposed
  /\ Decisions \subseteq Proposed

TraceDecidedIsChosen == \A d \in Decisions : d \in Values /\ IsChosen(d)

(* What MCFastPaxosTraceForms.cfg checks. *)
ChosenValuesOK == ChosenValues = Chosen
TraceFormsEquivalent ==
  /\ Agreement <=> TraceAgreement
  /\ Validity <=> TraceValidity
  /\ DecidedIsChosen <=> TraceDecidedIsChosen
=============================================================================
