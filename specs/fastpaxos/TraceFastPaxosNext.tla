------------------------- MODULE TraceFastPaxosNext -------------------------
(***************************************************************************)
(* The next-state relation the fast trace validator loads for Fast Paxos   *)
(* (trace-mapping.json: "spec": "TraceFastPaxosNext", "next":              *)
(* "ValidationNext"), as TracePaxosNext.tla does for Paxos: FastPaxos's    *)
(* Next ranges each receive over the constant set of messages of its type, *)
(* which TLC enumerates when it splits Next (too large with a trace's      *)
(* MaxBallot); ValidationNext ranges them over the same sets written with  *)
(* DOMAIN maxBal (= Nodes) in place of Nodes: state-level, so TLC does not *)
(* enumerate them, and the validator binds m from the event. Same steps:   *)
(* every receive has m \in msgs as its first conjunct. HandlePromise(c, m) *)
(* is taken for every c: it requires cPhase[c] = "p1" and m.bal = cBal[c], *)
(* and a coordinator's cBal is a ballot it coordinates (CoordinatorInv,    *)
(* checked by TLC on MCFastPaxos.cfg), so c = Coord(m.bal) as in Next.     *)
(***************************************************************************)
EXTENDS FastPaxosTraceForms

SentPropose == [type : {"propose"}, val : Values, from : DOMAIN maxBal]
Sent1a == [type : {"1a"}, bal : Ballots, from : DOMAIN maxBal]
Sent1b == [type : {"1b"}, bal : Ballots, from : DOMAIN maxBal, mbal : Ballots, mval : Values]
          \cup [type : {"1b"}, bal : Ballots, from : DOMAIN maxBal, mbal : {NoBal}, mval : {None}]
Sent2a == [type : {"2a"}, bal : Ballots, val : Values \cup {AnyVal}, from : DOMAIN maxBal]
Sent2b == [type : {"2b"}, bal : Ballots, val : Values, from : DOMAIN maxBal]

ValidationNext ==
  \/ \E p \in Nodes, v \in Values : ClientRequest(p, v)
  \/ \E c \in Nodes : StartFast(c)
  \/ \E c \in Nodes, b \in Ballots : Phase1a(c, b)
  \/ \E a \in Nodes, m \in Sent1a : Phase1b(a, m)
  \/ \E c \in Nodes, m \in Sent1b : HandlePromise(c, m)
  \/ \E c \in Nodes, v \in Values \cup {AnyVal} : Phase2a(c, v)
  \/ \E a \in Nodes, m \in Sent2a : HandleAny(a, m)
  \/ \E a \in Nodes, m \in SentPropose : FastVote(a, m)
  \/ \E a \in Nodes, m \in Sent2a : Phase2b(a, m)
  \/ \E l \in Nodes, m \in Sent2b : Learn(l, m)
  \/ \E c \in Nodes, v \in Values : Recover(c, v)
  \/ \E n \in Nodes : Restart(n)
=============================================================================
