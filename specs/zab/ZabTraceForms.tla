---------------------------- MODULE ZabTraceForms ----------------------------
(***************************************************************************)
(* Validation forms of Zab's actions (TraceZabNext's ValidationNext) and   *)
(* step forms of its invariants (trace-mapping.json, "stepForms"), for     *)
(* traces of 100,000 writes. Each is checked by TLC on MCZabTraceForms.cfg  *)
(* (a CI model); --engine tlc checks Zab's own actions and invariants.     *)
(***************************************************************************)
EXTENDS Zab

-----------------------------------------------------------------------------
(* Positions by binary search. IndexOf(h, z) tries every position of h    *)
(* (\E k \in 1..Len(h), then CHOOSE): TLC builds the interval and a       *)
(* context per position, O(Len(h)) a step. Every history is strictly      *)
(* sorted by zxid (HistorySorted: a leader appends a zxid above its last; *)
(* a follower takes the leader's history, then appends what the leader    *)
(* proposes in order), so the position of z is found by halving.          *)

HistorySorted ==
  \A i \in Server : \A k \in 1..(Len(history[i]) - 1) : ZxidLT(history[i][k].zxid, history[i][k + 1].zxid)

RECURSIVE ZxidSearch(_, _, _, _)
\* the position of zxid z in h[lo..hi] (h sorted by zxid), 0 if z is not there
ZxidSearch(h, z, lo, hi) ==
  IF lo > hi THEN 0
  ELSE LET mid == (lo + hi) \div 2
           mz  == h[mid].zxid
       IN IF mz = z THEN mid
          ELSE IF ZxidLT(mz, z) THEN ZxidSearch(h, z, mid + 1, hi)
          ELSE ZxidSearch(h, z, lo, mid - 1)

\* A leader's txns take consecutive counters from 1 and a history holds them in order, so z is
\* usually Len(h) - (last counter - z's counter): tried first, verified; else the binary search
\* (TLC's recursion nests a context per level, and every name it looks up walks them all).
TraceIndexOf(h, z) ==
  LET n == Len(h)
      p == IF n = 0 THEN 0 ELSE n - (h[n].zxid[2] - z[2])
  IN IF 1 <= p /\ p <= n /\ h[p].zxid = z THEN p ELSE ZxidSearch(h, z, 1, n)

(* LeaderProcessACK's newC: CHOOSE k \in c..Len(h) with every position in   *)
(* (c+1)..k acknowledged by a quorum and k+1 not: O((Len(h) - c) x (newC - c)) *)
(* a step. Acked(k) is monotone (a server whose index is >= k is >= every  *)
(* smaller k), so newC = Max(c, Min(Len(h), A)) with A the largest k        *)
(* Acked; where A < Len(h), the count of servers at or above k drops just  *)
(* after A, so A is 0 or the index ai[s] of some server s: at most N + 1    *)
(* candidates, each one count.                                             *)
SpecCommitUpTo(l, ai) ==
  LET h == history[l]
      c == lastCommitted[l]
      Acked(k) == IsQuorum({s \in Server : ai[s] >= k} \cup {l})
  IN CHOOSE k \in c..Len(h) : /\ \A j \in (c + 1)..k : Acked(j)
                              /\ (k < Len(h) => ~Acked(k + 1))

TraceCommitUpTo(l, ai) ==
  LET h == history[l]
      Acked(k) == IsQuorum({s \in Server : ai[s] >= k} \cup {l})
      top == IF Acked(Len(h)) THEN Len(h)
             ELSE LET ks == {k \in {ai[s] : s \in Server} \cup {0} : k < Len(h) /\ Acked(k)}
                  IN CHOOSE k \in ks : \A k2 \in ks : k2 <= k
  IN Max(lastCommitted[l], top)

(* Zab's actions that look positions up, with TraceIndexOf and            *)
(* TraceCommitUpTo in place of IndexOf and the CHOOSE (otherwise the same  *)
(* text as Zab.tla): the same formula wherever IndexOfOK and CommitUpToOK  *)
(* hold, which TLC checks on every state of MCZabTraceForms.               *)
TraceFollowerProcessCOMMITLD(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] = SYNCHRONIZATION
  /\ currentEpoch[f] = acceptedEpoch[f]
  /\ Pending(l, f, "COMMITLD")
  /\ LET z == Head(msgs[l][f]).zxid
         idx == TraceIndexOf(history[f], z)
         k == Max(lastCommitted[f], idx)
     IN /\ z = NoZxid \/ idx > 0
        /\ phase' = [phase EXCEPT ![f] = BROADCAST]
        /\ lastCommitted' = [lastCommitted EXCEPT ![f] = k]
        /\ delivered' = Deliver(f, history[f], k)
        /\ msgs' = Discard(msgs, l, f)
  /\ UNCHANGED <<durableVars, role, leader, leaderVars, conn, restarts, timeouts,
                 proposed, established>>

TraceLeaderProcessACK(l, f) ==
  /\ IsLeading(l)
  /\ phase[l] = BROADCAST
  /\ Pending(f, l, "ACK")
  /\ LET z == Head(msgs[f][l]).zxid
         h == history[l]
         idx == TraceIndexOf(h, z)
         ai == [ackIndex[l] EXCEPT ![f] = Max(@, idx)]
         c == lastCommitted[l]
         newC == TraceCommitUpTo(l, ai)
     IN /\ z[1] = currentEpoch[l]
        /\ idx > 0
        /\ ackIndex' = [ackIndex EXCEPT ![l] = ai]
        /\ IF newC > c
             THEN /\ lastCommitted' = [lastCommitted EXCEPT ![l] = newC]
                  /\ delivered' = Deliver(l, h, newC)
                  /\ msgs' = ToFollowers(Discard(msgs, f, l), l, ackeRecv[l],
                               [s \in Server |-> [type |-> "COMMIT", from |-> l, to |-> s,
                                                  zxid |-> h[newC].zxid]])
             ELSE /\ msgs' = Discard(msgs, f, l)
                  /\ UNCHANGED <<lastCommitted, delivered>>
  /\ UNCHANGED <<durableVars, role, phase, leader, cepochRecv, proposedEpoch, ackeRecv,
                 ackldRecv, conn, restarts, timeouts, proposed, established>>

TraceFollowerProcessCOMMIT(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] \in {SYNCHRONIZATION, BROADCAST}
  /\ Pending(l, f, "COMMIT")
  /\ LET idx == TraceIndexOf(history[f], Head(msgs[l][f]).zxid)
         k == Max(lastCommitted[f], idx)
     IN /\ idx > 0
        /\ lastCommitted' = [lastCommitted EXCEPT ![f] = k]
        /\ delivered' = Deliver(f, history[f], k)
        /\ msgs' = Discard(msgs, l, f)
  /\ UNCHANGED <<durableVars, role, phase, leader, leaderVars, conn, restarts, timeouts,
                 proposed, established>>

-----------------------------------------------------------------------------
(* Step forms of the invariants (trace-mapping.json, "invariantSteps"):   *)
(* action-level definitions the fast engine evaluates on the state before *)
(* a step (unprimed) and after it (primed), in place of the invariant on  *)
(* the state after. Each equals the invariant after the step, on every    *)
(* step of the spec from a state that satisfies all the invariants (the  *)
(* engine stops at the first violation, so every state it steps from     *)
(* does): StepFormsEquivalent, checked by TLC on MCZabTraceForms.cfg and  *)
(* on broken variants where the invariants fail (ZabTraceFormsTest). The  *)
(* invariants compare delivered positions pairwise, O(delivered^2) a      *)
(* check; the step forms look at the positions the step delivered, each   *)
(* against a few others, O(1) or O(log n) a position.                     *)
(*                                                                         *)
(* What they rely on beyond the invariants before the step:               *)
(*  - how a step changes the ghosts (read off Zab.tla): delivered[i] only *)
(*    grows at its end (Deliver appends), proposed and established only   *)
(*    grow (\cup);                                                        *)
(*  - from the invariants before the step: each delivered[i] is sorted by *)
(*    zxid (GlobalPrimaryOrder orders epochs; a later position with a     *)
(*    lower counter in the same epoch is, by LocalPrimaryOrder, also      *)
(*    delivered earlier, a duplicate TotalOrder forbids), and all are     *)
(*    prefixes of one another (TotalOrder with Agreement);               *)
(*  - facts of the spec TLC checks on MCZabTraceForms.cfg: a zxid names one *)
(*    proposed txn and counters start at 1 (ProposedZxids: one leader per  *)
(*    epoch proposes, each zxid above its last); a history that keeps a   *)
(*    txn at a position across a step keeps everything before it          *)
(*    (HistoryPrefixKept: a history changes by appending, or by taking a  *)
(*    leader's history, whose prefix up to any txn is that txn's leader's). *)

\* the positions of delivered[i] the step delivered
NewPos(i) == (Len(delivered[i]) + 1)..Len(delivered'[i])

\* The new positions are sorted by zxid after what i had delivered and agree, position by position,
\* with what every other server has delivered: then every delivered sequence is still duplicate-free
\* and a prefix of every longer one, so TotalOrder and Agreement hold. Otherwise (a violation, or a
\* shape no Zab step makes) the invariant itself decides.
DeliveredInOrder ==
  \A i \in Server : \A k \in NewPos(i) :
    /\ k > 1 => ZxidLT(delivered'[i][k - 1].zxid, delivered'[i][k].zxid)
    /\ \A j \in Server : k <= Len(delivered'[j]) => delivered'[j][k] = delivered'[i][k]

TotalOrderStep == DeliveredInOrder \/ TotalOrder'
AgreementStep  == DeliveredInOrder \/ Agreement'

\* Integrity and GlobalPrimaryOrder after appending: only the new positions can break them.
IntegrityStep == \A i \in Server : \A k \in NewPos(i) : delivered'[i][k] \in proposed'
GlobalPrimaryOrderStep ==
  \A i \in Server : \A k \in NewPos(i) : k > 1 => delivered'[i][k - 1].zxid[1] <= delivered'[i][k].zxid[1]

RECURSIVE AboveFrom(_, _, _, _)
\* the first position in s[lo..hi] (s sorted by zxid) whose zxid is above z, hi + 1 if none
AboveFrom(s, z, lo, hi) ==
  IF lo > hi THEN hi + 1
  ELSE LET mid == (lo + hi) \div 2
       IN IF ZxidLT(z, s[mid].zxid) THEN AboveFrom(s, z, lo, mid - 1) ELSE AboveFrom(s, z, mid + 1, hi)

\* s (sorted by zxid) holds no txn of z's epoch with a higher counter: the first txn above z is of a later epoch
NoneLaterInEpoch(s, z) ==
  \/ Len(s) = 0
  \/ ~ZxidLT(z, s[Len(s)].zxid)   \* nothing above z at all (a leader proposes above what was delivered)
  \/ LET u == AboveFrom(s, z, 1, Len(s)) IN u > Len(s) \/ s[u].zxid[1] /= z[1]

\* the step proposed exactly one txn, the one it appended to l's history
ProposedBy(l) ==
  /\ Cardinality(proposed') = Cardinality(proposed) + 1
  /\ Len(history'[l]) > 0
  /\ history'[l][Len(history'[l])] \in proposed'
  /\ history'[l][Len(history'[l])] \notin proposed
NewProposal(l) == history'[l][Len(history'[l])]
ProposedNothing == Cardinality(proposed') = Cardinality(proposed)
DeliveredNothing == \A i \in Server : Len(delivered'[i]) = Len(delivered[i])

\* LocalPrimaryOrder at position k of delivered'[i], as the invariant states it
LocalPrimaryOrderAt(i, k) ==
  \A a \in proposed' : (a.zxid[1] = delivered'[i][k].zxid[1] /\ a.zxid[2] < delivered'[i][k].zxid[2]) =>
    \E k1 \in 1..(k - 1) : delivered'[i][k1] = a

\* A delivery: each new position is the first txn of its epoch (counter 1: nothing proposed before it in
\* that epoch) or follows the txn of the counter before it, which is the one proposed txn of that zxid
\* and, by LocalPrimaryOrder at its own position, has every earlier one of the epoch before it.
\* A proposal: no server has delivered a later txn of its epoch (found by binary search).
LocalPrimaryOrderStep ==
  IF ProposedNothing
    THEN \A i \in Server : \A k \in NewPos(i) :
           LET b == delivered'[i][k] IN
           \/ b.zxid[2] = 1 /\ (k = 1 \/ delivered'[i][k - 1].zxid[1] < b.zxid[1])
           \/ /\ k > 1 /\ delivered'[i][k - 1].zxid = <<b.zxid[1], b.zxid[2] - 1>>
              /\ delivered'[i][k - 1] \in proposed'
           \/ LocalPrimaryOrderAt(i, k)
  ELSE IF DeliveredNothing /\ \E l \in Server : ProposedBy(l)
    THEN LET a == NewProposal(CHOOSE l \in Server : ProposedBy(l))
         IN \A j \in Server : NoneLaterInEpoch(delivered'[j], a.zxid)
  ELSE LocalPrimaryOrder'

\* PrimaryIntegrity for one established leader r (given some txn of its epoch was proposed)
PrimaryIntegrityFor(r) ==
  \A i \in Server : \A k \in 1..Len(delivered'[i]) :
    delivered'[i][k].zxid[1] < r.epoch => delivered'[i][k] \in r.dlv
HasProposal(e) == \E b \in proposed' : b.zxid[1] = e

\* A newly established leader: PrimaryIntegrity for it once (a leader proposes after it is established,
\* so in Zab there is nothing to check). A new position: in what every later established leader had
\* delivered when established. A new proposal: nothing to check if its leader had proposed in the
\* epoch before (PrimaryIntegrity held then, and the new positions are checked); the first proposal of
\* an epoch checks every delivered txn once.
PrimaryIntegrityStep ==
  /\ Cardinality(established') /= Cardinality(established) =>
       \A r \in established' \ established : HasProposal(r.epoch) => PrimaryIntegrityFor(r)
  /\ \A i \in Server : \A k \in NewPos(i) :
       LET a == delivered'[i][k] IN
       \A r \in established' : r.epoch > a.zxid[1] => (a \in r.dlv \/ ~HasProposal(r.epoch))
  /\ IF ProposedNothing THEN TRUE
     ELSE IF \E l \in Server : ProposedBy(l)
       THEN LET l == CHOOSE l \in Server : ProposedBy(l)
                a == NewProposal(l)
                n == Len(history'[l])
            IN \A r \in established' : r.epoch = a.zxid[1] =>
                 \/ /\ n > 1 /\ history'[l][n - 1].zxid = <<a.zxid[1], a.zxid[2] - 1>>
                    /\ history'[l][n - 1] \in proposed
                 \/ PrimaryIntegrityFor(r)
     ELSE PrimaryIntegrity'

\* ReplayConsistency: where both the range checked before and the one after reach (1..mm), the history
\* kept its txn at mm (so, HistoryPrefixKept, all of 1..mm); the positions the range gained are compared.
ReplayConsistencyStep ==
  \A i \in Server :
    LET mm == Min(Min(lastCommitted[i], Len(delivered[i])), Min(lastCommitted'[i], Len(delivered'[i])))
    IN /\ lastCommitted'[i] <= Len(history'[i])
       /\ mm > 0 => history'[i][mm] = delivered'[i][mm]
       /\ \A k \in (mm + 1)..Min(lastCommitted'[i], Len(delivered'[i])) : history'[i][k] = delivered'[i][k]

-----------------------------------------------------------------------------
(* What MCZabTraceForms.cfg checks for the step forms. *)
AllInvariants ==
  /\ Integrity /\ TotalOrder /\ Agreement /\ LocalPrimaryOrder /\ GlobalPrimaryOrder
  /\ PrimaryIntegrity /\ OneLeaderPerEpoch /\ ReplayConsistency

ProposedZxids ==
  /\ \A a, b \in proposed : a.zxid = b.zxid => a = b
  /\ \A a \in proposed : a.zxid[2] >= 1

HistoryPrefixKept ==
  \A i \in Server : \A k \in 1..Min(Len(history[i]), Len(history'[i])) :
    history[i][k] = history'[i][k] => SubSeq(history[i], 1, k) = SubSeq(history'[i], 1, k)

StepFormsEquivalent ==
  AllInvariants =>
    /\ Integrity' <=> IntegrityStep
    /\ TotalOrder' <=> TotalOrderStep
    /\ Agreement' <=> AgreementStep
    /\ LocalPrimaryOrder' <=> LocalPrimaryOrderStep
    /\ GlobalPrimaryOrder' <=> GlobalPrimaryOrderStep
    /\ PrimaryIntegrity' <=> PrimaryIntegrityStep
    /\ ReplayConsistency' <=> ReplayConsistencyStep

StepFormsOK == [][StepFormsEquivalent]_vars
\* each step form alone, from a state satisfying every invariant (ZabTraceFormsTest: each fails on the
\* broken variant that breaks its invariant)
IntegrityStepOK          == [][AllInvariants => IntegrityStep]_vars
TotalOrderStepOK         == [][AllInvariants => TotalOrderStep]_vars
AgreementStepOK          == [][AllInvariants => AgreementStep]_vars
LocalPrimaryOrderStepOK  == [][AllInvariants => LocalPrimaryOrderStep]_vars
GlobalPrimaryOrderStepOK == [][AllInvariants => GlobalPrimaryOrderStep]_vars
PrimaryIntegrityStepOK   == [][AllInvariants => PrimaryIntegrityStep]_vars
ReplayConsistencyStepOK  == [][AllInvariants => ReplayConsistencyStep]_vars
PrefixKeptOK == [][HistoryPrefixKept]_vars

-----------------------------------------------------------------------------
(* What MCZabTraceForms.cfg checks for the validation forms. Zxids: every  *)
(* zxid a message of the model can carry, and absent ones.                 *)
Zxids == (0..MaxEpoch) \X (0..(MaxTxns + 1))
IndexOfOK == \A i \in Server, z \in Zxids : TraceIndexOf(history[i], z) = IndexOf(history[i], z)
\* for every leader, every ACK it could take (any follower, any position of its history)
CommitUpToOK ==
  \A l, f \in Server : \A idx \in 0..Len(history[l]) :
    LET ai == [ackIndex[l] EXCEPT ![f] = Max(@, idx)]
    IN lastCommitted[l] <= Len(history[l]) => SpecCommitUpTo(l, ai) = TraceCommitUpTo(l, ai)
=============================================================================
