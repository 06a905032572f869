------------------------------ MODULE MCPaxos ------------------------------
(***************************************************************************)
(* Models of Paxos.tla; constants are set in the .cfg files.               *)
(*                                                                         *)
(* MCSpec is Spec with the learner role modelled on the nodes in           *)
(* MCLearners only. Sound for every invariant we check: a learner's state  *)
(* (l2b, decided) is read by no other action, every learner can take      *)
(* exactly the same Learn steps on the same msgs, and Restart resets it.   *)
(* So the reachable states of a modelled learner are those of any learner, *)
(* and agreement between two learners follows from DecidedIsChosen plus    *)
(* Agreement on Chosen. Spec itself (MCLearners = all nodes) is checked    *)
(* by the larger models in scripts/.                                       *)
(***************************************************************************)
EXTENDS Paxos, TLC

CONSTANTS MCLearners,  \* the nodes whose learner role is modelled
          MCRestart    \* the nodes that may crash-restart
ASSUME MCLearners \subseteq Nodes /\ MCRestart \subseteq Nodes

(* Only nodes that own a ballot of the model can propose: a client value  *)
(* handed to any other node is read by no action (sound reduction).       *)
Proposers == {p \in Nodes : \E b \in Ballots : Owner(b) = p}

MCNext ==
  \/ \E p \in Proposers, v \in Values : ClientRequest(p, v)
  \/ \E p \in Nodes, b \in Ballots : Phase1a(p, b)
  \/ \E a \in Nodes, m \in Msg1a : Phase1b(a, m)
  \/ \E m \in Msg1b : HandlePromise(Owner(m.bal), m)
  \/ \E p \in Nodes : Phase2a(p)
  \/ \E a \in Nodes, m \in Msg2a : Phase2b(a, m)
  \/ \E l \in MCLearners, m \in Msg2b : Learn(l, m)
  \/ \E n \in MCRestart : Restart(n)

MCSpec == Init /\ [][MCNext]_vars

(* Values are interchangeable: used as SYMMETRY only in models that check  *)
(* invariants alone (symmetry is unsound with temporal properties, so      *)
(* models checking ConsensusRefined do not use it).                        *)
ValueSymmetry == Permutations(Values)
=============================================================================
