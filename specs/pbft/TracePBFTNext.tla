---------------------------- MODULE TracePBFTNext ----------------------------
(***************************************************************************)
(* The next-state relation the trace validator loads for PBFT (see         *)
(* docs/validate.md, "the mapping"). Next of PBFT.tla plus:                *)
(*                                                                         *)
(* - the stuttering steps ClientAccept and ByzantineSend, which PBFT's     *)
(*   Next leaves out (they add no state) but traces log;                   *)
(* - NewView with the senders S of its view-change set V bound from the    *)
(*   trace (the event's "quorum"): NewView(i) == \E S : NewViewFrom(i, S).  *)
(*   Without it the validator would keep one candidate state per V that   *)
(*   gives the primary the same local state (they differ in msgs).         *)
(*   The honest members of V are determined by S (an honest replica sends  *)
(*   one VIEW-CHANGE per view); Byzantine ones range as in ViewChangeSets. *)
(***************************************************************************)
EXTENDS PBFT

ByzChoicesFrom(v, T) ==
    {{g[b] : b \in T} : g \in [T -> UNION {ByzViewChanges(b, v) : b \in T}]}

ViewChangeSetsFrom(v, S) ==
    {V \in {{m \in HonestViewChanges(v) : m.from \in S} \cup B : B \in ByzChoicesFrom(v, S \cap Byz)} :
        {m.from : m \in V} = S /\ Cardinality(V) = Q}

(* NewView(i) with V's senders S given: the same guard and effect. *)
NewViewFrom(i, S) ==
    /\ i \in Honest /\ ~active[i] /\ i = Primary(view[i])
    /\ i \in S /\ Cardinality(S) = Q
    /\ \E V \in ViewChangeSetsFrom(view[i], S) :
         /\ msgs' = msgs \cup {NewViewMsg(view[i], i, V, ComputeO(V))}
         /\ EnterView(i, view[i], MinCkpt(V), ComputeO(V))
    /\ UNCHANGED <<commitLog>>

ValidationNext ==
    \/ \E c \in Clients, r \in Requests : ClientRequest(c, r)
    \/ \E c \in Clients, r \in Requests : ClientAccept(c, r)
    \/ \E i \in R :
         \/ \E r \in Requests : PrePrepare(i, r)
         \/ \E n \in Seqs, r \in Requests : Prepare(i, n, r)
         \/ \E n \in Seqs : Commit(i, n) \/ CommitLocal(i, n)
         \/ Execute(i) \/ Checkpoint(i) \/ StableCheckpoint(i)
         \/ StartViewChange(i) \/ AcceptNewView(i)
         \/ \E S \in SUBSET R : NewViewFrom(i, S)
    \/ \E b \in R, from \in R, authentic \in BOOLEAN : ByzantineSend(b, [from |-> from], authentic)
=============================================================================
