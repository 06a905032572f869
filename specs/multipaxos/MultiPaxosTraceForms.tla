------------------------ MODULE MultiPaxosTraceForms ------------------------
(***************************************************************************)
(* Trace-time forms of MultiPaxos's Agreement, Validity and DecidedIsChosen *)
(* (trace-mapping.json, "invariantForms"): the fast trace validator checks *)
(* these on every candidate state instead, and reports a violation under  *)
(* the original invariant's name. --engine tlc checks the originals.       *)
(*                                                                         *)
(* Why: ChosenIn(s) tries every ballot and value, |Ballots| x |Vals| x     *)
(* |Quorums| membership tests in msgs per slot and per state (about 30 ms  *)
(* a state with a simulator trace's MaxBallot 59 and MaxSlot 6; minutes    *)
(* with 200 slots). ChosenPairs starts from the 2b messages in msgs: v is  *)
(* chosen at (b, s) only if every acceptor of some quorum sent a 2b for    *)
(* (b, s, v), and quorums are not empty (2 * Cardinality(Q) > N >= 0), so  *)
(* some 2b in msgs names (b, s, v). Hence                                  *)
(*   ChosenPairs = {<<s, v>> : s \in Slots, v \in ChosenIn(s)}             *)
(* (ChosenPairsOK), and each form below is its invariant rewritten with    *)
(* ChosenPairs and with the per-node/per-slot quantifiers as set ranges.  *)
(* MCMultiPaxosTraceForms.cfg has TLC check ChosenPairsOK and the three    *)
(* equivalences on every reachable state of a model.                     *)
(*                                                                         *)
(* ChosenAt(b, s, v) tries the 2^N subsets of Nodes (\E Q \in Quorums):   *)
(* exponential in the node count. TraceChosenAt counts the acceptors that  *)
(* voted instead: \E Q \in Quorums : \A a \in Q : P(a) holds iff          *)
(* {a \in Nodes : P(a)} is a majority (=>: that set contains Q, so it is   *)
(* at least as large; <=: it is itself in Quorums). Checked by TLC as      *)
(* ChosenAtOK on every state of MCMultiPaxosTraceForms.                    *)
(***************************************************************************)
EXTENDS MultiPaxos

TraceChosenAt(b, s, v) == 2 * Cardinality({a \in Nodes : VotedFor(a, b, s, v)}) > N

TwoBs         == {m \in msgs : m.type = "2b"}
ChosenTriples == {t \in {[bal |-> m.bal, slot |-> m.slot, val |-> m.val] : m \in TwoBs} :
                    /\ t.bal \in Ballots /\ t.slot \in Slots /\ t.val \in Vals
                    /\ TraceChosenAt(t.bal, t.slot, t.val)}
ChosenPairs   == {<<t.slot, t.val>> : t \in ChosenTriples}

(* Agreement: one chosen value per slot (as many chosen pairs as slots they name); *)
(* per slot, the learners' decisions other than None are at most one value.        *)
TraceAgreement ==
  /\ LET cp == ChosenPairs IN Cardinality(cp) = Cardinality({p[1] : p \in cp})
  /\ \A s \in Slots : Cardinality({decided[l][s] : l \in Nodes} \ {None}) <= 1

TraceValidity ==
  /\ \A p \in ChosenPairs : p[2] \in requested \cup {NoOp}
  /\ \A l \in Nodes : {decided[l][s] : s \in Slots} \subseteq requested \cup {NoOp, None}

TraceDecidedIsChosen ==
  LET cp == ChosenPairs
  IN  \A l \in Nodes, s \in Slots : decided[l][s] # None => <<s, decided[l][s]>> \in cp

(* What MCMultiPaxosTraceForms.cfg checks. *)
ChosenAtOK == \A b \in Ballots, s \in Slots, v \in Vals : ChosenAt(b, s, v) <=> TraceChosenAt(b, s, v)
ChosenPairsOK == ChosenPairs = UNION {{<<s, v>> : v \in ChosenIn(s)} : s \in Slots}
TraceFormsEquivalent ==
  /\ Agreement <=> TraceAgreement
  /\ Validity <=> TraceValidity
  /\ DecidedIsChosen <=> TraceDecidedIsChosen
=============================================================================
