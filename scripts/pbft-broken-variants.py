#!/usr/bin/env python3
"""Regenerate the broken PBFT variants under cli/src/test/resources/broken/pbft/ from specs/pbft/PBFT.tla.

Each variant is PBFT.tla with one marked BUG change; run from the repository root after editing
PBFT.tla (it fails loudly if a line it patches is gone). The .cfg files are kept by hand."""
import re,sys
src=open('specs/pbft/PBFT.tla').read()
out='cli/src/test/resources/broken/pbft/'
def variant(name, old, new, note, count=1):
    s=src
    assert s.count(old)==count, (name, s.count(old))
    s=s.replace(old,new)
    s=s.replace('-------------------------------- MODULE PBFT --------------------------------',
                '---- MODULE %s ----\n\\* BROKEN VARIANT of specs/pbft/PBFT.tla: %s' % (name, note),1)
    open(out+name+'.tla','w').write(s)
variant('PBFTAcceptTwice',
 "    /\\ RequestSent(r)\n    /\\ ppAcc[i][n] = NoEntry\n",
 "    /\\ RequestSent(r)\n    /\\ ppAcc[i][n].req /= r  \\* BUG: a backup accepts a second pre-prepare for (v, n)\n",
 "a backup accepts a second, conflicting pre-prepare for the same view and sequence number.")
variant('PBFTCommit2f',
 "    /\\ Cardinality(CommitQuorum(e.view, n, e.req)) >= Q\n",
 "    /\\ Cardinality(CommitQuorum(e.view, n, e.req)) >= Q - 1  \\* BUG: 2f commits, not 2f+1\n",
 "committed-local after 2f commits instead of 2f+1.")
variant('PBFTDropCerts',
 "    /\\ msgs' = msgs \\cup {ViewChangeMsg(view[i] + 1, i, ck, P)}\n",
 "    /\\ msgs' = msgs \\cup {ViewChangeMsg(view[i] + 1, i, ck, {})}  \\* BUG: prepared certificates dropped\n",
 "VIEW-CHANGE messages carry no prepared certificates.")
variant('PBFTForge',
 "Sent(m) == m \\in msgs \\/ m.from \\in Byz\n",
 "Sent(m) == TRUE  \\* BUG: signatures forgeable: any message in any replica's name\n",
 "a Byzantine replica can forge messages in an honest replica's name.")
variant('PBFTNoRequestCheck',
 "    /\\ Sent(PrePrepareMsg(view[i], n, r, Primary(view[i])))\n    /\\ RequestSent(r)\n",
 "    /\\ Sent(PrePrepareMsg(view[i], n, r, Primary(view[i])))  \\* BUG: the client's request is not checked\n",
 "backups accept a pre-prepare without the client's signed request.")
s2=None
variant('PBFTCheckpointFromOne',
 "ValidCkpt(ck) == ck = Genesis \\/ Cardinality(CheckpointQuorum(ck.seq, ck.state)) >= Q\n",
 "ValidCkpt(ck) == ck = Genesis \\/ Cardinality(CheckpointQuorum(ck.seq, ck.state)) >= 1  \\* BUG: one CHECKPOINT makes it stable\n",
 "a checkpoint is taken as stable (and its state fetched) on a single replica's CHECKPOINT.")
# that variant must also enumerate checkpoint states a Byzantine replica may claim
p=out+'PBFTCheckpointFromOne.tla'; s=open(p).read()
old="""KnownCkpts == {Genesis} \\cup
              {[seq |-> m.seq, state |-> m.state] : m \\in {x \\in msgs : x.type = "CHECKPOINT"}}"""
assert old in s
s=s.replace(old, "\\* BUG (part 2): any checkpoint state a Byzantine replica may claim is a candidate\nKnownCkpts == {Genesis} \\cup UNION {{[seq |-> n, state |-> d] : d \\in [1..n -> Reqs]} : n \\in Seqs}")
open(p,'w').write(s)
variant('PBFTReplyAtPrepared',
 "    /\\ msgs' = msgs \\cup {CommitMsg(e.view, n, e.req, i)}\n",
 "    /\\ msgs' = msgs \\cup {CommitMsg(e.view, n, e.req, i), ReplyMsg(e.view, e.req, i)}  \\* BUG: replies when prepared, before executing\n",
 "a replica replies to the client as soon as it is prepared, before the request commits and executes.")
variant('PBFTUnboundedView',
 "    /\\ i \\in Honest /\\ view[i] < MaxView\n",
 "    /\\ i \\in Honest  \\* BUG: the view number is not bounded by MaxView\n",
 "a view change may move past MaxView (type error).")
