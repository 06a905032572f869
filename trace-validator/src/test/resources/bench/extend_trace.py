#!/usr/bin/env python3
"""Benchmark traces for `tlaconform validate` from a simulator trace (Paxos or Multi-Paxos, fully
logged): the trace's events, then re-deliveries of messages nodes already handled, as the
simulator's duplication fault does, until the trace has EVENTS events. A re-delivered message
leaves the receiver's state as it is (EVENTS.md):
  - Learn(l, m) of a 2b that l recorded and has not lost since (no Restart of l after it): l2b
    already holds m, so decided is recomputed from the same votes;
  - Phase2b(a, m) of a 2a whose ballot is a's current promise and for which a's vote (maxVBal/maxVal,
    or aVotes[slot]) is already m's: maxBal, the vote and msgs (the 2b was sent) stay the same.
So each appended event logs its node's last logged state. The result must be accepted by
`tlaconform validate` (the benchmark checks that it is).

usage: extend_trace.py IN.ndjson EVENTS OUT.ndjson"""
import json, sys

src, target, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [json.loads(l) for l in open(src) if l.strip()]
header, events = lines[0], [l for l in lines if l.get("kind") == "event"]
mp = header["protocol"] == "multipaxos"
last = {}          # node -> its last logged state
learns = []        # (index, node, msg)
restarts = {}      # node -> index of its last Restart
twobs = []
for i, e in enumerate(events):
    n = e["node"]
    if "state" not in e:
        sys.exit("not fully logged: event %d has no state" % (i + 1))
    last[n] = e["state"]
    if e["action"] == "Restart":
        restarts[n] = i
    elif e["action"] == "Learn":
        learns.append((i, n, e["msg"]))
    elif e["action"] == "Phase2b":
        twobs.append((n, e["msg"]))

def vote_is(st, m):
    if st["maxBal"] != m["bal"]:
        return False
    if mp:
        v = st["aVotes"][m["slot"] - 1]
        return v["mbal"] == m["bal"] and v["mval"] == m["val"]
    return st["maxVBal"] == m["bal"] and st["maxVal"] == m["val"]

redeliver = [(n, "Learn", m) for (i, n, m) in learns if restarts.get(n, -1) < i]
redeliver += [(n, "Phase2b", m) for (n, m) in twobs if vote_is(last[n], m)]
if not redeliver:
    sys.exit("nothing to re-deliver in " + src)
seq = len(events)
with open(out, "w") as f:
    w = lambda o: f.write(json.dumps(o, separators=(",", ":")) + "\n")
    w(header)
    for e in events[:target]:
        w(e)
    k = 0
    while seq < target:
        n, action, m = redeliver[k % len(redeliver)]
        k += 1
        seq += 1
        w({"kind": "event", "seq": seq, "node": n, "action": action, "msg": m, "state": last[n]})
    w({"kind": "end", "events": min(seq, target)})
print(min(seq, target), "events,", len(redeliver), "re-deliverable messages")
