---- MODULE Assertion ----
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == /\ x < 5
        /\ Assert(x < 2, "x grew past 1")
        /\ x' = x + 1
====
