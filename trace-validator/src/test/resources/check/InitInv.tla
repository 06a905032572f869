---- MODULE InitInv ----
\* Init allows x = 7, which breaks Small at once; Grows fails on the first step 7 -> 2.
EXTENDS Naturals
VARIABLE x
Init == x \in {0, 7}
Next == x' = (x + 1) % 3
Small == x < 5
Grows == [][x' > x]_x
Spec == Init /\ [][Next]_x
====
