---------------------------- MODULE TracePBFTNext ----------------------------
(***************************************************************************)
(* The next-state relation the trace validator loads for PBFT (see         *)
(* docs/validate.md, "the mapping"). Next of PBFT.tla plus:                *)
(*                                                                         *)
(* - the stuttering steps ClientAccept and ByzantineSend, which PBFT's     *)
(*   Next leaves out (they add no state) but traces log;                   *)
(* - NewView with the senders S of its view-change set V bound from the    *)
(*   trace (the event's "quorum"): NewView(i) == \E S : NewViewFrom(i, S), *)
(*   up to which of the equivalent V's msgs' records (below).              *)
(*   The honest members of V are determined by S (an honest replica sends  *)
(*   one VIEW-CHANGE per view); Byzantine ones range as in ViewChangeSets. *)
(* - StableCheckpoint with the checkpoint's seq bound from the trace:     *)
(*   StableCheckpointAt (below).                                          *)
(* - AcceptNewView likewise, with the view v and the senders S of the     *)
(*   NEW-VIEW's V bound from the trace: AcceptNewViewFrom.                 *)
(***************************************************************************)
EXTENDS PBFTTraceForms  \* PBFT with the trace-time invariant forms of trace-mapping.json

ByzChoicesFrom(v, T) ==
    {{g[b] : b \in T} : g \in [T -> UNION {ByzViewChanges(b, v) : b \in T}]}

ViewChangeSetsFrom(v, S) ==
    {V \in {{m \in HonestViewChanges(v) : m.from \in S} \cup B : B \in ByzChoicesFrom(v, S \cap Byz)} :
        {m.from : m \in V} = S /\ Cardinality(V) = Q}

(* NewView(i) with V's senders S given: the same guard and effect, with  *)
(* one difference: of the view-change sets with senders S that give the  *)
(* same O and min-s checkpoint, one (CHOOSE) stands for all in msgs'. A   *)
(* NEW-VIEW of an honest primary is read only through its O and min-s     *)
(* (AcceptNewView, PrePrepared), so the behaviours are the same; without  *)
(* it, Byzantine VIEW-CHANGEs in V (any content a Byzantine replica can   *)
(* sign) multiply the validator's candidate states at every view change. *)
NewViewFrom(i, S) ==
    /\ i \in Honest /\ ~active[i] /\ i = Primary(view[i])
    /\ i \in S /\ Cardinality(S) = Q
    /\ LET Vs == ViewChangeSetsFrom(view[i], S) IN
       \E r \in {[o |-> ComputeO(V), ck |-> MinCkpt(V)] : V \in Vs} :
         LET V == CHOOSE V \in Vs : ComputeO(V) = r.o /\ MinCkpt(V) = r.ck IN
         /\ msgs' = msgs \cup {NewViewMsg(view[i], i, V, r.o)}
         /\ EnterView(i, view[i], r.ck, r.o)
    /\ UNCHANGED <<commitLog>>

(* AcceptNewView(i) for the NEW-VIEW of view v whose V has senders S   *)
(* (both logged): the same guard and effect. AcceptNewView ranges over   *)
(* every view and, for a Byzantine primary, over every NEW-VIEW it could *)
(* compute; binding v and S keeps the validator to the one logged.       *)
NewViewsFrom(v, S) ==
    IF Primary(v) \in Byz
    THEN {NewViewMsg(v, Primary(v), V, ComputeO(V)) : V \in ViewChangeSetsFrom(v, S)}
    ELSE {m \in NewViews(v) : {x.from : x \in m.V} = S}

AcceptNewViewFrom(i, v, S) ==
    /\ i \in Honest
    /\ Primary(v) /= i
    /\ v > view[i] \/ (v = view[i] /\ ~active[i])
    /\ \E m \in NewViewsFrom(v, S) :
         LET newH == IF MinCkpt(m.V).seq > h[i] THEN MinCkpt(m.V).seq ELSE h[i] IN
         /\ EnterView(i, v, MinCkpt(m.V), m.O)
         /\ msgs' = msgs \cup {PrepareMsg(v, o.seq, o.req, i) : o \in {x \in m.O : x.seq > newH}}
    /\ UNCHANGED <<commitLog>>

(* StableCheckpoint(i) with the checkpoint's seq n bound from the trace   *)
(* (the event's msg.seq): the same guard and effect. StableCheckpoint      *)
(* ranges over ValidCkpts, which builds every checkpoint ever sent and     *)
(* counts the quorum of each on every step; here only those of seq n.      *)
(* \E n \in Seqs : StableCheckpointAt(i, n) <=> StableCheckpoint(i): a     *)
(* valid checkpoint above h[i] >= 0 is not Genesis, so it is one of the    *)
(* CHECKPOINT messages' (seq, state) with a quorum, and its seq is in Seqs.*)
CkptsAt(n) == {[seq |-> n, state |-> m.state] : m \in {x \in msgs : x.type = "CHECKPOINT" /\ x.seq = n}}

StableCheckpointAt(i, n) ==
    /\ i \in Honest
    /\ n > h[i]
    /\ \E ck \in CkptsAt(n) :
         /\ ValidCkpt(ck)
         /\ h' = [h EXCEPT ![i] = ck.seq]
         /\ ppAcc' = [ppAcc EXCEPT ![i] = [k \in Seqs |-> IF k <= ck.seq THEN NoEntry ELSE @[k]]]
         /\ prepCert' = [prepCert EXCEPT ![i] = [k \in Seqs |-> IF k <= ck.seq THEN NoEntry ELSE @[k]]]
         /\ committed' = [committed EXCEPT ![i] = [k \in Seqs |-> IF k <= ck.seq THEN NoReq ELSE @[k]]]
         /\ exec' = [exec EXCEPT ![i] = IF Len(@) < ck.seq THEN ck.state ELSE @]
    /\ UNCHANGED <<msgs, view, active, commitLog>>

(* Sender sets: SUBSET of a state-level set, so that TLC does not split  *)
(* Next into 2^N sub-actions over it (the validator binds S from the     *)
(* event instead).                                                        *)
Senders == SUBSET (R \cap DOMAIN view)

ValidationNext ==
    \/ \E c \in Clients, r \in Requests : ClientRequest(c, r)
    \/ \E c \in Clients, r \in Requests : ClientAccept(c, r)
    \/ \E i \in R :
         \/ \E r \in Requests : PrePrepare(i, r)
         \/ \E n \in Seqs, r \in Requests : Prepare(i, n, r)
         \/ \E n \in Seqs : Commit(i, n) \/ CommitLocal(i, n)
         \/ Execute(i) \/ Checkpoint(i)
         \/ \E n \in Seqs : StableCheckpointAt(i, n)
         \/ StartViewChange(i)
         \/ \E v \in 1..MaxView, S \in Senders : AcceptNewViewFrom(i, v, S)
         \/ \E S \in Senders : NewViewFrom(i, S)
    \/ \E b \in R, from \in R, authentic \in BOOLEAN : ByzantineSend(b, [from |-> from], authentic)
=============================================================================
