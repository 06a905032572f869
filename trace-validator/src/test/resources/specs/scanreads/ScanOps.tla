------------------------------- MODULE ScanOps -------------------------------
(* ExceptScanTest: an operator of an extended module whose EXCEPT result is stored by its caller. *)
Bump(s) == [s EXCEPT ![2] = 1]
=============================================================================
