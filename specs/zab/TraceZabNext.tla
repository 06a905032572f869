---------------------------- MODULE TraceZabNext ----------------------------
(***************************************************************************)
(* The next-state relation the trace validator loads for Zab              *)
(* (trace-mapping.json). ValidationNext is Zab's Next with two changes    *)
(* that only name things the trace logs:                                  *)
(*  - every receive action draws the message m it handles from the head   *)
(*    of its channel (HeadOf), so the logged msg must be exactly the      *)
(*    message the spec would handle (a changed zxid, value or epoch is    *)
(*    "not in HeadOf"); the action itself is Zab's, unchanged;           *)
(*  - a client write carries the label v the implementation logged        *)
(*    (LeaderProcessRequestV): values are opaque to every action and     *)
(*    invariant, the models name the k-th write k;                        *)
(*  - an election's outcome carries the message it sent (ElectLeaderSent): *)
(*    the FOLLOWERINFO a follower sends is bound from the trace (m), so   *)
(*    its from, to, type and acceptedEpoch are checked;                   *)
(*  - the receives that look a position up in a history (COMMITLD, ACK,    *)
(*    COMMIT) are taken in their validation forms (ZabTraceForms.tla:      *)
(*    binary search by zxid instead of a scan, and the commit point by     *)
(*    counting at most N + 1 candidates; the same formulas on every        *)
(*    reachable state, IndexOfOK and CommitUpToOK).                        *)
(***************************************************************************)
EXTENDS ZabTraceForms

\* What ElectLeader(i, j) sends: the FOLLOWERINFO it appends to msgs[i][j]; when i elects itself it
\* sends nothing and logs no msg, written here as a record of type "NONE" (one record in either case,
\* read from the state, so that TLC does not split Next on m: m is bound from the trace's msg).
FollowerInfo(i, j) ==
  {[type |-> IF i = j THEN "NONE" ELSE "FOLLOWERINFO", from |-> i, to |-> j, acceptedEpoch |-> acceptedEpoch[i]]}

(* ElectLeader(i, j), with m the message it sent: m is the message the    *)
(* step appended to the channel i -> j (the network after the step), or   *)
(* the "NONE" record when i elects itself. \E m \in FollowerInfo(i, j) :  *)
(* ElectLeaderSent(i, j, m) <=> ElectLeader(i, j), since FollowerInfo(i,j) *)
(* is the one message ElectLeader(i, j) appends (acceptedEpoch unchanged). *)
ElectLeaderSent(i, j, m) ==
  /\ ElectLeader(i, j)
  /\ i /= j => m = msgs'[i][j][Len(msgs'[i][j])]

\* the message at the head of the channel from a to b, as a set (empty if none)
HeadOf(a, b) == IF msgs[a][b] = <<>> THEN {} ELSE {Head(msgs[a][b])}

\* 1..MaxTxns written state-level (DOMAIN currentEpoch = Server in every state): the same set, but
\* TLC does not split Next over it (|Server| x MaxTxns sub-actions when the spec is loaded: 17.7
\* million for a 100,000-write run, MaxTxns = 59 x 100,000); the validator binds v from the event
\* by one membership test.
AsState(S) == IF DOMAIN currentEpoch = Server THEN S ELSE {}

ValidationNext ==
  \/ \E i, j \in Server : \E m \in FollowerInfo(i, j) : ElectLeaderSent(i, j, m)
  \/ \E l, f \in Server : \E m \in HeadOf(f, l) : LeaderProcessFOLLOWERINFO(l, f)
  \/ \E f, l \in Server : \E m \in HeadOf(l, f) : FollowerProcessNEWEPOCH(f, l)
  \/ \E l, f \in Server : \E m \in HeadOf(f, l) : LeaderProcessACKEPOCH(l, f)
  \/ \E f, l \in Server : \E m \in HeadOf(l, f) : FollowerProcessNEWLEADER(f, l)
  \/ \E l, f \in Server : \E m \in HeadOf(f, l) : LeaderProcessACKLD(l, f)
  \/ \E f, l \in Server : \E m \in HeadOf(l, f) : TraceFollowerProcessCOMMITLD(f, l)
  \/ \E l \in Server, v \in AsState(1..MaxTxns) : LeaderProcessRequestV(l, v)
  \/ \E f, l \in Server : \E m \in HeadOf(l, f) : FollowerProcessPROPOSE(f, l)
  \/ \E l, f \in Server : \E m \in HeadOf(f, l) : TraceLeaderProcessACK(l, f)
  \/ \E f, l \in Server : \E m \in HeadOf(l, f) : TraceFollowerProcessCOMMIT(f, l)
  \/ \E f \in Server : FollowerShutdown(f)
  \/ \E l \in Server : LeaderShutdown(l)
  \/ \E i \in Server : Restart(i)
=============================================================================
