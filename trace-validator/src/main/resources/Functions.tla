------------------------------ MODULE Functions -----------------------------
(***************************************************************************)
(* tlaconform's Functions module: operators on functions with the          *)
(* semantics of the community module of this name (restriction, range,    *)
(* inverse, injections, surjections, bijections, folds).                   *)
(*                                                                         *)
(* Folds over a set of arguments take the arguments in TLC's order of      *)
(* values (the order in which CHOOSE x \in S : TRUE picks them, first      *)
(* first) and apply op with the element as the first operand:              *)
(*     FoldFunction(op, base, f) = op(f[dn], ... op(f[d2], op(f[d1], base)))*)
(* as the community's Java overrides do; for an associative and            *)
(* commutative op (the only kind the community defines a result for) the   *)
(* order does not matter. The Java overrides in tlaconform's               *)
(* tlc2.overrides.TLCOverrides are tested equal to these definitions.      *)
(***************************************************************************)
EXTENDS Integers, Folds

LOCAL INSTANCE FiniteSets

\* The restriction of f to S (S a subset of DOMAIN f).
Restrict(f, S) == [x \in S |-> f[x]]

\* The restriction of f to the arguments that satisfy Test.
RestrictDomain(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(x)})

\* The restriction of f to the arguments whose value satisfies Test.
RestrictValues(f, Test(_)) == Restrict(f, {x \in DOMAIN f : Test(f[x])})

\* narrow agrees with wide on the domain of narrow, which wide's includes.
IsRestriction(narrow, wide) ==
  /\ DOMAIN narrow \subseteq DOMAIN wide
  /\ \A x \in DOMAIN narrow : narrow[x] = wide[x]

\* The set of values of f.
Range(f) == {f[x] : x \in DOMAIN f}

\* op applied to f and g argument by argument (DOMAIN f \subseteq DOMAIN g).
Pointwise(f, g, T(_,_)) == [x \in DOMAIN f |-> T(f[x], g[x])]

\* A function from T to S that inverts f where f reaches t.
Inverse(f, S, T) == [t \in T |-> CHOOSE s \in S : t \in Range(f) => f[s] = t]

\* The inverse of f on its range.
AntiFunction(f) == Inverse(f, DOMAIN f, Range(f))

\* f maps distinct arguments to distinct values.
IsInjective(f) == \A a, b \in DOMAIN f : f[a] = f[b] => a = b

Injection(S, T)  == {M \in [S -> T] : IsInjective(M)}
Surjection(S, T) == {M \in [S -> T] : \A t \in T : \E s \in S : M[s] = t}
Bijection(S, T)  == Injection(S, T) \cap Surjection(S, T)

ExistsInjection(S, T)  == Injection(S, T) # {}
ExistsSurjection(S, T) == Surjection(S, T) # {}
ExistsBijection(S, T)  == Bijection(S, T) # {}

-----------------------------------------------------------------------------

\* The k-th element of S in TLC's order of values, k \in 1..Cardinality(S).
LOCAL NthOf(S, k) ==
  LET rest[i \in 1..k] == IF i = 1 THEN S
                          ELSE rest[i-1] \ {CHOOSE x \in rest[i-1] : TRUE}
  IN  CHOOSE x \in rest[k] : TRUE

\* op(f[xn], ... op(f[x2], op(f[x1], base))) for x1, ..., xn the elements of
\* indices in TLC's order.
FoldFunctionOnSet(op(_,_), base, fun, indices) ==
  LET n == Cardinality(indices)
      acc[k \in 0..n] == IF k = 0 THEN base ELSE op(fun[NthOf(indices, k)], acc[k-1])
  IN  acc[n]

\* FoldFunctionOnSet over the whole domain of fun.
FoldFunction(op(_,_), base, fun) == FoldFunctionOnSet(op, base, fun, DOMAIN fun)

\* The sum of fun's values at indices (resp. at every argument).
SumFunctionOnSet(fun, indices) == FoldFunctionOnSet(+, 0, fun, indices)
SumFunction(fun) == SumFunctionOnSet(fun, DOMAIN fun)

=============================================================================
