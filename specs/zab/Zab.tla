-------------------------------- MODULE Zab --------------------------------
(***************************************************************************)
(* Zab, ZooKeeper's atomic broadcast (seed notes section 3.6; Junqueira,   *)
(* Reed and Serafini, "Zab: High-performance broadcast for primary-backup  *)
(* systems", DSN 2011; Reed and Junqueira, LADIS 2008), at the granularity *)
(* of the reference implementation: every action is one step of one       *)
(* server that handles one message (or one client request, or one         *)
(* election outcome, or one crash). EVENTS.md is the contract.             *)
(*                                                                         *)
(* Phases: election (ElectLeader), discovery (FOLLOWERINFO -> NEWEPOCH ->  *)
(* ACKEPOCH), synchronisation (NEWLEADER -> ACKLD -> COMMITLD) and         *)
(* broadcast (PROPOSE -> ACK -> COMMIT). zxids are <<epoch, counter>>      *)
(* pairs compared lexicographically, as the 64-bit ZooKeeper zxid.         *)
(*                                                                         *)
(* Network: FIFO connections from each follower to the leader it elected. *)
(* Closing a connection (FollowerShutdown, LeaderShutdown, Restart) loses  *)
(* what is in flight on it; message loss and partitions are connections   *)
(* that stall and are then closed (see EVENTS.md, "Network model").        *)
(*                                                                         *)
(* Election is one step whose outcome is any server (an over-approximation *)
(* of fast leader election): no action depends on how servers are         *)
(* ordered, so the model may use symmetry on Server.                       *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets

CONSTANTS Server,       \* the servers (1..N in traces; model values in models)
          Nil,          \* "no server" (0 in traces)
          MaxEpoch,     \* a leader proposes epochs up to MaxEpoch
          MaxTxns,      \* at most MaxTxns client requests in a behaviour
          MaxRestarts,  \* at most MaxRestarts crash-restarts in a behaviour
          MaxTimeouts   \* at most MaxTimeouts times a server gives up a live connection

ASSUME Nil \notin Server

LOOKING == "LOOKING"   FOLLOWING == "FOLLOWING"   LEADING == "LEADING"
ELECTION == "ELECTION"   DISCOVERY == "DISCOVERY"
SYNCHRONIZATION == "SYNCHRONIZATION"   BROADCAST == "BROADCAST"

IsQuorum(S) == 2 * Cardinality(S) > Cardinality(Server)

VARIABLES
  \* durable: kept by Restart
  history, currentEpoch, acceptedEpoch,
  \* volatile
  role, phase, leader, lastCommitted,
  \* volatile, leader bookkeeping
  cepochRecv, proposedEpoch, ackeRecv, ackldRecv, ackIndex,
  \* network: msgs[a][b] is the FIFO channel from a to b; conn[f] is the
  \* leader follower f holds a connection to (Nil: none)
  msgs, conn,
  \* environment: crash-restarts and timeouts (a follower leaving a live
  \* connection, a leader giving up) so far: partitions and message loss
  restarts, timeouts,
  \* ghosts (for the invariants only): every txn ever broadcast, the txns
  \* each server has delivered in order, and the established leaders
  proposed, delivered, established

durableVars == <<history, currentEpoch, acceptedEpoch>>
leaderVars  == <<cepochRecv, proposedEpoch, ackeRecv, ackldRecv, ackIndex>>
ghostVars   == <<proposed, delivered, established>>
vars == <<history, currentEpoch, acceptedEpoch, role, phase, leader, lastCommitted,
          leaderVars, msgs, conn, restarts, timeouts, ghostVars>>

-----------------------------------------------------------------------------
(* zxids and histories *)

ZxidLT(a, b) == a[1] < b[1] \/ (a[1] = b[1] /\ a[2] < b[2])
NoZxid == <<0, 0>>
LastZxid(h) == IF h = <<>> THEN NoZxid ELSE h[Len(h)].zxid
\* position of zxid z in history h, 0 if absent
IndexOf(h, z) == IF \E k \in 1..Len(h) : h[k].zxid = z
                   THEN CHOOSE k \in 1..Len(h) : h[k].zxid = z ELSE 0
Range(s) == {s[k] : k \in DOMAIN s}
Max(a, b) == IF a >= b THEN a ELSE b
Min(a, b) == IF a <= b THEN a ELSE b

\* delivering the first k txns of h: positions not delivered before are
\* appended to the ghost; positions delivered before are replays
Deliver(i, h, k) ==
  IF k > Len(delivered[i])
    THEN [delivered EXCEPT ![i] = @ \o SubSeq(h, Len(@) + 1, k)]
    ELSE delivered

-----------------------------------------------------------------------------
(* network helpers: each returns the new value of msgs *)

\* remove the head of the channel from a to b
Discard(ch, a, b) == [ch EXCEPT ![a][b] = Tail(@)]
\* send m from leader l to follower f (lost unless f is connected to l)
ToFollower(ch, l, f, m) == IF conn[f] = l THEN [ch EXCEPT ![l][f] = Append(@, m)] ELSE ch
\* send mf[f] from leader l to every follower f in S connected to l
ToFollowers(ch, l, S, mf) ==
  [a \in Server |-> [b \in Server |->
     IF a = l /\ b \in S /\ conn[b] = l THEN Append(ch[a][b], mf[b]) ELSE ch[a][b]]]
\* close every connection of server i: all its channels are emptied
CloseAll(ch, i) == [a \in Server |-> [b \in Server |->
                      IF a = i \/ b = i THEN <<>> ELSE ch[a][b]]]
ConnAfterClose(i) == [s \in Server |-> IF s = i \/ conn[s] = i THEN Nil ELSE conn[s]]
\* close the connection of follower f to leader l
CloseConn(ch, f, l) == [ch EXCEPT ![f][l] = <<>>, ![l][f] = <<>>]

Pending(a, b, type) == msgs[a][b] /= <<>> /\ Head(msgs[a][b]).type = type

-----------------------------------------------------------------------------
(* server state helpers *)

ResetLeaderVars(i) ==
  /\ cepochRecv'    = [cepochRecv EXCEPT ![i] = {}]
  /\ proposedEpoch' = [proposedEpoch EXCEPT ![i] = 0]
  /\ ackeRecv'      = [ackeRecv EXCEPT ![i] = {}]
  /\ ackldRecv'     = [ackldRecv EXCEPT ![i] = {}]
  /\ ackIndex'      = [ackIndex EXCEPT ![i] = [s \in Server |-> 0]]

GoLooking(i) ==
  /\ role'   = [role EXCEPT ![i] = LOOKING]
  /\ phase'  = [phase EXCEPT ![i] = ELECTION]
  /\ leader' = [leader EXCEPT ![i] = Nil]
  /\ ResetLeaderVars(i)

IsFollowerOf(f, l) == role[f] = FOLLOWING /\ leader[f] = l
IsLeading(l) == role[l] = LEADING

-----------------------------------------------------------------------------
Init ==
  /\ history       = [i \in Server |-> <<>>]
  /\ currentEpoch  = [i \in Server |-> 0]
  /\ acceptedEpoch = [i \in Server |-> 0]
  /\ role          = [i \in Server |-> LOOKING]
  /\ phase         = [i \in Server |-> ELECTION]
  /\ leader        = [i \in Server |-> Nil]
  /\ lastCommitted = [i \in Server |-> 0]
  /\ cepochRecv    = [i \in Server |-> {}]
  /\ proposedEpoch = [i \in Server |-> 0]
  /\ ackeRecv      = [i \in Server |-> {}]
  /\ ackldRecv     = [i \in Server |-> {}]
  /\ ackIndex      = [i \in Server |-> [s \in Server |-> 0]]
  /\ msgs          = [a \in Server |-> [b \in Server |-> <<>>]]
  /\ conn          = [i \in Server |-> Nil]
  /\ restarts      = 0
  /\ timeouts      = 0
  /\ proposed      = {}
  /\ delivered     = [i \in Server |-> <<>>]
  /\ established   = {}

-----------------------------------------------------------------------------
(* Phase 0, election: server i's election ends with leader j. A follower   *)
(* connects to j and sends FOLLOWERINFO (CEPOCH) at once.                  *)
ElectLeader(i, j) ==
  /\ role[i] = LOOKING
  /\ leader' = [leader EXCEPT ![i] = j]
  /\ phase'  = [phase EXCEPT ![i] = DISCOVERY]
  /\ IF j = i
       THEN /\ role' = [role EXCEPT ![i] = LEADING]
            /\ proposedEpoch' = [proposedEpoch EXCEPT ![i] = acceptedEpoch[i] + 1]
            /\ UNCHANGED <<msgs, conn>>
       ELSE /\ role' = [role EXCEPT ![i] = FOLLOWING]
            /\ conn' = [conn EXCEPT ![i] = j]
            /\ msgs' = [msgs EXCEPT ![i][j] = Append(@,
                          [type |-> "FOLLOWERINFO", from |-> i, to |-> j,
                           acceptedEpoch |-> acceptedEpoch[i]])]
            /\ UNCHANGED proposedEpoch
  /\ UNCHANGED <<durableVars, lastCommitted, cepochRecv, ackeRecv, ackldRecv, ackIndex,
                 restarts, timeouts, ghostVars>>

(* Phase 1, discovery. The leader counts FOLLOWERINFOs; at a quorum it     *)
(* proposes an epoch above every acceptedEpoch it heard of (getEpochToPropose). *)
LeaderProcessFOLLOWERINFO(l, f) ==
  /\ IsLeading(l)
  /\ Pending(f, l, "FOLLOWERINFO")
  /\ LET m == Head(msgs[f][l])
         chosen == acceptedEpoch[l] = proposedEpoch[l]
         recv == cepochRecv[l] \cup {f}
         pe == Max(proposedEpoch[l], m.acceptedEpoch + 1)
         NewEpoch(e) == [s \in Server |-> [type |-> "NEWEPOCH", from |-> l, to |-> s, epoch |-> e]]
         \* a new connection of f: forget what the leader knew of its old one
         fwd == IF phase[l] = DISCOVERY THEN ackeRecv[l] ELSE ackeRecv[l] \ {f}
     IN /\ ackeRecv' = [ackeRecv EXCEPT ![l] = fwd]
        /\ ackIndex' = [ackIndex EXCEPT ![l][f] = 0]
        /\ IF chosen
             THEN /\ msgs' = ToFollower(Discard(msgs, f, l), l, f, NewEpoch(acceptedEpoch[l])[f])
                  /\ UNCHANGED <<cepochRecv, proposedEpoch, acceptedEpoch>>
             ELSE /\ proposedEpoch' = [proposedEpoch EXCEPT ![l] = pe]
                  /\ IF IsQuorum(recv \cup {l})
                       THEN /\ pe <= MaxEpoch
                            /\ acceptedEpoch' = [acceptedEpoch EXCEPT ![l] = pe]
                            /\ cepochRecv' = [cepochRecv EXCEPT ![l] = {}]
                            /\ msgs' = ToFollowers(Discard(msgs, f, l), l, recv, NewEpoch(pe))
                       ELSE /\ cepochRecv' = [cepochRecv EXCEPT ![l] = recv]
                            /\ msgs' = Discard(msgs, f, l)
                            /\ UNCHANGED acceptedEpoch
  /\ UNCHANGED <<history, currentEpoch, role, phase, leader, lastCommitted, ackldRecv,
                 conn, restarts, timeouts, ghostVars>>

(* The follower accepts a new epoch (acks it), re-acknowledges the epoch it *)
(* already accepted with currentEpoch -1 (not counted), or gives up.       *)
FollowerProcessNEWEPOCH(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] = DISCOVERY
  /\ Pending(l, f, "NEWEPOCH")
  /\ LET e == Head(msgs[l][f]).epoch
         AckE(ce) == [type |-> "ACKEPOCH", from |-> f, to |-> l, currentEpoch |-> ce,
                      lastZxid |-> LastZxid(history[f])]
     IN IF e >= acceptedEpoch[f]
          THEN /\ acceptedEpoch' = [acceptedEpoch EXCEPT ![f] = e]
               /\ phase' = [phase EXCEPT ![f] = SYNCHRONIZATION]
               /\ msgs' = [Discard(msgs, l, f) EXCEPT ![f][l] = Append(@,
                             AckE(IF e > acceptedEpoch[f] THEN currentEpoch[f] ELSE -1))]
               /\ UNCHANGED <<role, leader, leaderVars, conn>>
          ELSE /\ GoLooking(f)
               /\ conn' = [conn EXCEPT ![f] = Nil]
               /\ msgs' = CloseConn(msgs, f, l)
               /\ UNCHANGED acceptedEpoch
  /\ UNCHANGED <<history, currentEpoch, lastCommitted, restarts, timeouts, ghostVars>>

(* The leader counts ACKEPOCHs; a follower ahead of it makes it give up     *)
(* (waitForEpochAck). At a quorum it takes the epoch (currentEpoch) and     *)
(* sends NEWLEADER with its history. A late follower gets NEWLEADER at once. *)
LeaderProcessACKEPOCH(l, f) ==
  /\ IsLeading(l)
  /\ Pending(f, l, "ACKEPOCH")
  /\ LET m == Head(msgs[f][l])
         ahead == \/ m.currentEpoch > currentEpoch[l]
                  \/ /\ m.currentEpoch = currentEpoch[l]
                     /\ ZxidLT(LastZxid(history[l]), m.lastZxid)
         recv == ackeRecv[l] \cup {f}
         NewLeader(e) == [s \in Server |-> [type |-> "NEWLEADER", from |-> l, to |-> s,
                                      epoch |-> e, history |-> history[l]]]
     IN \/ /\ phase[l] = DISCOVERY
           /\ m.currentEpoch /= -1
           /\ IF ahead
                THEN /\ GoLooking(l)
                     /\ msgs' = CloseAll(msgs, l)
                     /\ conn' = ConnAfterClose(l)
                     /\ UNCHANGED <<currentEpoch>>
                ELSE /\ ackeRecv' = [ackeRecv EXCEPT ![l] = recv]
                     /\ IF IsQuorum(recv \cup {l})
                          THEN /\ currentEpoch' = [currentEpoch EXCEPT ![l] = acceptedEpoch[l]]
                               /\ phase' = [phase EXCEPT ![l] = SYNCHRONIZATION]
                               /\ msgs' = ToFollowers(Discard(msgs, f, l), l, recv,
                                                      NewLeader(acceptedEpoch[l]))
                          ELSE /\ msgs' = Discard(msgs, f, l)
                               /\ UNCHANGED <<currentEpoch, phase>>
                     /\ UNCHANGED <<role, leader, cepochRecv, proposedEpoch, ackldRecv,
                                    ackIndex, conn>>
        \/ /\ phase[l] \in {SYNCHRONIZATION, BROADCAST}
           /\ ackeRecv' = [ackeRecv EXCEPT ![l] = recv]
           /\ msgs' = ToFollower(Discard(msgs, f, l), l, f, NewLeader(currentEpoch[l])[f])
           /\ UNCHANGED <<currentEpoch, role, phase, leader, cepochRecv, proposedEpoch,
                          ackldRecv, ackIndex, conn>>
  /\ UNCHANGED <<history, acceptedEpoch, lastCommitted, restarts, timeouts, ghostVars>>

