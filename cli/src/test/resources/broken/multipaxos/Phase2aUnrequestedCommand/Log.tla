-------------------------------- MODULE Log --------------------------------
(***************************************************************************)
(* A replicated log as a spec: slots that start empty ("") and are each    *)
(* written once, in any order, and never change afterwards. MultiPaxos     *)
(* refines it (MultiPaxos.tla, LogRefined) with log <- the chosen log.     *)
(***************************************************************************)
CONSTANTS Values, Slots
VARIABLE log

Empty == ""

TypeOK == log \in [Slots -> Values \cup {Empty}]

Init == log = [s \in Slots |-> Empty]

Append(s, v) == /\ log[s] = Empty
                /\ log' = [log EXCEPT ![s] = v]

Next == \E s \in Slots, v \in Values : Append(s, v)

Spec == Init /\ [][Next]_log
=============================================================================
