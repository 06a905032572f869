---- MODULE Counter ----
\* Two bounded counters that reset together: (N+1)^2 reachable states, no deadlock.
EXTENDS Naturals
CONSTANT N
VARIABLES x, y
Init == x = 0 /\ y = 0
IncX == x < N /\ x' = x + 1 /\ UNCHANGED y
IncY == y < N /\ y' = y + 1 /\ UNCHANGED x
Reset == x = N /\ y = N /\ x' = 0 /\ y' = 0
Next == IncX \/ IncY \/ Reset
TypeOK == x \in 0..N /\ y \in 0..N
====