(* Phase 2, synchronisation: the follower takes the epoch and the leader's *)
(* history (durably) and acknowledges NEWLEADER.                           *)
FollowerProcessNEWLEADER(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] = SYNCHRONIZATION
  /\ Pending(l, f, "NEWLEADER")
  /\ LET m == Head(msgs[l][f])
     IN /\ m.epoch = acceptedEpoch[f]
        /\ currentEpoch' = [currentEpoch EXCEPT ![f] = m.epoch]
        /\ history' = [history EXCEPT ![f] = m.history]
        /\ msgs' = [Discard(msgs, l, f) EXCEPT ![f][l] = Append(@,
                      [type |-> "ACKLD", from |-> f, to |-> l, zxid |-> <<m.epoch, 0>>])]
  /\ UNCHANGED <<acceptedEpoch, role, phase, leader, lastCommitted, leaderVars, conn,
                 restarts, timeouts, ghostVars>>

(* At a quorum of ACKLDs the leader is established: it delivers its whole  *)
(* (initial) history and sends COMMITLD (UPTODATE). A late follower gets    *)
(* COMMITLD with the leader's last committed zxid.                          *)
LeaderProcessACKLD(l, f) ==
  /\ IsLeading(l)
  /\ Pending(f, l, "ACKLD")
  /\ Head(msgs[f][l]).zxid[1] = currentEpoch[l]
  /\ LET recv == ackldRecv[l] \cup {f}
         h == history[l]
         CommitLD(z) == [s \in Server |-> [type |-> "COMMITLD", from |-> l, to |-> s, zxid |-> z]]
         committedZxid == IF lastCommitted[l] = 0 THEN NoZxid ELSE h[lastCommitted[l]].zxid
     IN \/ /\ phase[l] = SYNCHRONIZATION
           /\ IF IsQuorum(recv \cup {l})
                THEN LET dlv == Deliver(l, h, Len(h))
                     IN /\ ackldRecv' = [ackldRecv EXCEPT ![l] = {}]
                        /\ phase' = [phase EXCEPT ![l] = BROADCAST]
                        /\ lastCommitted' = [lastCommitted EXCEPT ![l] = Len(h)]
                        /\ delivered' = dlv
                        /\ established' = established \cup
                              {[epoch |-> currentEpoch[l], leader |-> l, dlv |-> Range(dlv[l])]}
                        /\ msgs' = ToFollowers(Discard(msgs, f, l), l, recv,
                                               CommitLD(LastZxid(h)))
                ELSE /\ ackldRecv' = [ackldRecv EXCEPT ![l] = recv]
                     /\ msgs' = Discard(msgs, f, l)
                     /\ UNCHANGED <<phase, lastCommitted, delivered, established>>
        \/ /\ phase[l] = BROADCAST
           /\ msgs' = ToFollower(Discard(msgs, f, l), l, f, CommitLD(committedZxid)[f])
           /\ UNCHANGED <<phase, lastCommitted, ackldRecv, delivered, established>>
  /\ UNCHANGED <<durableVars, role, leader, cepochRecv, proposedEpoch, ackeRecv, ackIndex,
                 conn, restarts, timeouts, proposed>>

