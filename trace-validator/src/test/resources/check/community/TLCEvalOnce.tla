---------------------------- MODULE TLCEvalOnce ----------------------------
(* TLC!TLCEval keeps the value of a constant-level argument, as newer TLC does (TLC 2.18 keeps
   nothing): etcd's Traceetcdraft substitutes its constant Server with
   TraceServer == TLCEval(FoldSeq(..., TraceLog)), a fold over the whole log, and TLC evaluates
   a definition substituted for a constant again at every reference. LogServers below is such
   a fold over a 3,000-entry log; it prints a line each time it is evaluated, and the model
   names Server in the initial predicate, in the next-state relation inside a quantifier and an
   operator with parameters, in invariants, through an INSTANCE that binds Server in the
   context (the refinement property's path) and in a liveness property. Arguments that do
   depend on the context (an operator's parameter, a bound variable, a variable) are evaluated
   each time: the ASSUMEs and invariants say so. *)
EXTENDS Naturals, Sequences, SequencesExt, FiniteSets, TLC

CONSTANT Server
VARIABLES x, n
vars == <<x, n>>

Log == [i \in 1..3000 |-> [nid |-> (i % 3) + 1]]

LogServers == TLCEval(IF PrintT("LogServers evaluated")
                      THEN FoldSeq(LAMBDA e, acc : acc \cup {e.nid}, {}, Log)
                      ELSE {})

\* depends on its parameter: evaluated at every application (newer TLC's Github648)
BoundedSeqTLCEval(S, k) == UNION {TLCEval([1..m -> S]) : m \in 0..k}
ASSUME Cardinality(BoundedSeqTLCEval(BoundedSeqTLCEval({1, 2}, 2), 2)) = 57
Twice(k) == TLCEval(IF PrintT(<<"Twice", k>>) THEN 2 * k ELSE 0)
ASSUME Twice(1) = 2 /\ Twice(2) = 4 /\ Twice(1) = 2
ASSUME \A k \in 1..3 : TLCEval(k + 1) = k + 1

Member(s) == s \in Server /\ Cardinality(Server) = 3

Init == x \in Server /\ n = 0
Next == /\ n < 6
        /\ \E s \in Server : Member(s) /\ x' = s
        /\ n' = n + 1

TypeOK == x \in Server /\ \A s \in Server : Member(s)
StateLevel == TLCEval(<<x, n>>) = <<x, n>>

I == INSTANCE TLCEvalInner
InnerOK == I!Ok

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
Refines == [][I!Step]_vars
NotRefines == [][I!Jump]_vars   \* violated by the first step: the INSTANCE's context still binds what it must
Eventually == <>(n = 6)
\* [A]_x with an A that fails when evaluated on a step leaving x unchanged (x' = x happens: Next
\* may pick the same server): tlaconform checks UNCHANGED x first (StutterFirst), so A is not
\* evaluated on such a step; TLC 2.18's order would evaluate it and stop with the Assert's error
Quiet == [][x' # x \/ Assert(FALSE, "A evaluated on a step that leaves x unchanged")]_x
=============================================================================
