---- MODULE Deadlock ----
\* Counts to 3 and stops: TLC reports a deadlock in state x = 3.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Step == x < 3 /\ x' = x + 1
Next == Step
====
