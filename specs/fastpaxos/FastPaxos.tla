----------------------------- MODULE FastPaxos -----------------------------
(***************************************************************************)
(* Single-decree Fast Paxos (Lamport, "Fast Paxos", Distributed Computing  *)
(* 19(2), 2006; seed notes section 3.4) at the granularity of the          *)
(* reference implementation: every action is one step of one node that     *)
(* receives one message or sends one message (EVENTS.md is the contract).  *)
(*                                                                         *)
(* Nodes 1..N are acceptors and learners; each coordinates the ballots of  *)
(* its pairs: ballot b is coordinated by Coord(b) = ((b \div 2) % N) + 1,  *)
(* even ballots are fast, odd ones classic, so the coordinator of fast     *)
(* ballot 2k also owns 2k+1, the ballot its coordinated recovery uses      *)
(* (Lamport section 3.3.2). Classic quorums have CQ nodes, fast ones FQ:   *)
(* QuorumAssumption is Lamport's quorum requirement, an ASSUME TLC checks. *)
(*                                                                         *)
(* Clients send their proposals straight to the acceptors (ClientRequest). *)
(* In a fast ballot the coordinator sends a 2a carrying AnyVal instead of a   *)
(* value; an acceptor that has it votes for a proposal it received         *)
(* (FastVote), so with no collision a value is chosen in one message delay *)
(* after the proposal instead of Paxos's three. When proposals collide the *)
(* coordinator, whose node is also a learner, sees the fast ballot's 2b    *)
(* disagree and recovers: the 2b of a classic quorum serve as the 1b of    *)
(* the next ballot and it sends that ballot's 2a at once (Recover).        *)
(*                                                                         *)
(* Messages live in one set `msgs` that only grows and a receive does not  *)
(* consume: loss, duplication and reordering are all behaviours.           *)
(* Restart(n) is a crash-restart: durable state kept, volatile reset.      *)
(*                                                                         *)
(* Compared with tlaplus/Examples specifications/SimplifiedFastPaxos      *)
(* (Lim and Gandhi), which this spec cites and does not copy: that one has *)
(* a unique coordinator and no phase 1, a "decision" variable instead of   *)
(* learners, and picks the majority value after a collision; this one has *)
(* per-ballot coordinators with phase 1, restarts, learners, coordinated   *)
(* recovery and Lamport's general rule (a value some fast quorum may have  *)
(* chosen), with the quorum sizes as constants.                            *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS N,          \* number of nodes
          CQ,         \* classic quorum size
          FQ,         \* fast quorum size
          Values,     \* the values clients may propose (non-empty strings)
          MaxBallot   \* ballots are 0..MaxBallot

Nodes   == 1..N
Ballots == 0..MaxBallot
None    == ""                       \* no value
AnyVal     == "any"                    \* the value of a fast ballot's 2a
NoBal   == -1                       \* no ballot
Coord(b)  == ((b \div 2) % N) + 1
IsFast(b) == b % 2 = 0

ClassicQuorums == {Q \in SUBSET Nodes : Cardinality(Q) >= CQ}
FastQuorums    == {Q \in SUBSET Nodes : Cardinality(Q) >= FQ}
Quorums(b)     == IF IsFast(b) THEN FastQuorums ELSE ClassicQuorums

(* Lamport's quorum requirement (Fast Paxos, section 3.1): any two classic *)
(* quorums intersect, and any classic quorum meets any two fast quorums.   *)
(* Phase 1 and recovery use classic quorums, so these are the two needed:  *)
(* the first makes a classic choice visible to phase 1, the second makes   *)
(* the value a fast quorum may have chosen the only one a coordinator can  *)
(* see with enough votes (the picking rule below).                        *)
QuorumAssumption ==
  /\ CQ \in 1..N /\ FQ \in 1..N
  /\ \A Q1, Q2 \in ClassicQuorums : Q1 \cap Q2 # {}
  /\ \A Q \in ClassicQuorums, R1, R2 \in FastQuorums : Q \cap R1 \cap R2 # {}
ASSUME QuorumAssumption
ASSUME AnyVal \notin Values /\ None \notin Values

VARIABLES
  maxBal, maxVBal, maxVal,     \* acceptor (durable)
  cBal,                        \* coordinator (durable): the highest ballot it started
  cPhase, cReports,            \* coordinator (volatile): phase, the votes reported at cBal
  decided,                     \* learner (volatile): "" or the decided value
  l2b,                         \* learner (volatile): the 2b messages it has recorded
  msgs                         \* every message ever sent

nodeVars == <<maxBal, maxVBal, maxVal, cBal, cPhase, cReports, decided, l2b>>
vars == <<nodeVars, msgs>>

Report     == [from : Nodes, mbal : Ballots \cup {NoBal}, mval : Values \cup {None}]
MsgPropose == [type : {"propose"}, val : Values, from : Nodes]
Msg1a == [type : {"1a"}, bal : Ballots, from : Nodes]
Msg1b == [type : {"1b"}, bal : Ballots, from : Nodes, mbal : Ballots, mval : Values]
         \cup [type : {"1b"}, bal : Ballots, from : Nodes, mbal : {NoBal}, mval : {None}]
Msg2a == [type : {"2a"}, bal : Ballots, val : Values \cup {AnyVal}, from : Nodes]
Msg2b == [type : {"2b"}, bal : Ballots, val : Values, from : Nodes]
Messages == MsgPropose \cup Msg1a \cup Msg1b \cup Msg2a \cup Msg2b

(* The values clients proposed (what Validity allows). *)
Proposed == {m.val : m \in {x \in msgs : x.type = "propose"}}

TypeOK ==
  /\ maxBal   \in [Nodes -> Ballots \cup {NoBal}]
  /\ maxVBal  \in [Nodes -> Ballots \cup {NoBal}]
  /\ maxVal   \in [Nodes -> Values \cup {None}]
  /\ cBal     \in [Nodes -> Ballots \cup {NoBal}]
  /\ cPhase   \in [Nodes -> {"idle", "p1", "p2"}]
  /\ cReports \in [Nodes -> SUBSET Report]
  /\ decided  \in [Nodes -> Values \cup {None}]
  /\ l2b      \in [Nodes -> SUBSET Msg2b]
  /\ msgs     \subseteq Messages

Init ==
  /\ maxBal   = [n \in Nodes |-> NoBal]
  /\ maxVBal  = [n \in Nodes |-> NoBal]
  /\ maxVal   = [n \in Nodes |-> None]
  /\ cBal     = [n \in Nodes |-> NoBal]
  /\ cPhase   = [n \in Nodes |-> "idle"]
  /\ cReports = [n \in Nodes |-> {}]
  /\ decided  = [n \in Nodes |-> None]
  /\ l2b      = [n \in Nodes |-> {}]
  /\ msgs     = {}

Send(m) == msgs' = msgs \cup {m}

-----------------------------------------------------------------------------
(* The coordinator's rule for the value of a 2a at ballot b, given the     *)
(* votes `reps` a classic quorum reported (1b messages, or in recovery the *)
(* 2b of the fast ballot). k is the highest ballot voted at. If k is       *)
(* classic, its one value. If k is fast, a value w may have been chosen at *)
(* k only if some fast quorum R has every acceptor of R that reported      *)
(* voted w at k: the reporters that did not vote w at k are at most N - FQ *)
(* (R = those that voted w plus every non-reporter). By QuorumAssumption   *)
(* at most one w passes; it must be taken. Otherwise nothing can have been *)
(* chosen at k or below, and the coordinator is free: any proposed value,  *)
(* or AnyVal if b is fast (Lamport, section 3.3, rule for picking v).         *)

MaxReported(reps) ==
  IF reps = {} THEN NoBal
  ELSE (CHOOSE r \in reps : \A s \in reps : s.mbal <= r.mbal).mbal
VotesAt(reps, k, w) == {r \in reps : r.mbal = k /\ r.mval = w}
MayBeChosen(reps, k, w) == Cardinality(VotesAt(reps, k, w)) + (N - FQ) >= Cardinality(reps)
Free(b, v) == v \in Proposed \/ (IsFast(b) /\ v = AnyVal)

PickOK(reps, b, v) ==
  LET k == MaxReported(reps)
      V == {r.mval : r \in {s \in reps : s.mbal = k}}
  IN  IF k = NoBal THEN Free(b, v)
      ELSE IF ~IsFast(k) THEN v \in V
      ELSE IF \E w \in V : MayBeChosen(reps, k, w)
           THEN v \in V /\ MayBeChosen(reps, k, v)
           ELSE Free(b, v)

-----------------------------------------------------------------------------
(* A client, through node p, sends its proposal v to every acceptor. *)
ClientRequest(p, v) ==
  /\ Send([type |-> "propose", val |-> v, from |-> p])
  /\ UNCHANGED nodeVars

(* The coordinator of ballot 0 starts it as a fast ballot without phase 1 *)
(* (no acceptor has voted below 0): its 2a carries AnyVal.                   *)
StartFast(c) ==
  /\ Coord(0) = c
  /\ cBal[c] = NoBal
  /\ cBal'     = [cBal     EXCEPT ![c] = 0]
  /\ cPhase'   = [cPhase   EXCEPT ![c] = "p2"]
  /\ cReports' = [cReports EXCEPT ![c] = {}]
  /\ Send([type |-> "2a", bal |-> 0, val |-> AnyVal, from |-> c])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, decided, l2b>>

(* Coordinator c starts phase 1 of a ballot b it coordinates, above any it *)
(* started (ballot 0 needs no phase 1: StartFast).                        *)
Phase1a(c, b) ==
  /\ Coord(b) = c
  /\ b > 0
  /\ b > cBal[c]
  /\ cBal'     = [cBal     EXCEPT ![c] = b]
  /\ cPhase'   = [cPhase   EXCEPT ![c] = "p1"]
  /\ cReports' = [cReports EXCEPT ![c] = {}]
  /\ Send([type |-> "1a", bal |-> b, from |-> c])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, decided, l2b>>

(* Acceptor a receives 1a m: promises m.bal and reports its last vote. *)
Phase1b(a, m) ==
  /\ m \in msgs
  /\ m.type = "1a"
  /\ m.bal > maxBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ Send([type |-> "1b", bal |-> m.bal, from |-> a, mbal |-> maxVBal[a], mval |-> maxVal[a]])
  /\ UNCHANGED <<maxVBal, maxVal, cBal, cPhase, cReports, decided, l2b>>

(* Coordinator c receives 1b m for its current ballot: records the report. *)
HandlePromise(c, m) ==
  /\ m \in msgs
  /\ m.type = "1b"
  /\ cPhase[c] = "p1"
  /\ m.bal = cBal[c]
  /\ cReports' = [cReports EXCEPT ![c] = @ \cup {[from |-> m.from, mbal |-> m.mbal, mval |-> m.mval]}]
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, cPhase, decided, l2b, msgs>>

(* Coordinator c, with reports from a classic quorum, sends the one 2a of *)
(* its ballot, with a value the picking rule allows (AnyVal: fast ballot).   *)
Phase2a(c, v) ==
  /\ cPhase[c] = "p1"
  /\ {r.from : r \in cReports[c]} \in ClassicQuorums
  /\ PickOK(cReports[c], cBal[c], v)
  /\ cPhase'   = [cPhase   EXCEPT ![c] = "p2"]
  /\ cReports' = [cReports EXCEPT ![c] = {}]
  /\ Send([type |-> "2a", bal |-> cBal[c], val |-> v, from |-> c])
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, decided, l2b>>

(* Acceptor a receives the AnyVal of a fast ballot not below its promise and *)
(* joins it (it may now vote there for a proposal).                       *)
HandleAny(a, m) ==
  /\ m \in msgs
  /\ m.type = "2a"
  /\ m.val = AnyVal
  /\ m.bal >= maxBal[a]
  /\ m.bal > maxVBal[a]
  /\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\ UNCHANGED <<maxVBal, maxVal, cBal, cPhase, cReports, decided, l2b, msgs>>

(* Acceptor a, in a fast ballot whose AnyVal was sent and where it has not  *)
(* voted, votes for the client proposal m.                               *)
FastVote(a, m) ==
  /\ m \in msgs
  /\ m.type = "propose"
  /\ maxBal[a] # NoBal
  /\ IsFast(maxBal[a])
  /\ [type |-> "2a", bal |-> maxBal[a], val |-> AnyVal, from |-> Coord(maxBal[a])] \in msgs
  /\ maxVBal[a] < maxBal[a]
  /\ maxVBal' = [maxVBal EXCEPT ![a] = maxBal[a]]
  /\ maxVal'  = [maxVal  EXCEPT ![a] = m.val]
  /\ Send([type |-> "2b", bal |-> maxBal[a], val |-> m.val, from |-> a])
  /\ UNCHANGED <<maxBal, cBal, cPhase, cReports, decided, l2b>>

(* Acceptor a receives a 2a with a value and votes for it unless it promised a higher ballot. *)
Phase2b(a, m) ==
  /\ m \in msgs
  /\ m.type = "2a"
  /\ m.val # AnyVal
  /\ m.bal >= maxBal[a]
  /\ maxBal'  = [maxBal  EXCEPT ![a] = m.bal]
  /\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
  /\ maxVal'  = [maxVal  EXCEPT ![a] = m.val]
  /\ Send([type |-> "2b", bal |-> m.bal, val |-> m.val, from |-> a])
  /\ UNCHANGED <<cBal, cPhase, cReports, decided, l2b>>

(* Learner l receives 2b m; decides once a quorum of m.bal's kind agree. *)
Learn(l, m) ==
  /\ m \in msgs
  /\ m.type = "2b"
  /\ l2b' = [l2b EXCEPT ![l] = @ \cup {m}]
  /\ LET agree == {x.from : x \in {y \in l2b'[l] : y.bal = m.bal /\ y.val = m.val}}
     IN  decided' = [decided EXCEPT ![l] = IF agree \in Quorums(m.bal) THEN m.val ELSE @]
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, cPhase, cReports, msgs>>

(* The votes of fast ballot b that learner c recorded, as reports. *)
RecoveryReports(c, b) ==
  {[from |-> x.from, mbal |-> b, mval |-> x.val] : x \in {y \in l2b[c] : y.bal = b}}

(* Coordinated recovery (Lamport, section 3.3.2): coordinator c of fast  *)
(* ballot b = cBal[c] has recorded, as a learner, 2b at b from a classic  *)
(* quorum that disagree (a collision). Those 2b serve as the 1b of b + 1, *)
(* which c also coordinates: no ballot lies between, and an acceptor that *)
(* voted at b can vote at b no more. c skips phase 1 and sends the 2a of  *)
(* b + 1 with a value the picking rule allows.                           *)
Recover(c, v) ==
  LET b    == cBal[c]
      reps == RecoveryReports(c, b)
  IN  /\ cPhase[c] = "p2"
      /\ b # NoBal
      /\ IsFast(b)
      /\ b + 1 \in Ballots
      /\ {r.from : r \in reps} \in ClassicQuorums
      /\ Cardinality({r.mval : r \in reps}) > 1
      /\ PickOK(reps, b + 1, v)
      /\ cBal'     = [cBal     EXCEPT ![c] = b + 1]
      /\ cReports' = [cReports EXCEPT ![c] = {}]
      /\ Send([type |-> "2a", bal |-> b + 1, val |-> v, from |-> c])
      /\ UNCHANGED <<maxBal, maxVBal, maxVal, cPhase, decided, l2b>>

(* Crash-restart: keeps maxBal, maxVBal, maxVal, cBal; loses the rest. *)
Restart(n) ==
  /\ cPhase'   = [cPhase   EXCEPT ![n] = "idle"]
  /\ cReports' = [cReports EXCEPT ![n] = {}]
  /\ decided'  = [decided  EXCEPT ![n] = None]
  /\ l2b'      = [l2b      EXCEPT ![n] = {}]
  /\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, msgs>>

(* As in Paxos.tla, each receive ranges over the constant set of messages *)
(* of its type (its first conjunct is m \in msgs), so TLC splits Next into *)
(* sub-actions named after the action with their parameters bound. A 1b is *)
(* handled by the coordinator of its ballot, the only node whose cBal it   *)
(* can match.                                                              *)
Next ==
  \/ \E p \in Nodes, v \in Values : ClientRequest(p, v)
  \/ \E c \in Nodes : StartFast(c)
  \/ \E c \in Nodes, b \in Ballots : Phase1a(c, b)
  \/ \E a \in Nodes, m \in Msg1a : Phase1b(a, m)
  \/ \E m \in Msg1b : HandlePromise(Coord(m.bal), m)
  \/ \E c \in Nodes, v \in Values \cup {AnyVal} : Phase2a(c, v)
  \/ \E a \in Nodes, m \in Msg2a : HandleAny(a, m)
  \/ \E a \in Nodes, m \in MsgPropose : FastVote(a, m)
  \/ \E a \in Nodes, m \in Msg2a : Phase2b(a, m)
  \/ \E l \in Nodes, m \in Msg2b : Learn(l, m)
  \/ \E c \in Nodes, v \in Values : Recover(c, v)
  \/ \E n \in Nodes : Restart(n)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* What is chosen: a value with 2b from a quorum of one ballot's kind.     *)

VotedFor(a, b, v) == [type |-> "2b", bal |-> b, val |-> v, from |-> a] \in msgs
ChosenAt(b, v)    == \E Q \in Quorums(b) : \A a \in Q : VotedFor(a, b, v)
Chosen            == {v \in Values : \E b \in Ballots : ChosenAt(b, v)}

(* Agreement: at most one value is chosen, and learners only decide it. *)
Agreement ==
  /\ \A v, w \in Chosen : v = w
  /\ \A l1, l2 \in Nodes : decided[l1] # None /\ decided[l2] # None
                             => decided[l1] = decided[l2]

(* Validity: only a value some client proposed can be chosen or decided. *)
Validity ==
  /\ Chosen \subseteq Proposed
  /\ \A l \in Nodes : decided[l] # None => decided[l] \in Proposed

(* A learner decides only a chosen value. *)
DecidedIsChosen == \A l \in Nodes : decided[l] # None => decided[l] \in Chosen

-----------------------------------------------------------------------------
(* The inductive helpers: why Agreement holds.                             *)

DidNotVoteAt(a, c) == \A v \in Values : ~VotedFor(a, c, v)
(* a may still vote for w at ballot c: it has not voted at c and has not promised above c. *)
MayStillVoteFor(a, c, w) == VotedFor(a, c, w) \/ (maxBal[a] <= c /\ DidNotVoteAt(a, c))
(* w is chosen at c or may yet be: a quorum of c's kind each voted w at c or may still. *)
Choosable(c, w) == \E R \in Quorums(c) : \A a \in R : MayStillVoteFor(a, c, w)
(* No value other than v is or can ever be chosen at a ballot below b. Paxos.tla's       *)
(* SafeAt (a quorum voted v or cannot vote) is too strong here: after a fast ballot      *)
(* the coordinator knows only that no fast quorum can be completed for any other value.  *)
SafeAt(b, v) == \A c \in 0..(b - 1) : \A w \in Values \ {v} : ~Choosable(c, w)
(* Nothing is choosable below b: what an AnyVal at b needs. *)
AllSafeAt(b) == \A c \in 0..(b - 1) : \A w \in Values : ~Choosable(c, w)

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

(* A 2a at ballot b is sent by b's coordinator, is the only 2a at b, and  *)
(* carries a proposed value safe at b, or AnyVal at a fast b below which     *)
(* nothing is choosable.                                                  *)
Inv2a ==
  \A m \in msgs : m.type = "2a" =>
    /\ Coord(m.bal) = m.from
    /\ \A m2 \in msgs : m2.type = "2a" /\ m2.bal = m.bal => m2.val = m.val
    /\ IF m.val = AnyVal THEN IsFast(m.bal) /\ AllSafeAt(m.bal)
                      ELSE SafeAt(m.bal, m.val) /\ m.val \in Proposed

(* A 2b is a vote for the 2a's value, or for a proposal under an AnyVal;    *)
(* an acceptor votes once per ballot, at most at its maxVBal.            *)
Inv2b ==
  \A m \in msgs : m.type = "2b" =>
    /\ \/ [type |-> "2a", bal |-> m.bal, val |-> m.val, from |-> Coord(m.bal)] \in msgs
       \/ [type |-> "2a", bal |-> m.bal, val |-> AnyVal, from |-> Coord(m.bal)] \in msgs
    /\ m.val \in Proposed
    /\ m.bal <= maxVBal[m.from]
    /\ \A m2 \in msgs : m2.type = "2b" /\ m2.bal = m.bal /\ m2.from = m.from => m2.val = m.val

(* A coordinator's ballot is its own; it sent no 1a or 2a above it; in    *)
(* phase 1 it has sent no 2a at its ballot yet, and its reports are what  *)
(* the 1b at its ballot say.                                              *)
CoordinatorInv ==
  \A c \in Nodes :
    /\ cBal[c] # NoBal => Coord(cBal[c]) = c
    /\ \A m \in msgs : m.type \in {"1a", "2a"} /\ m.from = c => m.bal <= cBal[c]
    /\ cPhase[c] # "idle" => cBal[c] # NoBal
    /\ cPhase[c] = "p1" =>
         /\ \A m \in msgs : ~(m.type = "2a" /\ m.bal = cBal[c])
         /\ \A r \in cReports[c] :
              [type |-> "1b", bal |-> cBal[c], from |-> r.from, mbal |-> r.mbal, mval |-> r.mval] \in msgs
    /\ cPhase[c] = "p2" => cReports[c] = {}

Inv == TypeOK /\ AcceptorInv /\ Inv1b /\ Inv2a /\ Inv2b /\ CoordinatorInv
       /\ Agreement /\ Validity /\ DecidedIsChosen

-----------------------------------------------------------------------------
(* Refinement: Fast Paxos implements the same Consensus as Paxos, with     *)
(* chosen <- Chosen (Consensus.tla is a copy of ../paxos/Consensus.tla).   *)
C == INSTANCE Consensus WITH chosen <- Chosen
ConsensusRefined == C!Spec
=============================================================================
