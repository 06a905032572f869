---- MODULE Values ----
\* Every kind of value a counterexample can hold, to check their JSON form.
EXTENDS Naturals, Sequences
CONSTANTS Procs, Limit
VARIABLES n, set, rec, seq, fn, name, flag
Init == /\ n = 0
        /\ set = {}
        /\ rec = [round |-> 0, leader |-> CHOOSE p \in Procs : TRUE]
        /\ seq = << >>
        /\ fn = [p \in Procs |-> 0]
        /\ name = "start"
        /\ flag = FALSE
Tick(p) == /\ n < Limit
           /\ n' = n + 1
           /\ set' = set \cup {n}
           /\ rec' = [rec EXCEPT !.round = n + 1, !.leader = p]
           /\ seq' = Append(seq, <<p, n>>)
           /\ fn' = [fn EXCEPT ![p] = @ + 1]
           /\ name' = "tick"
           /\ flag' = ~flag
Next == \E p \in Procs : Tick(p)
Small == n < Limit
====
