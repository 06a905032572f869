#!/usr/bin/env python3
"""Regenerates the broken variants of specs/nakamoto/Nakamoto.tla under
cli/src/test/resources/broken/nakamoto/<Variant>/: each is a copy of Nakamoto.tla with ONE
mistake, the model module MCNakamoto.tla, and a model (the honest-majority CI model unless said)
whose only invariant is the one the mistake breaks. Run after editing Nakamoto.tla:
python3 scripts/nakamoto-broken-variants.py"""
import os, shutil, sys
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec_dir = os.path.join(root, 'specs/nakamoto')
src = open(os.path.join(spec_dir, 'Nakamoto.tla')).read()
mc = open(os.path.join(spec_dir, 'MCNakamoto.tla')).read()
out = os.path.join(root, 'cli/src/test/resources/broken/nakamoto')

CI = dict(K=2, Delta=1, AdvPerRound=1, AdvBudget=1, MaxRound=5, MaxForge=0)
V = []
def variant(name, check, model, desc, old, new):
    V.append((name, check, model, desc, old, new))

SHORTER = ('''THEN LET T2 == [tip EXCEPT ![n] = IF Height(m.id) > Height(tip[n]) THEN m.id ELSE @] IN''',
           '''THEN LET T2 == [tip EXCEPT ![n] = IF Height(m.id) # Height(tip[n]) THEN m.id ELSE @] IN''')
variant('AcceptShorterChain', 'ChainGrowth', CI,
  'a node adopts any valid chain of another length, a shorter one too', *SHORTER)
variant('AcceptShorterChainPrefix', 'CommonPrefix', CI,
  'a node adopts any valid chain of another length, a shorter one too (common prefix)', *SHORTER)
variant('NoParentHeightCheck', 'NoDeepReorg', dict(CI, MaxForge=2),
  'a block need not extend its parent by one: a forged height claim is accepted, so one adversary block outweighs K honest ones',
  '''  /\\ B[b].height = B[B[b].parent].height + 1\n''', '')
variant('ValidateTipOnly', 'NoDoubleSpend', dict(CI, AdvBudget=2, MaxRound=3),
  'a node validates only the block it received, not the ancestors it lacks (a block whose parent is invalid)',
  '''ValidChain(n, b) == \\A c \\in Range(ChainOf(blk, b)) \\ known[n] : ValidBlock(blk, c)''',
  '''ValidChain(n, b) == ValidBlock(blk, b)''')
variant('SpendSpentOutput', 'NoDoubleSpend', CI,
  'a transaction may spend an output an earlier transaction of the chain spent',
  '''  /\\ \\A t \\in S : Spends(t) \\notin Outs(prev)\n''', '')
variant('AdoptWithoutHolding', 'TypeOK', CI,
  'a node adopts a received chain without holding its blocks',
  '''          /\\ known' = [known EXCEPT ![n] = @ \\cup Range(ChainOf(blk, m.id))]\n''',
  '''          /\\ UNCHANGED known\n''')

def cfg(check, m, desc):
    lines = ['\\* tlaconform: expect=violation:' + check, '\\* ' + desc, 'CONSTANTS',
             '  Honest = {1, 2}', '  Adv = 3', '  GenesisId = 0', '  Txs = {1, 2}',
             '  PublicTxs = {1}', '  Outputs = 1']
    lines += ['  %s = %d' % (k, m[k]) for k in ('K', 'Delta')]
    lines += ['  HonestPerRound = 1']
    lines += ['  %s = %d' % (k, m[k]) for k in ('AdvPerRound', 'AdvBudget', 'MaxRound', 'MaxForge')]
    lines += ['  QualityWindow = 3', '  QualityMin = 2', '  History = TRUE', 'SPECIFICATION Spec', 'CHECK_DEADLOCK FALSE',
              'INVARIANT', '  ' + check]
    return '\n'.join(lines) + '\n'

HEADER = '------------------------------ MODULE Nakamoto ------------------------------\n'
if os.path.isdir(out):
    shutil.rmtree(out)
for name, check, m, desc, old, new in V:
    if src.count(old) != 1:
        sys.exit('%s: the text to replace occurs %d times in Nakamoto.tla' % (name, src.count(old)))
    d = os.path.join(out, name)
    os.makedirs(d)
    body = src.replace(old, new).replace(HEADER, HEADER +
        '\\* BROKEN VARIANT (%s): %s\n\\* TLC must report a violation of %s.\n' % (name, desc, check), 1)
    open(os.path.join(d, 'Nakamoto.tla'), 'w').write(body)
    open(os.path.join(d, 'MCNakamoto.tla'), 'w').write(mc)
    open(os.path.join(d, 'MCNakamoto.cfg'), 'w').write(cfg(check, m, desc))
print('%d variants written to %s' % (len(V), out))
