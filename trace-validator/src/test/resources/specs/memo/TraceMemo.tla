---------------------------- MODULE TraceMemo -----------------------------
(* Memo's traces checked by TLC itself (--engine tlc); same mapping as trace-mapping.json. *)
EXTENDS Memo, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

StateOK3 == StateOK(E, "lim", lim') /\ StateOK(E, "n", n') /\ StateOK(E, "msgs", msgs')

Step ==
  \/ IsEvent("Send") /\ Send(E.msg.v)
  \/ IsEvent("Drop") /\ Drop(E.msg.v)
  \/ IsEvent("Lower") /\ Lower
  \/ IsEvent("Raise") /\ Raise

TraceInit == Init /\ l = 1

TraceNext == Step /\ StateOK3 /\ l' = l + 1

TraceIncomplete == l <= Len(Trace)

TraceProgressInv == TraceProgress(l)
=============================================================================
