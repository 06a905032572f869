--------------------------- MODULE TraceToyPaxos ---------------------------
(* Trace validation of ToyPaxos by TLC itself (tlaconform validate --engine tlc), the same
   mapping as trace-mapping.json written in TLA+. l is the position of the next event to match;
   the trace is accepted iff TLC reaches l = Len(Trace) + 1, i.e. iff TraceIncomplete is violated. *)
EXTENDS ToyPaxos, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

\* the logged state keys of the event's node, where logged
NodeStateOK ==
  /\ StateOK(E, "maxBal", maxBal'[E.node])
  /\ StateOK(E, "maxVBal", maxVBal'[E.node])
  /\ StateOK(E, "maxVal", maxVal'[E.node])

Step ==
  \/ IsEvent("Phase1a") /\ E.msg.bal \in Ballots /\ Phase1a(E.msg.bal) /\ SentNow(E.msg, msgs, msgs')
  \/ IsEvent("Phase1b") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ Phase1b(E.node, m)
  \/ IsEvent("Phase2a") /\ E.msg.bal \in Ballots /\ E.msg.val \in Values /\ Phase2a(E.msg.bal, E.msg.val) /\ SentNow(E.msg, msgs, msgs')
  \/ IsEvent("Phase2b") /\ \E m \in msgs : LoggedAs(E.msg, m) /\ Phase2b(E.node)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

\* Violated exactly when the whole trace was matched: the trace is accepted.
TraceIncomplete == l <= Len(Trace)

\* Always TRUE; tells how far TLC got (a rejected trace fails at event max l).
TraceProgressInv == TraceProgress(l)
=============================================================================
