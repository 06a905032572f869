------------------------------- MODULE Paxos -------------------------------
(***************************************************************************)
(* Single-decree Paxos (seed notes, section 3.3) at the granularity of the *)
(* reference implementation: every action is one step of one node that    *)
(* receives one message or sends one message (EVENTS.md is the contract).  *)
(*                                                                         *)
(* Nodes 1..N are proposer, acceptor and learner at once. Node k owns the  *)
(* ballots b with b % N = k - 1. Messages live in one set `msgs` that only *)
(* grows and a receive does not consume: loss (never received),            *)
(* duplication (received twice) and reordering are all behaviours.        *)
(* Restart(n) is a crash-restart: durable state kept, volatile state reset.*)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS N,          \* number of nodes
          Values,     \* the values clients may propose (non-empty strings)
          MaxBallot   \* ballots are 0..MaxBallot

Nodes   == 1..N
Ballots == 0..MaxBallot
None    == ""                       \* no value
NoBal   == -1                       \* no ballot
Owner(b) == (b % N) + 1
Quorums == {Q \in SUBSET Nodes : 2 * Cardinality(Q) > N}

VARIABLES
  maxBal, maxVBal, maxVal,     \* acceptor (durable)
  pBal,                        \* proposer (durable): its current ballot
  pPhase, pPromises, pHighBal, pHighVal, pInput,  \* proposer (volatile)
  decided,                     \* learner (volatile): "" or the decided value
  l2b,                         \* learner (volatile): the 2b messages it has recorded
  msgs,                        \* every message ever sent
  requested                    \* history: values some client handed to a proposer

nodeVars == <<maxBal, maxVBal, maxVal, pBal, pPhase, pPromises, pHighBal, pHighVal,
              pInput, decided, l2b>>
vars == <<nodeVars, msgs, requested>>

Msg1a == [type : {"1a"}, bal : Ballots, from : Nodes]
Msg1b == [type : {"1b"}, bal : Ballots, from : Nodes, mbal : Ballots, mval : Values]
         \cup [type : {"1b"}, bal : Ballots, from : Nodes, mbal : {NoBal}, mval : {None}]
Msg2a == [type : {"2a"}, bal : Ballots, val : Values, from : Nodes]
Msg2b == [type : {"2b"}, bal : Ballots, val : Values, from : Nodes]
Messages == Msg1a \cup Msg1b \cup Msg2a \cup Msg2b

TypeOK ==
  /\ maxBal    \in [Nodes -> Ballots \cup {NoBal}]
  /\ maxVBal   \in [Nodes -> Ballots \cup {NoBal}]
  /\ maxVal    \in [Nodes -> Values \cup {None}]
  /\ pBal      \in [Nodes -> Ballots \cup {NoBal}]
  /\ pPhase    \in [Nodes -> {"idle", "p1", "p2"}]
  /\ pPromises \in [Nodes -> SUBSET Nodes]
  /\ pHighBal  \in [Nodes -> Ballots \cup {NoBal}]
  /\ pHighVal  \in [Nodes -> Values \cup {None}]
  /\ pInput    \in [Nodes -> Values \cup {None}]
  /\ decided   \in [Nodes -> Values \cup {None}]
  /\ l2b       \in [Nodes -> SUBSET Msg2b]
  /\ msgs      \subseteq Messages
  /\ requested \subseteq Values

Init ==
  /\ maxBal    = [n \in Nodes |-> NoBal]
  /\ maxVBal   = [n \in Nodes |-> NoBal]
  /\ maxVal    = [n \in Nodes |-> None]
  /\ pBal      = [n \in Nodes |-> NoBal]
  /\ pPhase    = [n \in Nodes |-> "idle"]
  /\ pPromises = [n \in Nodes |-> {}]
  /\ pHighBal  = [n \in Nodes |-> NoBal]
  /\ pHighVal  = [n \in Nodes |-> None]
  /\ pInput    = [n \in Nodes |-> None]
  /\ decided   = [n \in Nodes |-> None]
  /\ l2b       = [n \in Nodes |-> {}]
  /\ msgs      = {}
  /\ requested = {}

Send(m) == msgs' = msgs \cup {m}

(* A client hands proposer p its value v. *)
ClientRequest(p, v) ==
  /\ pInput[p] = None
  /\ pInput' = [pInput EXCEPT ![p] = v]
  /\ requested' = requested \cup {v}
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, pBal, pPhase, pPromises, pHighBal, pHighVal,
                 decided, l2b, msgs>>

(* Proposer p starts phase 1 with a ballot b it owns, higher than any it used. *)
Phase1a(p, b) ==
  /\ Owner(b) = p
  /\ b > pBal[p]
  /\ pBal'      = [pBal      EXCEPT ![p] = b]
  /\ pPhase'    = [pPhase    EXCEPT ![p] = "p1"]
  /\ pPromises' = [pPromises EXCEPT ![p] = {}]
  /\ pHighBal'  = [pHighBal  EXCEPT ![p] = NoBal]
  /\ pHighVal'  = [pHighVal  EXCEPT ![p] = None]
  /\ Send([type |-> "1a", bal |-> b, from |-> p])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, pInput, decided, l2b, requested>>

