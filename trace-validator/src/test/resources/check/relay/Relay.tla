------------------------------- MODULE Relay -------------------------------
(***************************************************************************)
(* A test protocol for drop-in trace specs (tlaconform's own fixture, in   *)
(* the style of EWD998Chan): N nodes send payload messages to each other  *)
(* over FIFO channels, one per (receiver, sender) pair, and go passive; a *)
(* passive node sends nothing until it receives a message.                *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets

CONSTANT N
ASSUME N \in Nat \ {0}

Node == 0 .. N - 1

VARIABLES active, inbox, sent, received
vars == <<active, inbox, sent, received>>

TypeOK ==
  /\ active \in [Node -> BOOLEAN]
  /\ inbox \in [Node -> [Node -> Seq([from : Node])]]
  /\ sent \in [Node -> Nat]
  /\ received \in [Node -> Nat]

Init ==
  /\ active = [n \in Node |-> TRUE]
  /\ inbox = [n \in Node |-> [m \in Node |-> <<>>]]
  /\ sent = [n \in Node |-> 0]
  /\ received = [n \in Node |-> 0]

Send(i, j) ==
  /\ active[i]
  /\ inbox' = [inbox EXCEPT ![j][i] = Append(@, [from |-> i])]
  /\ sent' = [sent EXCEPT ![i] = @ + 1]
  /\ UNCHANGED <<active, received>>

Recv(i, j) ==
  /\ inbox[i][j] # <<>>
  /\ active' = [active EXCEPT ![i] = TRUE]
  /\ inbox' = [inbox EXCEPT ![i][j] = Tail(@)]
  /\ received' = [received EXCEPT ![i] = @ + 1]
  /\ UNCHANGED sent

Deactivate(i) ==
  /\ active[i]
  /\ active' = [active EXCEPT ![i] = FALSE]
  /\ UNCHANGED <<inbox, sent, received>>

Next ==
  \E i \in Node :
    \/ Deactivate(i)
    \/ \E j \in Node \ {i} : Send(i, j) \/ Recv(i, j)

Spec == Init /\ [][Next]_vars

RECURSIVE Sum(_, _)
Sum(f, S) == IF S = {} THEN 0 ELSE LET n == CHOOSE n \in S : TRUE IN f[n] + Sum(f, S \ {n})

InFlight == Sum([n \in Node |-> Sum([m \in Node |-> Len(inbox[n][m])], Node)], Node)

\* Every message sent is received or in flight.
Conservation == Sum(sent, Node) = Sum(received, Node) + InFlight

=============================================================================
