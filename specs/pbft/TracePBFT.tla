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

(* The event's msg field f when logged, else every value of S (the        *)
(* mapping's optional parameters, "msg.view?").                            *)
MsgField(f, S) == IF Has(E, "msg") THEN (IF f \in DOMAIN E.msg THEN {E.msg[f]} ELSE S) ELSE S

Q4 == ToSet(E.msg.quorum)

Step ==
  \/ IsEvent("ClientRequest") /\ E.node \in Clients /\ E.msg.req \in Requests /\ ClientRequest(E.node, E.msg.req)
  \/ IsEvent("ClientAccept") /\ E.node \in Clients /\ E.msg.req \in Requests
                            /\ ClientAcceptQ(E.node, E.msg.req, E.msg.view, E.msg.from, Q4)
  \/ IsEvent("PrePrepare") /\ E.node \in R /\ E.msg.req \in Requests
                          /\ PrePrepareSent(E.node, E.msg.req, E.msg.view, E.msg.seq, E.msg.from)
  \/ IsEvent("Prepare") /\ E.node \in R /\ E.msg.seq \in Seqs /\ E.msg.req \in Requests
                       /\ PrepareOn(E.node, E.msg.seq, E.msg.req, E.msg.view, E.msg.from)
  \/ IsEvent("Commit") /\ E.node \in R /\ E.msg.seq \in Seqs
                      /\ CommitSent(E.node, E.msg.seq, E.msg.view, E.msg.req, E.msg.from, Q4)
  \/ IsEvent("CommitLocal") /\ E.node \in R /\ E.msg.seq \in Seqs
                           /\ CommitLocalQ(E.node, E.msg.seq, E.msg.view, E.msg.req, Q4)
  \/ IsEvent("Execute") /\ E.node \in R
                       /\ \E v \in MsgField("view", AnyView), r \in MsgField("req", AnyReq), p \in MsgField("from", AnyRep) :
                            ExecuteSent(E.node, v, r, p)
  \/ IsEvent("Checkpoint") /\ E.node \in R /\ CheckpointSent(E.node, E.msg.seq, E.msg.state, E.msg.from)
  \/ IsEvent("StableCheckpoint") /\ E.node \in R /\ E.msg.seq \in Seqs
                                /\ StableCheckpointQ(E.node, E.msg.seq, E.msg.state, Q4)
  \/ IsEvent("StartViewChange") /\ E.node \in R
                               /\ StartViewChangeSent(E.node, E.msg.view, E.msg.from, E.msg.ckpt, ToSet(E.msg.P))
  \/ IsEvent("NewView") /\ E.node \in R /\ LoggedV \in VCSets
                       /\ NewViewSent(E.node, LoggedV, E.msg.view, E.msg.from, ToSet(E.msg.O), Q4)
  \/ IsEvent("AcceptNewView") /\ E.node \in R /\ E.msg.view \in 1..MaxView /\ LoggedV \in VCSets
                             /\ AcceptNewViewOn(E.node, E.msg.view, LoggedV, E.msg.from, ToSet(E.msg.O), Q4)
  \/ IsEvent("ByzantineSend") /\ E.node \in R /\ ByzantineSend(E.node, E.msg, E.msg.authentic)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

TraceIncomplete == l <= Len(Trace)

TraceProgressInv == TraceProgress(l)
=============================================================================
