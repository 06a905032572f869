---------------------------- MODULE MultiPaxos ----------------------------
\* BROKEN VARIANT (LoseDeletesMessage): message loss modelled by deleting a sent message: a chosen slot can be un-chosen
\* TLC must report a violation of LogRefined.
(***************************************************************************)
(* Multi-Paxos with a stable leader, at the granularity of the reference   *)
(* implementation (EVENTS.md is the contract): one action = one step of    *)
(* one node that receives one message, sends one message, or changes only *)
(* its own state (BecomeLeader, ClientRequest, Restart).                   *)
(*                                                                         *)
(* A leader runs phase 1 once for its ballot and all slots (a 1b carries   *)
(* the acceptor's votes for every slot), then phase 2 once per slot.       *)
(* Learners learn a slot from a quorum of 2b for one (bal, slot, val).     *)
(* Messages live in one set that only grows (loss, duplication,            *)
(* reordering); Restart(n) keeps durable state and resets the rest.        *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS N,          \* number of nodes
          Commands,   \* client commands (non-empty strings, never "noop")
          MaxBallot,  \* ballots are 0..MaxBallot
          MaxSlot     \* log slots are 1..MaxSlot

Nodes   == 1..N
Ballots == 0..MaxBallot
Slots   == 1..MaxSlot
NoOp    == "noop"
Vals    == Commands \cup {NoOp}       \* what a slot can hold
None    == ""
NoBal   == -1
Owner(b) == (b % N) + 1
Quorums == {Q \in SUBSET Nodes : 2 * Cardinality(Q) > N}

ASSUME NoOp \notin Commands /\ None \notin Commands

Vote      == [mbal : Ballots, mval : Vals] \cup {[mbal |-> NoBal, mval |-> None]}
NoVote    == [mbal |-> NoBal, mval |-> None]
NoVotes   == [s \in Slots |-> NoVote]

VARIABLES
  maxBal, aVotes,          \* acceptor (durable): promise, vote per slot
  pBal,                    \* proposer (durable): its current ballot
  pPhase, pPromises, pHigh, pNext, pProposed, pending,  \* proposer (volatile)
  decided,                 \* learner (volatile): per slot "" or the value
  l2b,                     \* learner (volatile): the 2b messages it recorded
  msgs,                    \* every message ever sent
  requested                \* history: commands some client handed to a node

vars == <<maxBal, aVotes, pBal, pPhase, pPromises, pHigh, pNext, pProposed, pending,
          decided, l2b, msgs, requested>>

Msg1a == [type : {"1a"}, bal : Ballots, from : Nodes]
Msg1b == [type : {"1b"}, bal : Ballots, from : Nodes, votes : [Slots -> Vote]]
Msg2a == [type : {"2a"}, bal : Ballots, slot : Slots, val : Vals, from : Nodes]
Msg2b == [type : {"2b"}, bal : Ballots, slot : Slots, val : Vals, from : Nodes]

TypeOK ==
  /\ maxBal    \in [Nodes -> Ballots \cup {NoBal}]
  /\ aVotes    \in [Nodes -> [Slots -> Vote]]
  /\ pBal      \in [Nodes -> Ballots \cup {NoBal}]
  /\ pPhase    \in [Nodes -> {"idle", "p1", "p2"}]
  /\ pPromises \in [Nodes -> SUBSET Nodes]
  /\ pHigh     \in [Nodes -> [Slots -> Vote]]
  /\ pNext     \in [Nodes -> 1..(MaxSlot + 1)]
  /\ pProposed \in [Nodes -> [Slots -> Vals \cup {None}]]
  /\ pending   \in [Nodes -> SUBSET Commands]
  /\ decided   \in [Nodes -> [Slots -> Vals \cup {None}]]
  /\ l2b       \in [Nodes -> SUBSET Msg2b]
  /\ msgs      \subseteq (Msg1a \cup Msg1b \cup Msg2a \cup Msg2b)
  /\ requested \subseteq Commands

Init ==
  /\ maxBal    = [n \in Nodes |-> NoBal]
  /\ aVotes    = [n \in Nodes |-> NoVotes]
  /\ pBal      = [n \in Nodes |-> NoBal]
  /\ pPhase    = [n \in Nodes |-> "idle"]
  /\ pPromises = [n \in Nodes |-> {}]
  /\ pHigh     = [n \in Nodes |-> NoVotes]
  /\ pNext     = [n \in Nodes |-> 1]
  /\ pProposed = [n \in Nodes |-> [s \in Slots |-> None]]
  /\ pending   = [n \in Nodes |-> {}]
  /\ decided   = [n \in Nodes |-> [s \in Slots |-> None]]
  /\ l2b       = [n \in Nodes |-> {}]
  /\ msgs      = {}
  /\ requested = {}

Send(m) == msgs' = msgs \cup {m}

(* A client hands node n command c. *)
ClientRequest(n, c) ==
  /\ c \notin pending[n]
  /\ pending'   = [pending EXCEPT ![n] = @ \cup {c}]
  /\ requested' = requested \cup {c}
  /\ UNCHANGED <<maxBal, aVotes, pBal, pPhase, pPromises, pHigh, pNext, pProposed,
                 decided, l2b, msgs>>

(* Node p starts phase 1 (for all slots) with a ballot b it owns. *)
Phase1a(p, b) ==
  /\ Owner(b) = p
  /\ b > pBal[p]
  /\ pBal'      = [pBal      EXCEPT ![p] = b]
  /\ pPhase'    = [pPhase    EXCEPT ![p] = "p1"]
  /\ pPromises' = [pPromises EXCEPT ![p] = {}]
  /\ pHigh'     = [pHigh     EXCEPT ![p] = NoVotes]
  /\ pProposed' = [pProposed EXCEPT ![p] = [s \in Slots |-> None]]
  /\ pNext'     = [pNext     EXCEPT ![p] = 1]
  /\ Send([type |-> "1a", bal |-> b, from |-> p])
  /\ UNCHANGED <<maxBal, aVotes, pending, decided, l2b, requested>>

(* Acceptor a receives 1a m: promises m.bal, reports its votes in every slot. *)
Phase1b(a, m) ==
  /\ m \in msgs
  /\ m.type = "1a"
  /\ m.bal > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ Send([type |-> "1b", bal |-> m.bal, from |-> a, votes |-> aVotes[a]])
  /\ UNCHANGED <<aVotes, pBal, pPhase, pPromises, pHigh, pNext, pProposed, pending,
                 decided, l2b, requested>>

(* Leader candidate p receives 1b m for its ballot: per slot, keeps the    *)
(* highest-ballot vote reported so far.                                   *)
HandlePromise(p, m) ==
  /\ m \in msgs
  /\ m.type = "1b"
  /\ pPhase[p] = "p1"
  /\ m.bal = pBal[p]
  /\ pPromises' = [pPromises EXCEPT ![p] = @ \cup {m.from}]
  /\ pHigh' = [pHigh EXCEPT ![p] =
                 [s \in Slots |-> IF m.votes[s].mbal > @[s].mbal THEN m.votes[s] ELSE @[s]]]
  /\ UNCHANGED <<maxBal, aVotes, pBal, pPhase, pNext, pProposed, pending, decided, l2b,
                 msgs, requested>>

(* The highest slot with a reported vote (0 if none). *)
HighSlot(p) == LET S == {s \in Slots : pHigh[p][s].mbal # NoBal}
               IN  IF S = {} THEN 0 ELSE CHOOSE s \in S : \A t \in S : t <= s

(* With a quorum of promises p is leader: phase 2 may start in every slot. *)
BecomeLeader(p) ==
  /\ pPhase[p] = "p1"
  /\ pPromises[p] \in Quorums
  /\ pPhase' = [pPhase EXCEPT ![p] = "p2"]
  /\ pNext'  = [pNext  EXCEPT ![p] = HighSlot(p) + 1]
  /\ UNCHANGED <<maxBal, aVotes, pBal, pPromises, pHigh, pProposed, pending, decided,
                 l2b, msgs, requested>>

(* Leader p sends the one 2a of its ballot for slot s with value v:       *)
(* (a) the highest reported vote, else (b) noop below pNext (a hole), else *)
(* (c) a pending client command in slot pNext.                             *)
Phase2a(p, s, v) ==
  /\ pPhase[p] = "p2"
  /\ pProposed[p][s] = None
  /\ \/ /\ pHigh[p][s].mbal # NoBal
        /\ v = pHigh[p][s].mval
        /\ UNCHANGED <<pNext, pending>>
     \/ /\ pHigh[p][s].mbal = NoBal
        /\ s < pNext[p]
        /\ v = NoOp
        /\ UNCHANGED <<pNext, pending>>
     \/ /\ pHigh[p][s].mbal = NoBal
        /\ s = pNext[p]
        /\ v \in pending[p]
        /\ pending' = [pending EXCEPT ![p] = @ \ {v}]
        /\ pNext'   = [pNext   EXCEPT ![p] = s + 1]
  /\ pProposed' = [pProposed EXCEPT ![p][s] = v]
  /\ Send([type |-> "2a", bal |-> pBal[p], slot |-> s, val |-> v, from |-> p])
  /\ UNCHANGED <<maxBal, aVotes, pBal, pPhase, pPromises, pHigh, decided, l2b, requested>>

(* Acceptor a receives 2a m and votes in m.slot unless it promised higher. *)
Phase2b(a, m) ==
  /\ m \in msgs
  /\ m.type = "2a"
  /\ m.bal >= maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ aVotes' = [aVotes EXCEPT ![a][m.slot] = [mbal |-> m.bal, mval |-> m.val]]
  /\ Send([type |-> "2b", bal |-> m.bal, slot |-> m.slot, val |-> m.val, from |-> a])
  /\ UNCHANGED <<pBal, pPhase, pPromises, pHigh, pNext, pProposed, pending, decided, l2b,
                 requested>>

(* Learner l receives 2b m; decides m.slot once a quorum of recorded 2b agree. *)
Learn(l, m) ==
  /\ m \in msgs
  /\ m.type = "2b"
  /\ l2b' = [l2b EXCEPT ![l] = @ \cup {m}]
  /\ LET agree == {x.from : x \in {y \in l2b'[l] : y.bal = m.bal /\ y.slot = m.slot
                                                   /\ y.val = m.val}}
     IN  decided' = [decided EXCEPT ![l][m.slot] = IF agree \in Quorums THEN m.val ELSE @]
  /\ UNCHANGED <<maxBal, aVotes, pBal, pPhase, pPromises, pHigh, pNext, pProposed, pending,
                 msgs, requested>>

(* Crash-restart: keeps maxBal, aVotes, pBal; loses the rest. *)
Restart(n) ==
  /\ pPhase'    = [pPhase    EXCEPT ![n] = "idle"]
  /\ pPromises' = [pPromises EXCEPT ![n] = {}]
  /\ pHigh'     = [pHigh     EXCEPT ![n] = NoVotes]
  /\ pNext'     = [pNext     EXCEPT ![n] = 1]
  /\ pProposed' = [pProposed EXCEPT ![n] = [s \in Slots |-> None]]
  /\ pending'   = [pending   EXCEPT ![n] = {}]
  /\ decided'   = [decided   EXCEPT ![n] = [s \in Slots |-> None]]
  /\ l2b'       = [l2b       EXCEPT ![n] = {}]
  /\ UNCHANGED <<maxBal, aVotes, pBal, msgs, requested>>

(* Each receive action ranges over the constant set of messages of its type *)
(* (its first conjunct is m \in msgs), not over msgs: TLC then splits Next  *)
(* into sub-actions named Phase1b, HandlePromise, ... with their parameters  *)
(* bound, as counterexamples and the trace validator need. A 1b is handled  *)
(* by the owner of its ballot, the only node whose pBal it can match.       *)
Lose(m) == msgs' = msgs \ {m} /\ UNCHANGED <<maxBal, aVotes, pBal, pPhase, pPromises, pHigh, pNext,
                                               pProposed, pending, decided, l2b, requested>>

Next ==
  \/ \E n \in Nodes, c \in Commands : ClientRequest(n, c)
  \/ \E p \in Nodes, b \in Ballots : Phase1a(p, b)
  \/ \E a \in Nodes, m \in Msg1a : Phase1b(a, m)
  \/ \E m \in Msg1b : HandlePromise(Owner(m.bal), m)
  \/ \E p \in Nodes : BecomeLeader(p)
  \/ \E p \in Nodes, s \in Slots, v \in Vals : Phase2a(p, s, v)
  \/ \E a \in Nodes, m \in Msg2a : Phase2b(a, m)
  \/ \E l \in Nodes, m \in Msg2b : Learn(l, m)
  \/ \E n \in Nodes : Restart(n)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* What is chosen in a slot: a value with a quorum of 2b at one ballot.    *)

VotedFor(a, b, s, v) == [type |-> "2b", bal |-> b, slot |-> s, val |-> v, from |-> a] \in msgs
ChosenAt(b, s, v)    == \E Q \in Quorums : \A a \in Q : VotedFor(a, b, s, v)
ChosenIn(s)          == {v \in Vals : \E b \in Ballots : ChosenAt(b, s, v)}
(* The chosen log: per slot the chosen value or "". *)
ChosenLog == [s \in Slots |-> IF ChosenIn(s) = {} THEN None ELSE CHOOSE v \in ChosenIn(s) : TRUE]

(* Per-slot agreement: at most one value chosen per slot; learners agree. *)
Agreement ==
  /\ \A s \in Slots : \A v, w \in ChosenIn(s) : v = w
  /\ \A l1, l2 \in Nodes, s \in Slots :
       decided[l1][s] # None /\ decided[l2][s] # None => decided[l1][s] = decided[l2][s]

(* Validity: a slot holds noop or a command some client requested. *)
Validity ==
  /\ \A s \in Slots : ChosenIn(s) \subseteq requested \cup {NoOp}
  /\ \A l \in Nodes, s \in Slots : decided[l][s] \in requested \cup {NoOp, None}

(* A learner decides only chosen values. *)
DecidedIsChosen == \A l \in Nodes, s \in Slots :
                     decided[l][s] # None => decided[l][s] \in ChosenIn(s)

-----------------------------------------------------------------------------
(* The inductive helpers: Paxos's, per slot.                               *)

DidNotVoteAt(a, c, s) == \A v \in Vals : ~VotedFor(a, c, s, v)
CannotVoteAt(a, c, s) == maxBal[a] > c /\ DidNotVoteAt(a, c, s)
SafeAt(b, s, v) ==
  \A c \in 0..(b - 1) :
    \E Q \in Quorums : \A a \in Q : VotedFor(a, c, s, v) \/ CannotVoteAt(a, c, s)

AcceptorInv ==
  \A a \in Nodes, s \in Slots :
    LET mv == aVotes[a][s] IN
    /\ mv.mbal <= maxBal[a]
    /\ (mv.mbal = NoBal) <=> (mv.mval = None)
    /\ mv.mbal # NoBal => VotedFor(a, mv.mbal, s, mv.mval)
    /\ \A c \in Ballots : c > mv.mbal => DidNotVoteAt(a, c, s)

Inv1b ==
  \A m \in msgs : m.type = "1b" =>
    /\ m.bal <= maxBal[m.from]
    /\ \A s \in Slots :
         /\ m.votes[s].mbal < m.bal
         /\ m.votes[s].mbal # NoBal => VotedFor(m.from, m.votes[s].mbal, s, m.votes[s].mval)
         /\ \A c \in (m.votes[s].mbal + 1)..(m.bal - 1) : DidNotVoteAt(m.from, c, s)

Inv2a ==
  \A m \in msgs : m.type = "2a" =>
    /\ Owner(m.bal) = m.from
    /\ SafeAt(m.bal, m.slot, m.val)
    /\ m.val \in requested \cup {NoOp}
    /\ \A m2 \in msgs : m2.type = "2a" /\ m2.bal = m.bal /\ m2.slot = m.slot => m2.val = m.val

Inv2b ==
  \A m \in msgs : m.type = "2b" =>
    /\ [type |-> "2a", bal |-> m.bal, slot |-> m.slot, val |-> m.val, from |-> Owner(m.bal)]
         \in msgs
    /\ m.bal <= aVotes[m.from][m.slot].mbal

ProposerInv ==
  \A p \in Nodes :
    /\ pBal[p] # NoBal => Owner(pBal[p]) = p
    /\ \A m \in msgs : m.type \in {"1a", "2a"} /\ m.from = p => m.bal <= pBal[p]
    /\ pPhase[p] # "idle" => pBal[p] # NoBal
    /\ pPhase[p] # "idle" =>
         /\ \A a \in pPromises[p] : \E m \in msgs : m.type = "1b" /\ m.bal = pBal[p] /\ m.from = a
         /\ \A s \in Slots : pHigh[p][s].mbal # NoBal =>
              \E m \in msgs : /\ m.type = "1b" /\ m.bal = pBal[p] /\ m.from \in pPromises[p]
                              /\ m.votes[s] = pHigh[p][s]
    /\ pPhase[p] = "p2" => pNext[p] > HighSlot(p)
    /\ pPhase[p] # "idle" =>
         \A s \in Slots :
           IF pProposed[p][s] = None
             THEN \A m \in msgs : ~(m.type = "2a" /\ m.bal = pBal[p] /\ m.slot = s)
             ELSE [type |-> "2a", bal |-> pBal[p], slot |-> s, val |-> pProposed[p][s],
                   from |-> p] \in msgs
    /\ pending[p] \subseteq requested

-----------------------------------------------------------------------------
(* Refinement: the chosen log implements a write-once replicated log.      *)
L == INSTANCE Log WITH Values <- Vals, Slots <- Slots, log <- ChosenLog
LogRefined == L!Spec
=============================================================================
