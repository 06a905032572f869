--------------------------- MODULE FiniteSetsExt ---------------------------
(***************************************************************************)
(* tlaconform's FiniteSetsExt module: folds, sums, Max/Min and counting    *)
(* over finite sets, with the semantics of the community module of this    *)
(* name. FoldSet takes the elements in TLC's order of values, the element  *)
(* as op's first operand (see Functions.tla); the Java overrides in        *)
(* tlaconform's tlc2.overrides.TLCOverrides are tested equal to these      *)
(* definitions.                                                            *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Folds, Functions

\* op(xn, ... op(x2, op(x1, base))) for x1, ..., xn the elements of set in TLC's order.
FoldSet(op(_,_), base, set) == FoldFunctionOnSet(op, base, [x \in set |-> x], set)

SumSet(set) == FoldSet(+, 0, set)

ProductSet(set) == FoldSet(LAMBDA x, y : x * y, 1, set)

\* FoldSet with the accumulator last (the community's argument order).
ReduceSet(op(_,_), set, acc) == FoldSet(op, acc, set)

\* The sum of op(x) over the elements x of set.
MapThenSumSet(op(_), set) == FoldFunctionOnSet(+, 0, [x \in set |-> op(x)], set)

FlattenSet(S) == UNION S

SymDiff(A, B) == (A \ B) \cup (B \ A)

\* How many elements of S satisfy P.
Quantify(S, P(_)) == Cardinality({s \in S : P(s)})

\* The subsets of S with k elements.
kSubset(k, S) == {s \in SUBSET S : Cardinality(s) = k}

\* The largest (smallest) integer of a non-empty set of integers.
Max(S) == CHOOSE x \in S : \A y \in S : x >= y
Min(S) == CHOOSE x \in S : \A y \in S : x =< y

\* The sets that take one element from each set of Sets.
Choices(Sets) ==
  LET ChoiceFunction(Ts) == {f \in [Ts -> UNION Ts] : \A T \in Ts : f[T] \in T}
  IN  {Range(f) : f \in ChoiceFunction(Sets)}

\* The one element of S that satisfies P.
ChooseUnique(S, P(_)) == CHOOSE x \in S : P(x) /\ \A y \in S : P(y) => y = x

=============================================================================
