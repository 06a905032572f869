----------------------------- MODULE RelayTraceL ----------------------------
(***************************************************************************)
(* A trace spec for Relay in the style of etcd-io/raft's Traceetcdraft     *)
(* (tlaconform's own fixture): the position in the log is the variable l,  *)
(* the view includes it, and the temporal property TraceMatched (with      *)
(* TLCGet("queue")) says some behaviour matched the whole log.             *)
(***************************************************************************)
EXTENDS Relay, Json, TLC, IOUtils, VectorClocks, SequencesExt

ASSUME TLCGet("config").mode = "bfs"

JsonLog ==
  ndJsonDeserialize(IF "JSON" \in DOMAIN IOEnv THEN IOEnv.JSON ELSE "relay.ndjson")

TraceN == JsonLog[1].N

TraceLog ==
  TLCEval(CausalOrder(SubSeq(JsonLog, 2, Len(JsonLog)),
                      LAMBDA x : x.vc, LAMBDA x : ToString(x.node), LAMBDA vc : DOMAIN vc))

VARIABLE l

logline == TraceLog[l]

TraceInit == Init /\ l = 1

TraceNext ==
  /\ l <= Len(TraceLog)
  /\ \/ logline.event = "send" /\ Send(logline.node, logline.to)
     \/ logline.event = "recv" /\ Recv(logline.node, logline.from)
     \/ logline.event = "passive" /\ Deactivate(logline.node)
  /\ l' = l + 1

TraceSpec == TraceInit /\ [][TraceNext]_<<l, vars>>

TraceView == <<vars, l>>

ASSUME TLCGet("config").worker = 1

TraceMatched ==
  [](l <= Len(TraceLog) => [](TLCGet("queue") = 1 \/ l > Len(TraceLog)))

=============================================================================
