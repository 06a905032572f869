---------------------------- MODULE LockRegister ----------------------------
\* BROKEN VARIANT (WriteWithoutRead): a thread writes without checking that the register is unset
\* TLC must report a violation of WriteOnce.
(***************************************************************************)
(* Seed notes 3.1: consensus on one shared register X with a global lock.  *)
(* Every thread t runs, each line one atomic step:                         *)
(*     acquire(lock); if read(X) is not set: write(X, v_t); release(lock)  *)
(* and decides the register's value it read, or its own value it wrote.    *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Threads              \* a finite set of positive integers; thread t proposes t
None == 0                     \* the register is not set

VARIABLES X, lock, pc, decision
vars == <<X, lock, pc, decision>>

Init == /\ X = None /\ lock = None
        /\ pc = [t \in Threads |-> "acquire"]
        /\ decision = [t \in Threads |-> None]

Acquire(t) == /\ pc[t] = "acquire" /\ lock = None
              /\ lock' = t /\ pc' = [pc EXCEPT ![t] = "read"]
              /\ UNCHANGED <<X, decision>>

Read(t) == /\ pc[t] = "read"
           /\ IF TRUE
                THEN /\ pc' = [pc EXCEPT ![t] = "write"] /\ UNCHANGED decision
                ELSE /\ pc' = [pc EXCEPT ![t] = "release"]
                     /\ decision' = [decision EXCEPT ![t] = X]
           /\ UNCHANGED <<X, lock>>

Write(t) == /\ pc[t] = "write"
            /\ X' = t /\ decision' = [decision EXCEPT ![t] = t]
            /\ pc' = [pc EXCEPT ![t] = "release"]
            /\ UNCHANGED lock

Release(t) == /\ pc[t] = "release"
              /\ lock' = None /\ pc' = [pc EXCEPT ![t] = "done"]
              /\ UNCHANGED <<X, decision>>

Next == \E t \in Threads : Acquire(t) \/ Read(t) \/ Write(t) \/ Release(t)
Spec == Init /\ [][Next]_vars

(* Consensus: every thread that decided, decided the same proposed value. *)
Agreement == \A s, t \in Threads : decision[s] # None /\ decision[t] # None
                                     => decision[s] = decision[t]
(* R1: once the register is set it never changes. *)
WriteOnce == [][X # None => X' = X]_X
(* The lock is what makes it work: only the holder is between read and release. *)
MutualExclusion == \A t \in Threads : pc[t] \in {"read", "write", "release"} => lock = t
=============================================================================
