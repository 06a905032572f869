---------------------------- MODULE VectorClocks ----------------------------
(***************************************************************************)
(* tlaconform's VectorClocks module, with the semantics of the community   *)
(* module of this name: putting a log merged from several processes (each  *)
(* line carrying a vector clock) into an order consistent with causality.  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, Functions

\* Some clock entry of v1 is below v2's and another above: neither came first.
LOCAL Concurrent(v1, v2) ==
  \E i, j \in DOMAIN v1 : i # j /\ v1[i] < v2[i] /\ v1[j] > v2[j]

\* v1 happened before v2: no entry larger, some entry smaller.
LOCAL HappenedBefore(v1, v2) ==
  /\ \A i \in DOMAIN v1 : v1[i] <= v2[i]
  /\ \E i \in DOMAIN v1 : v1[i] < v2[i]

\* No line of log comes after a line it happened before. Clocks are compared
\* on the union of their domains, a missing entry counting 0 (a process learns
\* of the others over time).
IsCausalOrder(log, clock(_)) ==
  \A i \in 1..Len(log) : \A j \in 1..(i - 1) :
    LET D == DOMAIN clock(log[i]) \cup DOMAIN clock(log[j])
        Fill(c) == [d \in D |-> IF d \in DOMAIN c THEN c[d] ELSE 0]
    IN  HappenedBefore(Fill(clock(log[j])), Fill(clock(log[i])))
        \/ Concurrent(Fill(clock(log[j])), Fill(clock(log[i])))

(***************************************************************************)
(* CausalOrder(log, clock, node, domain): the lines of log (each logged by *)
(* the process node(line), with vector clock clock(line) over the          *)
(* processes domain(clock(line))) in an order consistent with causality.   *)
(* Every process's clock counts its own lines 1, 2, 3, ... without gaps.   *)
(*                                                                         *)
(* In TLA+ this is some permutation of the lines that IsCausalOrder        *)
(* accepts; the Java override (tlaconform's tlc2.overrides.TLCOverrides)   *)
(* fixes which one: processes in TLC's order of values are visited in      *)
(* rounds and each takes its next line once every line that line's clock   *)
(* says happened before it has been taken. Its result is tested to be such *)
(* a permutation.                                                          *)
(***************************************************************************)
CausalOrder(log, clock(_), node(_), domain(_)) ==
  CHOOSE newlog \in {f \in [1..Len(log) -> Range(log)] : Range(f) = Range(log)} :
    IsCausalOrder(newlog, clock)

=============================================================================
