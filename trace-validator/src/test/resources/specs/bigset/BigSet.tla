------------------------------- MODULE BigSet -------------------------------
(* A receive that draws its message from a constant set of 10^6 records   *)
(* and does not require it to be in a state variable (no m \in msgs): a    *)
(* partially logged message would make the engine enumerate the set.      *)
(* BoundedSearchTest: refused by --max-candidates instead of searched.    *)
EXTENDS Naturals, FiniteSets
CONSTANT Max
VARIABLE got
(* State-level (it names got), so TLC does not split Next over it. *)
Msgs == [type : {"x"}, a : 0..Max, b : 0..(Max + 0 * Cardinality(got))]
Init == got = {}
Recv(m) == /\ m.a < Max
           /\ got' = got \cup {m.a}
Next == \E m \in Msgs : Recv(m)
TypeOK == got \subseteq 0..Max
=============================================================================
