----------------------------- MODULE RelayTrace -----------------------------
(***************************************************************************)
(* A trace spec for Relay in the style of tlaplus/Examples' EWD998ChanTrace *)
(* (tlaconform's own fixture): the log's first line gives N, the other     *)
(* lines, written per node, are put in causal order by their vector clocks;*)
(* TLCGet("level") is the position in the log, TraceView keeps the level in *)
(* the state's identity, POSTCONDITION TraceAccepted checks the whole log  *)
(* was matched.                                                            *)
(***************************************************************************)
EXTENDS Relay, Json, TLC, IOUtils, VectorClocks

ASSUME TLCGet("config").mode = "bfs"

JsonLog ==
  ndJsonDeserialize(IF "JSON" \in DOMAIN IOEnv THEN IOEnv.JSON ELSE "relay.ndjson")

TraceN == JsonLog[1].N

TraceLog ==
  CausalOrder(SubSeq(JsonLog, 2, Len(JsonLog)),
              LAMBDA l : l.vc, LAMBDA l : ToString(l.node), LAMBDA vc : DOMAIN vc)

TraceSpec == Init /\ [][Next \/ UNCHANGED vars]_vars

IsSend(l) == l.event = "send" /\ Send(l.node, l.to)
IsRecv(l) == l.event = "recv" /\ Recv(l.node, l.from)
IsPassive(l) == l.event = "passive" /\ Deactivate(l.node)

TraceNextConstraint ==
  LET i == TLCGet("level")
  IN  /\ i <= Len(TraceLog)
      /\ LET l == TraceLog[i] IN IsSend(l) \/ IsRecv(l) \/ IsPassive(l)

TraceView == <<vars, TLCGet("level")>>

TraceAccepted ==
  LET d == TLCGet("stats").diameter
  IN  IF d - 1 = Len(TraceLog) THEN TRUE
      ELSE Print(<<"Failed matching the trace to (a prefix of) a behavior:", TraceLog[d]>>, FALSE)

TraceAlias == [position |-> TLCGet("level"), active |-> active, sent |-> sent]

\* For the ALIAS test: violated once a node has sent three messages.
FewSends == \A n \in Node : sent[n] < 3

=============================================================================