FollowerProcessCOMMITLD(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] = SYNCHRONIZATION
  /\ currentEpoch[f] = acceptedEpoch[f]
  /\ Pending(l, f, "COMMITLD")
  /\ LET z == Head(msgs[l][f]).zxid
         k == Max(lastCommitted[f], IndexOf(history[f], z))
     IN /\ z = NoZxid \/ IndexOf(history[f], z) > 0
        /\ phase' = [phase EXCEPT ![f] = BROADCAST]
        /\ lastCommitted' = [lastCommitted EXCEPT ![f] = k]
        /\ delivered' = Deliver(f, history[f], k)
        /\ msgs' = Discard(msgs, l, f)
  /\ UNCHANGED <<durableVars, role, leader, leaderVars, conn, restarts, timeouts,
                 proposed, established>>

(* Phase 3, broadcast. The client request's value v labels the write; the *)
(* models name the k-th write k (LeaderProcessRequest), trace validation    *)
(* takes the label the implementation logged (TraceZabNext.tla): values    *)
(* are opaque to every action and invariant, txns differ by zxid.          *)
LeaderProcessRequestV(l, v) ==
  /\ IsLeading(l)
  /\ phase[l] = BROADCAST
  /\ Cardinality(proposed) < MaxTxns
  /\ LET last == LastZxid(history[l])
         counter == IF last[1] = currentEpoch[l] THEN last[2] + 1 ELSE 1
         txn == [zxid |-> <<currentEpoch[l], counter>>, value |-> v]
     IN /\ history' = [history EXCEPT ![l] = Append(@, txn)]
        /\ proposed' = proposed \cup {txn}
        /\ msgs' = ToFollowers(msgs, l, ackeRecv[l],
                     [s \in Server |-> [type |-> "PROPOSE", from |-> l, to |-> s,
                                        zxid |-> txn.zxid, value |-> txn.value]])
  /\ UNCHANGED <<currentEpoch, acceptedEpoch, role, phase, leader, lastCommitted, leaderVars,
                 conn, restarts, timeouts, delivered, established>>

