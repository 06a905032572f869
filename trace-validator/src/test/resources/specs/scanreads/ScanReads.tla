------------------------------ MODULE ScanReads ------------------------------
(* ExceptScanTest: each variable's EXCEPT result is read before the engine's fold in one way   *)
(* (the variable must be ruled out), except ok1..ok4, whose EXCEPT results are only stored into *)
(* their own primed variable (through IF, CASE, LET, an operator body).                      *)
EXTENDS Naturals, Sequences, ScanOps

VARIABLES ok1, ok2, ok3, ok4, lenRead, eqRead, primed, opArg, letCmp, inSet, inv, dom,
          chooseV, ctor, lambdaV, hoV, recV, atV, tupEq, inAssign

vars == <<ok1, ok2, ok3, ok4, lenRead, eqRead, primed, opArg, letCmp, inSet, inv, dom,
          chooseV, ctor, lambdaV, hoV, recV, atV, tupEq, inAssign>>

Init == /\ ok1 = <<0, 0>> /\ ok2 = <<0, 0>> /\ ok3 = <<0, 0>> /\ ok4 = <<0, 0>>
        /\ lenRead = <<0, 0>> /\ eqRead = <<0, 0>> /\ primed = <<0, 0>> /\ opArg = <<0, 0>>
        /\ letCmp = <<0, 0>> /\ inSet = <<0, 0>> /\ inv = <<0, 0>> /\ dom = <<0, 0>>
        /\ chooseV = <<0, 0>> /\ ctor = <<0, 0>> /\ lambdaV = <<0, 0>> /\ hoV = <<0, 0>>
        /\ recV = <<0, 0>> /\ atV = <<<<0, 0>>>> /\ tupEq = <<0, 0>> /\ inAssign = <<0, 0>>

LenOf(s) == Len(s)
Apply(F(_), x) == F(x)
LenX(x) == Len([hoV EXCEPT ![1] = x])
RECURSIVE R(_)
R(n) == IF n = 0 THEN Len([recV EXCEPT ![1] = 2]) ELSE R(n - 1)

Stores ==
  /\ ok1' = [ok1 EXCEPT ![1] = 1]
  /\ ok2' = IF ok1[1] = 0 THEN [ok2 EXCEPT ![1] = 1] ELSE ok2
  /\ ok3' = CASE ok1[2] = 0 -> LET i == 1 IN [ok3 EXCEPT ![i] = 2] [] OTHER -> ok3
  /\ ok4' = Bump(ok4)
  /\ UNCHANGED <<lenRead, eqRead, primed, opArg, letCmp, inSet, inv, dom, chooseV, ctor,
                 lambdaV, hoV, recV, atV, tupEq, inAssign>>

Reads ==
  /\ Len([lenRead EXCEPT ![1] = 2]) = 2
  /\ [eqRead EXCEPT ![1] = 2] = <<2, 0>>
  /\ primed' = [primed EXCEPT ![1] = 2] /\ primed'[1] = 2
  /\ LenOf([opArg EXCEPT ![1] = 2]) = 2
  /\ LET g == [letCmp EXCEPT ![1] = 2] IN g = <<2, 0>>
  /\ {[inSet EXCEPT ![1] = 2]} # {}
  /\ DOMAIN [dom EXCEPT ![1] = 2] = 1..2
  /\ (CHOOSE x \in {1} : [chooseV EXCEPT ![1] = x] = <<1, 0>>) = 1
  /\ [i \in 1..2 |-> [ctor EXCEPT ![1] = 2][i]] = <<2, 0>>
  /\ Apply(LAMBDA x : Len([lambdaV EXCEPT ![1] = x]), 2) = 2
  /\ Apply(LenX, 2) = 2
  /\ R(1) = 2
  (* @ in a later clause is the earlier clause's (pending) EXCEPT result on atV[1] *)
  /\ atV' = [atV EXCEPT ![1][1] = 5, ![1] = <<Head(@), 9>>]
  (* an assigned tupEq' tested against an EXCEPT result: TupleValue.equals(lambda) *)
  /\ tupEq' = <<5, 5>> /\ tupEq' = [tupEq EXCEPT ![1] = 7]
  /\ inAssign' \in {[inAssign EXCEPT ![1] = 2]}
  /\ UNCHANGED <<ok1, ok2, ok3, ok4, lenRead, eqRead, opArg, letCmp, inSet, inv, dom, chooseV,
                 ctor, lambdaV, hoV, recV>>

Next == Stores \/ Reads

(* an invariant reads inv's EXCEPT result *)
Inv == [inv EXCEPT ![1] = 2] # <<>>
=============================================================================
