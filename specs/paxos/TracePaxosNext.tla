---------------------------- MODULE TracePaxosNext ----------------------------
(***************************************************************************)
(* The next-state relation the fast trace validator loads for Paxos       *)
(* (trace-mapping.json: "spec": "TracePaxosNext", "next": "ValidationNext").*)
(* Paxos's Next ranges each receive over the constant set of messages of   *)
(* its type (Msg1a, Msg1b, Msg2a, Msg2b), which TLC enumerates when it     *)
(* splits Next into sub-actions: with a trace's MaxBallot 2000, Msg1b has  *)
(* about 24 million records and loading the spec does not finish.          *)
(* ValidationNext ranges the receives over msgs instead. Same steps:       *)
(* Phase1b, HandlePromise, Phase2b and Learn each have m \in msgs as first *)
(* conjunct and m.type = "1a"/"1b"/"2a"/"2b" as second, and a message of   *)
(* msgs with that type is in Msg1a/Msg1b/Msg2a/Msg2b (TypeOK: msgs is a    *)
(* subset of Messages). HandlePromise(p, m) is taken for every p: it       *)
(* requires pPhase[p] = "p1" and m.bal = pBal[p], and a proposer in phase  *)
(* p1 holds a ballot it owns (ProposerInv: Phase1a needs Owner(b) = p), so *)
(* p = Owner(m.bal) as in Next. TypeOK and ProposerInv are invariants TLC  *)
(* checks on the CI models (MCPaxos.cfg).                                  *)
(*                                                                         *)
(* The receives range over the message sets of Next written with           *)
(* DOMAIN maxBal (= Nodes) in place of Nodes: the same sets, but           *)
(* state-level, so TLC does not enumerate them when it splits Next, and   *)
(* the validator binds m from the event by a field-by-field membership    *)
(* test (m \in msgs is then the action's own first conjunct), not by a    *)
(* second search of msgs.                                                  *)
(***************************************************************************)
EXTENDS PaxosTraceForms

Sent1a == [type : {"1a"}, bal : Ballots, from : DOMAIN maxBal]
Sent1b == [type : {"1b"}, bal : Ballots, from : DOMAIN maxBal, mbal : Ballots, mval : Values]
          \cup [type : {"1b"}, bal : Ballots, from : DOMAIN maxBal, mbal : {NoBal}, mval : {None}]
Sent2a == [type : {"2a"}, bal : Ballots, val : Values, from : DOMAIN maxBal]
Sent2b == [type : {"2b"}, bal : Ballots, val : Values, from : DOMAIN maxBal]

ValidationNext ==
  \/ \E p \in Nodes, v \in Values : ClientRequest(p, v)
  \/ \E p \in Nodes, b \in Ballots : Phase1a(p, b)
  \/ \E a \in Nodes, m \in Sent1a : Phase1b(a, m)
  \/ \E p \in Nodes, m \in Sent1b : HandlePromise(p, m)
  \/ \E p \in Nodes : Phase2a(p)
  \/ \E a \in Nodes, m \in Sent2a : Phase2b(a, m)
  \/ \E l \in Nodes, m \in Sent2b : Learn(l, m)
  \/ \E n \in Nodes : Restart(n)
=============================================================================