LeaderProcessRequest(l) == LeaderProcessRequestV(l, Cardinality(proposed) + 1)

FollowerProcessPROPOSE(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] \in {SYNCHRONIZATION, BROADCAST}
  /\ Pending(l, f, "PROPOSE")
  /\ LET m == Head(msgs[l][f])
     IN /\ m.zxid[1] = currentEpoch[f]
        /\ history' = [history EXCEPT ![f] = Append(@, [zxid |-> m.zxid, value |-> m.value])]
        /\ msgs' = [Discard(msgs, l, f) EXCEPT ![f][l] = Append(@,
                      [type |-> "ACK", from |-> f, to |-> l, zxid |-> m.zxid])]
  /\ UNCHANGED <<currentEpoch, acceptedEpoch, role, phase, leader, lastCommitted, leaderVars,
                 conn, restarts, timeouts, ghostVars>>

(* The leader commits, in zxid order, every txn a quorum has acknowledged *)
(* (it counts itself) and sends one COMMIT for the highest of them.        *)
LeaderProcessACK(l, f) ==
  /\ IsLeading(l)
  /\ phase[l] = BROADCAST
  /\ Pending(f, l, "ACK")
  /\ LET z == Head(msgs[f][l]).zxid
         h == history[l]
         idx == IndexOf(h, z)
         ai == [ackIndex[l] EXCEPT ![f] = Max(@, idx)]
         Acked(k) == IsQuorum({s \in Server : ai[s] >= k} \cup {l})
         c == lastCommitted[l]
         newC == CHOOSE k \in c..Len(h) :
                   /\ \A j \in (c + 1)..k : Acked(j)
                   /\ (k < Len(h) => ~Acked(k + 1))
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

