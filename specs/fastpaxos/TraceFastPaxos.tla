--------------------------- MODULE TraceFastPaxos ---------------------------
(***************************************************************************)
(* Trace validation of Fast Paxos by TLC itself: `tlaconform validate      *)
(* --engine tlc`. The same mapping as trace-mapping.json, written in TLA+  *)
(* (as TracePaxos.tla): l is the position of the next event; each step     *)
(* takes the event's action with its parameters bound from the event and   *)
(* the logged message, and constrains the node's logged post-state. The    *)
(* trace is accepted iff TLC reaches l = Len(Trace) + 1, i.e. iff the      *)
(* invariant TraceIncomplete is violated.                                  *)
(***************************************************************************)
EXTENDS FastPaxos, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

NodeStateOK ==
  LET n == E.node IN
  /\ StateOK(E, "maxBal", maxBal'[n])
  /\ StateOK(E, "maxVBal", maxVBal'[n])
  /\ StateOK(E, "maxVal", maxVal'[n])
  /\ StateOK(E, "cBal", cBal'[n])
  /\ StateOK(E, "cPhase", cPhase'[n])
  /\ StateSetOK(E, "cReports", cReports'[n])
  /\ StateOK(E, "decided", decided'[n])

Step ==
  \/ IsEvent("ClientRequest") /\ E.msg.val \in Values /\ ClientRequest(E.node, E.msg.val) /\ E.msg \in msgs'
  \/ IsEvent("StartFast") /\ StartFast(E.node) /\ E.msg \in msgs'
  \/ IsEvent("Phase1a") /\ E.msg.bal \in Ballots /\ Phase1a(E.node, E.msg.bal) /\ E.msg \in msgs'
  \/ IsEvent("Phase1b") /\ E.msg \in msgs /\ Phase1b(E.node, E.msg)
  \/ IsEvent("HandlePromise") /\ E.msg \in msgs /\ HandlePromise(E.node, E.msg)
  \/ IsEvent("Phase2a") /\ Phase2a(E.node, E.msg.val) /\ E.msg \in msgs'
  \/ IsEvent("HandleAny") /\ E.msg \in msgs /\ HandleAny(E.node, E.msg)
  \/ IsEvent("FastVote") /\ E.msg \in msgs /\ FastVote(E.node, E.msg)
  \/ IsEvent("Phase2b") /\ E.msg \in msgs /\ Phase2b(E.node, E.msg)
  \/ IsEvent("Learn") /\ E.msg \in msgs /\ Learn(E.node, E.msg)
  \/ IsEvent("Recover") /\ E.msg.val \in Values /\ Recover(E.node, E.msg.val) /\ E.msg \in msgs'
  \/ IsEvent("Restart") /\ Restart(E.node)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

\* Violated exactly when every event was matched: the trace is accepted.
TraceIncomplete == l <= Len(Trace)

\* Always TRUE; prints the furthest position reached (a rejected trace fails there).
TraceProgressInv == TraceProgress(l)
=============================================================================
