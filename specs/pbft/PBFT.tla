-------------------------------- MODULE PBFT --------------------------------
(***************************************************************************)
(* Practical Byzantine Fault Tolerance, Castro and Liskov, OSDI 1999,      *)
(* the signature variant of Section 4: normal case (4.2), garbage          *)
(* collection with checkpoints (4.3) and view changes (4.4).               *)
(*                                                                         *)
(* Replicas 0..N-1; the primary of view v is v % N. A set Byz of replicas  *)
(* behaves arbitrarily. Signatures are unforgeable, so a Byzantine replica *)
(* can send any message in its OWN name and none in an honest one's. We    *)
(* do not store Byzantine messages: Sent(m) holds for every well-formed    *)
(* message from a Byzantine replica, as if it had sent every message it    *)
(* could (receivers choose which to use). This keeps the Byzantine message *)
(* space out of the state and covers equivocation, stale views and lies by *)
(* omission in certificates. ByzantineSend is the stuttering step the      *)
(* trace validator maps a Byzantine replica's sends to.                    *)
(*                                                                         *)
(* A digest is modelled by the request it digests. Quorums are Q = N - F:  *)
(* with N = 3F+1 that is the paper's 2f+1. The trace contract is           *)
(* EVENTS.md; action names here are the trace's action names.              *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Sequences, TLC

CONSTANTS
    N,        \* number of replicas
    F,        \* faults the quorums are sized for
    Byz,      \* the Byzantine replicas
    Clients,  \* client ids
    MaxTs,    \* client timestamps 1..MaxTs
    MaxView,  \* views 0..MaxView
    MaxSeq,   \* sequence numbers 1..MaxSeq
    K,        \* checkpoint interval
    L         \* log window: accept h < n <= h + L

R       == 0..(N - 1)
Honest  == R \ Byz
Views   == 0..MaxView
Seqs    == 1..MaxSeq
Q       == N - F
Primary(v) == v % N

ASSUME /\ N \in Nat \ {0} /\ F \in Nat /\ Byz \subseteq R /\ Q > 0
       /\ MaxView \in Nat /\ MaxSeq \in Nat \ {0} /\ K \in Nat \ {0} /\ L \in Nat \ {0}

Requests == [client : Clients, ts : 1..MaxTs]
NullReq  == [client |-> -1, ts |-> 0]     \* the null request of a new view
NoReq    == [client |-> -2, ts |-> 0]     \* "no request here" (JSON null)
Reqs     == Requests \cup {NullReq}
NoEntry  == [view |-> -1, req |-> NoReq]  \* "no log entry" (JSON null)
Entries  == [view : Views, req : Reqs] \cup {NoEntry}
Genesis  == [seq |-> 0, state |-> << >>]  \* the initial stable checkpoint

Max(S) == CHOOSE x \in S : \A y \in S : y <= x

(* Messages: records with the fields of EVENTS.md. *)
RequestMsg(r)       == [type |-> "REQUEST", req |-> r]
PrePrepareMsg(v, n, r, i) == [type |-> "PRE-PREPARE", view |-> v, seq |-> n, req |-> r, from |-> i]
PrepareMsg(v, n, r, i)    == [type |-> "PREPARE", view |-> v, seq |-> n, req |-> r, from |-> i]
CommitMsg(v, n, r, i)     == [type |-> "COMMIT", view |-> v, seq |-> n, req |-> r, from |-> i]
ReplyMsg(v, r, i)         == [type |-> "REPLY", view |-> v, req |-> r, from |-> i]
CheckpointMsg(n, d, i)    == [type |-> "CHECKPOINT", seq |-> n, state |-> d, from |-> i]
ViewChangeMsg(v, i, ck, P) == [type |-> "VIEW-CHANGE", view |-> v, from |-> i, ckpt |-> ck, P |-> P]
NewViewMsg(v, i, V, O)    == [type |-> "NEW-VIEW", view |-> v, from |-> i, V |-> V, O |-> O]

VARIABLES
    msgs,       \* every message an honest replica or a client has sent
    view,       \* view[i]: the view replica i is in (or moving to)
    active,     \* active[i]: FALSE between sending VIEW-CHANGE and entering the new view
    h,          \* h[i]: low water mark = seq of the last stable checkpoint
    ppAcc,      \* ppAcc[i][n]: the pre-prepare accepted for n in the current view
    prepCert,   \* prepCert[i][n]: highest-view prepared certificate for n
    committed,  \* committed[i][n]: request committed-local at n (or NoReq)
    exec,       \* exec[i]: requests executed in order (null requests included)
    commitLog   \* ghost: every committed-local step of an honest replica

vars == <<msgs, view, active, h, ppAcc, prepCert, committed, exec, commitLog>>

(* m was sent: an honest replica's message is in msgs; a Byzantine replica *)
(* may have sent any message in its own name.                              *)
Sent(m) == m \in msgs \/ m.from \in Byz

RequestSent(r) == RequestMsg(r) \in msgs

PrepareQuorum(v, n, r) == {j \in R \ {Primary(v)} : Sent(PrepareMsg(v, n, r, j))}
CommitQuorum(v, n, r)  == {j \in R : Sent(CommitMsg(v, n, r, j))}
CheckpointQuorum(n, d) == {j \in R : Sent(CheckpointMsg(n, d, j))}

(* The pre-prepare for (v, n, r) exists: sent alone or inside a NEW-VIEW. *)
PrePrepared(v, n, r) ==
    \/ Sent(PrePrepareMsg(v, n, r, Primary(v)))
    \/ \E m \in msgs : m.type = "NEW-VIEW" /\ m.view = v /\ [seq |-> n, req |-> r] \in m.O

(* A prepared certificate the receiver can check: the signed pre-prepare  *)
(* and Q-1 signed prepares from distinct backups.                         *)
ValidCert(c) == PrePrepared(c.view, c.seq, c.req)
                /\ Cardinality(PrepareQuorum(c.view, c.seq, c.req)) >= Q - 1

ValidCkpt(ck) == ck = Genesis \/ Cardinality(CheckpointQuorum(ck.seq, ck.state)) >= Q

-----------------------------------------------------------------------------
(* View change: what a Byzantine replica can put in a VIEW-CHANGE, and    *)
(* the NEW-VIEW computation of the paper (4.4).                           *)

(* Valid checkpoints: at least Q - |Byz| > 0 honest replicas vouch for     *)
(* one, so the candidates come from the honest CHECKPOINT messages.       *)
KnownCkpts == {Genesis} \cup
              {[seq |-> m.seq, state |-> m.state] : m \in {x \in msgs : x.type = "CHECKPOINT"}}
ValidCkpts == {ck \in KnownCkpts : ValidCkpt(ck)}

ValidCerts(v) == {c \in [view : 0..(v - 1), seq : Seqs, req : Reqs] : ValidCert(c)}

(* A Byzantine VIEW-CHANGE: any valid checkpoint, any subset of valid     *)
(* certificates above it (at most one per seq: a second one for the same  *)
(* seq changes nothing, the highest view wins).                           *)
ByzViewChanges(b, v) ==
    UNION {{ViewChangeMsg(v, b, ck, P) :
              P \in {S \in SUBSET {c \in ValidCerts(v) : c.seq > ck.seq} :
                        \A c1, c2 \in S : c1.seq = c2.seq => c1 = c2}} :
           ck \in ValidCkpts}

HonestViewChanges(v) == {m \in msgs : m.type = "VIEW-CHANGE" /\ m.view = v}

(* Sets V of Q view-changes for v from distinct replicas: some honest    *)
(* ones (as sent) and at most one per Byzantine replica.                  *)
ByzChoices(v) ==
    UNION {{{g[b] : b \in S} : g \in [S -> UNION {ByzViewChanges(b, v) : b \in S}]} :
              S \in SUBSET Byz}
ViewChangeSets(v) ==
    {V \in {H \cup B : H \in SUBSET HonestViewChanges(v), B \in ByzChoices(v)} :
        Cardinality({m.from : m \in V}) = Q /\ Cardinality(V) = Q}

MinS(V)     == Max({m.ckpt.seq : m \in V})
MinCkpt(V)  == CHOOSE ck \in {m.ckpt : m \in V} : ck.seq = MinS(V)
CertsOf(V)  == UNION {m.P : m \in V}
MaxS(V)     == Max({MinS(V)} \cup {c.seq : c \in CertsOf(V)})
BestReq(V, n) ==
    LET Cs == {c \in CertsOf(V) : c.seq = n}
    IN  IF Cs = {} THEN NullReq
        ELSE (CHOOSE c \in Cs : \A d \in Cs : d.view <= c.view).req
ComputeO(V) == {[seq |-> n, req |-> BestReq(V, n)] : n \in (MinS(V) + 1)..MaxS(V)}

(* NEW-VIEW messages for v a backup can accept: the honest primary's, or  *)
(* any correctly computed one from a Byzantine primary.                   *)
NewViews(v) ==
    IF Primary(v) \in Byz
    THEN {NewViewMsg(v, Primary(v), V, ComputeO(V)) : V \in ViewChangeSets(v)}
    ELSE {m \in msgs : m.type = "NEW-VIEW" /\ m.view = v}

(* Entering a view with stable checkpoint ck and pre-prepares O: adopt ck *)
(* if it is newer (state transfer), discard the log at or below it.       *)
EnterView(i, v, ck, O) ==
    LET newH == IF ck.seq > h[i] THEN ck.seq ELSE h[i]
        InO(n) == \E o \in O : o.seq = n
        ReqO(n) == (CHOOSE o \in O : o.seq = n).req
    IN  /\ view' = [view EXCEPT ![i] = v]
        /\ active' = [active EXCEPT ![i] = TRUE]
        /\ h' = [h EXCEPT ![i] = newH]
        /\ ppAcc' = [ppAcc EXCEPT ![i] =
               [n \in Seqs |-> IF n > newH /\ InO(n) THEN [view |-> v, req |-> ReqO(n)] ELSE NoEntry]]
        /\ prepCert' = [prepCert EXCEPT ![i] =
               [n \in Seqs |-> IF n <= newH THEN NoEntry ELSE prepCert[i][n]]]
        /\ committed' = [committed EXCEPT ![i] =
               [n \in Seqs |-> IF n <= newH THEN NoReq ELSE committed[i][n]]]
        /\ exec' = [exec EXCEPT ![i] = IF Len(exec[i]) < ck.seq THEN ck.state ELSE exec[i]]

-----------------------------------------------------------------------------
Init ==
    /\ msgs = {}
    /\ view = [i \in R |-> 0]
    /\ active = [i \in R |-> TRUE]
    /\ h = [i \in R |-> 0]
    /\ ppAcc = [i \in R |-> [n \in Seqs |-> NoEntry]]
    /\ prepCert = [i \in R |-> [n \in Seqs |-> NoEntry]]
    /\ committed = [i \in R |-> [n \in Seqs |-> NoReq]]
    /\ exec = [i \in R |-> << >>]
    /\ commitLog = {}

(* Client c sends (or retransmits) request r to the replicas. *)
ClientRequest(c, r) ==
    /\ r.client = c
    /\ msgs' = msgs \cup {RequestMsg(r)}
    /\ UNCHANGED <<view, active, h, ppAcc, prepCert, committed, exec, commitLog>>

(* A client accepts the result of r on F+1 matching replies from distinct  *)
(* replicas (the paper's 4.1). Clients own no spec variable: acceptance is *)
(* the predicate below, checked by ClientSafety.                          *)
ReplyQuorum(r) == {j \in R : \E v \in Views : Sent(ReplyMsg(v, r, j))}
ClientAccepts(r) == Cardinality(ReplyQuorum(r)) >= F + 1

(* Client c accepts r: a stuttering step for the trace validator (not in  *)
(* Next: it changes no variable).                                         *)
ClientAccept(c, r) ==
    /\ r.client = c /\ ClientAccepts(r)
    /\ UNCHANGED vars

(* The primary assigns the next sequence number to a client request. *)
NextSeq(i) == 1 + Max({h[i]} \cup {n \in Seqs : ppAcc[i][n] /= NoEntry})

PrePrepare(i, r) ==
    LET n == NextSeq(i) IN
    /\ i \in Honest /\ active[i] /\ i = Primary(view[i])
    /\ n \in Seqs /\ n <= h[i] + L
    /\ RequestSent(r)
    /\ \A k \in Seqs : ppAcc[i][k].req /= r
    /\ ppAcc' = [ppAcc EXCEPT ![i][n] = [view |-> view[i], req |-> r]]
    /\ msgs' = msgs \cup {PrePrepareMsg(view[i], n, r, i)}
    /\ UNCHANGED <<view, active, h, prepCert, committed, exec, commitLog>>

(* Backup i accepts the pre-prepare (view[i], n, r) and sends PREPARE. *)
Prepare(i, n, r) ==
    /\ i \in Honest /\ active[i] /\ i /= Primary(view[i])
    /\ h[i] < n /\ n <= h[i] + L
    /\ Sent(PrePrepareMsg(view[i], n, r, Primary(view[i])))
    /\ RequestSent(r)
    /\ ppAcc[i][n] = NoEntry
    /\ ppAcc' = [ppAcc EXCEPT ![i][n] = [view |-> view[i], req |-> r]]
    /\ msgs' = msgs \cup {PrepareMsg(view[i], n, r, i)}
    /\ UNCHANGED <<view, active, h, prepCert, committed, exec, commitLog>>

(* prepared(m, v, n, i): i becomes prepared and sends COMMIT. *)
Commit(i, n) ==
    LET e == ppAcc[i][n] IN
    /\ i \in Honest /\ active[i]
    /\ e /= NoEntry /\ e.view = view[i] /\ prepCert[i][n] /= e
    /\ Cardinality(PrepareQuorum(e.view, n, e.req)) >= Q - 1
    /\ prepCert' = [prepCert EXCEPT ![i][n] = e]
    /\ msgs' = msgs \cup {CommitMsg(e.view, n, e.req, i)}
    /\ UNCHANGED <<view, active, h, ppAcc, committed, exec, commitLog>>

(* committed-local(m, v, n, i): Q matching commits. *)
CommitLocal(i, n) ==
    LET e == prepCert[i][n] IN
    /\ i \in Honest /\ active[i]
    /\ e /= NoEntry /\ e.view = view[i] /\ committed[i][n] = NoReq
    /\ Cardinality(CommitQuorum(e.view, n, e.req)) >= Q
    /\ committed' = [committed EXCEPT ![i][n] = e.req]
    /\ commitLog' = commitLog \cup {[rep |-> i, view |-> e.view, seq |-> n, req |-> e.req]}
    /\ UNCHANGED <<msgs, view, active, h, ppAcc, prepCert, exec>>

(* A checkpoint due at the last executed seq has been sent. *)
CheckpointDone(i) ==
    LET n == Len(exec[i]) IN
    n = 0 \/ n % K /= 0 \/ n <= h[i] \/ CheckpointMsg(n, exec[i], i) \in msgs

(* Execute the next committed request in order and reply to the client. *)
Execute(i) ==
    LET n == Len(exec[i]) + 1
        r == committed[i][n]
    IN
    /\ i \in Honest /\ n \in Seqs /\ r /= NoReq /\ CheckpointDone(i)
    /\ exec' = [exec EXCEPT ![i] = Append(@, r)]
    /\ msgs' = IF r = NullReq THEN msgs ELSE msgs \cup {ReplyMsg(view[i], r, i)}
    /\ UNCHANGED <<view, active, h, ppAcc, prepCert, committed, commitLog>>

Checkpoint(i) ==
    /\ i \in Honest /\ ~CheckpointDone(i)
    /\ msgs' = msgs \cup {CheckpointMsg(Len(exec[i]), exec[i], i)}
    /\ UNCHANGED <<view, active, h, ppAcc, prepCert, committed, exec, commitLog>>

(* Q matching checkpoints make (n, d) stable: move h, collect garbage,    *)
(* fetch the state if i is behind.                                        *)
StableCheckpoint(i) ==
    /\ i \in Honest
    /\ \E ck \in ValidCkpts :
         /\ ck.seq > h[i]
         /\ h' = [h EXCEPT ![i] = ck.seq]
         /\ ppAcc' = [ppAcc EXCEPT ![i] = [n \in Seqs |-> IF n <= ck.seq THEN NoEntry ELSE @[n]]]
         /\ prepCert' = [prepCert EXCEPT ![i] = [n \in Seqs |-> IF n <= ck.seq THEN NoEntry ELSE @[n]]]
         /\ committed' = [committed EXCEPT ![i] = [n \in Seqs |-> IF n <= ck.seq THEN NoReq ELSE @[n]]]
         /\ exec' = [exec EXCEPT ![i] = IF Len(@) < ck.seq THEN ck.state ELSE @]
    /\ UNCHANGED <<msgs, view, active, commitLog>>

(* The view-change timer of i fires: move to view+1 and send VIEW-CHANGE *)
(* with the stable checkpoint and the prepared certificates above it.    *)
StartViewChange(i) ==
    LET ck == [seq |-> h[i], state |-> SubSeq(exec[i], 1, h[i])]
        P  == {[view |-> prepCert[i][n].view, seq |-> n, req |-> prepCert[i][n].req] :
                  n \in {k \in Seqs : k > h[i] /\ prepCert[i][k] /= NoEntry}}
    IN
    /\ i \in Honest /\ view[i] < MaxView
    /\ view' = [view EXCEPT ![i] = @ + 1]
    /\ active' = [active EXCEPT ![i] = FALSE]
    /\ ppAcc' = [ppAcc EXCEPT ![i] = [n \in Seqs |-> NoEntry]]
    /\ msgs' = msgs \cup {ViewChangeMsg(view[i] + 1, i, ck, P)}
    /\ UNCHANGED <<h, prepCert, committed, exec, commitLog>>

(* The primary of the new view sends NEW-VIEW from Q view-changes,        *)
(* its own among them.                                                    *)
NewView(i) ==
    /\ i \in Honest /\ ~active[i] /\ i = Primary(view[i])
    /\ \E V \in ViewChangeSets(view[i]) :
         /\ \E m \in V : m.from = i
         /\ msgs' = msgs \cup {NewViewMsg(view[i], i, V, ComputeO(V))}
         /\ EnterView(i, view[i], MinCkpt(V), ComputeO(V))
    /\ UNCHANGED <<commitLog>>

(* Backup i accepts a NEW-VIEW for view v >= its view and prepares O. *)
AcceptNewView(i) ==
    /\ i \in Honest
    /\ \E v \in 1..MaxView :
         /\ Primary(v) /= i
         /\ v > view[i] \/ (v = view[i] /\ ~active[i])
         /\ \E m \in NewViews(v) :
              LET newH == IF MinCkpt(m.V).seq > h[i] THEN MinCkpt(m.V).seq ELSE h[i] IN
              /\ EnterView(i, v, MinCkpt(m.V), m.O)
              /\ msgs' = msgs \cup {PrepareMsg(v, o.seq, o.req, i) : o \in {x \in m.O : x.seq > newH}}
    /\ UNCHANGED <<commitLog>>

(* A Byzantine replica sends m: any message in its own name. It changes   *)
(* no variable (Sent already covers it); the trace validator maps the     *)
(* Byzantine replica's events here.                                       *)
ByzantineSend(b, m, authentic) ==
    /\ b \in Byz
    /\ authentic => m.from = b
    /\ UNCHANGED vars

Next ==
    \/ \E c \in Clients, r \in Requests : ClientRequest(c, r)
    \/ \E i \in R :
         \/ \E r \in Requests : PrePrepare(i, r)
         \/ \E n \in Seqs, r \in Requests : Prepare(i, n, r)
         \/ \E n \in Seqs : Commit(i, n) \/ CommitLocal(i, n)
         \/ Execute(i) \/ Checkpoint(i) \/ StableCheckpoint(i)
         \/ StartViewChange(i) \/ NewView(i) \/ AcceptNewView(i)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

TypeOK ==
    /\ view \in [R -> Views]
    /\ active \in [R -> BOOLEAN]
    /\ h \in [R -> 0..MaxSeq]
    /\ ppAcc \in [R -> [Seqs -> Entries]]
    /\ prepCert \in [R -> [Seqs -> Entries]]
    /\ committed \in [R -> [Seqs -> Reqs \cup {NoReq}]]
    /\ \A i \in R : exec[i] \in Seq(Reqs) /\ Len(exec[i]) <= MaxSeq

(* No two honest replicas commit different requests at the same sequence *)
(* number, in any views.                                                  *)
Agreement ==
    \A c1, c2 \in commitLog : c1.seq = c2.seq => c1.req = c2.req

(* Honest replicas execute the same sequence: one is a prefix of the other. *)
TotalOrder ==
    \A i, j \in Honest :
        LET m == IF Len(exec[i]) < Len(exec[j]) THEN Len(exec[i]) ELSE Len(exec[j])
        IN  SubSeq(exec[i], 1, m) = SubSeq(exec[j], 1, m)

(* Every request an honest replica commits was sent by a client. *)
Integrity ==
    \A c \in commitLog : c.req = NullReq \/ RequestSent(c.req)

(* Once a request is committed at n in view v, every prepared certificate *)
(* for n in a view >= v carries that request: a view change never         *)
(* re-proposes anything else at n.                                        *)
ViewChangeSafety ==
    \A c \in commitLog : \A v \in c.view..MaxView : \A r \in Reqs :
        ValidCert([view |-> v, seq |-> c.seq, req |-> r]) => r = c.req

(* A client accepts only a result some honest replica executed. *)
ClientSafety ==
    \A r \in Requests : ClientAccepts(r) =>
        \E i \in Honest : \E n \in 1..Len(exec[i]) : exec[i][n] = r
=============================================================================
