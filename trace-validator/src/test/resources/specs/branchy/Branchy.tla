------------------------------- MODULE Branchy -------------------------------
(* For ActionBranchesTest: an action whose definition is a disjunction (TLC splits it into two
   sub-actions), an IF among the conjuncts of one disjunct, and a guard written as a disjunction
   inside a definition the action applies. *)
EXTENDS Naturals

VARIABLES x, mode

Init == x = 0 /\ mode = "up"

Low == \/ x < 2
       \/ x > 5

Tick == \/ /\ mode = "up"
           /\ IF x = 2 THEN mode' = "down" ELSE mode' = "up"
           /\ x' = x + 1
        \/ /\ mode = "down"
           /\ x' = x - 1
           /\ UNCHANGED mode

Reset == /\ Low
         /\ x' = 0
         /\ mode' = "up"

Next == Tick \/ Reset
=============================================================================
