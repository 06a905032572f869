---------------------------- MODULE TracePBFTNext ----------------------------
(***************************************************************************)
(* The next-state relation the trace validator loads for PBFT (see         *)
(* docs/validate.md, "the mapping"). Next of PBFT.tla plus:                *)
(*                                                                         *)
(* - the stuttering steps ClientAccept and ByzantineSend, which PBFT's     *)
(*   Next leaves out (they add no state) but traces log;                   *)
(* - NewView and AcceptNewView with the view-change set V of the NEW-VIEW *)
(*   bound from the trace (the event's msg.V): NewViewWith,               *)
(*   AcceptNewViewWith (below).                                           *)
(* - StableCheckpoint with the checkpoint's seq bound from the trace:     *)
(*   StableCheckpointAt (below).                                          *)
(***************************************************************************)
EXTENDS PBFTTraceForms  \* PBFT with the trace-time invariant forms of trace-mapping.json

(* The view-change set V of a NEW-VIEW is bound from the trace (the      *)
(* event's msg.V, which an implementation logs by content) and checked    *)
(* member by member, instead of enumerated: NewView(i) ranges over every  *)
(* set of Q view-changes, and for a Byzantine sender over every VIEW-     *)
(* CHANGE it could sign (any valid checkpoint, any subset of the valid    *)
(* prepared certificates above it): thousands of candidates per NEW-VIEW, *)
(* seconds of TLC time each.                                              *)
(*                                                                         *)
(* IsByzViewChange(m, b, v) <=> m \in ByzViewChanges(b, v), for m a       *)
(* record of VCRecords: ck \in ValidCkpts is KnownCkpt /\ ValidCkpt; P is *)
(* a subset of ValidCerts(v) above ck with one certificate per seq.       *)
(* ValidVCSet(V, v) <=> V \in ViewChangeSets(v): Q members from Q         *)
(* distinct senders; msgs holds only honest replicas' messages, so the    *)
(* honest members are HonestViewChanges(v)'s and the others are Byzantine *)
(* VIEW-CHANGEs of their senders. Hence                                   *)
(*   NewView(i) <=> \E V \in VCSets : NewViewWith(i, V)                   *)
(*   AcceptNewView(i) <=> \E v \in 1..MaxView, V \in VCSets :             *)
(*                          AcceptNewViewWith(i, v, V)                     *)
(* (for an honest primary, NewViews(v) holds its NEW-VIEW records, whose  *)
(* O is ComputeO of their V).                                             *)
KnownCkpt(ck) == ck = Genesis \/ \E j \in R : CheckpointMsg(ck.seq, ck.state, j) \in msgs

IsByzViewChange(m, b, v) ==
    /\ m.type = "VIEW-CHANGE" /\ m.view = v /\ m.from = b
    /\ KnownCkpt(m.ckpt) /\ ValidCkpt(m.ckpt)
    /\ \A c \in m.P : /\ c.view \in 0..(v - 1) /\ c.seq \in Seqs /\ c.req \in Reqs
                      /\ c.seq > m.ckpt.seq /\ ValidCert(c)
    /\ \A c1, c2 \in m.P : c1.seq = c2.seq => c1 = c2

ValidVCSet(V, v) ==
    /\ Cardinality(V) = Q /\ Cardinality({m.from : m \in V}) = Q
    /\ \A m \in V : IF m.from \in Byz THEN IsByzViewChange(m, m.from, v) ELSE m \in HonestViewChanges(v)

(* The shape of a logged V: sets of VIEW-CHANGE records. A set TLC tests  *)
(* membership in without enumerating it; from ranges over a state-level   *)
(* set so that TLC does not split Next over its SUBSET.                    *)
VCSets == SUBSET [type : {"VIEW-CHANGE"}, view : Views, from : R \cap DOMAIN view,
                  ckpt : [seq : 0..MaxSeq, state : Seq(Reqs)],
                  P : SUBSET [view : Views, seq : Seqs, req : Reqs]]

NewViewWith(i, V) ==
    /\ i \in Honest /\ ~active[i] /\ i = Primary(view[i])
    /\ \E m \in V : m.from = i
    /\ ValidVCSet(V, view[i])
    /\ LET O == ComputeO(V) IN
       /\ msgs' = msgs \cup {NewViewMsg(view[i], i, V, O)}
       /\ EnterView(i, view[i], MinCkpt(V), O)
    /\ UNCHANGED <<commitLog>>

AcceptNewViewWith(i, v, V) ==
    /\ i \in Honest
    /\ Primary(v) /= i
    /\ v > view[i] \/ (v = view[i] /\ ~active[i])
    /\ IF Primary(v) \in Byz THEN ValidVCSet(V, v)
       ELSE NewViewMsg(v, Primary(v), V, ComputeO(V)) \in msgs
    /\ LET O == ComputeO(V)
           newH == IF MinCkpt(V).seq > h[i] THEN MinCkpt(V).seq ELSE h[i]
       IN  /\ EnterView(i, v, MinCkpt(V), O)
           /\ msgs' = msgs \cup {PrepareMsg(v, o.seq, o.req, i) : o \in {x \in O : x.seq > newH}}
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
         \/ \E v \in 1..MaxView, V \in VCSets : AcceptNewViewWith(i, v, V)
         \/ \E V \in VCSets : NewViewWith(i, V)
    \/ \E b \in R, from \in R, authentic \in BOOLEAN : ByzantineSend(b, [from |-> from], authentic)
=============================================================================
