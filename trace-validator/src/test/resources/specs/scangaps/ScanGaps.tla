------------------------------- MODULE ScanGaps ------------------------------
(* ExceptScanTest, end to end: two reads of an EXCEPT result before the engine's fold that the  *)
(* scan once missed. Tup: t' is assigned a tuple, then tested against an EXCEPT result          *)
(* (TLC: TupleValue.equals(lambda) goes through toTuple, which ignores pending EXCEPTs). At: @  *)
(* in a later clause is the earlier clause's pending EXCEPT result on a[1], read by Head.       *)
EXTENDS Naturals, Sequences
VARIABLES t, a
Init == t = <<5, 5>> /\ a = <<<<0, 0>>>>
Tup == t' = <<5, 5>> /\ t' = [t EXCEPT ![1] = 7] /\ UNCHANGED a
At == a' = [a EXCEPT ![1][1] = 5, ![1] = <<Head(@), 9>>] /\ UNCHANGED t
Next == Tup \/ At
=============================================================================
