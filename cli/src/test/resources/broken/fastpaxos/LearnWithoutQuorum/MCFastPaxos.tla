---------------------------- MODULE MCFastPaxos ----------------------------
(***************************************************************************)
(* Models of FastPaxos.tla; constants are set in the .cfg files.           *)
(*                                                                         *)
(* MCSpec is Spec with three sound reductions, each stated in the cfg:     *)
(* - the learner role is modelled on the nodes in MCLearners only (as in   *)
(*   MCPaxos.tla: a learner's l2b and decided are read by no other action  *)
(*   but Recover, which reads its own node's: MCLearners must hold every   *)
(*   coordinator of a fast ballot of the model);                           *)
(* - client proposals come through the nodes in MCClients only (the        *)
(*   proposal's `from` is read by no action);                              *)
(* - the nodes in MCRestart may crash-restart.                             *)
(***************************************************************************)
EXTENDS FastPaxos, TLC

CONSTANTS MCLearners, MCClients, MCRestart
ASSUME MCLearners \subseteq Nodes /\ MCClients \subseteq Nodes /\ MCRestart \subseteq Nodes
ASSUME \A b \in Ballots : IsFast(b) => Coord(b) \in MCLearners

MCNext ==
  \/ \E p \in MCClients, v \in Values : ClientRequest(p, v)
  \/ \E c \in Nodes : StartFast(c)
  \/ \E c \in Nodes, b \in Ballots : Phase1a(c, b)
  \/ \E a \in Nodes, m \in Msg1a : Phase1b(a, m)
  \/ \E m \in Msg1b : HandlePromise(Coord(m.bal), m)
  \/ \E c \in Nodes, v \in Values \cup {AnyVal} : Phase2a(c, v)
  \/ \E a \in Nodes, m \in Msg2a : HandleAny(a, m)
  \/ \E a \in Nodes, m \in MsgPropose : FastVote(a, m)
  \/ \E a \in Nodes, m \in Msg2a : Phase2b(a, m)
  \/ \E l \in MCLearners, m \in Msg2b : Learn(l, m)
  \/ \E c \in Nodes, v \in Values : Recover(c, v)
  \/ \E n \in MCRestart : Restart(n)

MCSpec == Init /\ [][MCNext]_vars

(* A state constraint for models that leave phase 1 out: the fast ballot,  *)
(* collisions and coordinated recovery only (MCFastPaxosRecovery.cfg and   *)
(* the broken variants that need N = 4).                                   *)
NoPhase1 == \A m \in msgs : m.type # "1a"

(* Values are interchangeable: SYMMETRY only in models checking invariants alone. *)
ValueSymmetry == Permutations(Values)
=============================================================================
