--------------------------- MODULE TraceEPaxosNext ---------------------------
(***************************************************************************)
(* The next-state relation the fast trace validator loads for EPaxos       *)
(* (trace-mapping.json: "spec": "TraceEPaxosNext", "next":                 *)
(* "ValidationNext"), as TraceFastPaxosNext.tla does for Fast Paxos:       *)
(* EPaxos's Next ranges replicas, instances, quorums and ballots over      *)
(* constant sets, which TLC enumerates when it splits Next (instances x    *)
(* quorums x ballots sub-actions with a trace's MaxSlot and MaxBallot);    *)
(* ValidationNext ranges them over the same sets written state-level       *)
(* (DOMAIN log = Replicas, DOMAIN log[1] = Instances), so the validator    *)
(* binds replica, instance and ballot from the event and enumerates only   *)
(* the quorum (and Execute's instance). Same steps as Next.                *)
(***************************************************************************)
EXTENDS EPaxosTraceForms

Reps  == DOMAIN log
Insts == DOMAIN log[1]

ValidationNext ==
  \/ \E r \in Reps, c \in Commands : Propose(r, c)
  \/ \E r \in Reps, m \in msgs : PreAcceptReply(r, m)
  \/ \E r \in Reps, i \in Insts, Q \in SUBSET Reps : CommitFast(r, i, Q)
  \/ \E r \in Reps, i \in Insts, Q \in SUBSET Reps : StartAccept(r, i, Q)
  \/ \E r \in Reps, m \in msgs : AcceptReply(r, m)
  \/ \E r \in Reps, i \in Insts, Q \in SUBSET Reps : CommitSlow(r, i, Q)
  \/ \E r \in Reps, m \in msgs : CommitReply(r, m)
  \/ \E r \in Reps, i \in Insts, b \in 0..MaxBallot : Prepare(r, i, b)
  \/ \E r \in Reps, m \in msgs : PrepareReply(r, m)
  \/ \E r \in Reps, m \in msgs : Collect(r, m)
  \/ \E r \in Reps, i \in Insts, Q \in SUBSET Reps : Recover(r, i, Q)
  \/ \E r \in Reps, i \in Insts : Execute(r, i)
  \/ \E r \in Reps : Restart(r)
=============================================================================
