#!/usr/bin/env python3
"""Regenerates the broken variants of specs/epaxos/EPaxos.tla under
cli/src/test/resources/broken/epaxos/<Variant>/: each is a copy of EPaxos.tla with ONE mistake,
the model module, and a model whose only invariant (or property) is the one the mistake breaks.
The original recovery itself (Sutra's bug) is not a variant: it is EPaxos.tla with
Recovery = "original", specs/epaxos/MCEPaxosOriginal.cfg (Consistency).
Run after editing EPaxos.tla: python3 scripts/epaxos-broken-variants.py"""
import os, shutil, sys
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec_dir = os.path.join(root, 'specs/epaxos')
src = open(os.path.join(spec_dir, 'EPaxos.tla')).read()
mc = open(os.path.join(spec_dir, 'MCEPaxos.tla')).read()
out = os.path.join(root, 'cli/src/test/resources/broken/epaxos')

# the CI model (both commands, no recovery) and the recovery model (MCEPaxosRecovery.cfg)
BOTH = dict(ballot=0, deliver='{1, 3}')
REC = dict(ballot=1, deliver='{1}')
V = []
def variant(name, kind, check, model, desc, old, new):
    V.append((name, kind, check, model, desc, old, new))

variant('PromiseOutOfRange', 'invariant', 'TypeOK', REC,
  'a replica answering Prepare promises a ballot beyond the ballots there are',
  '''     /\\ log' = [log EXCEPT ![r][i].bal = m.bal]''',
  '''     /\\ log' = [log EXCEPT ![r][i].bal = m.bal + MaxBallot]''')
variant('ExecuteUncommitted', 'invariant', 'Nontriviality', BOTH,
  'a replica executes an instance it has only pre-accepted',
  '''  /\\ log[r][i].status = "committed"
  /\\ ~IsExecuted(r, i)
  /\\ \\A j \\in Reach(r, i) : log[r][j].status = "committed"''',
  '''  /\\ log[r][i].status # "none"
  /\\ ~IsExecuted(r, i)''')
variant('RecoveryIgnoresWitnesses', 'invariant', 'Consistency', REC,
  'recovery restarts phase 1 although fast-path witnesses say the command may be committed',
  '''        /\\ Leader(i) \\in Q \\/ Cardinality(wit) < FQ + CQ - N
        /\\ pre # {}''',
  '''        /\\ pre # {}''')
variant('PreAcceptIgnoresConflicts', 'invariant', 'ExecutionConsistency', BOTH,
  'a replica pre-accepts without adding the interfering instances it knows',
  '''         d == m.deps \\cup LocalDeps(r, i, m.cmd)
         s == Max({m.seq, LocalSeq(r, i, m.cmd)})''',
  '''         d == m.deps
         s == m.seq''')
variant('RecoverOverCommitted', 'property', 'Stability', REC,
  'a recoverer that learnt the commit meanwhile still overwrites its committed record',
  '''  /\\ cphase[r][i] = "prepare"
  /\\ log[r][i].bal = b
  /\\ log[r][i].status # "committed"''',
  '''  /\\ cphase[r][i] = "prepare"
  /\\ log[r][i].bal = b''')

def cfg(kind, check, m, desc):
    lines = ['\\* tlaconform: expect=violation:' + check, '\\* ' + desc, 'CONSTANTS',
             '  N = 3', '  FQ = 2', '  Commands = {"c1", "c2"}', '  KeyGroups = {{"c1", "c2"}}', '  MaxSlot = 1',
             '  MaxBallot = %d' % m['ballot'], '  Recovery = "corrected"', '  MCRecoverLeaders = {1}',
             '  MCDeliverLeaders = ' + m['deliver'], '  MCLearners = {1, 2, 3}', '  MCExecute = TRUE', '  MCRestart = {}',
             'SPECIFICATION MCSpec', 'CHECK_DEADLOCK FALSE']
    lines += (['INVARIANT', '  ' + check] if kind == 'invariant' else ['PROPERTY', '  ' + check])
    return '\n'.join(lines) + '\n'

if os.path.isdir(out):
    shutil.rmtree(out)
head = '------------------------------- MODULE EPaxos -------------------------------\n'
for name, kind, check, m, desc, old, new in V:
    if src.count(old) != 1:
        sys.exit('%s: the text to replace occurs %d times in EPaxos.tla' % (name, src.count(old)))
    d = os.path.join(out, name)
    os.makedirs(d)
    body = src.replace(old, new).replace(head, head +
        '\\* BROKEN VARIANT (%s): %s\n\\* TLC must report a violation of %s.\n' % (name, desc, check), 1)
    open(os.path.join(d, 'EPaxos.tla'), 'w').write(body)
    open(os.path.join(d, 'MCEPaxos.tla'), 'w').write(mc)
    open(os.path.join(d, 'MCEPaxos.cfg'), 'w').write(cfg(kind, check, m, desc))
print('%d variants written to %s' % (len(V), out))
