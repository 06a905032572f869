------------------------- MODULE TraceMultiPaxosNext -------------------------
(***************************************************************************)
(* The next-state relation the trace validator loads for MultiPaxos.       *)
(* MultiPaxos's Next ranges each receive over the constant set of messages *)
(* of its type; with a trace's constants (MaxBallot 59, MaxSlot 6) the set *)
(* of 1b messages has about 241^6 elements, which TLC enumerates when it   *)
(* splits Next into sub-actions. ValidationNext ranges over msgs instead:  *)
(* every receive action's first conjunct is m \in msgs, so the behaviours  *)
(* are the same. HandlePromise(p, m) is taken for every p: it requires     *)
(* m.bal = pBal[p], and pBal[p] is a ballot p owns (Phase1a), so p is      *)
(* Owner(m.bal) as in Next.                                                *)
(***************************************************************************)
EXTENDS MultiPaxosTraceForms

ValidationNext ==
  \/ \E n \in Nodes, c \in Commands : ClientRequest(n, c)
  \/ \E p \in Nodes, b \in Ballots : Phase1a(p, b)
  \/ \E a \in Nodes, m \in msgs : Phase1b(a, m)
  \/ \E p \in Nodes, m \in msgs : HandlePromise(p, m)
  \/ \E p \in Nodes : BecomeLeader(p)
  \/ \E p \in Nodes, s \in Slots, v \in Vals : Phase2a(p, s, v)
  \/ \E a \in Nodes, m \in msgs : Phase2b(a, m)
  \/ \E l \in Nodes, m \in msgs : Learn(l, m)
  \/ \E n \in Nodes : Restart(n)
=============================================================================
