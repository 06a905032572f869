#!/usr/bin/env python3
"""Regenerates the broken variants of specs/zab/Zab.tla under cli/src/test/resources/broken/zab/:
each is a copy of Zab.tla with ONE mistake and a tiny model whose only invariant is the one the
mistake breaks. Run after editing Zab.tla: python3 scripts/zab-broken-variants.py"""
import sys, re
import os
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = open(os.path.join(root, 'specs/zab/Zab.tla')).read()
out = os.path.join(root, 'cli/src/test/resources/broken/zab/')
V = {}
def variant(name, inv, params, desc, old, new):
    V[name] = (inv, params, desc, old, new)

variant('ZabBrokenIntegrity', 'Integrity', (1,1,0,0),
 'the follower logs a corrupted payload (value + 1) for a PROPOSE',
 '''        /\\ history' = [history EXCEPT ![f] = Append(@, [zxid |-> m.zxid, value |-> m.value])]''',
 '''        /\\ history' = [history EXCEPT ![f] = Append(@, [zxid |-> m.zxid, value |-> m.value + 1])]''')
variant('ZabBrokenTotalOrder', 'TotalOrder', (1,2,0,0),
 'the follower puts a PROPOSE in front of its log instead of appending it',
 '''        /\\ history' = [history EXCEPT ![f] = Append(@, [zxid |-> m.zxid, value |-> m.value])]''',
 '''        /\\ history' = [history EXCEPT ![f] = <<[zxid |-> m.zxid, value |-> m.value]>> \\o @]''')
variant('ZabBrokenAgreement', 'Agreement', (2,2,0,1),
 'the leader commits (delivers) its proposal at once, without waiting for a quorum of ACKs',
 '''        /\\ proposed' = proposed \\cup {txn}''',
 '''        /\\ proposed' = proposed \\cup {txn}
        /\\ lastCommitted' = [lastCommitted EXCEPT ![l] = Len(history[l]) + 1]
        /\\ delivered' = Deliver(l, Append(history[l], txn), Len(history[l]) + 1)''')
variant('ZabBrokenLocalPrimaryOrder', 'LocalPrimaryOrder', (1,2,0,0),
 'a late follower is synchronised with the committed prefix of the leader\'s history only',
 '''     IN \\/ /\\ phase[l] = DISCOVERY
           /\\ m.currentEpoch /= -1''',
 '''     IN \\/ /\\ phase[l] = DISCOVERY
           /\\ m.currentEpoch /= -1''')
variant('ZabBrokenGlobalPrimaryOrder', 'GlobalPrimaryOrder', (2,2,0,1),
 'the follower orders its log by the zxid counter only (the zxid truncated to its low 32 bits)',
 '''        /\\ history' = [history EXCEPT ![f] = Append(@, [zxid |-> m.zxid, value |-> m.value])]''',
 '''        /\\ history' = [history EXCEPT ![f] = InsertByCounter(@, [zxid |-> m.zxid, value |-> m.value])]''')
variant('ZabBrokenPrimaryIntegrity', 'PrimaryIntegrity', (2,2,0,1),
 'the leader does not commit (deliver) its initial history when it is established',
 '''                        /\\ lastCommitted' = [lastCommitted EXCEPT ![l] = Len(h)]
                        /\\ delivered' = dlv
                        /\\ established' = established \\cup
                              {[epoch |-> currentEpoch[l], leader |-> l, dlv |-> Range(dlv[l])]}''',
 '''                        /\\ UNCHANGED <<lastCommitted, delivered>>
                        /\\ established' = established \\cup
                              {[epoch |-> currentEpoch[l], leader |-> l, dlv |-> Range(delivered[l])]}''')
variant('ZabBrokenOneLeaderPerEpoch', 'OneLeaderPerEpoch', (1,0,0,2),
 'the leader counts an ACKEPOCH with currentEpoch -1 (a follower that already acknowledged this epoch to another leader)',
 '''           /\\ m.currentEpoch /= -1
''',
 '''           /\\ TRUE
''')
variant('ZabBrokenReplayConsistency', 'ReplayConsistency', (2,1,0,1),
 'the leader does not give up when a follower of its quorum is ahead of it (no waitForEpochAck check)',
 '''         ahead == \\/ m.currentEpoch > currentEpoch[l]
                  \\/ /\\ m.currentEpoch = currentEpoch[l]
                     /\\ ZxidLT(LastZxid(history[l]), m.lastZxid)''',
 '''         ahead == FALSE''')

for name, (inv, (E,T,R,TO), desc, old, new) in V.items():
    s = src
    assert s.count(old) == 1, (name, s.count(old))
    s = s.replace(old, new)
    if name == 'ZabBrokenLocalPrimaryOrder':
        o2 = '''           /\\ msgs' = ToFollower(Discard(msgs, f, l), l, f, NewLeader(currentEpoch[l])[f])'''
        n2 = '''           /\\ msgs' = ToFollower(Discard(msgs, f, l), l, f,
                        [NewLeader(currentEpoch[l])[f] EXCEPT !.history = SubSeq(history[l], 1, lastCommitted[l])])'''
        assert s.count(o2) == 1; s = s.replace(o2, n2)
    if name == 'ZabBrokenAgreement':
        o2 = '''  /\\ UNCHANGED <<currentEpoch, acceptedEpoch, role, phase, leader, lastCommitted, leaderVars,
                 conn, restarts, timeouts, delivered, established>>'''
        n2 = '''  /\\ UNCHANGED <<currentEpoch, acceptedEpoch, role, phase, leader, leaderVars,
                 conn, restarts, timeouts, established>>'''
        assert s.count(o2) == 1; s = s.replace(o2, n2)
    if name == 'ZabBrokenGlobalPrimaryOrder':
        o2 = '''Range(s) == {s[k] : k \\in DOMAIN s}'''
        n2 = o2 + '''
InsertByCounter(h, t) ==
  LET before == {k \\in 1..Len(h) : h[k].zxid[2] >= t.zxid[2]}
      k == IF before = {} THEN Len(h) + 1 ELSE CHOOSE k \\in before : \\A j \\in before : k <= j
  IN SubSeq(h, 1, k - 1) \\o <<t>> \\o SubSeq(h, k, Len(h))'''
        assert s.count(o2) == 1; s = s.replace(o2, n2)
    s = s.replace('-------------------------------- MODULE Zab --------------------------------',
                  '---- MODULE %s ----\n(* BROKEN VARIANT of specs/zab/Zab.tla for tests: %s. *)\n(* Expected: TLC reports a violation of %s. *)' % (name, desc, inv), 1)
    s = s.replace('EXTENDS Naturals, Integers, Sequences, FiniteSets', 'EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC', 1)
    s = s.replace('\n=============================================================================', '\nServerSymmetry == Permutations(Server)\n=============================================================================')
    open(out + name + '.tla', 'w').write(s)
    cfg = '''\\* Broken variant: %s.
\\* tlaconform: expect=violation:%s
CONSTANTS
  Server = {s1, s2, s3}
  Nil = Nil
  MaxEpoch = %d
  MaxTxns = %d
  MaxRestarts = %d
  MaxTimeouts = %d
SYMMETRY ServerSymmetry
SPECIFICATION Spec
CHECK_DEADLOCK FALSE
INVARIANT %s
''' % (desc, inv, E, T, R, TO, inv)
    open(out + name + '.cfg', 'w').write(cfg)
print('\n'.join(V))
