#!/usr/bin/env python3
"""Regenerates the broken variants of specs/fastpaxos/FastPaxos.tla under
cli/src/test/resources/broken/fastpaxos/<Variant>/: each is a copy of FastPaxos.tla with ONE
mistake, the model module, Consensus.tla, and a model whose only invariant (or property) is the
one the mistake breaks. Run after editing FastPaxos.tla: python3 scripts/fastpaxos-broken-variants.py"""
import os, shutil, sys
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec_dir = os.path.join(root, 'specs/fastpaxos')
src = open(os.path.join(spec_dir, 'FastPaxos.tla')).read()
mc = open(os.path.join(spec_dir, 'MCFastPaxos.tla')).read()
out = os.path.join(root, 'cli/src/test/resources/broken/fastpaxos')

N3 = dict(N=3, CQ=2, FQ=3, restart='{}', steer=False)
N4 = dict(N=4, CQ=3, FQ=3, restart='{}', steer=True)
V = []
def variant(name, kind, check, model, desc, old, new):
    V.append((name, kind, check, model, desc, old, new))

variant('FastQuorumTooSmall', 'invariant', 'Agreement', dict(N3, FQ=2),
  'fast quorums one too small (FQ = 2 with N = 3 and CQ = 2: CQ + 2 FQ = 2N), the quorum assumption not asserted',
  'ASSUME QuorumAssumption\n', '\\* ASSUME QuorumAssumption (dropped: FQ is one too small)\n')
variant('PickAnyReportedValue', 'invariant', 'Agreement', N4,
  'the picking rule takes any value reported at a fast ballot, not the one a fast quorum may have chosen',
  '''           THEN v \\in V /\\ MayBeChosen(reps, k, v)''',
  '''           THEN v \\in V''')
variant('RecoveryIgnoresFastRound', 'invariant', 'Agreement', N4,
  'coordinated recovery proposes any proposed value, ignoring the fast ballot\'s votes',
  '''      /\\ PickOK(reps, b + 1, v)''',
  '''      /\\ v \\in Proposed''')
variant('HandleAnyOverPromises', 'invariant', 'TypeOK', N3,
  'an acceptor joining a fast ballot promises the ballot after it',
  '''  /\\ maxBal' = [maxBal EXCEPT ![a] = m.bal]
  /\\ UNCHANGED <<maxVBal, maxVal, cBal, cPhase, cReports, decided, l2b, msgs>>''',
  '''  /\\ maxBal' = [maxBal EXCEPT ![a] = m.bal + 2]
  /\\ UNCHANGED <<maxVBal, maxVal, cBal, cPhase, cReports, decided, l2b, msgs>>''')
variant('RestartLosesPromise', 'invariant', 'AcceptorInv', dict(N3, restart='{2}'),
  'a restarted acceptor forgets its promise (maxBal is not durable)',
  '''  /\\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, msgs>>''',
  '''  /\\ maxBal' = [maxBal EXCEPT ![n] = NoBal]
  /\\ UNCHANGED <<maxVBal, maxVal, cBal, msgs>>''')
variant('Phase1bReportsPromise', 'invariant', 'Inv1b', N3,
  'a 1b reports the acceptor\'s old promise as its last vote ballot',
  '''mbal |-> maxVBal[a], mval |-> maxVal[a]])''',
  '''mbal |-> maxBal[a], mval |-> maxVal[a]])''')
variant('Phase2aIgnoresReports', 'invariant', 'Inv2a', N3,
  'the coordinator sends any proposed value in phase 2a, ignoring the reported votes',
  '''  /\\ PickOK(cReports[c], cBal[c], v)''',
  '''  /\\ Free(cBal[c], v)''')
variant('Phase2bForgetsVoteBallot', 'invariant', 'Inv2b', N3,
  'an acceptor voting in phase 2b does not record the ballot of its vote',
  '''  /\\ maxVBal' = [maxVBal EXCEPT ![a] = m.bal]
  /\\ maxVal'  = [maxVal  EXCEPT ![a] = m.val]
  /\\ Send([type |-> "2b", bal |-> m.bal, val |-> m.val, from |-> a])''',
  '''  /\\ maxVal'  = [maxVal  EXCEPT ![a] = m.val]
  /\\ UNCHANGED maxVBal
  /\\ Send([type |-> "2b", bal |-> m.bal, val |-> m.val, from |-> a])''')
