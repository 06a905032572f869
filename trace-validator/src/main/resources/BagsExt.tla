------------------------------ MODULE BagsExt ------------------------------
(***************************************************************************)
(* tlaconform's BagsExt module: adding and removing single copies, and     *)
(* folds over bags, with the semantics of the community module of this     *)
(* name. A bag is a function from its elements to their (positive) counts, *)
(* as in the standard Bags module.                                         *)
(*                                                                         *)
(* MapThenFoldBag takes the elements in the order choose picks them from   *)
(* DOMAIN B, each as many times as B counts it, and threads the            *)
(* accumulator as op's FIRST operand: op(...op(op(base, f(x1)), f(x1))...) *)
(* as the community's FoldBag override does. The Java overrides in         *)
(* tlaconform's tlc2.overrides.TLCOverrides are tested equal to these      *)
(* definitions.                                                            *)
(***************************************************************************)
LOCAL INSTANCE Bags
LOCAL INSTANCE Integers
LOCAL INSTANCE FiniteSets

\* B with one more copy of x.
BagAdd(B, x) ==
  IF x \in DOMAIN B
  THEN [e \in DOMAIN B |-> IF e = x THEN B[e] + 1 ELSE B[e]]
  ELSE [e \in DOMAIN B \cup {x} |-> IF e = x THEN 1 ELSE B[e]]

\* B with one copy of x less (B itself if x is not in B).
BagRemove(B, x) ==
  IF x \in DOMAIN B
  THEN IF B[x] = 1
       THEN [e \in DOMAIN B \ {x} |-> B[e]]
       ELSE [e \in DOMAIN B |-> IF e = x THEN B[e] - 1 ELSE B[e]]
  ELSE B

\* B without any copy of x.
BagRemoveAll(B, x) == [e \in DOMAIN B \ {x} |-> B[e]]

MapThenFoldBag(op(_,_), base, f(_), choose(_), B) ==
  LET n == Cardinality(DOMAIN B)
      \* the elements of DOMAIN B still to fold after k of them, and the accumulator
      it[k \in 0..n] ==
        IF k = 0 THEN <<DOMAIN B, base>>
        ELSE LET rest == it[k-1][1]
                 x    == choose(rest)
                 rep[j \in 0..B[x]] == IF j = 0 THEN it[k-1][2] ELSE op(rep[j-1], f(x))
             IN  <<rest \ {x}, rep[B[x]]>>
  IN  it[n][2]

FoldBag(op(_,_), base, B) ==
  MapThenFoldBag(op, base, LAMBDA x : x, LAMBDA S : CHOOSE x \in S : TRUE, B)

SumBag(B) == FoldBag(LAMBDA x, y : x + y, 0, B)

ProductBag(B) == FoldBag(LAMBDA x, y : x * y, 1, B)

=============================================================================
