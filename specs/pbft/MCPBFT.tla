------------------------------- MODULE MCPBFT -------------------------------
(***************************************************************************)
(* Models of PBFT.tla that need a definition the .cfg cannot hold.         *)
(***************************************************************************)
EXTENDS PBFT

(* The view-change scenario of MCPBFTViewChangeCI.cfg: client 0's request  *)
(* is the one proposed in view 0, and client 1's request arrives only once *)
(* some honest replica has left view 0. The new primary must then not      *)
(* assign client 1's request to a sequence number a request of view 0 may  *)
(* have committed at. It cuts the symmetric half where client 1's request  *)
(* is proposed first, and the runs where it waits in msgs all along.       *)
LateSecondRequest ==
    \A r \in Requests :
        (r.client /= 0 /\ RequestSent(r)) => \E i \in Honest : view[i] > 0
=============================================================================
