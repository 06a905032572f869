------------------------- MODULE TraceNakamotoNext -------------------------
(***************************************************************************)
(* The next-state relation the fast trace validator loads for Nakamoto     *)
(* (trace-mapping.json: "next": "ValidationNext"): the node steps of       *)
(* Nakamoto.tla alone. The round, the lottery's quotas and the delivery    *)
(* bound (Tick, Mine's and AdvMine's quotas, Deliver) are assumptions      *)
(* about the environment that the model checker explores; an              *)
(* implementation trace is checked for what its nodes do: what they mine  *)
(* on, what they accept, what they adopt, what the adversary releases.     *)
(*                                                                         *)
(* Block ids in traces are SHA-256 hex strings; the sets the ids and       *)
(* heights range over are written state-level (they mention blk), so TLC   *)
(* does not try to enumerate STRING when it splits the relation, and the   *)
(* validator binds each from the event's message.                          *)
(***************************************************************************)
EXTENDS Nakamoto

NewIds == {x \in STRING : x \notin DOMAIN blk}
Heights == 1 .. (MaxForge + 1) * Cardinality(DOMAIN blk)

\* The quota counters are the environment's: a node step leaves them as they are.
Quotas == <<round, minedH, minedA, advTotal>>

\* MineStep and AdvMineStep with the quota counters unchanged (the mapping's actions).
ValMine(n, id, S) == MineStep(n, id, S) /\ UNCHANGED Quotas
ValAdvMine(a, p, id, S, h) == AdvMineStep(a, p, id, S, h) /\ UNCHANGED <<minedA, advTotal>>

ValidationNext ==
  \/ \E n \in Honest, id \in NewIds, S \in SUBSET PublicTxs : ValMine(n, id, S)
  \/ \E n \in Honest, m \in msgs : Receive(n, m)
  \/ \E a \in Nodes, p \in DOMAIN blk, id \in NewIds, S \in SUBSET Txs, h \in Heights : ValAdvMine(a, p, id, S, h)
  \/ \E a \in Nodes, b \in DOMAIN blk : AdvAdopt(a, b)
  \/ \E a \in Nodes, b \in DOMAIN blk : Release(a, b)
=============================================================================
