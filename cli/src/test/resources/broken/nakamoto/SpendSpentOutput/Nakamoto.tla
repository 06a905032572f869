------------------------------ MODULE Nakamoto ------------------------------
\* BROKEN VARIANT (SpendSpentOutput): a transaction may spend an output an earlier transaction of the chain spent
\* TLC must report a violation of NoDoubleSpend.
(***************************************************************************)
(* Nakamoto consensus: longest-chain agreement among miners, with forks,   *)
(* gossip delayed by at most Delta rounds and an adversary that withholds  *)
(* and releases a private chain (Nakamoto, "Bitcoin: A Peer-to-Peer        *)
(* Electronic Cash System", 2008; seed notes section 5). The properties    *)
(* are those of Garay, Kiayias and Leonardos, "The Bitcoin Backbone        *)
(* Protocol" (EUROCRYPT 2015): common prefix with parameter K, chain       *)
(* growth, chain quality; and the ledger's: no double spend in an honest   *)
(* chain, a transaction K blocks deep is never reverted.                   *)
(*                                                                         *)
(* Time is in rounds (as in the backbone paper). Proof of work is a        *)
(* lottery: in every round the honest miners together win exactly          *)
(* HonestPerRound blocks (which honest miner wins is open), the adversary  *)
(* at most AdvPerRound, and at most AdvBudget in the whole run. A block    *)
(* one node sends reaches every honest node at most Delta rounds later:    *)
(* a round cannot end while a delivery sent Delta rounds before it is      *)
(* owed. Within those bounds the adversary orders deliveries (rushing).    *)
(*                                                                         *)
(* A block names its parent and claims a height; a message carries a      *)
(* block, and the receiver learns the chain ending in it (the backbone     *)
(* paper's diffusion of chains; the implementation sends the blocks the    *)
(* receiver may lack). An honest node accepts a chain only if every block  *)
(* it did not hold is valid: height = its parent's + 1, and its            *)
(* transactions spend outputs no earlier transaction of the chain spent.   *)
(* It adopts a valid chain strictly longer than its own (ties: the first   *)
(* received stays) and mines on its tip, including the public              *)
(* transactions still valid there.                                         *)
(*                                                                         *)
(* The adversary is one node (all adversarial miners colluding): it sees   *)
(* every block at once, mines on any block it likes with any transactions  *)
(* (valid or not) and any height claim up to MaxForge beyond the true one  *)
(* (honest validation refuses both), keeps its blocks private and releases *)
(* any of them when it chooses: selfish mining, and the double spend of    *)
(* Nakamoto section 11 (a payment confirmed on the honest chain while a    *)
(* private chain spends the same output elsewhere).                        *)
(*                                                                         *)
(* Every action is one step of one node (EVENTS.md): the trace validator   *)
(* replays implementation traces against the node steps (MineStep,        *)
(* Receive, AdvMineStep, AdvAdopt, Release), with the round, the lottery   *)
(* and the delivery bound left to the model checker: they are assumptions *)
(* about the environment, not steps of a node.                             *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, TLC

CONSTANTS Honest,          \* the honest nodes (integers)
          Adv,             \* the adversary's node (an integer not in Honest)
          GenesisId,       \* the genesis block's id
          Txs,             \* transaction ids: positive integers
          PublicTxs,       \* the transactions honest miners include (a subset of Txs)
          Outputs,         \* the number of outputs: transaction t spends output Spends(t) below
          K,               \* the common-prefix / confirmation depth
          Delta,           \* delivery bound in rounds (>= 1)
          HonestPerRound,  \* blocks the honest miners win each round
          AdvPerRound,     \* most blocks the adversary wins in a round
          AdvBudget,       \* most blocks the adversary wins in the run
          MaxRound,        \* rounds 1..MaxRound
          MaxForge,        \* how far beyond the true height an adversary's claim may go
          QualityWindow,   \* chain quality: every QualityWindow consecutive blocks of an honest chain ...
          QualityMin,      \* ... hold at least QualityMin honest blocks
          History          \* TRUE: keep the history variables (the properties need them; trace validation does not)

ASSUME Adv \notin Honest /\ PublicTxs \subseteq Txs /\ Txs \subseteq Nat \ {0} /\ Outputs \in Nat \ {0}

\* The output transaction t spends: transactions t and t + Outputs spend the same one (a wallet of
\* Outputs coins; the models' "pay" = 1 and "theft" = 2 with one coin).
Spends(t) == ((t - 1) % Outputs) + 1
ASSUME \A t, u \in PublicTxs : t # u => Spends(t) # Spends(u)   \* the public transactions do not conflict
ASSUME History \in BOOLEAN
ASSUME K \in Nat /\ Delta \in Nat \ {0} /\ MaxForge \in Nat

Nodes == Honest \cup {Adv}

Genesis == [id |-> GenesisId, parent |-> GenesisId, height |-> 0, miner |-> 0, txs |-> {}]

VARIABLES
  blk,        \* blk[id]: every block mined so far (the block tree), genesis included
  tip,        \* tip[n]: the block n's chain ends in (the adversary's: its private chain's)
  known,      \* known[n]: the blocks honest node n holds (all valid)
  msgs,       \* every block sent (by an honest miner or released by the adversary)
  \* the environment (model checking only; trace validation leaves these to the spec)
  round,      \* the current round
  pending,    \* <<n, id, r>>: block id sent in round r, owed to honest node n
  minedH,     \* honest blocks won this round
  minedA,     \* adversary blocks won this round
  advTotal,   \* adversary blocks won in the run
  \* history (for the properties only)
  confirmed,  \* confirmed[n]: every transaction that was ever K deep in n's chain
  deep        \* deep[n]: every block that was ever K deep in n's chain

nodeVars == <<blk, tip, known, msgs>>
envVars  == <<round, pending, minedH, minedA, advTotal>>
histVars == <<confirmed, deep>>
vars == <<nodeVars, envVars, histVars>>

-----------------------------------------------------------------------------
(* Chains, written over a block function B so they can be taken in the   *)
(* next state (blk').                                                      *)

RECURSIVE ChainOf(_, _)
\* The chain ending in block b, genesis first.
ChainOf(B, b) == IF b = GenesisId THEN <<b>> ELSE Append(ChainOf(B, B[b].parent), b)

Range(s) == {s[i] : i \in DOMAIN s}

\* The chain s without its last k blocks (GKL's s^{|k}); genesis always stays.
Prune(s, k) == IF Len(s) > k THEN SubSeq(s, 1, Len(s) - k) ELSE <<s[1]>>

IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(t, 1, Len(s)) = s

TxsIn(B, s) == UNION {B[s[i]].txs : i \in DOMAIN s}

Outs(S) == {Spends(t) : t \in S}

\* Transactions S may go in a block whose parent is p: each new to p's chain, each spending an
\* output no transaction of the chain spent, no two spending one output.
ValidTxs(B, p, S) ==
  LET prev == TxsIn(B, ChainOf(B, p)) IN
  /\ S \cap prev = {}
  /\ \A t, u \in S : t # u => Spends(t) # Spends(u)

ValidBlock(B, b) ==
  /\ B[b].height = B[B[b].parent].height + 1
  /\ ValidTxs(B, B[b].parent, B[b].txs)

\* Honest node n may accept the chain ending in b: every block of it n does not hold is valid.
ValidChain(n, b) == \A c \in Range(ChainOf(blk, b)) \ known[n] : ValidBlock(blk, c)

Height(b) == blk[b].height

\* The history variables after a step that leaves the block function B and the tips T.
Track(B, T) ==
  IF History
  THEN /\ confirmed' = [n \in Honest |-> confirmed[n] \cup TxsIn(B, Prune(ChainOf(B, T[n]), K))]
       /\ deep' = [n \in Honest |-> deep[n] \cup Range(Prune(ChainOf(B, T[n]), K))]
  ELSE UNCHANGED histVars

-----------------------------------------------------------------------------
Init ==
  /\ blk = (GenesisId :> Genesis)
  /\ tip = [n \in Nodes |-> GenesisId]
  /\ known = [n \in Honest |-> {GenesisId}]
  /\ msgs = {}
  /\ round = 1
  /\ pending = {}
  /\ minedH = 0
  /\ minedA = 0
  /\ advTotal = 0
  /\ confirmed = [n \in Honest |-> {}]
  /\ deep = [n \in Honest |-> {GenesisId}]

(* Honest node n mines block id on its tip with the public transactions S *)
(* (valid there) and sends it to every other node.                        *)
MineStep(n, id, S) ==
  /\ n \in Honest
  /\ id \notin DOMAIN blk
  /\ S \subseteq PublicTxs
  /\ ValidTxs(blk, tip[n], S)
  /\ LET b  == [id |-> id, parent |-> tip[n], height |-> Height(tip[n]) + 1, miner |-> n, txs |-> S]
         B2 == blk @@ (id :> b)
         T2 == [tip EXCEPT ![n] = id]
     IN /\ blk' = B2
        /\ tip' = T2
        /\ msgs' = msgs \cup {b}
        /\ pending' = pending \cup {<<h, id, round>> : h \in Honest \ {n}}
        /\ Track(B2, T2)
  /\ known' = [known EXCEPT ![n] = @ \cup {id}]

(* Honest node n receives block m: if the chain ending in it is valid, n  *)
(* holds it, and adopts it if it is strictly longer than n's own.          *)
Receive(n, m) ==
  /\ n \in Honest
  /\ m \in msgs
  /\ pending' = {p \in pending : ~(p[1] = n /\ p[2] = m.id)}
  /\ IF ValidChain(n, m.id)
     THEN LET T2 == [tip EXCEPT ![n] = IF Height(m.id) > Height(tip[n]) THEN m.id ELSE @] IN
          /\ known' = [known EXCEPT ![n] = @ \cup Range(ChainOf(blk, m.id))]
          /\ tip' = T2
          /\ Track(blk, T2)
     ELSE UNCHANGED <<known, tip, histVars>>
  /\ UNCHANGED <<blk, msgs, round, minedH, minedA, advTotal>>

(* The adversary mines block id on block p (any block), with any          *)
(* transactions and a height claim up to MaxForge beyond the true one,     *)
(* and keeps it private.                                                   *)
AdvMineStep(a, p, id, S, h) ==
  /\ a = Adv
  /\ p \in DOMAIN blk
  /\ id \notin DOMAIN blk
  /\ S \subseteq Txs
  /\ h \in Height(p) + 1 .. Height(p) + 1 + MaxForge
  /\ blk' = blk @@ (id :> [id |-> id, parent |-> p, height |-> h, miner |-> Adv, txs |-> S])
  /\ tip' = [tip EXCEPT ![Adv] = id]
  /\ UNCHANGED <<known, msgs, round, pending, minedH, histVars>>

(* The adversary moves its private tip to block b (gives up its private   *)
(* chain for b's, typically the honest one).                              *)
AdvAdopt(a, b) ==
  /\ a = Adv
  /\ b \in DOMAIN blk
  /\ tip' = [tip EXCEPT ![Adv] = b]
  /\ UNCHANGED <<blk, known, msgs, envVars, histVars>>

(* The adversary releases its block b to every honest node.               *)
Release(a, b) ==
  /\ a = Adv
  /\ b \in DOMAIN blk
  /\ blk[b].miner = Adv
  /\ blk[b] \notin msgs
  /\ msgs' = msgs \cup {blk[b]}
  /\ pending' = pending \cup {<<h, b, round>> : h \in Honest}
  /\ UNCHANGED <<blk, tip, known, round, minedH, minedA, advTotal, histVars>>

-----------------------------------------------------------------------------
(* The environment: the lottery's quotas and the rounds.                  *)

NextId == Cardinality(DOMAIN blk)   \* block ids of the model: 1, 2, ... in mining order (GenesisId = 0)

\* Honest miners include every public transaction valid on their tip (the model's choice).
HonestTxs(n) == {t \in PublicTxs : ValidTxs(blk, tip[n], {t})}

Mine(n) ==
  /\ minedH < HonestPerRound
  /\ MineStep(n, NextId, HonestTxs(n))
  /\ minedH' = minedH + 1
  /\ UNCHANGED <<round, minedA, advTotal>>

\* The model's adversary includes no transaction or one of its own (the conflicting spend);
\* AdvMineStep allows any set, honest validation refuses the invalid ones.
AdvTxChoices == {{}} \cup {{t} : t \in Txs \ PublicTxs}

\* The adversary mines on its own tip or on an honest node's.
AdvMine(p, S, h) ==
  /\ minedA < AdvPerRound
  /\ advTotal < AdvBudget
  /\ p \in {tip[n] : n \in Nodes}
  /\ AdvMineStep(Adv, p, NextId, S, h)
  /\ minedA' = minedA + 1
  /\ advTotal' = advTotal + 1

\* The model delivers each block once to each honest node it is owed to (a second delivery of a
\* block changes nothing: Receive of a held block leaves known and tip as they are).
Deliver(n, m) == (\E p \in pending : p[1] = n /\ p[2] = m.id) /\ Receive(n, m)

\* A round ends once the honest miners won their blocks and nothing sent Delta rounds ago is owed.
Tick ==
  /\ round < MaxRound
  /\ minedH = HonestPerRound
  /\ \A p \in pending : p[3] + Delta > round + 1
  /\ round' = round + 1
  /\ minedH' = 0
  /\ minedA' = 0
  /\ UNCHANGED <<nodeVars, pending, advTotal, histVars>>

Next ==
  \/ \E n \in Honest : Mine(n)
  \/ \E n \in Honest, m \in msgs : Deliver(n, m)
  \/ \E p \in DOMAIN blk, S \in AdvTxChoices, h \in 1..MaxRound * (HonestPerRound + AdvPerRound) + MaxForge :
       AdvMine(p, S, h)
  \/ \E b \in DOMAIN blk : Release(Adv, b)
  \/ Tick

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Properties.                                                            *)

Chain(n) == ChainOf(blk, tip[n])

TypeOK ==
  /\ round \in 1..MaxRound
  /\ \A n \in Nodes : tip[n] \in DOMAIN blk
  /\ \A n \in Honest : known[n] \subseteq DOMAIN blk /\ tip[n] \in known[n]
  /\ msgs \subseteq {blk[b] : b \in DOMAIN blk}

\* Common prefix (GKL): the chain of any honest node, without its last K blocks, is a prefix
\* of every honest node's chain.
CommonPrefix == \A n1, n2 \in Honest : IsPrefix(Prune(Chain(n1), K), Chain(n2))

\* Common prefix over time: what was ever K deep in a node's chain stays in it (no K-deep reorg).
NoDeepReorg == \A n \in Honest : deep[n] \subseteq Range(Chain(n))

\* Chain growth (GKL, with tau = 1/Delta): a block mined in round r reaches every honest node
\* before round r + Delta ends, so every honest chain grows by one block every Delta rounds.
ChainGrowth == \A n \in Honest : Height(tip[n]) >= (round - 1) \div Delta

\* Chain quality (GKL): every QualityWindow consecutive blocks (genesis excluded) of an honest
\* chain hold at least QualityMin blocks mined by honest nodes.
ChainQuality ==
  \A n \in Honest :
    LET c == Chain(n) IN
    \A i \in 2 .. Len(c) - QualityWindow + 1 :
      Cardinality({j \in i .. i + QualityWindow - 1 : blk[c[j]].miner \in Honest}) >= QualityMin

\* The chain ending in block b spends no output twice: not in two blocks, not in one.
ChainNoDoubleSpend(b) ==
  LET c == ChainOf(blk, b) IN
  /\ \A i, j \in 1 .. Len(c) : i # j => Outs(blk[c[i]].txs) \cap Outs(blk[c[j]].txs) = {}
  /\ \A i \in 1 .. Len(c) : \A t, u \in blk[c[i]].txs : t # u => Spends(t) # Spends(u)

\* No honest chain spends an output twice (GKL's persistence of the ledger, its safety half).
NoDoubleSpend == \A n \in Honest : ChainNoDoubleSpend(tip[n])

\* The same, linear in the chain's length (the trace validator's form, trace-mapping.json): as many
\* distinct outputs spent as spends. TraceFormsAgree checks the two agree on every block's chain,
\* the adversary's invalid ones included (MCNakamoto.cfg: both sides occur).
RECURSIVE SpendCount(_)
SpendCount(b) == IF b = GenesisId THEN 0 ELSE Cardinality(blk[b].txs) + SpendCount(blk[b].parent)
ChainSpendsOnce(b) == Cardinality(Outs(TxsIn(blk, ChainOf(blk, b)))) = SpendCount(b)
TraceNoDoubleSpend == \A n \in Honest : ChainSpendsOnce(tip[n])
TraceFormsAgree == \A b \in DOMAIN blk : ChainNoDoubleSpend(b) <=> ChainSpendsOnce(b)

\* A transaction that was ever K blocks deep in an honest node's chain is still in it.
ConfirmedStays == \A n \in Honest : confirmed[n] \subseteq TxsIn(blk, Chain(n))
=============================================================================
