--------------------------- MODULE MCZabTraceForms ---------------------------
(* MCZab's models, checking that the validation forms and step forms of     *)
(* ZabTraceForms.tla agree with Zab's actions and invariants.               *)
EXTENDS MCZab, ZabTraceForms

(* The model's histories are at most 2 txns long, too short to take the    *)
(* binary searches past their first step: they are also checked, once, on  *)
(* every history of up to 6 txns sorted by zxid over 2 epochs, skipping    *)
(* counters (the first guess of TraceIndexOf then misses), for every zxid  *)
(* in or around them.                                                      *)
RECURSIVE Sorted(_)
Sorted(S) == IF S = {} THEN <<>>
             ELSE LET m == CHOOSE x \in S : \A y \in S : ~ZxidLT(y, x) IN <<m>> \o Sorted(S \ {m})
AsHistory(zs) == [k \in 1..Len(zs) |-> [zxid |-> zs[k], value |-> 1]]
FirstAbove(h, z) ==
  IF \E k \in 1..Len(h) : ZxidLT(z, h[k].zxid)
    THEN CHOOSE k \in 1..Len(h) : ZxidLT(z, h[k].zxid) /\ \A j \in 1..(k - 1) : ~ZxidLT(z, h[j].zxid)
    ELSE Len(h) + 1
SearchesOK ==
  \A S \in SUBSET ((1..2) \X (1..3)) :
    LET h == AsHistory(Sorted(S)) IN
    \A z \in (0..3) \X (0..4) :
      /\ TraceIndexOf(h, z) = IndexOf(h, z)
      /\ AboveFrom(h, z, 1, Len(h)) = FirstAbove(h, z)
ASSUME SearchesOK
=============================================================================
