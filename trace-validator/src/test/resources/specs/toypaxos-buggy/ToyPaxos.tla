---------------------------- MODULE ToyPaxos ----------------------------
(* A BROKEN copy of ../toypaxos/ToyPaxos.tla (Phase2a ignores the promises); a small single-decree Paxos for the trace validator's own tests (after Lamport's Paxos.tla).
   Acceptors are 1..N, ballots 0..MaxBallot; messages accumulate in the set msgs. *)
EXTENDS Integers, FiniteSets

CONSTANTS N, Values, MaxBallot

Acceptors == 1..N
Ballots == 0..MaxBallot
Quorums == {Q \in SUBSET Acceptors : 2 * Cardinality(Q) > N}
None == ""

VARIABLES maxBal, maxVBal, maxVal, msgs
vars == <<maxBal, maxVBal, maxVal, msgs>>

Messages ==
       [type : {"1a"}, bal : Ballots]
  \cup [type : {"1b"}, bal : Ballots, from : Acceptors, mbal : Ballots \cup {-1}, mval : Values \cup {None}]
  \cup [type : {"2a"}, bal : Ballots, val : Values]
  \cup [type : {"2b"}, bal : Ballots, val : Values, from : Acceptors]

TypeOK == /\ maxBal \in [Acceptors -> Ballots \cup {-1}]
          /\ maxVBal \in [Acceptors -> Ballots \cup {-1}]
          /\ maxVal \in [Acceptors -> Values \cup {None}]
          /\ msgs \subseteq Messages

Init == /\ maxBal = [a \in Acceptors |-> -1]
        /\ maxVBal = [a \in Acceptors |-> -1]
        /\ maxVal = [a \in Acceptors |-> None]
        /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

Phase1a(b) == /\ [type |-> "1a", bal |-> b] \notin msgs
              /\ Send([type |-> "1a", bal |-> b])
              /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

(* Two styles on purpose: Phase1b takes the message as a parameter (bound by an \E of Next over
   the state-dependent msgs), Phase2b picks it with an \E of its own body. *)
Phase1b(a, m) ==
  /\ m.type = "1a"
  /\ m.bal > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ Send([type |-> "1b", bal |-> m.bal, from |-> a, mbal |-> maxVBal[a], mval |-> maxVal[a]])
  /\ UNCHANGED <<maxVBal, maxVal>>

\* BUG (on purpose, for the tests): no quorum of promises, no safe value.
Phase2a(b, v) ==
  /\ ~ \E m \in msgs : m.type = "2a" /\ m.bal = b
  /\ Send([type |-> "2a", bal |-> b, val |-> v])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal>>

Phase2b(a) == \E m \in msgs :
                /\ m.type = "2a"
                /\ m.bal >= maxBal[a]
                /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
                /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
                /\ maxVal' = [maxVal EXCEPT ![a] = m.val]
                /\ Send([type |-> "2b", bal |-> m.bal, val |-> m.val, from |-> a])

Next == \/ \E b \in Ballots : \/ Phase1a(b)
                              \/ \E v \in Values : Phase2a(b, v)
        \/ \E a \in Acceptors, m \in msgs : Phase1b(a, m)
        \/ \E a \in Acceptors : Phase2b(a)

Spec == Init /\ [][Next]_vars

VotedFor(a, b, v) == \E m \in msgs : m.type = "2b" /\ m.from = a /\ m.bal = b /\ m.val = v
ChosenAt(b, v) == \E Q \in Quorums : \A a \in Q : VotedFor(a, b, v)
Chosen(v) == \E b \in Ballots : ChosenAt(b, v)

Agreement == \A v, w \in Values : Chosen(v) /\ Chosen(w) => v = w

\* A trace-time form of Agreement (trace-mapping.json "invariantForms"): the fast engine checks it
\* and reports a violation as Agreement's. Chosen values start from the 2b messages sent.
AgreementFromVotes ==
  LET chosen == {m.val : m \in {m \in msgs : m.type = "2b" /\ m.bal \in Ballots /\ ChosenAt(m.bal, m.val)}}
  IN  \A v, w \in chosen : v = w
=============================================================================