FollowerProcessCOMMIT(f, l) ==
  /\ IsFollowerOf(f, l)
  /\ phase[f] \in {SYNCHRONIZATION, BROADCAST}
  /\ Pending(l, f, "COMMIT")
  /\ LET idx == IndexOf(history[f], Head(msgs[l][f]).zxid)
         k == Max(lastCommitted[f], idx)
     IN /\ idx > 0
        /\ lastCommitted' = [lastCommitted EXCEPT ![f] = k]
        /\ delivered' = Deliver(f, history[f], k)
        /\ msgs' = Discard(msgs, l, f)
  /\ UNCHANGED <<durableVars, role, phase, leader, leaderVars, conn, restarts, timeouts,
                 proposed, established>>

-----------------------------------------------------------------------------
(* Failures. *)

(* A follower gives up on its leader (timeout, lost connection, partition, *)
(* protocol error) and goes back to election; its connection closes.       *)
(* Leaving a live connection counts as a timeout; noticing that the leader *)
(* closed it (conn[f] = Nil) does not.                                     *)
FollowerShutdown(f) ==
  /\ role[f] = FOLLOWING
  /\ GoLooking(f)
  /\ conn' = [conn EXCEPT ![f] = Nil]
  /\ IF conn[f] = Nil
       THEN UNCHANGED <<msgs, timeouts>>
       ELSE /\ timeouts < MaxTimeouts
            /\ timeouts' = timeouts + 1
            /\ msgs' = CloseConn(msgs, f, conn[f])
  /\ UNCHANGED <<durableVars, lastCommitted, restarts, ghostVars>>

