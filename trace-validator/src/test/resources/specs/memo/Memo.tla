-------------------------------- MODULE Memo --------------------------------
(* A spec for the fast engine's memoized definitions (DefMemo): definitions *)
(* without arguments that read few variables, one of them a filter of a    *)
(* set variable that steps grow, shrink, or leave while another variable   *)
(* the filter reads changes. Each way must give what TLC's evaluation of   *)
(* the body gives: MemoTest validates traces that break the invariant in   *)
(* each kind of step and compares with --engine tlc.                        *)
EXTENDS Naturals

CONSTANT Max

VARIABLES msgs, lim, n

Init == msgs = {} /\ lim = Max /\ n = 0

(* read by Raise's guard alone, once per state: never reused (a memo that gives up) *)
Spare == lim >= 0

(* a message is "high" when its v is above lim *)
Send(v) == msgs' = msgs \cup {[v |-> v, k |-> n]} /\ n' = n + 1 /\ UNCHANGED lim
Drop(v) == \E m \in msgs : m.v = v /\ msgs' = msgs \ {m} /\ UNCHANGED <<lim, n>>
Lower   == lim > 0 /\ lim' = lim - 1 /\ UNCHANGED <<msgs, n>>
Raise   == Spare /\ lim' = lim + 1 /\ UNCHANGED <<msgs, n>>
Next == (\E v \in 0..Max : Send(v) \/ Drop(v)) \/ Lower \/ Raise

vars == <<msgs, lim, n>>

(* reads lim: memoized by identity (v is at most Max) *)
Bound == IF lim > Max THEN Max ELSE lim
(* a filter of msgs (grown with what a step adds), through LET and an operator *)
High == LET b == Bound IN {m \in msgs : m.v > b}
(* the same as an intersection with a set of records *)
HighCap == msgs \cap [v : (Bound + 1)..(Max + 1), k : Nat]

NoHigh == High = {}
SameHigh == High = HighCap
=============================================================================
