--------------------------- MODULE MCMultiPaxos ----------------------------
(***************************************************************************)
(* Models of MultiPaxos.tla; constants are set in the .cfg files.          *)
(*                                                                         *)
(* MCSpec is Spec with three sound reductions, each a constant:            *)
(* - the learner role is modelled on MCLearners only: a learner's state    *)
(*   (l2b, decided) is read by no other action and every learner can take  *)
(*   the same Learn steps, so one modelled learner shows every learner's   *)
(*   reachable states (learner agreement follows from DecidedIsChosen);    *)
(* - only the nodes in MCRestart crash-restart (a bound, said in README);  *)
(* - client commands go to ballot owners only: pending at a node that     *)
(*   owns no ballot of the model is read by no action.                    *)
(***************************************************************************)
EXTENDS MultiPaxos, TLC

CONSTANTS MCLearners, MCRestart
ASSUME MCLearners \subseteq Nodes /\ MCRestart \subseteq Nodes

Leaders == {p \in Nodes : \E b \in Ballots : Owner(b) = p}

MCNext ==
  \/ \E n \in Leaders, c \in Commands : ClientRequest(n, c)
  \/ \E p \in Nodes, b \in Ballots : Phase1a(p, b)
  \/ \E a \in Nodes, m \in Msg1a : Phase1b(a, m)
  \/ \E m \in Msg1b : HandlePromise(Owner(m.bal), m)
  \/ \E p \in Nodes : BecomeLeader(p)
  \/ \E p \in Nodes, s \in Slots, v \in Vals : Phase2a(p, s, v)
  \/ \E a \in Nodes, m \in Msg2a : Phase2b(a, m)
  \/ \E l \in MCLearners, m \in Msg2b : Learn(l, m)
  \/ \E n \in MCRestart : Restart(n)

MCSpec == Init /\ [][MCNext]_vars
=============================================================================
