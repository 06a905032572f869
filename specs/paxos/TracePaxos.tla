----------------------------- MODULE TracePaxos -----------------------------
(***************************************************************************)
(* Trace validation of Paxos by TLC itself: `tlaconform validate --engine  *)
(* tlc` (or the TLA+ Toolbox, see docs/validate.md). The same mapping as   *)
(* trace-mapping.json, written in TLA+ (Cirstea et al. 2024): l is the     *)
(* position of the next event; each step takes the event's action with its *)
(* parameters bound from the event and the logged message, and constrains  *)
(* the node's logged post-state. Unlogged state keys stay free.            *)
(* The trace is accepted iff TLC reaches l = Len(Trace) + 1, i.e. iff the  *)
(* invariant TraceIncomplete is violated.                                  *)
(***************************************************************************)
EXTENDS Paxos, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

NodeStateOK ==
  LET n == E.node IN
  /\ StateOK(E, "maxBal", maxBal'[n])
  /\ StateOK(E, "maxVBal", maxVBal'[n])
  /\ StateOK(E, "maxVal", maxVal'[n])
  /\ StateOK(E, "pBal", pBal'[n])
  /\ StateOK(E, "pPhase", pPhase'[n])
  /\ StateSetOK(E, "pPromises", pPromises'[n])
  /\ StateOK(E, "pHighBal", pHighBal'[n])
  /\ StateOK(E, "pHighVal", pHighVal'[n])
  /\ StateOK(E, "pInput", pInput'[n])
  /\ StateOK(E, "decided", decided'[n])

Step ==
  \/ IsEvent("ClientRequest") /\ E.msg.val \in Values /\ ClientRequest(E.node, E.msg.val)
  \/ IsEvent("Phase1a") /\ E.msg.bal \in Ballots /\ Phase1a(E.node, E.msg.bal) /\ SentNow(E.msg, msgs, msgs')
  \/ IsEvent("Phase1b") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ Phase1b(E.node, m)
  \/ IsEvent("HandlePromise") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ HandlePromise(E.node, m)
  \/ IsEvent("Phase2a") /\ Phase2a(E.node) /\ SentNow(E.msg, msgs, msgs')
  \/ IsEvent("Phase2b") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ Phase2b(E.node, m)
  \/ IsEvent("Learn") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ Learn(E.node, m)
  \/ IsEvent("Restart") /\ Restart(E.node)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

\* Violated exactly when every event was matched: the trace is accepted.
TraceIncomplete == l <= Len(Trace)

\* Always TRUE; prints the furthest position reached (a rejected trace fails there).
TraceProgressInv == TraceProgress(l)
=============================================================================