(* Acceptor a receives 1a m: promises m.bal and reports its last vote. *)
Phase1b(a, m) ==
  /\ m \in msgs
  /\ m.type = "1a"
  /\ m.bal > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ Send([type |-> "1b", bal |-> m.bal, from |-> a, mbal |-> maxVBal[a], mval |-> maxVal[a]])
  /\ UNCHANGED <<maxVBal, maxVal, pBal, pPhase, pPromises, pHighBal, pHighVal, pInput,
                 decided, l2b, requested>>

(* Proposer p receives 1b m for its current ballot: counts the promise, *)
(* keeps the highest-ballot vote reported so far.                       *)
HandlePromise(p, m) ==
  /\ m \in msgs
  /\ m.type = "1b"
  /\ pPhase[p] = "p1"
  /\ m.bal = pBal[p]
  /\ pPromises' = [pPromises EXCEPT ![p] = @ \cup {m.from}]
  /\ IF m.mbal > pHighBal[p]
       THEN /\ pHighBal' = [pHighBal EXCEPT ![p] = m.mbal]
            /\ pHighVal' = [pHighVal EXCEPT ![p] = m.mval]
       ELSE UNCHANGED <<pHighBal, pHighVal>>
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, pBal, pPhase, pInput, decided, l2b, msgs, requested>>

(* The value p must propose: the highest reported vote's, else its client's. *)
ProposalValue(p) == IF pHighBal[p] = NoBal THEN pInput[p] ELSE pHighVal[p]

(* Proposer p, with a quorum of promises, sends its one 2a. *)
Phase2a(p) ==
  /\ pPhase[p] = "p1"
  /\ pPromises[p] \in Quorums
  /\ ProposalValue(p) # None
  /\ pPhase' = [pPhase EXCEPT ![p] = "p2"]
  /\ Send([type |-> "2a", bal |-> pBal[p], val |-> ProposalValue(p), from |-> p])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, pBal, pPromises, pHighBal, pHighVal, pInput,
                 decided, l2b, requested>>

(* Acceptor a receives 2a m and votes for it unless it promised a higher ballot. *)
Phase2b(a, m) ==
  /\ m \in msgs
  /\ m.type = "2a"
  /\ m.bal >= maxBal[a]
  /\ maxBal'  = [maxBal  EXCEPT ![a] = m.bal]
  /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
  /\ maxVal'  = [maxVal  EXCEPT ![a] = m.val]
  /\ Send([type |-> "2b", bal |-> m.bal, val |-> m.val, from |-> a])
  /\ UNCHANGED <<pBal, pPhase, pPromises, pHighBal, pHighVal, pInput, decided, l2b, requested>>

