----------------------- MODULE MCMultiPaxosTraceForms -----------------------
(* MCMultiPaxos's models, checking that the trace-time invariant forms of   *)
(* MultiPaxosTraceForms.tla agree with the invariants on every state, and   *)
(* their step forms on every step. The behaviours are MCSpec's with the     *)
(* validation Next's history variable chosenSlot (TraceMultiPaxosNext's     *)
(* Trace* actions, under MCNext's reductions; the spec's own Learn, which  *)
(* TraceLearn equals, LearnAgreeOK): chosenSlot is a function of msgs      *)
(* (ChosenSlotOK), so the reachable states are MCSpec's, one for one.      *)
EXTENDS MCMultiPaxos, TraceMultiPaxosNext

MCTraceNext ==
  \/ \E n \in Leaders, c \in Commands : TraceClientRequest(n, c)
  \/ \E p \in Nodes, b \in Ballots : TracePhase1a(p, b)
  \/ \E a \in Nodes, m \in Msg1a : TracePhase1b(a, m)
  \/ \E m \in Msg1b : TraceHandlePromise(Owner(m.bal), m)
  \/ \E p \in Nodes : TraceBecomeLeader(p)
  \/ \E p \in Nodes, s \in Slots, v \in Vals : TracePhase2a(p, s, v)
  \/ \E a \in Nodes, m \in Msg2a : TracePhase2b(a, m)
  \/ \E l \in MCLearners, m \in Msg2b : Learn(l, m) /\ UNCHANGED chosenSlot
  \/ \E n \in MCRestart : TraceRestart(n)

MCTraceSpec == ValidationInit /\ [][MCTraceNext]_<<vars, chosenSlot>>
=============================================================================
