--------------------------- MODULE PaxosTraceForms ---------------------------
(***************************************************************************)
(* Trace-time forms of Paxos's Agreement, Validity and DecidedIsChosen     *)
(* (trace-mapping.json, "invariantForms"): the fast trace validator checks *)
(* these on every candidate state instead, and reports a violation under  *)
(* the original invariant's name; --engine tlc checks them too.            *)
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
(*                                                                         *)
(* ChosenAt(b, v) tries the 2^N subsets of Nodes (\E Q \in Quorums): 8 s  *)
(* for a 15-node trace, no verdict for 17 in minutes. TraceChosenAt counts *)
(* the acceptors that voted instead: \E Q \in Quorums : \A a \in Q : P(a)  *)
(* holds iff {a \in Nodes : P(a)} is a majority (=>: that set contains Q,  *)
(* so it is at least as large; <=: it is itself in Quorums). Checked by    *)
(* TLC as ChosenAtOK on every state of MCPaxosTraceForms.                  *)
(***************************************************************************)
EXTENDS Paxos

TraceChosenAt(b, v) == 2 * Cardinality({a \in Nodes : VotedFor(a, b, v)}) > N

(* v is chosen at some ballot, found from the 2b messages in msgs (stops at the first). *)
IsChosen(v)  == \E m \in msgs : /\ m.type = "2b" /\ m.val = v
                               /\ m.bal \in Ballots /\ TraceChosenAt(m.bal, v)
ChosenValues == {v \in Values : IsChosen(v)}
Decisions    == {decided[l] : l \in Nodes} \ {None}

(* At most one value chosen; the learners' decisions other than None are at most one value. *)
TraceAgreement ==
  /\ Cardinality(ChosenValues) <= 1
  /\ Cardinality(Decisions) <= 1

(* No value outside requested is chosen (Chosen is a subset of Values); decisions requested. *)
TraceValidity ==
  /\ \A v \in Values \ requested : ~IsChosen(v)
  /\ Decisions \subseteq requested

TraceDecidedIsChosen == \A d \in Decisions : d \in Values /\ IsChosen(d)

(* What MCPaxosTraceForms.cfg checks. *)
ChosenValuesOK == ChosenValues = Chosen
ChosenAtOK     == \A b \in Ballots, v \in Values : ChosenAt(b, v) <=> TraceChosenAt(b, v)
TraceFormsEquivalent ==
  /\ Agreement <=> TraceAgreement
  /\ Validity <=> TraceValidity
  /\ DecidedIsChosen <=> TraceDecidedIsChosen
=============================================================================
