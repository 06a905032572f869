------------------------------- MODULE MCZab -------------------------------
(***************************************************************************)
(* Models of Zab.tla for TLC. Servers are model values, so the models use  *)
(* symmetry: no action of Zab.tla depends on an order of the servers (the  *)
(* election outcome is any server, not the highest id).                    *)
(*                                                                         *)
(* MCNext is Next with one reduction: a server elects another server as   *)
(* its leader only once that server is leading. The follower's ElectLeader *)
(* step changes only its own state and its own (empty) channel to the      *)
(* leader, and nothing reads that channel before the leader leads, so      *)
(* every behaviour of Next in which a follower elects early is a           *)
(* reordering of one of MCNext (elect later) with the same states for      *)
(* every other server and the same ghosts; no invariant reads the early    *)
(* follower's intermediate state.                                          *)
(***************************************************************************)
EXTENDS Zab, TLC

CONSTANTS s1, s2, s3

ServerSymmetry == Permutations(Server)

MCElectLeader(i, j) == ElectLeader(i, j) /\ (j = i \/ role[j] = LEADING)

MCNext ==
  \/ \E i, j \in Server : MCElectLeader(i, j)
  \/ \E l, f \in Server : LeaderProcessFOLLOWERINFO(l, f)
  \/ \E f, l \in Server : FollowerProcessNEWEPOCH(f, l)
  \/ \E l, f \in Server : LeaderProcessACKEPOCH(l, f)
  \/ \E f, l \in Server : FollowerProcessNEWLEADER(f, l)
  \/ \E l, f \in Server : LeaderProcessACKLD(l, f)
  \/ \E f, l \in Server : FollowerProcessCOMMITLD(f, l)
  \/ \E l \in Server : LeaderProcessRequest(l)
  \/ \E f, l \in Server : FollowerProcessPROPOSE(f, l)
  \/ \E l, f \in Server : LeaderProcessACK(l, f)
  \/ \E f, l \in Server : FollowerProcessCOMMIT(f, l)
  \/ \E f \in Server : FollowerShutdown(f)
  \/ \E l \in Server : LeaderShutdown(l)
  \/ \E i \in Server : Restart(i)

MCSpec == Init /\ [][MCNext]_vars
=============================================================================
