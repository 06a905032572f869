------------------------------- MODULE Ticket -------------------------------
(* Concurrent events that do not commute: each Take hands out the next number of a shared
   counter. For the causal-merge tests: only the order in which the takes really happened is
   accepted, whatever their clock sums or timestamps say. *)
EXTENDS Naturals

CONSTANTS N

VARIABLES next, ticket, local

Init == next = 1 /\ ticket = [n \in 1..N |-> 0] /\ local = [n \in 1..N |-> 0]

Take(n) ==
  /\ ticket[n] = 0
  /\ ticket' = [ticket EXCEPT ![n] = next]
  /\ next' = next + 1
  /\ UNCHANGED local

Work(n) ==
  /\ local' = [local EXCEPT ![n] = @ + 1]
  /\ UNCHANGED <<next, ticket>>

Next == \E n \in 1..N : Take(n) \/ Work(n)
=============================================================================
