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
(* - every logged field of every event bound and checked (docs/validate.md, *)
(*   "every logged field is checked"): what a send sent is the message the *)
(*   step adds to msgs (sender, view, seq, payload); what a receive names  *)
(*   is the message the action's guard requires; the quorum a step logs   *)
(*   is one the guard counts. Each *Sent / *On / *Q action below is its    *)
(*   PBFT action conjoined with equalities that hold of exactly that       *)
(*   message, so \E over the new parameters gives back the PBFT action:    *)
(*   the behaviours are the same, the trace's fields are now compared.    *)
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
(* (the event's msg.seq): the same guard and effect (the garbage          *)
(* collection written with ResetUpTo, PBFTTraceForms.tla). StableCheckpoint      *)
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
         /\ ppAcc' = [ppAcc EXCEPT ![i] = ResetUpTo(@, ck.seq, NoEntry)]
         /\ prepCert' = [prepCert EXCEPT ![i] = ResetUpTo(@, ck.seq, NoEntry)]
         /\ committed' = [committed EXCEPT ![i] = ResetUpTo(@, ck.seq, NoReq)]
         /\ exec' = [exec EXCEPT ![i] = IF Len(@) < ck.seq THEN ck.state ELSE @]
    /\ UNCHANGED <<msgs, view, active, commitLog>>

(* A constant set read at state level (TLC evaluates it in each state):   *)
(* a quantifier over it is bound from the trace by one membership test,    *)
(* instead of TLC splitting Next into one action per value.               *)
AtState(S) == IF view = view THEN S ELSE {}

(* j sent a REPLY for r in view v; or j, having executed r (in order, or  *)
(* by state transfer in StableCheckpoint), re-sends its REPLY when the     *)
(* client retransmits r (the paper's 4.1: a replica keeps the last reply   *)
(* to each client). The re-send changes nothing the spec tracks and is not *)
(* logged; PBFT.tla's ClientAccepts counts only the REPLYs Execute sent.   *)
Replied(v, r, j) ==
    \/ Sent(ReplyMsg(v, r, j))
    \/ j \in Honest /\ v <= view[j] /\ \E k \in DOMAIN exec[j] : exec[j][k] = r

(* The REPLY a client logs (from p, view v) was sent, and Qs, which holds  *)
(* p, is a set of F+1 replicas that replied for r: ClientAccept(c, r) with *)
(* the quorum the client used, counting re-sent replies (Replied).         *)
(* The two reply conditions are compared with TRUE so that TLC evaluates   *)
(* them as expressions: as conjuncts of an action it would make one       *)
(* successor per true disjunct of Replied and per witness w of each j in  *)
(* Qs (8 to 18 equal states a ClientAccept, which the engine then had to  *)
(* deduplicate by fingerprinting the whole state). Same truth value.      *)
ClientAcceptQ(c, r, v, p, Qs) ==
    /\ r.client = c
    /\ Replied(v, r, p) = TRUE /\ p \in Qs
    /\ Cardinality(Qs) >= F + 1
    /\ (\A j \in Qs : \E w \in Views : Replied(w, r, j)) = TRUE
    /\ UNCHANGED vars

(* The PRE-PREPARE the primary sends: PrePrepare(i, r) adds exactly       *)
(* PrePrepareMsg(view[i], NextSeq(i), r, i) to msgs. Written with its     *)
(* validation form TracePrePrepare and TraceNextSeq (PBFTTraceForms.tla). *)
PrePrepareSent(i, r, v, n, p) ==
    /\ TracePrePrepare(i, r)
    /\ p = i /\ v = view[i] /\ n = TraceNextSeq(i)
    /\ PrePrepareMsg(v, n, r, p) \in msgs'

(* The PRE-PREPARE a backup accepts: Prepare(i, n, r) requires             *)
(* PrePrepareMsg(view[i], n, r, Primary(view[i])) sent.                    *)
PrepareOn(i, n, r, v, p) ==
    /\ v = view[i] /\ p = Primary(v)
    /\ Prepare(i, n, r)

(* The COMMIT i sends (Commit(i, n) adds CommitMsg(e.view, n, e.req, i),  *)
(* e = ppAcc[i][n]) and the Q-1 backups whose PREPAREs prepared it.        *)
CommitSent(i, n, v, r, p, Qs) ==
    /\ Commit(i, n)
    /\ p = i /\ v = ppAcc[i][n].view /\ r = ppAcc[i][n].req
    /\ CommitMsg(v, n, r, p) \in msgs'
    /\ Cardinality(Qs) >= Q - 1 /\ Qs \subseteq PrepareQuorum(v, n, r)

(* The committed certificate: (view, seq, req) of prepCert[i][n] and Q     *)
(* replicas whose COMMITs match it.                                       *)
CommitLocalQ(i, n, v, r, Qs) ==
    /\ CommitLocal(i, n)
    /\ v = prepCert[i][n].view /\ r = prepCert[i][n].req
    /\ Cardinality(Qs) >= Q /\ Qs \subseteq CommitQuorum(v, n, r)

(* The REPLY Execute(i) sends (written as TraceExecute, PBFTTraceForms);  *)
(* for the null request it sends none and the                              *)
(* event logs no msg (v, r, p then range over AnyView, AnyReq, AnyRep and  *)
(* only -1, NoReq, -1 fit).                                                *)
AnyView == AtState(Views \cup {-1})
AnyReq  == AtState(Reqs \cup {NoReq})
AnyRep  == AtState(R \cup {-1})
ExecuteSent(i, v, r, p) ==
    /\ TraceExecute(i)
    /\ LET x == committed[i][Len(exec[i]) + 1] IN
       IF x = NullReq THEN v = -1 /\ r = NoReq /\ p = -1
       ELSE /\ p = i /\ v = view[i] /\ r = x
            /\ ReplyMsg(v, r, p) \in msgs'

(* The CHECKPOINT Checkpoint(i) sends: CheckpointMsg(Len(exec[i]), exec[i], i). *)
CheckpointSent(i, n, d, p) ==
    /\ Checkpoint(i)
    /\ p = i /\ n = Len(exec[i]) /\ d = exec[i]
    /\ CheckpointMsg(n, d, p) \in msgs'

(* The checkpoint made stable: its state d has a quorum Qs of CHECKPOINTs, *)
(* and it is the state i adopts when it is behind.                         *)
CkptStatesAt(n) == {c.state : c \in CkptsAt(n)}
StableCheckpointQ(i, n, d, Qs) ==
    /\ StableCheckpointAt(i, n)
    /\ ValidCkpt([seq |-> n, state |-> d])
    /\ exec'[i] = IF Len(exec[i]) < n THEN d ELSE exec[i]
    /\ Cardinality(Qs) >= Q /\ Qs \subseteq CheckpointQuorum(n, d)

(* The VIEW-CHANGE StartViewChange(i) sends (the same LET as there).      *)
VCOf(i) ==
    LET ck == [seq |-> h[i], state |-> SubSeq(exec[i], 1, h[i])]
        P  == {[view |-> prepCert[i][n].view, seq |-> n, req |-> prepCert[i][n].req] :
                  n \in {k \in Seqs : k > h[i] /\ prepCert[i][k] /= NoEntry}}
    IN  ViewChangeMsg(view[i] + 1, i, ck, P)
StartViewChangeSent(i, v, p, ck, P) ==
    /\ p = i /\ v = VCOf(i).view /\ ck = VCOf(i).ckpt /\ P = VCOf(i).P
    /\ StartViewChange(i)
    /\ ViewChangeMsg(v, p, ck, P) \in msgs'

(* The NEW-VIEW NewViewWith(i, V) sends: NewViewMsg(view[i], i, V,        *)
(* ComputeO(V)); Qs = the senders of V.                                   *)
NewViewSent(i, V, v, p, O, Qs) ==
    /\ NewViewWith(i, V)
    /\ p = i /\ v = view[i] /\ O = ComputeO(V) /\ Qs = {m.from : m \in V}
    /\ NewViewMsg(v, p, V, O) \in msgs'

(* The NEW-VIEW a backup accepts: from the primary of its view, with the  *)
(* O of its V (AcceptNewViewWith requires it sent, or valid when the      *)
(* primary is Byzantine); Qs = the senders of V.                          *)
AcceptNewViewOn(i, v, V, p, O, Qs) ==
    /\ p = Primary(v) /\ O = ComputeO(V) /\ Qs = {m.from : m \in V}
    /\ AcceptNewViewWith(i, v, V)

ValidationNext ==
    \/ \E c \in Clients, r \in AtState(Requests) : ClientRequest(c, r)
    \/ \E c \in Clients, r \in AtState(Requests) :
         \E v \in AtState(Views), p \in AtState(R), Qs \in AtState(SUBSET R) : ClientAcceptQ(c, r, v, p, Qs)
    \/ \E i \in R :
         \/ \E r \in AtState(Requests) : \E v \in AtState(Views), n \in AtState(Seqs), p \in AtState(R) :
              PrePrepareSent(i, r, v, n, p)
         \/ \E n \in AtState(Seqs), r \in AtState(Requests) : \E v \in AtState(Views), p \in AtState(R) : PrepareOn(i, n, r, v, p)
         \/ \E n \in AtState(Seqs) : \E v \in AtState(Views), r \in AtState(Reqs), p \in AtState(R), Qs \in AtState(SUBSET R) :
              CommitSent(i, n, v, r, p, Qs)
         \/ \E n \in AtState(Seqs) : \E v \in AtState(Views), r \in AtState(Reqs), Qs \in AtState(SUBSET R) :
              CommitLocalQ(i, n, v, r, Qs)
         \/ \E v \in AnyView, r \in AnyReq, p \in AnyRep : ExecuteSent(i, v, r, p)
         \/ \E n \in AtState(0..MaxSeq), d \in {exec[i]}, p \in AtState(R) : CheckpointSent(i, n, d, p)
         \/ \E n \in AtState(Seqs) : \E d \in CkptStatesAt(n), Qs \in AtState(SUBSET R) : StableCheckpointQ(i, n, d, Qs)
         \/ \E v \in AtState(1..MaxView), p \in AtState(R), ck \in {VCOf(i).ckpt}, P \in {VCOf(i).P} :
              StartViewChangeSent(i, v, p, ck, P)
         \/ \E v \in 1..MaxView, V \in VCSets :
              \E p \in AtState(R), O \in {ComputeO(V)}, Qs \in AtState(SUBSET R) : AcceptNewViewOn(i, v, V, p, O, Qs)
         \/ \E V \in VCSets : \E v \in AtState(Views), p \in AtState(R), O \in {ComputeO(V)}, Qs \in AtState(SUBSET R) :
              NewViewSent(i, V, v, p, O, Qs)
    \/ \E b \in R, from \in R, authentic \in BOOLEAN : ByzantineSend(b, [from |-> from], authentic)
=============================================================================
