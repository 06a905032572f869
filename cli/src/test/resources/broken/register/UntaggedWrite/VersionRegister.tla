--------------------------- MODULE VersionRegister --------------------------
\* BROKEN VARIANT (UntaggedWrite): atomic V, but the register accepts a write whatever V is (C2 not enforced)
\* TLC must report a violation of Agreement.
(***************************************************************************)
(* Seed notes 3.2.2: the lock-less procedure with a version register V.   *)
(* Thread t holds the pre-assigned, unique sequence number t and runs      *)
(*                                                                         *)
(*     if read(V) > t: return            \* a later transaction started    *)
(*     write(V, t)                                                         *)
(*     if read(X) is not set:                                              *)
(*         write(X, v_t)                 \* a tagged write: the register   *)
(*                                       \* refuses it if V > t (C2)       *)
(*     decide read(X)                                                      *)
(*                                                                         *)
(* AtomicV = TRUE: "if read(V) > t return; write(V, t)" is ONE atomic step *)
(* (V only grows, like a Paxos acceptor's promise in Phase1b).            *)
(* AtomicV = FALSE: reading V and writing V are two steps (the seed's      *)
(* question): TLC finds a behaviour that breaks Agreement (README.md).     *)
(*                                                                         *)
(* The write of X checks V at the register in one step, as C2 asks ("k < n *)
(* then we can prevent the write"), the way a Paxos acceptor checks its    *)
(* promise in Phase2b; a thread whose write is refused aborts (decides     *)
(* nothing), as does one that sees a higher V.                            *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS Threads,            \* a finite set of positive integers; thread t proposes t
          AtomicV             \* TRUE: read-and-write V is one step
None == 0

VARIABLES X, V, pc, decision
vars == <<X, V, pc, decision>>

PCs == {"readV", "writeV", "readX", "writeX", "decide", "done", "aborted"}

Init == /\ X = None /\ V = 0
        /\ pc = [t \in Threads |-> "readV"]
        /\ decision = [t \in Threads |-> None]

Goto(t, l) == pc' = [pc EXCEPT ![t] = l]

(* AtomicV: check and set V in one step. *)
CheckAndSetV(t) == /\ AtomicV /\ pc[t] = "readV"
                   /\ IF V > t THEN /\ Goto(t, "aborted") /\ UNCHANGED V
                               ELSE /\ V' = t /\ Goto(t, "readX")
                   /\ UNCHANGED <<X, decision>>

(* ~AtomicV: read V, then (later) write it. *)
ReadV(t) == /\ ~AtomicV /\ pc[t] = "readV"
            /\ Goto(t, IF V > t THEN "aborted" ELSE "writeV")
            /\ UNCHANGED <<X, V, decision>>
WriteV(t) == /\ pc[t] = "writeV"
             /\ V' = t /\ Goto(t, "readX")
             /\ UNCHANGED <<X, decision>>

ReadX(t) == /\ pc[t] = "readX"
            /\ Goto(t, IF X = None THEN "writeX" ELSE "decide")
            /\ UNCHANGED <<X, V, decision>>

(* The tagged write: the register refuses it when a later transaction tagged V. *)
WriteX(t) == /\ pc[t] = "writeX"
             /\ X' = t /\ Goto(t, "decide")
             /\ UNCHANGED <<V, decision>>

Decide(t) == /\ pc[t] = "decide"
             /\ decision' = [decision EXCEPT ![t] = X]
             /\ Goto(t, "done")
             /\ UNCHANGED <<X, V>>

Next == \E t \in Threads : CheckAndSetV(t) \/ ReadV(t) \/ WriteV(t) \/ ReadX(t)
                           \/ WriteX(t) \/ Decide(t)
Spec == Init /\ [][Next]_vars

Agreement == \A s, t \in Threads : decision[s] # None /\ decision[t] # None
                                     => decision[s] = decision[t]
WriteOnce == [][X # None => X' = X]_X
(* Why the atomic variant is safe: V never goes down. *)
VMonotone == [][V' >= V]_V
=============================================================================
