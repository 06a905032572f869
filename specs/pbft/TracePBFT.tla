------------------------------ MODULE TracePBFT ------------------------------
(***************************************************************************)
(* Trace validation of PBFT by TLC itself (`tlaconform validate --engine   *)
(* tlc`): trace-mapping.json in TLA+. l is the next event; the trace is    *)
(* accepted iff TraceIncomplete is violated. Honest replicas' events are   *)
(* their spec actions; a Byzantine replica's sends are ByzantineSend; the  *)
(* clients' are ClientRequest / ClientAccept. The per-seq logs ppAcc,      *)
(* prepCert and committed are logged sparsely (only the seqs whose entry   *)
(* is not NoEntry / NoReq; the mapping's "sparse"): StateSparseOK; exec  *)
(* as what the step changed (the mapping's "delta"): StateDeltaOK.         *)
(***************************************************************************)
EXTENDS TracePBFTNext, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

(* The NEW-VIEW's view-change set as logged (JSON arrays are sequences   *)
(* here; V and each P are sets).                                          *)
LoggedV == {[type |-> m.type, view |-> m.view, from |-> m.from, ckpt |-> m.ckpt, P |-> ToSet(m.P)] :
              m \in ToSet(E.msg.V)}

IsEvent(name) == l <= Len(Trace) /\ E.action = name

NodeStateOK ==
  LET i == E.node IN
  /\ StateOK(E, "view", view'[i])
  /\ StateOK(E, "active", active'[i])
  /\ StateOK(E, "h", h'[i])
  /\ StateSparseOK(E, "ppAcc", ppAcc'[i], NoEntry)
  /\ StateSparseOK(E, "prepCert", prepCert'[i], NoEntry)
  /\ StateSparseOK(E, "committed", committed'[i], NoReq)
  /\ StateDeltaOK(E, "exec", exec[i], exec'[i])

Step ==
  \/ IsEvent("ClientRequest") /\ E.msg.req \in Requests /\ ClientRequest(E.msg.req.client, E.msg.req)
  \/ IsEvent("ClientAccept") /\ E.msg.req \in Requests /\ ClientAccept(E.msg.req.client, E.msg.req)
  \/ IsEvent("PrePrepare") /\ E.node \in R /\ E.msg.req \in Requests /\ PrePrepare(E.node, E.msg.req)
  \/ IsEvent("Prepare") /\ E.node \in R /\ E.msg.seq \in Seqs /\ E.msg.req \in Requests
                       /\ Prepare(E.node, E.msg.seq, E.msg.req)
  \/ IsEvent("Commit") /\ E.node \in R /\ E.msg.seq \in Seqs /\ Commit(E.node, E.msg.seq)
  \/ IsEvent("CommitLocal") /\ E.node \in R /\ E.msg.seq \in Seqs /\ CommitLocal(E.node, E.msg.seq)
  \/ IsEvent("Execute") /\ E.node \in R /\ Execute(E.node)
  \/ IsEvent("Checkpoint") /\ E.node \in R /\ Checkpoint(E.node)
  \/ IsEvent("StableCheckpoint") /\ E.node \in R /\ E.msg.seq \in Seqs /\ StableCheckpointAt(E.node, E.msg.seq)
  \/ IsEvent("StartViewChange") /\ E.node \in R /\ StartViewChange(E.node)
  \/ IsEvent("NewView") /\ E.node \in R /\ LoggedV \in VCSets /\ NewViewWith(E.node, LoggedV)
  \/ IsEvent("AcceptNewView") /\ E.node \in R /\ E.msg.view \in 1..MaxView /\ LoggedV \in VCSets
                             /\ AcceptNewViewWith(E.node, E.msg.view, LoggedV)
  \/ IsEvent("ByzantineSend") /\ E.node \in R /\ ByzantineSend(E.node, E.msg, E.msg.authentic)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

TraceIncomplete == l <= Len(Trace)

TraceProgressInv == TraceProgress(l)
=============================================================================
