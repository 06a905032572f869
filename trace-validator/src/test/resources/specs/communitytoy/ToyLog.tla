------------------------------- MODULE ToyLog -------------------------------
(* A spec that uses community modules, for validate's module path test. *)
EXTENDS Naturals, Sequences, SequencesExt, FiniteSetsExt

CONSTANTS N, MaxLen

VARIABLE log

Init == log = [n \in 1..N |-> <<>>]

Write(n, v) ==
  /\ Len(log[n]) < MaxLen
  /\ log' = [log EXCEPT ![n] = Append(@, v)]

Next == \E n \in 1..N : \E v \in 1..5 : Write(n, v)

\* The largest entry of each node's log, computed two ways (community operators).
LargestAgrees ==
  \A n \in 1..N : log[n] # <<>> =>
    Max(ToSet(log[n])) = FoldLeft(LAMBDA a, b : IF a > b THEN a ELSE b, 0, log[n])

\* Violated once a log holds a 5 (for the rejection test).
NoFive == \A n \in 1..N : ~Contains(log[n], 5)
=============================================================================
