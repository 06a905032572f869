--------------------------- MODULE TraceMultiPaxos ---------------------------
(***************************************************************************)
(* Trace validation of MultiPaxos by TLC itself (`tlaconform validate      *)
(* --engine tlc`), the mapping of trace-mapping.json in TLA+. l is the     *)
(* next event; the trace is accepted iff TraceIncomplete is violated.      *)
(* The per-slot logs and pending are logged as what the step changed     *)
(* (the mapping's "delta": StateDeltaOK, StateSetDeltaOK of NDJsonTrace);  *)
(* JSON arrays logged for sets go through ToSet. It EXTENDS MultiPaxos,    *)
(* not the fast engine's TraceMultiPaxosNext: TLC checks the spec's own     *)
(* actions and invariants, without the engine's history variable.         *)
(***************************************************************************)
EXTENDS MultiPaxos, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

NodeStateOK ==
  LET n == E.node IN
  /\ StateOK(E, "maxBal", maxBal'[n])
  /\ StateDeltaOK(E, "aVotes", aVotes[n], aVotes'[n])
  /\ StateOK(E, "pBal", pBal'[n])
  /\ StateOK(E, "pPhase", pPhase'[n])
  /\ StateSetOK(E, "pPromises", pPromises'[n])
  /\ StateDeltaOK(E, "pHigh", pHigh[n], pHigh'[n])
  /\ StateOK(E, "pNext", pNext'[n])
  /\ StateDeltaOK(E, "pProposed", pProposed[n], pProposed'[n])
  /\ StateSetDeltaOK(E, "pending", pending[n], pending'[n])
  /\ StateDeltaOK(E, "decided", decided[n], decided'[n])

\* A logged message as the spec's record (a 1b's votes: a sequence, i.e. a function on 1..MaxSlot).
Msg == E.msg

Step ==
  \/ IsEvent("ClientRequest") /\ E.msg.val \in Commands /\ ClientRequest(E.node, E.msg.val)
  \/ IsEvent("Phase1a") /\ E.msg.bal \in Ballots /\ Phase1a(E.node, E.msg.bal) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("Phase1b") /\ \E m \in msgs : LoggedAs(Msg, m) /\ Phase1b(E.node, m)
  \/ IsEvent("HandlePromise") /\ \E m \in msgs : LoggedAs(Msg, m) /\ HandlePromise(E.node, m)
  \/ IsEvent("BecomeLeader") /\ BecomeLeader(E.node)
  \/ IsEvent("Phase2a") /\ E.msg.slot \in Slots /\ E.msg.val \in Vals
                       /\ Phase2a(E.node, E.msg.slot, E.msg.val) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("Phase2b") /\ \E m \in msgs : LoggedAs(Msg, m) /\ Phase2b(E.node, m)
  \/ IsEvent("Learn") /\ \E m \in msgs : LoggedAs(Msg, m) /\ Learn(E.node, m)
  \/ IsEvent("Restart") /\ Restart(E.node)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

TraceIncomplete == l <= Len(Trace)

TraceProgressInv == TraceProgress(l)
=============================================================================
