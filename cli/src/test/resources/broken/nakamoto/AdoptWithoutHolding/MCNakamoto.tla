---------------------------- MODULE MCNakamoto ----------------------------
(***************************************************************************)
(* Models of Nakamoto.tla; constants are set in the .cfg files. Two        *)
(* transactions spend the one output (Outputs = 1): 1 = "pay" (public: the *)
(* merchant's payment, honest miners include it) and 2 = "theft" (the      *)
(* adversary's conflicting spend, Nakamoto section 11).                    *)
(***************************************************************************)
EXTENDS Nakamoto

(* A state constraint that steers the strong-adversary model to Nakamoto's *)
(* attack (section 11) instead of every selfish-mining strategy: the       *)
(* adversary mines one private chain forked from genesis and releases      *)
(* only its tip. Without it the same violations exist, but breadth-first   *)
(* search wades through millions of other strategies first.                *)
PrivateAttack ==
  /\ \A b \in DOMAIN blk : blk[b].miner = Adv => blk[blk[b].parent].miner \in {0, Adv}
  /\ \A m \in msgs : m.miner = Adv => m.id = tip[Adv]
=============================================================================
