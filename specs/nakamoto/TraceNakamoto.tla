---------------------------- MODULE TraceNakamoto ----------------------------
(***************************************************************************)
(* Trace validation of Nakamoto consensus by TLC itself: `tlaconform       *)
(* validate --engine tlc`. The same mapping as trace-mapping.json, in TLA+ *)
(* (as TraceFastPaxos.tla): l is the position of the next event; each step *)
(* takes the event's node step with its parameters bound from the event's  *)
(* message and constrains the node's logged tip. The trace is accepted iff *)
(* TLC reaches l = Len(Trace) + 1 (the invariant TraceIncomplete fails).   *)
(***************************************************************************)
EXTENDS Nakamoto, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

Step ==
  \/ IsEvent("Mine") /\ MineStep(E.node, E.msg.id, ToSet(E.msg.txs)) /\ SentNow(E.msg, msgs, msgs')
     /\ UNCHANGED <<round, minedH, minedA, advTotal>>
  \/ IsEvent("Receive") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ Receive(E.node, m)
  \/ IsEvent("AdvMine") /\ AdvMineStep(E.node, E.msg.parent, E.msg.id, ToSet(E.msg.txs), E.msg.height)
     /\ UNCHANGED <<minedA, advTotal>>
  \/ IsEvent("AdvAdopt") /\ AdvAdopt(E.node, E.msg.id)
  \/ IsEvent("Release") /\ Release(E.node, E.msg.id) /\ SentNow(E.msg, msgs, msgs')

TraceInit == Init /\ l = 1

TraceNext == Step /\ StateOK(E, "tip", tip'[E.node]) /\ l' = l + 1

\* Violated exactly when every event was matched: the trace is accepted.
TraceIncomplete == l <= Len(Trace)

\* Always TRUE; prints the furthest position reached (a rejected trace fails there).
TraceProgressInv == TraceProgress(l)
=============================================================================
