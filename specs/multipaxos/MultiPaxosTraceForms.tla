------------------------ MODULE MultiPaxosTraceForms ------------------------
(***************************************************************************)
(* Trace-time forms of MultiPaxos's Agreement, Validity and DecidedIsChosen *)
(* (trace-mapping.json, "invariantForms"): the fast trace validator checks *)
(* these on every candidate state instead, and reports a violation under  *)
(* the original invariant's name; --engine tlc checks them too.            *)
(*                                                                         *)
(* Why: ChosenIn(s) tries every ballot and value, |Ballots| x |Vals| x     *)
(* |Quorums| membership tests in msgs per slot and per state (about 30 ms  *)
(* a state with a simulator trace's MaxBallot 59 and MaxSlot 6; minutes    *)
(* with 200 slots). ChosenPairs starts from the 2b messages in msgs: v is  *)
(* chosen at (b, s) only if every acceptor of some quorum sent a 2b for    *)
(* (b, s, v), and quorums are not empty (2 * Cardinality(Q) > N >= 0), so  *)
(* some 2b in msgs names (b, s, v). Hence                                  *)
(*   ChosenPairs = {<<s, v>> : s \in Slots, v \in ChosenIn(s)}             *)
(* (ChosenPairsOK). The forms below read the chosen values per slot from *)
(* the history variable chosenSlot (ChosenSlotOK: chosenSlot[s] =          *)
(* ChosenIn(s)), each its invariant rewritten with chosenSlot and with the *)
(* per-node/per-slot quantifiers as set ranges. MCMultiPaxosTraceForms.cfg *)
(* has TLC check ChosenPairsOK, ChosenSlotOK and the three equivalences on *)
(* every reachable state of a model, and the step forms on every step.     *)
(*                                                                         *)
(* ChosenAt(b, s, v) tries the 2^N subsets of Nodes (\E Q \in Quorums):   *)
(* exponential in the node count. TraceChosenAt counts the acceptors that  *)
(* voted instead: \E Q \in Quorums : \A a \in Q : P(a) holds iff          *)
(* {a \in Nodes : P(a)} is a majority (=>: that set contains Q, so it is   *)
(* at least as large; <=: it is itself in Quorums). Checked by TLC as      *)
(* ChosenAtOK on every state of MCMultiPaxosTraceForms.                    *)
(***************************************************************************)
EXTENDS MultiPaxos, StepOps

TraceChosenAt(b, s, v) == 2 * Cardinality({a \in Nodes : VotedFor(a, b, s, v)}) > N

TwoBs         == {m \in msgs : m.type = "2b"}
ChosenTriples == {t \in {[bal |-> m.bal, slot |-> m.slot, val |-> m.val] : m \in TwoBs} :
                    /\ t.bal \in Ballots /\ t.slot \in Slots /\ t.val \in Vals
                    /\ TraceChosenAt(t.bal, t.slot, t.val)}
ChosenPairs   == {<<t.slot, t.val>> : t \in ChosenTriples}

-----------------------------------------------------------------------------
(* The chosen values per slot, kept as they become chosen (a history       *)
(* variable of the validation Next, TraceMultiPaxosNext) instead of        *)
(* recomputed from every 2b in msgs whenever msgs changes. Only a 2b can   *)
(* make a value chosen (ChosenIn reads only the 2b messages in msgs), only *)
(* Phase2b sends one, and the only triple its 2b can complete is its own   *)
(* (m.bal, m.slot, m.val): RecordChosen adds m.val to chosenSlot[m.slot]   *)
(* when that triple has a majority after the step (TraceChosenAt: a        *)
(* majority of acceptors voted). msgs only grows, so                       *)
(* nothing chosen stops being chosen. ChosenSlotOK: chosenSlot[s] =        *)
(* ChosenIn(s) for every slot, on every state of MCMultiPaxosTraceForms.   *)
VARIABLE chosenSlot

ChosenInit == chosenSlot = [s \in Slots |-> {}]

(* Phase2b(a, m) sends the 2b of (a, m.bal, m.slot, m.val): after it, the   *)
(* acceptors that voted for (b, s, v) = (m.bal, m.slot, m.val) are a and    *)
(* those that had (TraceChosenAt(b, s, v)' counted on the pre-state's msgs  *)
(* plus a: N membership tests in the sorted msgs, where msgs' is TLC's      *)
(* unsorted copy, which a membership test sorts: O(|msgs| log |msgs|)).     *)
RecordChosen(a, b, s, v) ==
  chosenSlot' = IF v \notin chosenSlot[s] /\ 2 * Cardinality({x \in Nodes : x = a \/ VotedFor(x, b, s, v)}) > N
                  THEN [chosenSlot EXCEPT ![s] = @ \cup {v}]
                  ELSE chosenSlot

(* Agreement: at most one value chosen per slot; per slot, the learners'   *)
(* decisions other than None are at most one value.                       *)
TraceAgreement ==
  /\ \A s \in Slots : Cardinality(chosenSlot[s]) <= 1
  /\ \A s \in Slots : Cardinality({decided[l][s] : l \in Nodes} \ {None}) <= 1

(* requested \cup {NoOp} was built and sorted anew for every pair and node (TLC does not *)
(* hoist it): O(|requested| log |requested|) per pair. Membership in requested is a     *)
(* binary search.                                                                       *)
TraceValidity ==
  /\ \A s \in Slots : \A v \in chosenSlot[s] : v = NoOp \/ v \in requested
  /\ \A l \in Nodes : \A s \in Slots :
       decided[l][s] = NoOp \/ decided[l][s] = None \/ decided[l][s] \in requested

TraceDecidedIsChosen ==
  \A l \in Nodes, s \in Slots : decided[l][s] # None => decided[l][s] \in chosenSlot[s]

-----------------------------------------------------------------------------
(* Step forms (the mapping's "invariantSteps"): evaluated by the fast      *)
(* engine on a step's pre-state and post-state, in place of the trace form *)
(* on the post-state, when the pre-state satisfied the invariant. Each     *)
(* checks only the entries the step changed (ChangedArgs, StepOps.tla):    *)
(* an entry the step left as it was satisfied the per-entry condition      *)
(* before, and still does, because what else the condition reads only     *)
(* grows (requested, chosenSlot[s]: msgs only grows). Each conjunct is     *)
(* TRUE when the variables it reads are unchanged (ChangedArgs(x, x) = {}),*)
(* so the engine skips such conjuncts. MCMultiPaxosTraceForms checks       *)
(* StepFormsOK: Inv => (Inv' <=> InvStep) on every step of its models.     *)
TraceAgreementStep ==
  /\ \A s \in ChangedArgs(chosenSlot, chosenSlot') : Cardinality(chosenSlot'[s]) <= 1
  /\ \A l \in ChangedArgs(decided, decided') : \A s \in ChangedArgs(decided[l], decided'[l]) :
       Cardinality({decided'[k][s] : k \in Nodes} \ {None}) <= 1

TraceValidityStep ==
  /\ \A s \in ChangedArgs(chosenSlot, chosenSlot') : \A v \in chosenSlot'[s] : v = NoOp \/ v \in requested'
  /\ \A l \in ChangedArgs(decided, decided') : \A s \in ChangedArgs(decided[l], decided'[l]) :
       decided'[l][s] = NoOp \/ decided'[l][s] = None \/ decided'[l][s] \in requested'

TraceDecidedIsChosenStep ==
  \A l \in ChangedArgs(decided, decided') : \A s \in ChangedArgs(decided[l], decided'[l]) :
    decided'[l][s] # None => decided'[l][s] \in chosenSlot'[s]

-----------------------------------------------------------------------------
(* The validation form of Learn (TraceMultiPaxosNext's ValidationNext).     *)
(* Learn computes agree by filtering every 2b the learner recorded,        *)
(* l2b'[l], which grows with the log: TLC sorts and scans it on every      *)
(* Learn (O(|l2b[l]| log |l2b[l]|) a step). Every recorded 2b is a 2b      *)
(* record with exactly the fields type, bal, slot, val, from (Learn records *)
(* only m \in msgs with m.type = "2b"; Inv2bShape), so the acceptors that   *)
(* sent a 2b for (m.bal, m.slot, m.val) are found by N membership tests:    *)
(* a in agree iff a = m.from or the 2b from a with m's bal, slot, val is in *)
(* l2b[l] (binary searches of the sorted set). LearnAgreeOK: the two agree  *)
(* sets are equal for every node and 2b in msgs, on every state of          *)
(* MCMultiPaxosTraceForms; with them equal TraceLearn(l, m) is           *)
(* Learn(l, m) /\ UNCHANGED chosenSlot (a Learn sends nothing).           *)
SpecAgree(l, m)  == {x.from : x \in {y \in l2b[l] \cup {m} : y.bal = m.bal /\ y.slot = m.slot
                                                            /\ y.val = m.val}}
TraceAgree(l, m) == {a \in Nodes : \/ a = m.from
                                   \/ [type |-> "2b", bal |-> m.bal, slot |-> m.slot, val |-> m.val,
                                       from |-> a] \in l2b[l]}

TraceLearn(l, m) ==
  /\ m \in msgs
  /\ m.type = "2b"
  /\ l2b' = [l2b EXCEPT ![l] = @ \cup {m}]
  /\ decided' = [decided EXCEPT ![l][m.slot] = IF TraceAgree(l, m) \in Quorums THEN m.val ELSE @]
  /\ UNCHANGED <<maxBal, aVotes, pBal, pPhase, pPromises, pHigh, pNext, pProposed, pending,
                 msgs, requested, chosenSlot>>

(* What MCMultiPaxosTraceForms.cfg checks. *)
ChosenAtOK == \A b \in Ballots, s \in Slots, v \in Vals : ChosenAt(b, s, v) <=> TraceChosenAt(b, s, v)
ChosenPairsOK == ChosenPairs = UNION {{<<s, v>> : v \in ChosenIn(s)} : s \in Slots}
ChosenSlotOK == \A s \in Slots : chosenSlot[s] = ChosenIn(s)
Inv2bShape == \A l \in Nodes : \A y \in l2b[l] : y \in msgs /\ y.type = "2b" /\ y = [type |-> "2b", bal |-> y.bal, slot |-> y.slot, val |-> y.val, from |-> y.from]
LearnAgreeOK == \A l \in Nodes, m \in msgs : m.type = "2b" => SpecAgree(l, m) = TraceAgree(l, m)
TraceFormsEquivalent ==
  /\ Agreement <=> TraceAgreement
  /\ Validity <=> TraceValidity
  /\ DecidedIsChosen <=> TraceDecidedIsChosen
StepFormsOK ==
  [][ /\ TraceAgreement => (TraceAgreement' <=> TraceAgreementStep)
      /\ TraceValidity => (TraceValidity' <=> TraceValidityStep)
      /\ TraceDecidedIsChosen => (TraceDecidedIsChosen' <=> TraceDecidedIsChosenStep)
    ]_<<vars, chosenSlot>>
=============================================================================