(* Learner l receives 2b m; decides once a quorum of recorded 2b agree. *)
Learn(l, m) ==
  /\ m \in msgs
  /\ m.type = "2b"
  /\ l2b' = [l2b EXCEPT ![l] = @ \cup {m}]
  /\ LET agree == {x.from : x \in {y \in l2b'[l] : y.bal = m.bal /\ y.val = m.val}}
     IN  decided' = [decided EXCEPT ![l] = IF agree \in Quorums THEN m.val ELSE @]
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, pBal, pPhase, pPromises, pHighBal, pHighVal,
                 pInput, msgs, requested>>

(* Crash-restart: keeps maxBal, maxVBal, maxVal, pBal; loses the rest. *)
Restart(n) ==
  /\ pPhase'    = [pPhase    EXCEPT ![n] = "idle"]
  /\ pPromises' = [pPromises EXCEPT ![n] = {}]
  /\ pHighBal'  = [pHighBal  EXCEPT ![n] = NoBal]
  /\ pHighVal'  = [pHighVal  EXCEPT ![n] = None]
  /\ pInput'    = [pInput    EXCEPT ![n] = None]
  /\ decided'   = [decided   EXCEPT ![n] = None]
  /\ l2b'       = [l2b       EXCEPT ![n] = {}]
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, pBal, msgs, requested>>

(* Each receive action ranges over the constant set of messages of its type *)
(* (its first conjunct is m \in msgs), not over msgs: TLC then splits Next  *)
(* into sub-actions named Phase1b, HandlePromise, ... with their parameters  *)
(* bound, as counterexamples need (the trace validator loads the same      *)
(* receives over msgs: TracePaxosNext.tla). A 1b is handled by the owner   *)
(* of its ballot, the only node whose pBal it can match.                    *)
Next ==
  \/ \E p \in Nodes, v \in Values : ClientRequest(p, v)
  \/ \E p \in Nodes, b \in Ballots : Phase1a(p, b)
  \/ \E a \in Nodes, m \in Msg1a : Phase1b(a, m)
  \/ \E m \in Msg1b : HandlePromise(Owner(m.bal), m)
  \/ \E p \in Nodes : Phase2a(p)
  \/ \E a \in Nodes, m \in Msg2a : Phase2b(a, m)
  \/ \E l \in Nodes, m \in Msg2b : Learn(l, m)
  \/ \E n \in Nodes : Restart(n)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* What is chosen: a value with a quorum of 2b messages at one ballot.     *)

VotedFor(a, b, v) == [type |-> "2b", bal |-> b, val |-> v, from |-> a] \in msgs
ChosenAt(b, v)    == \E Q \in Quorums : \A a \in Q : VotedFor(a, b, v)
Chosen            == {v \in Values : \E b \in Ballots : ChosenAt(b, v)}

(* Agreement: at most one value is chosen, and learners only decide it. *)
Agreement ==
  /\ \A v, w \in Chosen : v = w
  /\ \A l1, l2 \in Nodes : decided[l1] # None /\ decided[l2] # None
                             => decided[l1] = decided[l2]

(* Validity: only a value some client requested can be chosen or decided. *)
Validity ==
  /\ Chosen \subseteq requested
  /\ \A l \in Nodes : decided[l] # None => decided[l] \in requested

(* A learner decides only a chosen value. *)
DecidedIsChosen == \A l \in Nodes : decided[l] # None => decided[l] \in Chosen

-----------------------------------------------------------------------------
(* The inductive helpers: why Agreement holds.                             *)

DidNotVoteAt(a, c)  == \A v \in Values : ~VotedFor(a, c, v)
CannotVoteAt(a, c)  == maxBal[a] > c /\ DidNotVoteAt(a, c)
(* No value other than v is or can ever be chosen at a ballot below b. *)
SafeAt(b, v) ==
  \A c \in 0..(b - 1) :
    \E Q \in Quorums : \A a \in Q : VotedFor(a, c, v) \/ CannotVoteAt(a, c)

(* An acceptor's own record is consistent with the votes it sent. *)
AcceptorInv ==
  \A a \in Nodes :
    /\ maxVBal[a] <= maxBal[a]
    /\ (maxVBal[a] = NoBal) <=> (maxVal[a] = None)
    /\ maxVBal[a] # NoBal => VotedFor(a, maxVBal[a], maxVal[a])
    /\ \A c \in Ballots : c > maxVBal[a] => DidNotVoteAt(a, c)

(* A 1b reports the sender's highest vote below the promised ballot. *)
Inv1b ==
  \A m \in msgs : m.type = "1b" =>
    /\ m.bal <= maxBal[m.from]
    /\ m.mbal < m.bal
    /\ m.mbal # NoBal => VotedFor(m.from, m.mbal, m.mval)
    /\ \A c \in (m.mbal + 1)..(m.bal - 1) : DidNotVoteAt(m.from, c)

(* A 2a at ballot b carries the value safe at b, and is the only 2a at b. *)
Inv2a ==
  \A m \in msgs : m.type = "2a" =>
    /\ Owner(m.bal) = m.from
    /\ SafeAt(m.bal, m.val)
    /\ m.val \in requested
    /\ \A m2 \in msgs : m2.type = "2a" /\ m2.bal = m.bal => m2.val = m.val

(* A 2b is a vote for a proposed value, below the sender's promise. *)
Inv2b ==
  \A m \in msgs : m.type = "2b" =>
    /\ \E m2 \in msgs : m2.type = "2a" /\ m2.bal = m.bal /\ m2.val = m.val
    /\ m.bal <= maxVBal[m.from]

(* A proposer in phase 1 has sent no 2a at its ballot yet, and what it has *)
(* collected is what its promisers reported.                               *)
ProposerInv ==
  \A p \in Nodes :
    /\ pBal[p] # NoBal => Owner(pBal[p]) = p
    /\ \A m \in msgs : m.type \in {"1a", "2a"} /\ m.from = p => m.bal <= pBal[p]
    /\ pPhase[p] # "idle" => pBal[p] # NoBal
    /\ pPhase[p] = "p1" =>
         /\ \A m \in msgs : ~(m.type = "2a" /\ m.bal = pBal[p])
         /\ \A a \in pPromises[p] :
              \E m \in msgs : m.type = "1b" /\ m.bal = pBal[p] /\ m.from = a
                              /\ m.mbal <= pHighBal[p]
         /\ pHighBal[p] # NoBal =>
              \E m \in msgs : /\ m.type = "1b" /\ m.bal = pBal[p]
                              /\ m.from \in pPromises[p]
                              /\ m.mbal = pHighBal[p] /\ m.mval = pHighVal[p]
    /\ pInput[p] # None => pInput[p] \in requested

Inv == TypeOK /\ AcceptorInv /\ Inv1b /\ Inv2a /\ Inv2b /\ ProposerInv
       /\ Agreement /\ Validity /\ DecidedIsChosen

-----------------------------------------------------------------------------
(* Refinement: Paxos implements Consensus with chosen <- Chosen.           *)
C == INSTANCE Consensus WITH chosen <- Chosen
ConsensusRefined == C!Spec
=============================================================================
