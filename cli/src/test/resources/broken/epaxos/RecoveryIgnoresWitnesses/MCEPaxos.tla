----------------------------- MODULE MCEPaxos -----------------------------
(***************************************************************************)
(* Models of EPaxos.tla; constants are set in the .cfg files.              *)
(*                                                                         *)
(* MCSpec is Spec restricted; every behaviour of MCSpec is a behaviour of  *)
(* Spec, so a violation found here is one of Spec. Each restriction is     *)
(* stated in the cfg:                                                      *)
(* - command c is submitted once, at replica MCLeader[c] (which replica    *)
(*   leads a command is the client's choice);                              *)
(* - only the instances of the replicas in MCRecoverLeaders are recovered; *)
(* - only the messages of the instances of the replicas in                 *)
(*   MCDeliverLeaders are delivered and only those instances are led past  *)
(*   PreAccept (the others exist in their leader's log only, where they    *)
(*   still become dependencies);                                           *)
(* - only the replicas in MCLearners learn commits from Commit messages    *)
(*   (the commit messages themselves are checked by Consistency);          *)
(* - MCExecute = FALSE leaves execution out: Execute writes only           *)
(*   `executed`, which no other action reads, so the logs and messages     *)
(*   reachable are the same;                                               *)
(* - the replicas in MCRestart may crash-restart.                          *)
(***************************************************************************)
EXTENDS EPaxos, TLC

CONSTANTS MCRecoverLeaders, MCDeliverLeaders, MCLearners, MCExecute, MCRestart

(* c1 at replica 1, c2 at replica 3, c3 at replica 2. *)
MCLeader == [c \in Commands |-> IF c = "c1" THEN 1 ELSE IF c = "c2" THEN 3 ELSE 2]
MCRecover == {InstOf(r, k) : r \in MCRecoverLeaders, k \in Slots}
MCDeliver == {InstOf(r, k) : r \in MCDeliverLeaders, k \in Slots}

MCNext ==
  \/ \E c \in Commands \ proposed : Propose(MCLeader[c], c)
  \/ \E r \in Replicas, m \in msgs :
        /\ m.inst \in MCDeliver
        /\ \/ PreAcceptReply(r, m) \/ AcceptReply(r, m) \/ PrepareReply(r, m)
           \/ r \in MCLearners /\ CommitReply(r, m)
  \/ \E r \in Replicas, i \in MCDeliver, Q \in SUBSET Replicas :
        CommitFast(r, i, Q) \/ StartAccept(r, i, Q) \/ CommitSlow(r, i, Q)
  \/ \E r \in Replicas, i \in MCRecover, Q \in SUBSET Replicas : Recover(r, i, Q)
  \/ \E i \in MCRecover, b \in Ballots \ {0} : Prepare(Owner(b), i, b)
  \/ MCExecute /\ \E r \in Replicas, i \in Instances : Execute(r, i)
  \/ \E r \in MCRestart : Restart(r)

MCSpec == Init /\ [][MCNext]_vars
=============================================================================
