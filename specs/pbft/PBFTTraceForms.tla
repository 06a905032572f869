--------------------------- MODULE PBFTTraceForms ---------------------------
(***************************************************************************)
(* Trace-time forms of PBFT's invariants (trace-mapping.json,              *)
(* "invariantForms"): the fast trace validator checks these on every       *)
(* candidate state instead, and reports a violation under the original     *)
(* invariant's name; --engine tlc checks them too (TracePBFT.tla).         *)
(*                                                                         *)
(* Why: ViewChangeSafety tries every commitLog entry x view x request with *)
(* ValidCert inside (a quorum count over msgs), ClientSafety every request *)
(* with ClientAccepts inside (replicas x views membership tests), on every *)
(* state whose msgs changed, i.e. nearly every event. The forms range over *)
(* the messages the state holds instead, and only then count quorums.      *)
(*                                                                         *)
(* The argument is counting over Sent, no protocol lemma, so it holds on   *)
(* broken variants' states too, as long as Sent is PBFT's (unforgeable     *)
(* signatures: Sent(m) for an honest sender is m \in msgs). Where Sent is  *)
(* TRUE (broken variant PBFTForge) ClientSafety is FALSE already in Init   *)
(* and TraceClientSafety is not.                                           *)
(*                                                                         *)
(* ViewChangeSafety. ValidCert(v, n, r) needs Q-1 replicas j other than    *)
(* Primary(v) with Sent(PrepareMsg(v, n, r, j)). At most |Byz| of them are *)
(* Byzantine, so if |Byz| < Q - 1 some honest j has PrepareMsg(v, n, r, j) *)
(* in msgs (Sent(m) for an honest sender is m \in msgs): the violating     *)
(* (v, n, r) is the (view, seq, req) of a PREPARE in msgs. So it suffices  *)
(* to try, for each (seq, req) pair (n, r) of a PREPARE in msgs with n     *)
(* committed, every view v under the original's range conditions (some c  *)
(* in commitLog with c.seq = n, r # c.req, v \in c.view..MaxView): each    *)
(* triple tried is an instance of the original's quantifiers, and the     *)
(* violating triple is among them. A pair that is committed cannot        *)
(* violate unless some seq has two committed requests (Agreement false):  *)
(* otherwise every c at n has c.req = r. So only the uncommitted pairs     *)
(* are tried (all of them when some seq is split). With |Byz| >= Q - 1 the *)
(* form is the original.                                                   *)
(*                                                                         *)
(* ClientSafety. ClientAccepts(r) needs F+1 replicas j with                *)
(* Sent(ReplyMsg(v, r, j)) for some v. If |Byz| <= F, one of them is       *)
(* honest and its REPLY for r is in msgs: only requests named by a REPLY   *)
(* in msgs can be accepted. The consequent "some honest replica executed   *)
(* r" is r \in ExecutedReqs. So it suffices to count replies for the       *)
(* requests named by a REPLY and executed by no honest replica. With       *)
(* |Byz| > F the form is the original.                                     *)
(*                                                                         *)
(* TotalOrder: TraceTotalOrder, argued beside it below.                   *)
(*                                                                         *)
(* Integrity. commitLog's requests are the c.req of its entries: testing   *)
(* each request once is testing each entry.                                *)
(*                                                                         *)
(* Agreement. commitLog's (seq, req) pairs project onto its seqs; the      *)
(* projection is one-to-one (one request per seq) iff both sets have the   *)
(* same size: O(|commitLog| log |commitLog|) instead of |commitLog|^2.     *)
(*                                                                         *)
(* MCPBFTTraceForms.cfg has TLC check TraceFormsEquivalent on every        *)
(* reachable state of a model with a Byzantine backup and a view change;   *)
(* the broken variants PBFTDropCerts and PBFTReplyAtPrepared (test         *)
(* resources) show each form violated where its invariant is.              *)
(***************************************************************************)
EXTENDS PBFT, StepOps

(* Every definition below without arguments reads few variables: the fast *)
(* engine evaluates such a definition once per distinct value of what it  *)
(* reads, and a filter of msgs only on the messages a step added           *)
(* (docs/validate.md, "Definitions evaluated once").                       *)

(* Committed (seq, req) pairs, seqs and requests of commitLog. *)
CommittedPairs == {<<c.seq, c.req>> : c \in commitLog}
CommittedSeqs  == {c.seq : c \in commitLog}
CommittedReqs  == {c.req : c \in commitLog}

(* Some seq has two committed requests. *)
CommitSplit == Cardinality(CommittedPairs) /= Cardinality(CommittedSeqs)

TraceAgreement == ~CommitSplit

(* Integrity asks the same of each committed request, not of each commit. *)
TraceIntegrity == \A r \in CommittedReqs : r = NullReq \/ RequestSent(r)

(* The (seq, req) pairs of the PREPARE messages in msgs sent by a replica *)
(* (msgs \cap a set of records filters in TLC's Java, not by evaluating a  *)
(* predicate per message), and those no replica has committed.             *)
PreparedPairs ==
    {<<p.seq, p.req>> : p \in msgs \cap [type : {"PREPARE"}, view : Int, seq : Int, req : Reqs, from : R]}
UncommittedPairs == PreparedPairs \ CommittedPairs

(* A request r at n in view v conflicts with a committed entry in          *)
(* ViewChangeSafety's range.                                               *)
ConflictsWithCommit(v, n, r) ==
    \E c \in commitLog : c.seq = n /\ r /= c.req /\ v \in c.view..MaxView

TraceViewChangeSafety ==
    IF Cardinality(Byz) >= Q - 1 THEN ViewChangeSafety
    ELSE LET seqs == CommittedSeqs
         IN  \A x \in (IF CommitSplit THEN PreparedPairs ELSE UncommittedPairs) :
               x[1] \in seqs =>
                 \A v \in Views : ConflictsWithCommit(v, x[1], x[2]) =>
                   ~ValidCert([view |-> v, seq |-> x[1], req |-> x[2]])

(* Requests some honest replica has executed. *)
ExecutedReqs == UNION {{exec[i][n] : n \in 1..Len(exec[i])} : i \in Honest}

(* The requests named by a REPLY message in msgs from a replica (filtered *)
(* as in PreparedPairs).                                                   *)
RepliedReqs ==
    {m.req : m \in msgs \cap [type : {"REPLY"}, view : Views, req : Requests, from : R]}

TraceClientSafety ==
    IF Cardinality(Byz) > F THEN ClientSafety
    ELSE \A r \in RepliedReqs \ ExecutedReqs : ~ClientAccepts(r)

(* TotalOrder. The honest replicas' exec sequences are pairwise prefix-   *)
(* comparable iff each is a prefix of a longest one (if all are prefixes  *)
(* of one sequence, the shorter of any two is a prefix of the longer; if  *)
(* all pairs are comparable, each is comparable with a longest one and    *)
(* not longer): |Honest| prefix tests instead of |Honest|^2.              *)
TraceTotalOrder ==
    IF Honest = {} THEN TRUE
    ELSE LET l == CHOOSE i \in Honest : \A j \in Honest : Len(exec[j]) <= Len(exec[i])
         IN  \A j \in Honest : SubSeq(exec[l], 1, Len(exec[j])) = exec[j]

-----------------------------------------------------------------------------
(* Validation forms of what PrePrepare and StableCheckpoint compute over  *)
(* every seq (TracePBFTNext.tla takes them): at 10,000 requests MaxSeq is  *)
(* 40,000 and the window holds at most a few entries.                     *)
(*                                                                         *)
(* ArgsNot(ppAcc[i], NoEntry) are the seqs whose entry is not NoEntry      *)
(* (StepOps.tla; in Java one pass of reference comparisons): NextSeq's     *)
(* Max ranges over them and h[i]; PrePrepare's "r not yet assigned" tests  *)
(* only them, since NoEntry.req = NoReq is no request of Requests.        *)
(* ResetUpTo(f, n, x) is the garbage collection's lambda                   *)
(* [k \in Seqs |-> IF k <= n THEN x ELSE f[k]] for f with domain Seqs    *)
(* (TypeOK), one array copy in Java instead of MaxSeq evaluations of the   *)
(* lambda's body. ValidationFormsOK checks the three on every state of    *)
(* the CI model (MCPBFTTraceForms.cfg), with the Java definitions.         *)
TraceNextSeq(i) == 1 + Max({h[i]} \cup ArgsNot(ppAcc[i], NoEntry))
Unassigned(i, r) == \A k \in ArgsNot(ppAcc[i], NoEntry) : ppAcc[i][k].req /= r

TracePrePrepare(i, r) ==
    LET n == TraceNextSeq(i) IN
    /\ i \in Honest /\ active[i] /\ i = Primary(view[i])
    /\ n \in Seqs /\ n <= h[i] + L
    /\ RequestSent(r)
    /\ Unassigned(i, r)
    /\ ppAcc' = [ppAcc EXCEPT ![i][n] = [view |-> view[i], req |-> r]]
    /\ msgs' = msgs \cup {PrePrepareMsg(view[i], n, r, i)}
    /\ UNCHANGED <<view, active, h, prepCert, committed, exec, commitLog>>

ValidationFormsOK ==
    \A i \in R :
        /\ TraceNextSeq(i) = NextSeq(i)
        /\ \A r \in Requests : Unassigned(i, r) <=> \A k \in Seqs : ppAcc[i][k].req /= r
        /\ \A n \in 0..MaxSeq :
             /\ ResetUpTo(ppAcc[i], n, NoEntry) = [k \in Seqs |-> IF k <= n THEN NoEntry ELSE ppAcc[i][k]]
             /\ ResetUpTo(prepCert[i], n, NoEntry) = [k \in Seqs |-> IF k <= n THEN NoEntry ELSE prepCert[i][k]]
             /\ ResetUpTo(committed[i], n, NoReq) = [k \in Seqs |-> IF k <= n THEN NoReq ELSE committed[i][k]]

(* Execute with its guard CheckpointDone(i) compared with TRUE, so that   *)
(* TLC evaluates the disjunction as an expression: as a conjunct of the    *)
(* action it gave one (equal) successor per true disjunct, which the       *)
(* engine then compared value by value (exec, the whole log). Same action. *)
TraceExecute(i) ==
    LET n == Len(exec[i]) + 1
        r == committed[i][n]
    IN
    /\ i \in Honest /\ n \in Seqs /\ r /= NoReq /\ CheckpointDone(i) = TRUE
    /\ exec' = [exec EXCEPT ![i] = Append(@, r)]
    /\ msgs' = IF r = NullReq THEN msgs ELSE msgs \cup {ReplyMsg(view[i], r, i)}
    /\ UNCHANGED <<view, active, h, ppAcc, prepCert, committed, commitLog>>

-----------------------------------------------------------------------------
(* Step forms (trace-mapping.json, "invariantSteps"; docs/validate.md,     *)
(* "Invariants' step forms"): evaluated on the state before a step and the *)
(* state after, when the state before satisfied every invariant. Both read *)
(* only what Execute and a state transfer change, and name the positions   *)
(* of exec a step wrote with ChangedArgs (StepOps.tla: one pass of         *)
(* reference comparisons in Java, nothing when exec[i] is the same value). *)
(*                                                                         *)
(* TotalOrder: the pairs (i, j, k) of honest replicas and a position both  *)
(* have whose values a step can change are those with k written in exec[i] *)
(* or exec[j] by the step; the others held before. A step that shortens an *)
(* exec only removes pairs. So it suffices to compare each written         *)
(* position with every other honest replica's at that position.           *)
TotalOrderStep ==
    \A i \in Honest : \A k \in ChangedArgs(exec[i], exec'[i]) :
        \A j \in Honest : k <= Len(exec'[j]) => exec'[j][k] = exec'[i][k]

(* ClientSafety. ClientAccepts(r) counts REPLYs in msgs (honest senders)  *)
(* and TRUE for Byzantine ones, and msgs only grows: it can become TRUE    *)
(* only for the request of a REPLY the step added (Added, StepOps.tla: one *)
(* walk of the two sorted sets by object identity in Java). And a request  *)
(* some honest replica executed before still is if no honest exec lost a  *)
(* position (each only grew at its end: ExecOnlyGrew). So, from a state   *)
(* satisfying ClientSafety, such a step keeps it iff the requests of the   *)
(* added REPLYs that are accepted now were executed by an honest replica   *)
(* (first tried at the end of each exec, where Execute puts the request it *)
(* replies to); otherwise (a state transfer replacing an exec) the        *)
(* trace-time form on the new state. Counting over Sent, as the trace-time *)
(* forms: no protocol lemma (PBFTReplyAtPrepared, which replies before     *)
(* executing, violates it where ClientSafety is violated).                 *)
ExecOnlyGrew ==
    \A i \in Honest : Len(exec'[i]) >= Len(exec[i]) /\ \A k \in ChangedArgs(exec[i], exec'[i]) : k > Len(exec[i])
ExecutedNow(r) ==
    \/ \E i \in Honest : Len(exec'[i]) > 0 /\ exec'[i][Len(exec'[i])] = r
    \/ \E i \in Honest : \E k \in DOMAIN exec'[i] : exec'[i][k] = r
ClientSafetyStep ==
    IF ExecOnlyGrew
    THEN \A m \in Added(msgs, msgs') :
           m.type = "REPLY" /\ m.req \in Requests => (ClientAccepts(m.req)' => ExecutedNow(m.req))
    ELSE TraceClientSafety'

(* Agreement and Integrity: their trace-time forms on the new state (they  *)
(* read only commitLog, and msgs: definitions the fast engine grows with  *)
(* the step's additions). As step forms they spare the engine's cache of  *)
(* whole-state fingerprints, which walked msgs every 256 checks.          *)
AgreementStep == TraceAgreement'
IntegrityStep == TraceIntegrity'

(* ViewChangeSafety. From a state satisfying it, a step that leaves        *)
(* commitLog as it was can make it FALSE only by making some ValidCert     *)
(* (v, n, r) TRUE, i.e. by adding to msgs the PRE-PREPARE (v, n, r) or a   *)
(* NEW-VIEW of view v with [seq |-> n, req |-> r] in its O (PrePrepared),  *)
(* or a PREPARE (v, n, r) (the quorum): Sent of a Byzantine sender is TRUE *)
(* before and after. So it suffices to check those triples, and only for a *)
(* seq some replica committed (ConflictsWithCommit needs one) and a        *)
(* request of Reqs (the original's range). A step that adds to commitLog,  *)
(* or |Byz| >= Q - 1: the trace-time form on the new state.                *)
AddedTriples ==
    LET A == Added(msgs, msgs') IN
    {[view |-> m.view, seq |-> m.seq, req |-> m.req] : m \in {x \in A : x.type \in {"PRE-PREPARE", "PREPARE"}}}
    \cup UNION {{[view |-> m.view, seq |-> o.seq, req |-> o.req] : o \in m.O} : m \in {x \in A : x.type = "NEW-VIEW"}}
ViewChangeSafetyStep ==
    IF Added(commitLog, commitLog') = {} /\ Cardinality(Byz) < Q - 1
    THEN \A t \in AddedTriples :
           t.seq \in CommittedSeqs /\ t.req \in Reqs /\ ConflictsWithCommit(t.view, t.seq, t.req) => ~ValidCert(t)'
    ELSE TraceViewChangeSafety'

AllInvariants == Agreement /\ TotalOrder /\ Integrity /\ ViewChangeSafety /\ ClientSafety

(* What MCPBFTTraceForms.cfg checks on every step (PROPERTY StepFormsOK). *)
StepFormsEquivalent ==
    AllInvariants =>
        /\ Agreement' <=> AgreementStep
        /\ TotalOrder' <=> TotalOrderStep
        /\ Integrity' <=> IntegrityStep
        /\ ViewChangeSafety' <=> ViewChangeSafetyStep
        /\ ClientSafety' <=> ClientSafetyStep
StepFormsOK == [][StepFormsEquivalent]_vars

(* What MCPBFTTraceForms.cfg checks: each form equals its invariant. *)
TraceFormsEquivalent ==
    /\ Agreement <=> TraceAgreement
    /\ TotalOrder <=> TraceTotalOrder
    /\ Integrity <=> TraceIntegrity
    /\ ViewChangeSafety <=> TraceViewChangeSafety
    /\ ClientSafety <=> TraceClientSafety
=============================================================================
