-------------------------- MODULE EPaxosTraceForms --------------------------
(***************************************************************************)
(* Trace-time forms of EPaxos's Nontriviality, Consistency and             *)
(* ExecutionConsistency                                                    *)
(* (trace-mapping.json, "invariantForms"), as FastPaxosTraceForms.tla does *)
(* for Fast Paxos: the fast trace validator checks these on every          *)
(* candidate state and reports a violation under the original's name;      *)
(* --engine tlc checks them too (since session 8).                         *)
(*                                                                         *)
(* Why: Consistency compares every pair of commit messages and records,    *)
(* ExecutionConsistency every pair of instances at every pair of replicas  *)
(* (with a CHOOSE for each position): O(|Instances|^2) per state, and a    *)
(* trace's MaxSlot makes Instances large. The forms build sets once:       *)
(* Consistency holds iff no instance has two Commit attribute triples;     *)
(* ExecutionConsistency iff no interfering pair executed in one order at   *)
(* r1 is executed in the other at r2. MCEPaxosTraceForms.cfg has TLC check *)
(* the equivalences on every reachable state.                              *)
(***************************************************************************)
EXTENDS EPaxos

(* Every committed record's attributes are those of a Commit message for its instance: the  *)
(* step that commits a record sends that message (CommitFast, CommitSlow, Recover) or      *)
(* received it (CommitReply), and a committed record never changes. So on every reachable  *)
(* state the forms need only the Commit messages, a filter of msgs the validator keeps up  *)
(* to date step by step instead of re-evaluating it.                                       *)
CommitTriples == {<<m.inst, Attrs(m)>> : m \in CommitMsgs}

TraceConsistency == Cardinality(CommitTriples) = Cardinality({t[1] : t \in CommitTriples})

TraceNontriviality ==
  /\ \A m \in CommitMsgs : m.cmd \in proposed \cup {Noop}
  /\ \A r \in DOMAIN executed : \A k \in 1..Len(executed[r]) : log[r][executed[r][k]].status = "committed"

(* The ordered pairs of r's executed sequence, and those whose commands interfere (by r's log). *)
Ord(r) == LET e == executed[r] IN {<<e[q[1]], e[q[2]]>> : q \in {p \in (1..Len(e)) \X (1..Len(e)) : p[1] < p[2]}}
InterfOrd(r) == {p \in Ord(r) : Interferes(log[r][p[1]].cmd, log[r][p[2]].cmd)}

TraceExecutionConsistency ==
  /\ \A r \in DOMAIN executed : Cardinality({executed[r][k] : k \in 1..Len(executed[r])}) = Len(executed[r])
  /\ \A r1 \in DOMAIN executed : LET I1 == InterfOrd(r1) IN
        \A r2 \in DOMAIN executed : LET O2 == Ord(r2) IN \A p \in I1 : <<p[2], p[1]>> \notin O2

(* What MCEPaxosTraceForms.cfg checks. *)
TraceFormsEquivalent ==
  /\ Nontriviality <=> TraceNontriviality
  /\ Consistency <=> TraceConsistency
  /\ ExecutionConsistency <=> TraceExecutionConsistency
=============================================================================
