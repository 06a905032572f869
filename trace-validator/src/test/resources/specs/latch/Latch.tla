-------------------------------- MODULE Latch --------------------------------
(* For the causal-merge tests: a latch that one node opens and another node's last step needs
   closed. The order the causal search tries first (smallest clock sum, node 1 first) opens it at
   once, so only the end of the other node's run shows the order wrong: the search must backtrack
   from the end of the path to its first levels. *)
EXTENDS Naturals

CONSTANTS N

VARIABLES open, count

Init == open = FALSE /\ count = [n \in 1..N |-> 0]

Open(n) ==
  /\ open' = TRUE
  /\ UNCHANGED count

Step(n) ==
  /\ count' = [count EXCEPT ![n] = @ + 1]
  /\ UNCHANGED open

Final(n) ==
  /\ ~open
  /\ count' = [count EXCEPT ![n] = @ + 1]
  /\ UNCHANGED open

Next == \E n \in 1..N : Open(n) \/ Step(n) \/ Final(n)
=============================================================================