variant('Phase2aStaysInPhase1', 'invariant', 'CoordinatorInv', N3,
  'the coordinator stays in phase 1 after sending its 2a (so it may send another)',
  '''  /\\ cPhase'   = [cPhase   EXCEPT ![c] = "p2"]
  /\\ cReports' = [cReports EXCEPT ![c] = {}]
  /\\ Send([type |-> "2a", bal |-> cBal[c], val |-> v, from |-> c])''',
  '''  /\\ cReports' = [cReports EXCEPT ![c] = {}]
  /\\ UNCHANGED cPhase
  /\\ Send([type |-> "2a", bal |-> cBal[c], val |-> v, from |-> c])''')
variant('StartFastProposesValue', 'invariant', 'Validity', N3,
  'the coordinator opens the fast ballot with a value of its own instead of Any',
  '''  /\\ Send([type |-> "2a", bal |-> 0, val |-> AnyVal, from |-> c])''',
  '''  /\\ Send([type |-> "2a", bal |-> 0, val |-> CHOOSE v \\in Values : TRUE, from |-> c])''')
variant('LearnWithoutQuorum', 'invariant', 'DecidedIsChosen', N3,
  'a learner decides on the first 2b it records',
  '''decided' = [decided EXCEPT ![l] = IF agree \\in Quorums(m.bal) THEN m.val ELSE @]''',
  '''decided' = [decided EXCEPT ![l] = m.val]''')
variant('LearnConsumesMessage', 'property', 'ConsensusRefined', N3,
  'a learner removes the 2b it receives from the network: a chosen value can be un-chosen',
  '''  /\\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, cPhase, cReports, msgs>>''',
  '''  /\\ msgs' = msgs \\ {m}
  /\\ UNCHANGED <<maxBal, maxVBal, maxVal, cBal, cPhase, cReports>>''')

def cfg(kind, check, m, desc):
    lines = ['\\* tlaconform: expect=violation:' + check, '\\* ' + desc, 'CONSTANTS',
             '  N = %d' % m['N'], '  CQ = %d' % m['CQ'], '  FQ = %d' % m['FQ'],
             '  Values = {"v1", "v2"}', '  MaxBallot = 1', '  MCLearners = {1}', '  MCClients = {1}',
             '  MCRestart = ' + m['restart'], 'SPECIFICATION MCSpec', 'CHECK_DEADLOCK FALSE']
    lines += (['INVARIANT', '  ' + check] if kind == 'invariant' else ['PROPERTY', '  ' + check])
    if m['steer']:
        lines += ['CONSTRAINT', '  NoPhase1  \\* only steers the search to the counterexample sooner (MCFastPaxosRecovery.cfg holds with it)']
    return '\n'.join(lines) + '\n'

if os.path.isdir(out):
    shutil.rmtree(out)
for name, kind, check, m, desc, old, new in V:
    if src.count(old) != 1:
        sys.exit('%s: the text to replace occurs %d times in FastPaxos.tla' % (name, src.count(old)))
    d = os.path.join(out, name)
    os.makedirs(d)
    body = src.replace(old, new).replace('----------------------------- MODULE FastPaxos -----------------------------\n',
        '----------------------------- MODULE FastPaxos -----------------------------\n'
        '\\* BROKEN VARIANT (%s): %s\n\\* TLC must report a violation of %s.\n' % (name, desc, check), 1)
    open(os.path.join(d, 'FastPaxos.tla'), 'w').write(body)
    open(os.path.join(d, 'MCFastPaxos.tla'), 'w').write(mc)
    shutil.copy(os.path.join(spec_dir, 'Consensus.tla'), d)
    open(os.path.join(d, 'MCFastPaxos.cfg'), 'w').write(cfg(kind, check, m, desc))
print('%d variants written to %s' % (len(V), out))
