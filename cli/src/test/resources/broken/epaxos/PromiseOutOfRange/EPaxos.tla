------------------------------- MODULE EPaxos -------------------------------
\* BROKEN VARIANT (PromiseOutOfRange): a replica answering Prepare promises a ballot beyond the ballots there are
\* TLC must report a violation of TypeOK.
(***************************************************************************)
(* Egalitarian Paxos (Moraru, Andersen, Kaminsky, SOSP 2013; seed notes,   *)
(* section 3.5) at the granularity of the reference implementation: every  *)
(* action is one step of one replica that receives one message or sends    *)
(* one message (EVENTS.md).                                                *)
(*                                                                         *)
(* No leader: replica r owns the instances InstOf(r, k) = (k - 1) * N + r, *)
(* k \in 1..MaxSlot (instance i's leader: Leader(i)), and is their        *)
(* command leader. A command's attributes are its dependencies    *)
(* (the instances of interfering commands: same key) and a sequence        *)
(* number. The leader pre-accepts its command with the attributes its own  *)
(* log gives (ballot 0); every replica that pre-accepts adds the           *)
(* interfering instances it knows and raises seq. Fast path: FQ - 1 other  *)
(* replicas left the attributes unchanged -> commit after one round trip.  *)
(* Slow path: a majority's replies, attributes united, Accept at the       *)
(* ballot, a majority accepts -> commit. Committed commands execute by     *)
(* their dependency graph: strongly connected components in dependency     *)
(* order, each in seq order.                                               *)
(*                                                                         *)
(* Ballots are per instance: ballot 0 is the leader's, ballot b > 0 is     *)
(* owned by Owner(b) and used only to recover (explicit Prepare). Each     *)
(* record of an instance keeps `bal` (the highest ballot promised) and     *)
(* `abal` (the ballot its attributes were written at; for an accepted      *)
(* record, the ballot it voted at).                                        *)
(*                                                                         *)
(* Recovery = "original": a Prepare reply reports the record's `bal`       *)
(* (before the Prepare) as the ballot of its accepted attributes, because  *)
(* the original TLA+ specification (efficient/epaxos, tla+/                *)
(* EgalitarianPaxos.tla, ReplyPrepare) and its Go implementation keep ONE  *)
(* ballot per record, overwritten by every Prepare: the promise and the    *)
(* vote are the same variable (Sutra, "On the correctness of Egalitarian   *)
(* Paxos", IPL 2020, arXiv 1906.10917). Recovery = "corrected": the reply  *)
(* reports `abal`, the ballot of the vote, and the recoverer takes the     *)
(* accepted attributes of the highest vote, Paxos's rule (Sutra's fix: "a  *)
(* process needs to maintain the last ballot at which it voted"; also the  *)
(* `abal` of Ryabinin, Gotsman, Sutra, "Making Democracy Work: Fixing and  *)
(* Simplifying Egalitarian Paxos", OPODIS 2025). See README.md.            *)
(***************************************************************************)
EXTENDS Integers, FiniteSets, Sequences

CONSTANTS
  N,          \* replicas 1..N
  FQ,         \* fast quorum size, the leader included
  Commands,   \* the commands clients may submit (strings)
  KeyGroups,  \* the commands grouped by the key they touch (interference = same key)
  MaxSlot,    \* instances per replica
  MaxBallot,  \* recovery ballots 1..MaxBallot
  Recovery    \* "original" or "corrected"

Replicas  == 1..N
CQ        == N \div 2 + 1                   \* slow-path and recovery quorum
Slots     == 1..MaxSlot
Instances == 1..(N * MaxSlot)
InstOf(r, k) == (k - 1) * N + r
Leader(i) == ((i - 1) % N) + 1
Ballots   == 0..MaxBallot
Noop      == "noop"                         \* what recovery commits for an instance no one saw
NoCmd     == ""
Cmds      == Commands \cup {Noop}
Status    == {"none", "preaccepted", "accepted", "committed"}

ASSUME N \in Nat \ {0} /\ FQ \in 1..N /\ MaxSlot \in Nat \ {0} /\ MaxBallot \in Nat
ASSUME Recovery \in {"original", "corrected"}
ASSUME Noop \notin Commands /\ NoCmd \notin Commands
ASSUME KeyGroups \subseteq SUBSET Commands /\ \A g1, g2 \in KeyGroups : g1 = g2 \/ g1 \cap g2 = {}
(* Fast quorums of all replicas but at most one: with a majority recovery  *)
(* quorum Q that leaves out the leader, the witnesses of a fast commit in  *)
(* Q (at least FQ + |Q| - N of them) and the leader form a majority, so    *)
(* every other command's phase-1 quorum met one of them (README.md: why    *)
(* recovery from witnesses is safe). For N = 3 this is EPaxos's FQ = 2.    *)
ASSUME FQ >= N - 1 /\ FQ + CQ > N

(* Ballot b > 0 of every instance is owned by replica (b % N) + 1; ballot 0 *)
(* by the instance's leader.                                                *)
Owner(b)      == (b % N) + 1
Coord(i, b)   == IF b = 0 THEN Leader(i) ELSE Owner(b)
Interferes(c, d) == \E g \in KeyGroups : c \in g /\ d \in g

Max(S) == IF S = {} THEN 0 ELSE CHOOSE x \in S : \A y \in S : y <= x

Rec == [status : Status, cmd : Cmds \cup {NoCmd}, deps : SUBSET Instances, seq : Nat,
        bal : Ballots, abal : Ballots \cup {-1}, fast : BOOLEAN]
NoRec == [status |-> "none", cmd |-> NoCmd, deps |-> {}, seq |-> 0, bal |-> 0, abal |-> -1, fast |-> FALSE]

VARIABLES
  log,       \* log[r][i]: replica r's record of instance i (durable)
  cbal,      \* cbal[r][i]: the ballot r last coordinated for i, -1 none (durable)
  cphase,    \* cphase[r][i]: "idle" | "prepare" | "preaccept" | "accept" | "done" (volatile)
  executed,  \* executed[r]: the instances r executed, in order
  proposed,  \* the commands clients submitted
  msgs       \* every message sent

vars == <<log, cbal, cphase, executed, proposed, msgs>>

Phases == {"idle", "prepare", "preaccept", "accept", "done"}

Init ==
  /\ log = [r \in Replicas |-> [i \in Instances |-> NoRec]]
  /\ cbal = [r \in Replicas |-> [i \in Instances |-> -1]]
  /\ cphase = [r \in Replicas |-> [i \in Instances |-> "idle"]]
  /\ executed = [r \in Replicas |-> <<>>]
  /\ proposed = {}
  /\ msgs = {}

Send(m) == msgs' = msgs \cup {m}

(* The attributes replica r's log gives command c in instance i. *)
LocalDeps(r, i, c) == {j \in Instances \ {i} : log[r][j].status # "none" /\ Interferes(log[r][j].cmd, c)}
LocalSeq(r, i, c)  == 1 + Max({log[r][j].seq : j \in LocalDeps(r, i, c)})

-----------------------------------------------------------------------------
(* Command leader, ballot 0 *)

(* A client's command c reaches replica r, which leads it in its next free *)
(* instance: pre-accepts it itself and sends PreAccept. A command may be   *)
(* proposed again (a client that was not answered asks another replica;    *)
(* the implementation's leader re-proposes its command when recovery       *)
(* committed a no-op in its instance): each proposal is its own instance.  *)
Propose(r, c) ==
  /\ c \in Commands
  /\ \E k \in Slots :
       /\ \A k2 \in 1..(k - 1) : cbal[r][InstOf(r, k2)] # -1
       /\ cbal[r][InstOf(r, k)] = -1
       /\ log[r][InstOf(r, k)].status = "none"
       /\ log[r][InstOf(r, k)].bal = 0
       /\ LET i == InstOf(r, k)
              d == LocalDeps(r, i, c)
              s == LocalSeq(r, i, c) IN
          /\ log' = [log EXCEPT ![r][i] = [status |-> "preaccepted", cmd |-> c, deps |-> d, seq |-> s,
                                           bal |-> 0, abal |-> 0, fast |-> TRUE]]
          /\ cbal' = [cbal EXCEPT ![r][i] = 0]
          /\ cphase' = [cphase EXCEPT ![r][i] = "preaccept"]
          /\ Send([type |-> "preaccept", from |-> r, inst |-> i, bal |-> 0, cmd |-> c, deps |-> d, seq |-> s])
  /\ proposed' = proposed \cup {c}
  /\ UNCHANGED executed

(* Replica r pre-accepts: adds the interfering instances it knows. `same`: *)
(* the attributes came back unchanged.                                     *)
PreAcceptReply(r, m) ==
  /\ m \in msgs
  /\ m.type = "preaccept"
  /\ LET i == m.inst
         rec == log[r][i]
         d == m.deps \cup LocalDeps(r, i, m.cmd)
         s == Max({m.seq, LocalSeq(r, i, m.cmd)})
         same == d = m.deps /\ s = m.seq IN
     /\ r # m.from
     /\ rec.status \in {"none", "preaccepted"}
     /\ m.bal >= rec.bal
     /\ m.bal > rec.abal
     /\ log' = [log EXCEPT ![r][i] = [status |-> "preaccepted", cmd |-> m.cmd, deps |-> d, seq |-> s,
                                      bal |-> m.bal, abal |-> m.bal, fast |-> m.bal = 0 /\ same]]
     /\ Send([type |-> "preacceptok", from |-> r, inst |-> i, bal |-> m.bal, deps |-> d, seq |-> s, same |-> same])
  /\ UNCHANGED <<cbal, cphase, executed, proposed>>

PreAcceptOKs(i, b) == {m \in msgs : m.type = "preacceptok" /\ m.inst = i /\ m.bal = b}

(* Fast path: FQ - 1 other replicas pre-accepted at ballot 0 and left the  *)
(* leader's attributes unchanged; the leader has promised nothing higher.  *)
CommitFast(r, i, Q) ==
  /\ Leader(i) = r
  /\ cphase[r][i] = "preaccept"
  /\ cbal[r][i] = 0
  /\ log[r][i].bal = 0
  /\ log[r][i].status = "preaccepted"
  /\ Q \subseteq Replicas \ {r}
  /\ Cardinality(Q) = FQ - 1
  /\ \A q \in Q : \E m \in PreAcceptOKs(i, 0) : m.from = q /\ m.same
  /\ LET rec == log[r][i] IN
     /\ log' = [log EXCEPT ![r][i].status = "committed", ![r][i].fast = FALSE]
     /\ Send([type |-> "commit", from |-> r, inst |-> i, cmd |-> rec.cmd, deps |-> rec.deps, seq |-> rec.seq])
  /\ cphase' = [cphase EXCEPT ![r][i] = "done"]
  /\ UNCHANGED <<cbal, executed, proposed>>

(* Slow path (ballot 0, or a recovery's phase 1): replies from Q, with the *)
(* coordinator a majority; attributes united; Accept.                      *)
StartAccept(r, i, Q) ==
  LET b == cbal[r][i]
      rs == {m \in PreAcceptOKs(i, b) : m.from \in Q}
      rec == log[r][i]
      d == rec.deps \cup UNION {m.deps : m \in rs}
      s == Max({rec.seq} \cup {m.seq : m \in rs}) IN
  /\ cphase[r][i] = "preaccept"
  /\ rec.bal = b
  /\ rec.status = "preaccepted"
  /\ Q \subseteq Replicas \ {r}
  /\ Cardinality(Q) = CQ - 1
  /\ \A q \in Q : \E m \in rs : m.from = q
  /\ log' = [log EXCEPT ![r][i] = [rec EXCEPT !.status = "accepted", !.deps = d, !.seq = s, !.abal = b, !.fast = FALSE]]
  /\ Send([type |-> "accept", from |-> r, inst |-> i, bal |-> b, cmd |-> rec.cmd, deps |-> d, seq |-> s])
  /\ cphase' = [cphase EXCEPT ![r][i] = "accept"]
  /\ UNCHANGED <<cbal, executed, proposed>>

AcceptReply(r, m) ==
  /\ m \in msgs
  /\ m.type = "accept"
  /\ r # m.from
  /\ LET i == m.inst
         rec == log[r][i] IN
     /\ rec.status # "committed"
     /\ m.bal >= rec.bal
     /\ ~(rec.status = "accepted" /\ rec.abal = m.bal)
     /\ log' = [log EXCEPT ![r][i] = [status |-> "accepted", cmd |-> m.cmd, deps |-> m.deps, seq |-> m.seq,
                                      bal |-> m.bal, abal |-> m.bal, fast |-> FALSE]]
     /\ Send([type |-> "acceptok", from |-> r, inst |-> i, bal |-> m.bal])
  /\ UNCHANGED <<cbal, cphase, executed, proposed>>

(* A majority (the coordinator and CQ - 1 others) accepted: committed. *)
CommitSlow(r, i, Q) ==
  LET b == cbal[r][i] IN
  /\ cphase[r][i] = "accept"
  /\ log[r][i].status # "committed"
  /\ Q \subseteq Replicas \ {r}
  /\ Cardinality(Q) = CQ - 1
  /\ \A q \in Q : \E m \in msgs : m.type = "acceptok" /\ m.inst = i /\ m.bal = b /\ m.from = q
  /\ \E a \in msgs :
       /\ a.type = "accept" /\ a.inst = i /\ a.bal = b /\ a.from = r
       /\ log' = [log EXCEPT ![r][i] = [@ EXCEPT !.status = "committed", !.cmd = a.cmd, !.deps = a.deps,
                                                 !.seq = a.seq, !.fast = FALSE]]
       /\ Send([type |-> "commit", from |-> r, inst |-> i, cmd |-> a.cmd, deps |-> a.deps, seq |-> a.seq])
  /\ cphase' = [cphase EXCEPT ![r][i] = "done"]
  /\ UNCHANGED <<cbal, executed, proposed>>

(* Any replica learns a commit. *)
CommitReply(r, m) ==
  /\ m \in msgs
  /\ m.type = "commit"
  /\ r # m.from
  /\ log[r][m.inst].status # "committed"
  /\ log' = [log EXCEPT ![r][m.inst] = [@ EXCEPT !.status = "committed", !.cmd = m.cmd, !.deps = m.deps,
                                                  !.seq = m.seq, !.fast = FALSE]]
  /\ UNCHANGED <<cbal, cphase, executed, proposed, msgs>>

-----------------------------------------------------------------------------
(* Explicit Prepare recovery *)

(* Replica r (the owner of b) starts recovering instance i at ballot b. *)
Prepare(r, i, b) ==
  /\ b \in Ballots \ {0}
  /\ Owner(b) = r
  /\ b > cbal[r][i]
  /\ b > log[r][i].bal
  /\ log[r][i].status # "committed"
  /\ cbal' = [cbal EXCEPT ![r][i] = b]
  /\ cphase' = [cphase EXCEPT ![r][i] = "prepare"]
  /\ Send([type |-> "prepare", from |-> r, inst |-> i, bal |-> b])
  /\ UNCHANGED <<log, executed, proposed>>

(* The ballot a Prepare reply reports for the record's attributes: the   *)
(* corrected protocol, the ballot of the vote; the original, its single  *)
(* ballot variable, i.e. the highest ballot promised.                     *)
ReportedBallot(rec) == IF Recovery = "corrected" THEN rec.abal ELSE rec.bal

(* Replica r (possibly the recoverer itself) promises b and reports its record. *)
PrepareReply(r, m) ==
  /\ m \in msgs
  /\ m.type = "prepare"
  /\ LET i == m.inst
         rec == log[r][i] IN
     /\ m.bal > rec.bal
     /\ log' = [log EXCEPT ![r][i].bal = m.bal + MaxBallot]
     /\ Send([type |-> "prepareok", from |-> r, inst |-> i, bal |-> m.bal, status |-> rec.status,
              cmd |-> rec.cmd, deps |-> rec.deps, seq |-> rec.seq, vbal |-> ReportedBallot(rec),
              fast |-> rec.fast])
  /\ UNCHANGED <<cbal, cphase, executed, proposed>>

(* The recoverer has replies from a majority Q (itself included or not)   *)
(* and decides what to propose at b:                                       *)
(*  1. a reply is committed: commit it;                                    *)
(*  2. some are accepted: Accept the attributes of the highest reported    *)
(*     ballot (ties: any of them);                                         *)
(*  3. the leader is not in Q and at least FQ + |Q| - N replies are fast   *)
(*     witnesses (pre-accepted at ballot 0, unchanged): the command may    *)
(*     have been committed on the fast path; Accept the witnesses'         *)
(*     attributes (all equal: the leader's);                               *)
(*  4. some are pre-accepted: phase 1 again at b with that command,        *)
(*     attributes from the recoverer's log;                                *)
(*  5. none saw the instance: phase 1 at b with a no-op.                   *)
PrepareOKs(i, b, Q) == {m \in msgs : m.type = "prepareok" /\ m.inst = i /\ m.bal = b /\ m.from \in Q}

StartPhase1(r, i, b, c) ==
  LET d == LocalDeps(r, i, c)
      s == LocalSeq(r, i, c) IN
  /\ log' = [log EXCEPT ![r][i] = [status |-> "preaccepted", cmd |-> c, deps |-> d, seq |-> s,
                                   bal |-> b, abal |-> b, fast |-> FALSE]]
  /\ Send([type |-> "preaccept", from |-> r, inst |-> i, bal |-> b, cmd |-> c, deps |-> d, seq |-> s])
  /\ cphase' = [cphase EXCEPT ![r][i] = "preaccept"]

AcceptAt(r, i, b, rep) ==
  /\ log' = [log EXCEPT ![r][i] = [status |-> "accepted", cmd |-> rep.cmd, deps |-> rep.deps, seq |-> rep.seq,
                                   bal |-> b, abal |-> b, fast |-> FALSE]]
  /\ Send([type |-> "accept", from |-> r, inst |-> i, bal |-> b, cmd |-> rep.cmd, deps |-> rep.deps, seq |-> rep.seq])
  /\ cphase' = [cphase EXCEPT ![r][i] = "accept"]

Recover(r, i, Q) ==
  LET b == cbal[r][i]
      rs == PrepareOKs(i, b, Q)
      acc == {m \in rs : m.status = "accepted"}
      wit == {m \in rs : m.status = "preaccepted" /\ m.fast}
      pre == {m \in rs : m.status = "preaccepted"} IN
  /\ cphase[r][i] = "prepare"
  /\ log[r][i].bal = b
  /\ log[r][i].status # "committed"
  /\ Q \subseteq Replicas
  /\ Cardinality(Q) = CQ
  /\ \A q \in Q : \E m \in rs : m.from = q
  /\ \/ \E m \in rs :
          /\ m.status = "committed"
          /\ log' = [log EXCEPT ![r][i] = [@ EXCEPT !.status = "committed", !.cmd = m.cmd, !.deps = m.deps,
                                                    !.seq = m.seq, !.fast = FALSE]]
          /\ Send([type |-> "commit", from |-> r, inst |-> i, cmd |-> m.cmd, deps |-> m.deps, seq |-> m.seq])
          /\ cphase' = [cphase EXCEPT ![r][i] = "done"]
     \/ /\ \A m \in rs : m.status # "committed"
        /\ acc # {}
        /\ \E m \in acc : /\ \A m2 \in acc : m2.vbal <= m.vbal
                          /\ AcceptAt(r, i, b, m)
     \/ /\ \A m \in rs : m.status \in {"none", "preaccepted"}
        /\ Leader(i) \notin Q
        /\ Cardinality(wit) >= FQ + CQ - N
        /\ \E m \in wit : AcceptAt(r, i, b, m)
     \/ /\ \A m \in rs : m.status \in {"none", "preaccepted"}
        /\ Leader(i) \in Q \/ Cardinality(wit) < FQ + CQ - N
        /\ pre # {}
        /\ \E m \in pre : StartPhase1(r, i, b, m.cmd)
     \/ /\ \A m \in rs : m.status = "none"
        /\ StartPhase1(r, i, b, Noop)
  /\ UNCHANGED <<cbal, executed, proposed>>

(* Replica r, the coordinator a reply is addressed to, takes it in: no     *)
(* variable changes (the coordinator's decisions read the replies from     *)
(* msgs), but the implementation logs the step, so the validator compares  *)
(* every reply with the one the spec's replica sent.                       *)
Collect(r, m) ==
  /\ m \in msgs
  /\ m.type \in {"preacceptok", "acceptok", "prepareok"}
  /\ Coord(m.inst, m.bal) = r
  /\ UNCHANGED vars

(* Crash and restart: the log and the ballots coordinated are durable;    *)
(* what the replica was coordinating is lost (recovery finishes it).      *)
Restart(r) ==
  /\ cphase' = [cphase EXCEPT ![r] = [i \in Instances |-> "idle"]]
  /\ UNCHANGED <<log, cbal, executed, proposed, msgs>>

-----------------------------------------------------------------------------
(* Execution: committed instances by their dependency graph at r. *)

RECURSIVE ReachSet(_, _, _)
(* The instances reachable from S by deps at r (S included), stopping at  *)
(* instances r has not committed (their deps are not final).              *)
ReachSet(r, S, seen) ==
  IF S \subseteq seen THEN seen
  ELSE LET seen2 == seen \cup S
           next == UNION {IF log[r][j].status = "committed" THEN log[r][j].deps ELSE {} : j \in S} IN
       ReachSet(r, next, seen2)

Reach(r, i) == ReachSet(r, {i}, {})
IsExecuted(r, i) == \E k \in 1..Len(executed[r]) : executed[r][k] = i
SCC(r, i) == {j \in Reach(r, i) : i \in Reach(r, j)}

(* Seq order, ties broken by instance number. *)
Before(r, i, j) == \/ log[r][i].seq < log[r][j].seq
                   \/ log[r][i].seq = log[r][j].seq /\ i < j

RECURSIVE SortBy(_, _)
SortBy(r, S) == IF S = {} THEN <<>>
                ELSE LET m == CHOOSE m \in S : \A j \in S \ {m} : Before(r, m, j) IN
                     <<m>> \o SortBy(r, S \ {m})

(* r executes the strongly connected component of i: every instance i      *)
(* reaches is committed at r, every one outside i's component is executed. *)
Execute(r, i) ==
  /\ log[r][i].status = "committed"
  /\ ~IsExecuted(r, i)
  /\ \A j \in Reach(r, i) : log[r][j].status = "committed"
  /\ \A j \in Reach(r, i) \ SCC(r, i) : IsExecuted(r, j)
  /\ executed' = [executed EXCEPT ![r] = @ \o SortBy(r, SCC(r, i))]
  /\ UNCHANGED <<log, cbal, cphase, proposed, msgs>>

-----------------------------------------------------------------------------
Next ==
  \/ \E r \in Replicas, c \in Commands : Propose(r, c)
  \/ \E r \in Replicas, m \in msgs : PreAcceptReply(r, m) \/ AcceptReply(r, m) \/ CommitReply(r, m) \/ PrepareReply(r, m)
                                    \/ Collect(r, m)
  \/ \E r \in Replicas, i \in Instances, Q \in SUBSET Replicas :
        CommitFast(r, i, Q) \/ StartAccept(r, i, Q) \/ CommitSlow(r, i, Q) \/ Recover(r, i, Q)
  \/ \E r \in Replicas, i \in Instances, b \in Ballots : Prepare(r, i, b)
  \/ \E r \in Replicas, i \in Instances : Execute(r, i)
  \/ \E r \in Replicas : Restart(r)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Invariants *)

Committed(r, i) == log[r][i].status = "committed"
Attrs(x) == <<x.cmd, x.deps, x.seq>>
CommitMsgs == {m \in msgs : m.type = "commit"}

TypeOK ==
  /\ log \in [Replicas -> [Instances -> Rec]]
  /\ cbal \in [Replicas -> [Instances -> Ballots \cup {-1}]]
  /\ cphase \in [Replicas -> [Instances -> Phases]]
  /\ \A r \in Replicas : executed[r] \in Seq(Instances)
  /\ proposed \subseteq Commands

(* Nontriviality: only a submitted command (or a recovery's no-op) is     *)
(* committed, and only committed instances are executed.                 *)
Nontriviality ==
  /\ \A r \in Replicas, i \in Instances : Committed(r, i) => log[r][i].cmd \in proposed \cup {Noop}
  /\ \A m \in CommitMsgs : m.cmd \in proposed \cup {Noop}
  /\ \A r \in Replicas : \A k \in 1..Len(executed[r]) : Committed(r, executed[r][k])

(* Consistency: no two replicas (or commit messages) commit different     *)
(* command, deps or seq for one instance.                                 *)
Consistency ==
  /\ \A r1, r2 \in Replicas, i \in Instances :
        Committed(r1, i) /\ Committed(r2, i) => Attrs(log[r1][i]) = Attrs(log[r2][i])
  /\ \A m1, m2 \in CommitMsgs : m1.inst = m2.inst => Attrs(m1) = Attrs(m2)
  /\ \A m \in CommitMsgs, r \in Replicas : Committed(r, m.inst) => Attrs(log[r][m.inst]) = Attrs(m)

(* Execution consistency: interfering commands executed at two replicas   *)
(* executed in the same order at both; no instance executed twice.        *)
Pos(r, i) == CHOOSE k \in 1..Len(executed[r]) : executed[r][k] = i
ExecutionConsistency ==
  /\ \A r \in Replicas : \A k1, k2 \in 1..Len(executed[r]) : k1 # k2 => executed[r][k1] # executed[r][k2]
  /\ \A r1, r2 \in Replicas, i, j \in Instances :
        ( /\ i # j
          /\ IsExecuted(r1, i) /\ IsExecuted(r1, j) /\ IsExecuted(r2, i) /\ IsExecuted(r2, j)
          /\ Interferes(log[r1][i].cmd, log[r1][j].cmd) )
        => (Pos(r1, i) < Pos(r1, j) <=> Pos(r2, i) < Pos(r2, j))

(* Stability: a committed record never changes its command, deps or seq. *)
Stability ==
  [][\A r \in Replicas, i \in Instances : Committed(r, i) => (Committed(r, i)' /\ Attrs(log'[r][i]) = Attrs(log[r][i]))]_vars
=============================================================================
