---- MODULE Liveness ----
\* x toggles forever without fairness, so "eventually x = 2" fails on a lasso.
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = 1 - x
Spec == Init /\ [][Next]_x /\ WF_x(Next)
Reaches2 == <>(x = 2)
====