(* A leader gives up leadership (it lost its quorum); its connections close. *)
LeaderShutdown(l) ==
  /\ IsLeading(l)
  /\ timeouts < MaxTimeouts
  /\ timeouts' = timeouts + 1
  /\ GoLooking(l)
  /\ msgs' = CloseAll(msgs, l)
  /\ conn' = ConnAfterClose(l)
  /\ UNCHANGED <<durableVars, lastCommitted, restarts, ghostVars>>

(* Crash and recovery: durable state kept, volatile state lost, connections closed. *)
Restart(i) ==
  /\ restarts < MaxRestarts
  /\ restarts' = restarts + 1
  /\ GoLooking(i)
  /\ lastCommitted' = [lastCommitted EXCEPT ![i] = 0]
  /\ msgs' = CloseAll(msgs, i)
  /\ conn' = ConnAfterClose(i)
  /\ UNCHANGED <<durableVars, timeouts, ghostVars>>

-----------------------------------------------------------------------------
Next ==
  \/ \E i, j \in Server : ElectLeader(i, j)
  \/ \E l, f \in Server : LeaderProcessFOLLOWERINFO(l, f)
  \/ \E f, l \in Server : FollowerProcessNEWEPOCH(f, l)
  \/ \E l, f \in Server : LeaderProcessACKEPOCH(l, f)
  \/ \E f, l \in Server : FollowerProcessNEWLEADER(f, l)
  \/ \E l, f \in Server : LeaderProcessACKLD(l, f)
  \/ \E f, l \in Server : FollowerProcessCOMMITLD(f, l)
  \/ \E l \in Server : LeaderProcessRequest(l)
  \/ \E f, l \in Server : FollowerProcessPROPOSE(f, l)
  \/ \E l, f \in Server : LeaderProcessACK(l, f)
  \/ \E f, l \in Server : FollowerProcessCOMMIT(f, l)
  \/ \E f \in Server : FollowerShutdown(f)
  \/ \E l \in Server : LeaderShutdown(l)
  \/ \E i \in Server : Restart(i)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants. A txn is [zxid, value]; delivered[i] is what server i has    *)
