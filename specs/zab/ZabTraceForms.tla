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

TraceIndexOf(h, z) == ZxidSearch(h, z, 1, Len(h))

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
