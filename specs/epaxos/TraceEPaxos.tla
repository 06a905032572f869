----------------------------- MODULE TraceEPaxos -----------------------------
(***************************************************************************)
(* Trace validation of EPaxos by TLC itself (`tlaconform validate --engine *)
(* tlc`), the mapping of trace-mapping.json in TLA+. l is the next event;  *)
(* the trace is accepted iff TraceIncomplete is violated. Every state key  *)
(* is logged as what the step changed (the mapping's "delta"); a logged    *)
(* record's deps (a JSON array) stands for the spec's set, so entries are  *)
(* compared with LoggedAs (the fast engine's comparison) in LogDeltaOK.    *)
(***************************************************************************)
EXTENDS EPaxos, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

\* StateDeltaOK of NDJsonTrace with the logged entries compared by LoggedAs.
LogDeltaOK(e, k, f, g) ==
  IF "state" \in DOMAIN e /\ k \in DOMAIN e.state
  THEN LET d == e.state[k]
           at == IF "at" \in DOMAIN d THEN ToSet(d.at) ELSE {}
           L == {p[1] : p \in at}
       IN  /\ DOMAIN g = 1..d.len
           /\ L \subseteq 1..d.len
           /\ {p \in at : ~LoggedAs(p[2], g[p[1]])} = {}
           /\ {i \in (1..d.len) \ L :
                 IF "fill" \in DOMAIN d THEN ~LoggedAs(d.fill, g[i]) ELSE ~(i \in DOMAIN f /\ g[i] = f[i])} = {}
  ELSE TRUE

NodeStateOK ==
  LET n == E.node IN
  /\ LogDeltaOK(E, "log", log[n], log'[n])
  /\ StateDeltaOK(E, "cbal", cbal[n], cbal'[n])
  /\ StateDeltaOK(E, "cphase", cphase[n], cphase'[n])
  /\ StateDeltaOK(E, "executed", executed[n], executed'[n])

Msg == E.msg

Received(A(_, _)) == \E m \in msgs : LoggedAs(Msg, m) /\ A(E.node, m)

Step ==
  \/ IsEvent("Propose") /\ Msg.cmd \in Commands /\ Propose(E.node, Msg.cmd) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("PreAcceptReply") /\ Received(PreAcceptReply)
  \/ IsEvent("CommitFast") /\ Msg.inst \in Instances
        /\ \E Q \in SUBSET Replicas : CommitFast(E.node, Msg.inst, Q) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("StartAccept") /\ Msg.inst \in Instances
        /\ \E Q \in SUBSET Replicas : StartAccept(E.node, Msg.inst, Q) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("AcceptReply") /\ Received(AcceptReply)
  \/ IsEvent("CommitSlow") /\ Msg.inst \in Instances
        /\ \E Q \in SUBSET Replicas : CommitSlow(E.node, Msg.inst, Q) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("CommitReply") /\ Received(CommitReply)
  \/ IsEvent("Prepare") /\ Msg.inst \in Instances /\ Msg.bal \in Ballots
        /\ Prepare(E.node, Msg.inst, Msg.bal) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("PrepareReply") /\ Received(PrepareReply)
  \/ IsEvent("Collect") /\ Received(Collect)
  \/ IsEvent("Recover") /\ Msg.inst \in Instances
        /\ \E Q \in SUBSET Replicas : Recover(E.node, Msg.inst, Q) /\ SentNow(Msg, msgs, msgs')
  \/ IsEvent("Execute") /\ Msg.inst \in Instances /\ Execute(E.node, Msg.inst)
  \/ IsEvent("Restart") /\ Restart(E.node)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

\* Violated exactly when every event was matched: the trace is accepted.
TraceIncomplete == l <= Len(Trace)

\* Always TRUE; prints the furthest position reached (a rejected trace fails there).
TraceProgressInv == TraceProgress(l)
=============================================================================
