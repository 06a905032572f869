--------------------------- MODULE PaxosTraceForms ---------------------------
(***************************************************************************)
(* Trace-time forms of Paxos's Agreement, Validity and DecidedIsChosen     *)
(* (trace-mapping.json, "invariantForms"): the fast trace validator checks *)
(* these on every candidate state instead, and reports a violation under  *)
(* the original invariant's name. --engine tlc checks the originals.       *)
(*                                                                         *)
(* Why: Chosen tries every ballot and value, |Ballots| x |Values| x        *)
(* |Quorums| x N membership tests in msgs per state (32,000 with a trace's *)
(* MaxBallot 2000). ChosenValues starts from the 2b messages in msgs: v is *)
(* chosen at b only if every acceptor of some quorum sent a 2b for (b, v), *)
(* and quorums are not empty (2 * Cardinality(Q) > N >= 0), so some 2b in  *)
(* msgs names (b, v). Hence ChosenValues = Chosen (ChosenValuesOK), and    *)
(* each form below is its invariant rewritten with ChosenValues and with   *)
(* "any two are equal" as "at most one", "each is in S" as "subset of S".  *)
(* MCPaxosTraceForms.cfg has TLC check ChosenValuesOK and the three        *)
(* equivalences on every reachable state of a model.                     *)
(***************************************************************************)
EXTENDS Paxos

TwoBs        == {m \in msgs : m.type = "2b"}
ChosenValues == {t[2] : t \in {t2 \in {<<m.bal, m.val>> : m \in TwoBs} :
                                 /\ t2[1] \in Ballots /\ t2[2] \in Values
                                 /\ ChosenAt(t2[1], t2[2])}}
Decisions    == {decided[l] : l \in Nodes} \ {None}

(* At most one value chosen; the learners' decisions other than None are at most one value. *)
TraceAgreement ==
  /\ Cardinality(ChosenValues) <= 1
  /\ Cardinality(Decisions) <= 1

TraceValidity ==
  /\ ChosenValues \subseteq requested
  /\ Decisions \subseteq requested

TraceDecidedIsChosen == Decisions \subseteq ChosenValues

(* What MCPaxosTraceForms.cfg checks. *)
ChosenValuesOK == ChosenValues = Chosen
TraceFormsEquivalent ==
  /\ Agreement <=> TraceAgreement
  /\ Validity <=> TraceValidity
  /\ DecidedIsChosen <=> TraceDecidedIsChosen
=============================================================================
