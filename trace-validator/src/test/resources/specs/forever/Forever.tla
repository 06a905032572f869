------------------------------ MODULE Forever ------------------------------
(* A spec whose one action cannot be evaluated in any time: its guard    *)
(* tries the 2^60 subsets of 1..60 (no subset of 1..60 has 61 elements,  *)
(* but TLC only finds out by trying them all). For tests that need a       *)
(* validation still running (validate --timeout, progress, interruption). *)
EXTENDS Naturals, FiniteSets
CONSTANT K
VARIABLE x
Init == x = 0
Step == /\ \E S \in SUBSET (1..K) : Cardinality(S) = K + 1
        /\ x' = x + 1
Next == Step
TypeOK == x \in Nat
=============================================================================
