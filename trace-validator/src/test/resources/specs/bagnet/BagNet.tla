------------------------------- MODULE BagNet -------------------------------
(***************************************************************************)
(* tlaconform's own fixture for foreign logs (docs/validate.md, "A system's *)
(* own log"): nodes send values over a network that is a bag (duplicates   *)
(* counted), receive them into a per-node log, and count what was sent.   *)
(***************************************************************************)
EXTENDS Integers, Sequences, Bags

CONSTANT N
Node == 1 .. N
Val == 0 .. 3

VARIABLES net, log, sent
vars == <<net, log, sent>>

Init == /\ net = EmptyBag
        /\ log = [n \in Node |-> <<>>]
        /\ sent = 0

Send(i, v) == /\ sent < 6
              /\ net' = net (+) SetToBag({[from |-> i, val |-> v]})
              /\ sent' = sent + 1
              /\ UNCHANGED log

Recv(i, m) == /\ m.from # i
              /\ net' = net (-) SetToBag({m})
              /\ log' = [log EXCEPT ![i] = Append(@, m.val)]
              /\ UNCHANGED sent

Next == \E i \in Node : \/ \E v \in Val : Send(i, v)
                        \/ \E m \in BagToSet(net) : Recv(i, m)

TypeOK == sent \in 0 .. 6
=============================================================================
