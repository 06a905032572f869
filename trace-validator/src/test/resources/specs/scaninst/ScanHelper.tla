------------------------------ MODULE ScanHelper -----------------------------
(* ExceptScanTest: a definition of another module that reads an EXCEPT result of its variable. *)
EXTENDS Naturals, Sequences
VARIABLE h
LenH == Len([h EXCEPT ![1] = 2])
=============================================================================
