------------------------------- MODULE ScanInst ------------------------------
(* ExceptScanTest: an EXCEPT result read through an INSTANCE (every variable ruled out). *)
EXTENDS Naturals, Sequences
VARIABLES instV, other
I == INSTANCE ScanHelper WITH h <- instV
Init == instV = <<0, 0>> /\ other = <<0, 0>>
Next == I!LenH = 2 /\ other' = [other EXCEPT ![1] = 1] /\ UNCHANGED instV
=============================================================================
