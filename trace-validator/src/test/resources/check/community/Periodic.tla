------------------------------ MODULE Periodic ------------------------------
(* _PERIODIC, which newer TLC evaluates at every progress report, and TLC 2.18 ignores.
   The counter never stops, so a progress report comes however fast the machine is; the test
   stops the check once _PERIODIC has printed. *)
EXTENDS Naturals, TLC

VARIABLE x

Init == x = 0
Next == x' = x + 1

_PERIODIC == PrintT(<<"periodic", TLCGet("distinct") > 0>>)
=============================================================================
