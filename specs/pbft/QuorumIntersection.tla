------------------------- MODULE QuorumIntersection -------------------------
(***************************************************************************)
(* The quorum arithmetic behind PBFT (seed notes 4.3): with n replicas of  *)
(* which f may be Byzantine, a protocol that must make progress without f  *)
(* of them uses quorums of n - f. Any two such quorums intersect in at     *)
(* least f + 1 replicas, hence in at least one honest replica, exactly     *)
(* when n >= 3f + 1. TLC checks it by enumeration: the state is a pair     *)
(* (n, f) and the invariants are statements about all quorums of that      *)
(* configuration.                                                          *)
(***************************************************************************)
EXTENDS Integers, FiniteSets

CONSTANTS
    MaxN,   \* check n in 1..MaxN
    MaxF,   \* and f in 0..MaxF with f < n
    Slack   \* configurations checked: n >= 3f + 1 - Slack

VARIABLES n, f

Quorums(nn, ff) == {Qu \in SUBSET (1..nn) : Cardinality(Qu) = nn - ff}

(* Any two quorums share at least f + 1 replicas. *)
Intersects(nn, ff) ==
    \A Q1, Q2 \in Quorums(nn, ff) : Cardinality(Q1 \cap Q2) >= ff + 1

(* ... and so, whatever f replicas are Byzantine, an honest one. *)
HonestInCommon(nn, ff) ==
    \A Q1, Q2 \in Quorums(nn, ff), B \in {S \in SUBSET (1..nn) : Cardinality(S) <= ff} :
        (Q1 \cap Q2) \ B /= {}

(* The configurations under check. *)
Admissible(nn, ff) == ff < nn /\ nn >= 3 * ff + 1 - Slack

(* Walk over all (n, f) in 1..MaxN \X 0..MaxF, one step per increment, so *)
(* that a violation comes with a trace of the configurations before it.   *)
Init == n = 1 /\ f = 0
Next == \/ n < MaxN /\ n' = n + 1 /\ f' = f
        \/ f < MaxF /\ f' = f + 1 /\ n' = n

QuorumIntersection == Admissible(n, f) => Intersects(n, f)
HonestIntersection == Admissible(n, f) => HonestInCommon(n, f)
(* The bound is exact: quorums of n - f intersect in f + 1 iff n >= 3f+1. *)
BoundIsTight == f < n => (Intersects(n, f) <=> n >= 3 * f + 1)
=============================================================================
