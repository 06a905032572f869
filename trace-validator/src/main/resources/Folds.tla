------------------------------- MODULE Folds -------------------------------
(***************************************************************************)
(* tlaconform's Folds module: the generic fold over a finite set that the  *)
(* community modules (FiniteSetsExt, Functions, SequencesExt, BagsExt)     *)
(* build on, with the semantics of the community's Folds module.           *)
(*                                                                         *)
(* A Java override (tlaconform's tlc2.overrides.TLCOverrides) computes the *)
(* same value without building the recursive function over SUBSET S; it   *)
(* is tested equal to this definition.                                     *)
(***************************************************************************)

(***************************************************************************)
(* MapThenFoldSet(op, base, f, choose, S) takes the elements of S one at a *)
(* time in the order choose picks them (x1 = choose(S), x2 =               *)
(* choose(S \ {x1}), ...) and equals                                       *)
(*     op(f(x1), op(f(x2), ... op(f(xn), base) ...))                       *)
(* For an op that is associative and commutative the order does not       *)
(* matter.                                                                 *)
(***************************************************************************)
MapThenFoldSet(op(_,_), base, f(_), choose(_), S) ==
  LET fold[rest \in SUBSET S] ==
        IF rest = {} THEN base
        ELSE LET x == choose(rest)
             IN  op(f(x), fold[rest \ {x}])
  IN  fold[S]

=============================================================================
