------------------------------ MODULE TraceZab ------------------------------
(***************************************************************************)
(* Trace validation of Zab by TLC itself (`tlaconform validate --engine    *)
(* tlc`), the mapping of trace-mapping.json in TLA+. l is the next event;  *)
(* the trace is accepted iff TraceIncomplete is violated. A receive event  *)
(* must log the message at the head of its channel (HeadOf); sets logged   *)
(* as JSON arrays go through ToSet; ackIndex (a function on Server =       *)
(* 1..N) compares equal to the logged array.                               *)
(***************************************************************************)
EXTENDS TraceZabNext, NDJsonTrace, Naturals, Sequences

VARIABLE l

E == Trace[l]

IsEvent(name) == l <= Len(Trace) /\ E.action = name

NodeStateOK ==
  LET n == E.node IN
  /\ StateDeltaOK(E, "history", history[n], history'[n])
  /\ StateOK(E, "currentEpoch", currentEpoch'[n])
  /\ StateOK(E, "acceptedEpoch", acceptedEpoch'[n])
  /\ StateOK(E, "role", role'[n])
  /\ StateOK(E, "phase", phase'[n])
  /\ StateOK(E, "leader", leader'[n])
  /\ StateOK(E, "lastCommitted", lastCommitted'[n])
  /\ StateSetOK(E, "cepochRecv", cepochRecv'[n])
  /\ StateOK(E, "proposedEpoch", proposedEpoch'[n])
  /\ StateSetOK(E, "ackeRecv", ackeRecv'[n])
  /\ StateSetOK(E, "ackldRecv", ackldRecv'[n])
  /\ StateOK(E, "ackIndex", ackIndex'[n])

\* a receive event: its msg is the head of the channel from its sender to E.node
Recv(name) == IsEvent(name) /\ E.msg.from \in Server /\ \E m \in HeadOf(E.msg.from, E.node) : LoggedAs(E.msg, m)

Step ==
  \/ IsEvent("ElectLeader") /\ \E j \in Server : \E m \in FollowerInfo(E.node, j) :
                                 /\ Has(E, "msg") => LoggedAs(E.msg, m)
                                 /\ ElectLeaderSent(E.node, j, m)
  \/ Recv("LeaderProcessFOLLOWERINFO") /\ LeaderProcessFOLLOWERINFO(E.node, E.msg.from)
  \/ Recv("FollowerProcessNEWEPOCH") /\ FollowerProcessNEWEPOCH(E.node, E.msg.from)
  \/ Recv("LeaderProcessACKEPOCH") /\ LeaderProcessACKEPOCH(E.node, E.msg.from)
  \/ Recv("FollowerProcessNEWLEADER") /\ FollowerProcessNEWLEADER(E.node, E.msg.from)
  \/ Recv("LeaderProcessACKLD") /\ LeaderProcessACKLD(E.node, E.msg.from)
  \/ Recv("FollowerProcessCOMMITLD") /\ FollowerProcessCOMMITLD(E.node, E.msg.from)
  \/ IsEvent("LeaderProcessRequest") /\ E.msg.value \in 1..MaxTxns
                                    /\ LeaderProcessRequestV(E.node, E.msg.value)
  \/ Recv("FollowerProcessPROPOSE") /\ FollowerProcessPROPOSE(E.node, E.msg.from)
  \/ Recv("LeaderProcessACK") /\ LeaderProcessACK(E.node, E.msg.from)
  \/ Recv("FollowerProcessCOMMIT") /\ FollowerProcessCOMMIT(E.node, E.msg.from)
  \/ IsEvent("FollowerShutdown") /\ FollowerShutdown(E.node)
  \/ IsEvent("LeaderShutdown") /\ LeaderShutdown(E.node)
  \/ IsEvent("Restart") /\ Restart(E.node)

TraceInit == Init /\ l = 1

TraceNext == Step /\ NodeStateOK /\ l' = l + 1

TraceIncomplete == l <= Len(Trace)

TraceProgressInv == TraceProgress(l)
=============================================================================
