---------------------------- MODULE AcceptorPaxos ----------------------------
(* Test fixture of the conform command: only the acceptor side of single-decree Paxos
   (specs/paxos/EVENTS.md: maxBal, maxVBal, maxVal, durable across Restart). Proposer and
   learner steps are stutter steps here, so simulator traces of the real implementation are
   accepted, and a trace whose acceptor state is tampered with is rejected. The real spec is
   specs/paxos; this one keeps the cli tests independent of it. *)
EXTENDS Integers

CONSTANTS N, Values, MaxBallot

Nodes == 1..N
Ballots == 0..MaxBallot

VARIABLES maxBal, maxVBal, maxVal
vars == <<maxBal, maxVBal, maxVal>>

Init == /\ maxBal = [n \in Nodes |-> -1]
        /\ maxVBal = [n \in Nodes |-> -1]
        /\ maxVal = [n \in Nodes |-> ""]

ClientRequest(n) == UNCHANGED vars
Phase1a(n) == UNCHANGED vars
HandlePromise(n) == UNCHANGED vars
Phase2a(n) == UNCHANGED vars
Learn(n) == UNCHANGED vars
Restart(n) == UNCHANGED vars

Phase1b(a, b) == /\ b > maxBal[a]
                 /\ maxBal' = [maxBal EXCEPT ![a] = b]
                 /\ UNCHANGED <<maxVBal, maxVal>>

Phase2b(a, b, v) == /\ b >= maxBal[a]
                    /\ maxBal' = [maxBal EXCEPT ![a] = b]
                    /\ maxVBal' = [maxVBal EXCEPT ![a] = b]
                    /\ maxVal' = [maxVal EXCEPT ![a] = v]

Next == \E n \in Nodes :
          \/ ClientRequest(n) \/ Phase1a(n) \/ HandlePromise(n) \/ Phase2a(n) \/ Learn(n) \/ Restart(n)
          \/ \E b \in Ballots : \/ Phase1b(n, b)
                                \/ \E v \in Values : Phase2b(n, b, v)

PromiseKept == \A n \in Nodes : maxVBal[n] <= maxBal[n]
=============================================================================