(* delivered, in order, over the whole behaviour (across its restarts).    *)

Txn == [zxid : (0..MaxEpoch) \X (0..MaxTxns), value : 1..MaxTxns]
Roles == {LOOKING, FOLLOWING, LEADING}
Phases == {ELECTION, DISCOVERY, SYNCHRONIZATION, BROADCAST}

TypeOK ==
  /\ \A i \in Server :
       /\ currentEpoch[i] \in 0..MaxEpoch /\ acceptedEpoch[i] \in 0..MaxEpoch
       /\ currentEpoch[i] <= acceptedEpoch[i]
       /\ role[i] \in Roles /\ phase[i] \in Phases
       /\ leader[i] \in Server \cup {Nil}
       /\ (role[i] = LEADING) <=> (leader[i] = i)
       /\ (role[i] = LOOKING) <=> (phase[i] = ELECTION)
       /\ Range(history[i]) \subseteq Txn
       /\ lastCommitted[i] \in 0..Len(history[i])
       /\ conn[i] \in Server \cup {Nil}
  /\ restarts \in 0..MaxRestarts /\ timeouts \in 0..MaxTimeouts
  \* nothing is in flight on a connection that does not exist
  /\ \A a, b \in Server : msgs[a][b] /= <<>> => (conn[a] = b \/ conn[b] = a)

