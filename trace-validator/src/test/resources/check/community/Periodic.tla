------------------------------ MODULE Periodic ------------------------------
(* _PERIODIC, which newer TLC evaluates at every progress report, and TLC 2.18 ignores. *)
EXTENDS Naturals, TLC

VARIABLE x

Init == x = 0
Next == x < 400000 /\ x' = x + 1

_PERIODIC == PrintT(<<"periodic", TLCGet("distinct") > 0>>)
=============================================================================
