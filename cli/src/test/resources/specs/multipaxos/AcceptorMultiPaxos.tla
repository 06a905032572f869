------------------------- MODULE AcceptorMultiPaxos -------------------------
(* Test fixture of the conform command: only the acceptor side of Multi-Paxos
   (specs/multipaxos/EVENTS.md: maxBal and the per-slot votes aVotes, durable across Restart).
   Leader and learner steps are stutter steps here. The real spec is specs/multipaxos; this one
   keeps the cli tests independent of it. *)
EXTENDS Integers, Sequences

CONSTANTS N, Commands, MaxBallot, MaxSlot

Nodes == 1..N
Ballots == 0..MaxBallot
Slots == 1..MaxSlot
Vals == Commands \cup {"noop"}
NoVote == [mbal |-> -1, mval |-> ""]

VARIABLES maxBal, aVotes
vars == <<maxBal, aVotes>>

Init == /\ maxBal = [n \in Nodes |-> -1]
        /\ aVotes = [n \in Nodes |-> [s \in Slots |-> NoVote]]

ClientRequest(n) == UNCHANGED vars
Phase1a(n) == UNCHANGED vars
HandlePromise(n) == UNCHANGED vars
BecomeLeader(n) == UNCHANGED vars
Phase2a(n) == UNCHANGED vars
Learn(n) == UNCHANGED vars
Restart(n) == UNCHANGED vars

Phase1b(a, b) == /\ b > maxBal[a]
                 /\ maxBal' = [maxBal EXCEPT ![a] = b]
                 /\ UNCHANGED aVotes

Phase2b(a, b, s, v) == /\ b >= maxBal[a]
                       /\ maxBal' = [maxBal EXCEPT ![a] = b]
                       /\ aVotes' = [aVotes EXCEPT ![a][s] = [mbal |-> b, mval |-> v]]

Next == \E n \in Nodes :
          \/ ClientRequest(n) \/ Phase1a(n) \/ HandlePromise(n) \/ BecomeLeader(n) \/ Phase2a(n)
          \/ Learn(n) \/ Restart(n)
          \/ \E b \in Ballots : \/ Phase1b(n, b)
                                \/ \E s \in Slots, v \in Vals : Phase2b(n, b, s, v)

VotesBelowPromise == \A n \in Nodes, s \in Slots : aVotes[n][s].mbal <= maxBal[n]
=============================================================================
