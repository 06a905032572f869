---------------------------- MODULE TraceInvDeps ----------------------------
(* InvDeps's traces checked by TLC itself (--engine tlc); same mapping as trace-mapping.json. *)
EXTENDS InvDeps, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

StateOK3 == StateOK(E, "x", x') /\ StateOK(E, "y", y') /\ StateOK(E, "z", z')

Step ==
  \/ IsEvent("IncX") /\ IncX
  \/ IsEvent("IncY") /\ IncY
  \/ IsEvent("IncZ") /\ IncZ

TraceInit == Init /\ l = 1

TraceNext == Step /\ StateOK3 /\ l' = l + 1

TraceIncomplete == l <= Len(Trace)

TraceProgressInv == TraceProgress(l)
=============================================================================
