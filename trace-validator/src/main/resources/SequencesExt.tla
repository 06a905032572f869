---------------------------- MODULE SequencesExt ----------------------------
(***************************************************************************)
(* tlaconform's SequencesExt module: operators on finite sequences with    *)
(* the semantics of the community module of this name. The Java overrides  *)
(* in tlaconform's tlc2.overrides.TLCOverrides are tested equal to these   *)
(* definitions. Where the community leaves a choice open (SetToSeq lists   *)
(* a set in "some" order; FoldSeq folds in "an unspecified order"), these  *)
(* definitions fix it: SetToSeq lists the set in TLC's order of values,    *)
(* FoldSeq(op, base, s) = op(s[n], ... op(s[2], op(s[1], base))), as the   *)
(* community's Java overrides compute them.                                *)
(***************************************************************************)
EXTENDS Sequences, Naturals, FiniteSets, FiniteSetsExt, Folds, Functions, Bags, TLC

-----------------------------------------------------------------------------
\* Sets, bags and sequences.

ToSet(s) == {s[i] : i \in DOMAIN s}

\* The bag of s's elements, counted.
ToBag(s) == [x \in Range(s) |-> Cardinality({i \in DOMAIN s : s[i] = x})]

\* The elements of S, each once, in TLC's order of values.
SetToSeq(S) ==
  LET n == Cardinality(S)
      rest[i \in 1..n+1] == IF i = 1 THEN S
                            ELSE rest[i-1] \ {CHOOSE x \in rest[i-1] : TRUE}
  IN  [i \in 1..n |-> CHOOSE x \in rest[i] : TRUE]

\* Every sequence that lists S's elements, each once.
SetToSeqs(S) ==
  LET D == 1..Cardinality(S)
  IN  {f \in [D -> S] : \A i, j \in D : i # j => f[i] # f[j]}

SetToSortSeq(S, op(_,_)) == SortSeq(SetToSeq(S), op)

\* Every sequence of distinct elements of S.
SetToAllKPermutations(S) == UNION {SetToSeqs(s) : s \in SUBSET S}

TupleOf(set, n) == [1..n -> set]

\* The sequences of elements of set of length at most n.
SeqOf(set, n) == UNION {[1..m -> set] : m \in 0..n}

BoundedSeq(S, n) == SeqOf(S, n)

-----------------------------------------------------------------------------
\* Looking into and changing a sequence.

Contains(s, e) == \E i \in 1..Len(s) : s[i] = e

IsSorted(s, op(_,_)) == \A i, j \in 1..Len(s) : i < j => op(s[i], s[j])

Reverse(s) == [i \in 1..Len(s) |-> s[(Len(s) - i) + 1]]

\* s without any occurrence of e.
Remove(s, e) == SelectSeq(s, LAMBDA t : t # e)

ReplaceAll(s, old, new) == [i \in 1..Len(s) |-> IF s[i] = old THEN new ELSE s[i]]

\* The index of the first (last) element of seq that satisfies Test, 0 if none does.
SelectInSeq(seq, Test(_)) ==
  LET I == {i \in 1..Len(seq) : Test(seq[i])}
  IN  IF I # {} THEN Min(I) ELSE 0

SelectLastInSeq(seq, Test(_)) ==
  LET I == {i \in 1..Len(seq) : Test(seq[i])}
  IN  IF I # {} THEN Max(I) ELSE 0

\* The same within SubSeq(seq, from, to); the index is relative to from.
SelectInSubSeq(seq, from, to, Test(_)) == SelectInSeq(SubSeq(seq, from, to), Test)
SelectLastInSubSeq(seq, from, to, Test(_)) == SelectLastInSeq(SubSeq(seq, from, to), Test)

InsertAt(s, i, e) == SubSeq(s, 1, i - 1) \o <<e>> \o SubSeq(s, i, Len(s))

ReplaceAt(s, i, e) == [s EXCEPT ![i] = e]

RemoveAt(s, i) == SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))

\* s without its first occurrence of e (s if there is none).
RemoveFirst(s, e) ==
  IF \E i \in 1..Len(s) : s[i] = e
  THEN RemoveAt(s, SelectInSeq(s, LAMBDA v : v = e))
  ELSE s

\* s without its first element that satisfies Test (s if there is none).
RemoveFirstMatch(s, Test(_)) ==
  IF \E i \in 1..Len(s) : Test(s[i])
  THEN RemoveAt(s, SelectInSeq(s, Test))
  ELSE s

Cons(elt, seq) == <<elt>> \o seq

Snoc(elt, seq) == Append(seq, elt)

Front(s) == SubSeq(s, 1, Len(s) - 1)

Last(s) == s[Len(s)]

-----------------------------------------------------------------------------
\* Prefixes and suffixes.

IsPrefix(s, t) == Len(s) <= Len(t) /\ SubSeq(s, 1, Len(s)) = SubSeq(t, 1, Len(s))

IsStrictPrefix(s, t) == IsPrefix(s, t) /\ s # t

IsSuffix(s, t) == IsPrefix(Reverse(s), Reverse(t))

IsStrictSuffix(s, t) == IsSuffix(s, t) /\ s # t

Prefixes(s) == {SubSeq(s, 1, l) : l \in 0..Len(s)}

CommonPrefixes(S) ==
  LET P == UNION {Prefixes(seq) : seq \in S}
  IN  {prefix \in P : \A t \in S : IsPrefix(prefix, t)}

LongestCommonPrefix(S) ==
  CHOOSE longest \in CommonPrefixes(S) :
    \A other \in CommonPrefixes(S) : Len(other) <= Len(longest)

Suffixes(s) == {SubSeq(s, l, Len(s)) : l \in 1..Len(s)} \cup {<<>>}

-----------------------------------------------------------------------------
\* Folds.

\* b if a % b = 0, else a % b: index arithmetic on 1..b.
SeqMod(a, b) == IF a % b = 0 THEN b ELSE a % b

\* op(s[n], ... op(s[2], op(s[1], base)))
FoldSeq(op(_,_), base, seq) == FoldFunction(op, base, seq)

\* op(op(... op(base, s[1]) ...), s[n])
FoldLeft(op(_,_), base, seq) ==
  LET acc[k \in 0..Len(seq)] == IF k = 0 THEN base ELSE op(acc[k-1], seq[k])
  IN  acc[Len(seq)]

\* op(s[1], op(s[2], ... op(s[n], base)))
FoldRight(op(_,_), seq, base) ==
  LET acc[k \in 0..Len(seq)] ==
        IF k = 0 THEN base ELSE op(seq[Len(seq) - k + 1], acc[k-1])
  IN  acc[Len(seq)]

\* The same over the indices of seq instead of its elements.
FoldLeftDomain(op(_,_), base, seq) == FoldLeft(op, base, [i \in DOMAIN seq |-> i])
FoldRightDomain(op(_,_), seq, base) == FoldRight(op, [i \in DOMAIN seq |-> i], base)

\* The concatenation of a sequence of sequences.
FlattenSeq(seqs) ==
  IF Len(seqs) = 0 THEN seqs
  ELSE LET flat[i \in 1..Len(seqs)] == IF i = 1 THEN seqs[i] ELSE flat[i-1] \o seqs[i]
       IN  flat[Len(seqs)]

Zip(s, t) ==
  LET n == IF Len(s) <= Len(t) THEN Len(s) ELSE Len(t)
  IN  [i \in 1..n |-> <<s[i], t[i]>>]

\* <<<<s[1]>>, <<t[1]>>, <<s[2]>>, <<t[2]>>, ...>> for s and t of equal length.
Interleave(s, t) ==
  CASE Len(s) = Len(t) /\ Len(s) > 0 ->
         LET u[i \in 1..Len(s)] ==
               IF i = 1 THEN << <<s[i]>>, <<t[i]>> >>
               ELSE u[i-1] \o << <<s[i]>>, <<t[i]>> >>
         IN  u[Len(s)]
    [] Len(s) = Len(t) /\ Len(s) = 0 -> << <<>>, <<>> >>

\* The contiguous pieces of s.
SubSeqs(s) == {SubSeq(s, i + 1, j) : i, j \in 0..Len(s)}

\* The subsequences of s (elements kept in order, any of them left out).
AllSubSeqs(s) ==
  {FoldFunction(Snoc, <<>>, [i \in D |-> s[i]]) : D \in SUBSET DOMAIN s}

\* Where the first occurrence of s in t begins.
IndexFirstSubSeq(s, t) ==
  LET last == CHOOSE i \in 0..Len(t) :
                /\ s \in SubSeqs(SubSeq(t, 1, i))
                /\ \A j \in 0..i-1 : s \notin SubSeqs(SubSeq(t, 1, j))
  IN  last - (Len(s) - 1)

\* t with the occurrence of s at i replaced by r.
ReplaceSubSeqAt(i, r, s, t) == SubSeq(t, 1, i - 1) \o r \o SubSeq(t, i + Len(s), Len(t))

ReplaceFirstSubSeq(r, s, t) ==
  IF s \in SubSeqs(t) THEN ReplaceSubSeqAt(IndexFirstSubSeq(s, t), r, s, t) ELSE t

=============================================================================