Pos(s, x) == CHOOSE k \in DOMAIN s : s[k] = x

(* Integrity: a delivered txn was broadcast by some primary. *)
Integrity == \A i \in Server : Range(delivered[i]) \subseteq proposed

(* Total order: if some server delivers a before b, every server that      *)
(* delivers b delivers a, and delivers it before b.                        *)
TotalOrder ==
  \A i, j \in Server : \A k1, k2 \in DOMAIN delivered[i] :
    (k1 < k2 /\ delivered[i][k2] \in Range(delivered[j])) =>
      /\ delivered[i][k1] \in Range(delivered[j])
      /\ Pos(delivered[j], delivered[i][k1]) < Pos(delivered[j], delivered[i][k2])

(* Agreement: if i delivers a and j delivers b, then i delivers b or j     *)
(* delivers a (checked in every state: neither can be waiting for the     *)
(* other, since delivery is in one total order).                          *)
Agreement ==
  \A i, j \in Server : \A a \in Range(delivered[i]), b \in Range(delivered[j]) :
    a \in Range(delivered[j]) \/ b \in Range(delivered[i])

(* Local primary order: if a primary broadcasts a before b (same epoch,    *)
(* lower counter), a server that delivers b delivers a before b.           *)
LocalPrimaryOrder ==
  \A i \in Server : \A k \in DOMAIN delivered[i] : \A a \in proposed :
    LET b == delivered[i][k] IN
    (a.zxid[1] = b.zxid[1] /\ a.zxid[2] < b.zxid[2]) =>
      \E k1 \in 1..(k - 1) : delivered[i][k1] = a

(* Global primary order: a server that delivers a txn of an earlier primary *)
(* (lower epoch) and one of a later primary delivers the earlier first.    *)
GlobalPrimaryOrder ==
  \A i \in Server : \A k1, k2 \in DOMAIN delivered[i] :
    delivered[i][k1].zxid[1] < delivered[i][k2].zxid[1] => k1 < k2

(* Primary integrity: if the primary of epoch e broadcasts b and some      *)
(* server delivers a txn a of an earlier epoch, the primary of e delivered *)
(* a before it broadcast b (r.dlv: what it had delivered when it became    *)
(* established, before any broadcast of its own).                          *)
PrimaryIntegrity ==
  \A r \in established : \A b \in proposed :
    b.zxid[1] = r.epoch =>
      \A i \in Server : \A a \in Range(delivered[i]) :
        a.zxid[1] < r.epoch => a \in r.dlv

(* At most one established leader per epoch (and at most one leader per    *)
(* epoch that has taken it, i.e. is synchronising or broadcasting).        *)
OneLeaderPerEpoch ==
  /\ \A r1, r2 \in established : r1.epoch = r2.epoch => r1.leader = r2.leader
  /\ \A i, j \in Server :
       (/\ role[i] = LEADING /\ phase[i] \in {SYNCHRONIZATION, BROADCAST}
        /\ role[j] = LEADING /\ phase[j] \in {SYNCHRONIZATION, BROADCAST}
        /\ currentEpoch[i] = currentEpoch[j]) => i = j

(* A server that replays its log after a restart, or takes a new leader's  *)
(* history, never contradicts what it delivered before.                    *)
ReplayConsistency ==
  \A i \in Server :
    /\ lastCommitted[i] <= Len(history[i])
    /\ \A k \in 1..Min(lastCommitted[i], Len(delivered[i])) : history[i][k] = delivered[i][k]
=============================================================================
