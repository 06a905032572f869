------------------------------ MODULE InvDeps ------------------------------
(* A spec for the fast engine's invariant-dependency analysis (InvariantChecker): each invariant *)
(* reads one variable only through indirections (an operator, LET, a higher-order argument, an  *)
(* INSTANCE substitution), so a step that changes only other variables skips it, and a step     *)
(* that changes its variable must evaluate it. A trace that breaks an invariant in such a step   *)
(* is caught only if the analysis found the variable.                                            *)
EXTENDS Naturals

CONSTANT Max

VARIABLES x, y, z

Lim == Max
Shifted(v) == v + 0
B == INSTANCE InvDepsBound WITH c <- Shifted(z)
Apply(F(_), v) == F(v)
AtMost(v) == v <= Lim

Init == x = 0 /\ y = 0 /\ z = 0
IncX == x' = x + 1 /\ UNCHANGED <<y, z>>
IncY == y' = y + 1 /\ UNCHANGED <<x, z>>
IncZ == z' = z + 1 /\ UNCHANGED <<x, y>>
Next == IncX \/ IncY \/ IncZ

\* reads z only: through LET, an INSTANCE substitution and an operator
SafeZ == LET bound == Lim IN B!Below(bound)
\* reads y only: through a higher-order argument
SafeY == Apply(AtMost, y)
\* reads x only, and is always TRUE
SafeX == x >= 0
\* a conjunction: the fast engine checks it conjunct by conjunct, skipping a conjunct whose variables
\* the step left unchanged (SafeX's on IncY, SafeY's on IncX); a step that changes y evaluates SafeY's
SafeXY == SafeX /\ SafeY
=============================================================================
