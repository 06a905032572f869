------------------------- MODULE TraceMultiPaxosNext -------------------------
(***************************************************************************)
(* The next-state relation the trace validator loads for MultiPaxos.       *)
(* MultiPaxos's Next ranges each receive over the constant set of messages *)
(* of its type; with a trace's constants (MaxBallot 59, MaxSlot 6) the set *)
(* of 1b messages has about 241^6 elements, which TLC enumerates when it   *)
(* splits Next into sub-actions. ValidationNext ranges over msgs instead:  *)
(* every receive action's first conjunct is m \in msgs, so the behaviours  *)
(* are the same. HandlePromise(p, m) is taken for every p: it requires     *)
(* m.bal = pBal[p], and pBal[p] is a ballot p owns (Phase1a), so p is      *)
(* Owner(m.bal) as in Next.                                                *)
(* The receives range over the message sets of Next written with          *)
(* DOMAIN maxBal (= Nodes) in place of Nodes: the same sets, state-level, *)
(* so TLC does not enumerate them when it splits Next; the validator binds *)
(* m from the event by a field-by-field membership test (m \in msgs is the *)
(* action's own first conjunct), not by a second search of msgs.          *)
(* Learn is taken in its validation form TraceLearn (MultiPaxosTraceForms: *)
(* agree by membership tests, not a scan of every recorded 2b; the same   *)
(* formula on every reachable state, LearnAgreeOK).                       *)
(* Each action also keeps the history variable chosenSlot                 *)
(* (MultiPaxosTraceForms): Phase2b records what its 2b made chosen, every  *)
(* other action leaves it unchanged. The Trace* actions are the spec's    *)
(* actions with that conjunct (the mapping's "action" names them;         *)
(* TraceLearn has it in MultiPaxosTraceForms).                           *)
(***************************************************************************)
EXTENDS MultiPaxosTraceForms

Sent1a == [type : {"1a"}, bal : Ballots, from : DOMAIN maxBal]
Sent1b == [type : {"1b"}, bal : Ballots, from : DOMAIN maxBal, votes : [Slots -> Vote]]
Sent2a == [type : {"2a"}, bal : Ballots, slot : Slots, val : Vals, from : DOMAIN maxBal]
Sent2b == [type : {"2b"}, bal : Ballots, slot : Slots, val : Vals, from : DOMAIN maxBal]

\* Commands, Slots and Vals written state-level (DOMAIN maxBal = Nodes in every state: Init sets it
\* so and every action keeps it, TypeOK): the same sets, but TLC does not split Next over them.
\* Split, ClientRequest and Phase2a made |Nodes| x |Commands| and |Nodes| x |Slots| x |Vals|
\* sub-actions when the spec was loaded (6 million Actions and 36 million Contexts, 1.6 GB, for a
\* 1,000-command trace; 10^10 at 100,000 commands); unsplit, the validator binds c, s and v from the
\* event by one membership test each.
AsState(S) == IF DOMAIN maxBal = Nodes THEN S ELSE {}

ValidationInit == Init /\ ChosenInit

TraceClientRequest(n, c) == ClientRequest(n, c) /\ UNCHANGED chosenSlot
TracePhase1a(p, b)       == Phase1a(p, b) /\ UNCHANGED chosenSlot
TracePhase1b(a, m)       == Phase1b(a, m) /\ UNCHANGED chosenSlot
TraceHandlePromise(p, m) == HandlePromise(p, m) /\ UNCHANGED chosenSlot
TraceBecomeLeader(p)     == BecomeLeader(p) /\ UNCHANGED chosenSlot
TracePhase2a(p, s, v)    == Phase2a(p, s, v) /\ UNCHANGED chosenSlot
TracePhase2b(a, m)       == Phase2b(a, m) /\ RecordChosen(a, m.bal, m.slot, m.val)
TraceRestart(n)          == Restart(n) /\ UNCHANGED chosenSlot

ValidationNext ==
  \/ \E n \in Nodes, c \in AsState(Commands) : TraceClientRequest(n, c)
  \/ \E p \in Nodes, b \in Ballots : TracePhase1a(p, b)
  \/ \E a \in Nodes, m \in Sent1a : TracePhase1b(a, m)
  \/ \E p \in Nodes, m \in Sent1b : TraceHandlePromise(p, m)
  \/ \E p \in Nodes : TraceBecomeLeader(p)
  \/ \E p \in Nodes, s \in AsState(Slots), v \in AsState(Vals) : TracePhase2a(p, s, v)
  \/ \E a \in Nodes, m \in Sent2a : TracePhase2b(a, m)
  \/ \E l \in Nodes, m \in Sent2b : TraceLearn(l, m)
  \/ \E n \in Nodes : TraceRestart(n)
=============================================================================
