---------------------------- MODULE CASRegister ----------------------------
\* BROKEN VARIANT (CASIsPlainWrite): CAS replaced by a plain write: the last writer wins
\* TLC must report a violation of Agreement.
(***************************************************************************)
(* Seed notes 3.2.1: consensus with compare-and-swap. Thread t runs        *)
(*     CAS(X, None, v_t); decide read(X)                                   *)
(* where CAS is one atomic step: if X = None then X := v_t.                *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Threads              \* a finite set of positive integers; thread t proposes t
None == 0

VARIABLES X, pc, decision
vars == <<X, pc, decision>>

Init == /\ X = None
        /\ pc = [t \in Threads |-> "cas"]
        /\ decision = [t \in Threads |-> None]

CAS(t) == /\ pc[t] = "cas"
          /\ X' = t
          /\ pc' = [pc EXCEPT ![t] = "read"]
          /\ UNCHANGED decision

Read(t) == /\ pc[t] = "read"
           /\ decision' = [decision EXCEPT ![t] = X]
           /\ pc' = [pc EXCEPT ![t] = "done"]
           /\ UNCHANGED X

Next == \E t \in Threads : CAS(t) \/ Read(t)
Spec == Init /\ [][Next]_vars

Agreement == \A s, t \in Threads : decision[s] # None /\ decision[t] # None
                                     => decision[s] = decision[t]
WriteOnce == [][X # None => X' = X]_X
=============================================================================
