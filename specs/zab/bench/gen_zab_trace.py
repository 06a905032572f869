#!/usr/bin/env python3
"""Long, fully logged Zab traces for the validator benchmark (docs/zab.md).

Usage: gen_zab_trace.py BASE.ndjson EVENTS OUT.ndjson

BASE is a simulator trace that ends with every server in BROADCAST under one leader (e.g.
`tlaconform simulate --protocol zab --seed 1 --model sync --faults none --until-decided`).
The output is BASE's events followed by reconnection cycles of one follower, as EVENTS.md
describes them, until EVENTS events: FollowerShutdown (a timeout), ElectLeader (the same leader),
LeaderProcessFOLLOWERINFO, FollowerProcessNEWEPOCH, LeaderProcessACKEPOCH (-1: a late follower),
FollowerProcessNEWLEADER, LeaderProcessACKLD, FollowerProcessCOMMITLD. After the first cycle the
spec state repeats except for the `timeouts` counter, so the state stays bounded however long
the trace is (the header's MaxTimeouts must exceed the number of cycles).
"""
import copy
import json
import sys


def main(base, total, out):
    lines = [json.loads(l) for l in open(base)]
    header, events = lines[0], lines[1:-1]
    state = {}
    for e in events:
        state[e["node"]] = e["state"]
    leader = next(n for n, s in state.items() if s["role"] == "LEADING")
    f = next(n for n, s in sorted(state.items()) if s["role"] == "FOLLOWING")
    if any(s["phase"] != "BROADCAST" for s in state.values()):
        sys.exit("base trace does not end in broadcast")
    sl, sf = state[leader], state[f]
    e_ = sf["acceptedEpoch"]
    last = sf["history"][-1]["zxid"] if sf["history"] else [0, 0]
    hl = sl["history"]
    committed = hl[sl["lastCommitted"] - 1]["zxid"] if sl["lastCommitted"] > 0 else [0, 0]
    idx = next((k + 1 for k, t in enumerate(hl) if t["zxid"] == committed), 0)
    header["constants"]["MaxTimeouts"] = max(header["constants"]["MaxTimeouts"], total)

    def st(base_state, **kw):
        s = copy.deepcopy(base_state)
        s.update(kw)
        return s

    def fs(**kw):
        return st(sf, **kw)

    ackIdx = list(sl["ackIndex"])
    ackIdx[f - 1] = 0
    acke = sorted(set(sl["ackeRecv"]) | {f})
    cycle = [
        (f, "FollowerShutdown", None, fs(role="LOOKING", phase="ELECTION", leader=0)),
        (f, "ElectLeader", {"type": "FOLLOWERINFO", "from": f, "to": leader, "acceptedEpoch": e_},
         fs(role="FOLLOWING", phase="DISCOVERY", leader=leader)),
        (leader, "LeaderProcessFOLLOWERINFO", {"type": "FOLLOWERINFO", "from": f, "to": leader, "acceptedEpoch": e_},
         st(sl, ackeRecv=[x for x in acke if x != f], ackIndex=ackIdx)),
        (f, "FollowerProcessNEWEPOCH", {"type": "NEWEPOCH", "from": leader, "to": f, "epoch": e_},
         fs(role="FOLLOWING", phase="SYNCHRONIZATION", leader=leader)),
        (leader, "LeaderProcessACKEPOCH", {"type": "ACKEPOCH", "from": f, "to": leader, "currentEpoch": -1,
                                           "lastZxid": last}, st(sl, ackeRecv=acke, ackIndex=ackIdx)),
        (f, "FollowerProcessNEWLEADER", {"type": "NEWLEADER", "from": leader, "to": f, "epoch": e_, "history": hl},
         fs(role="FOLLOWING", phase="SYNCHRONIZATION", leader=leader, history=hl, currentEpoch=e_)),
        (leader, "LeaderProcessACKLD", {"type": "ACKLD", "from": f, "to": leader, "zxid": [e_, 0]},
         st(sl, ackeRecv=acke, ackIndex=ackIdx)),
        (f, "FollowerProcessCOMMITLD", {"type": "COMMITLD", "from": leader, "to": f, "zxid": committed},
         fs(role="FOLLOWING", phase="BROADCAST", leader=leader, history=hl, currentEpoch=e_,
            lastCommitted=max(sf["lastCommitted"], idx))),
    ]
    with open(out, "w") as w:
        w.write(json.dumps(header, separators=(",", ":")) + "\n")
        n = 0
        for e in events[:total]:
            n += 1
            e = dict(e)
            e.pop("clock", None)
            w.write(json.dumps(e, separators=(",", ":")) + "\n")
        while n < total:
            for node, action, msg, s in cycle:
                if n >= total:
                    break
                n += 1
                ev = {"kind": "event", "seq": n, "node": node, "action": action}
                if msg is not None:
                    ev["msg"] = msg
                ev["state"] = s
                w.write(json.dumps(ev, separators=(",", ":")) + "\n")
        w.write(json.dumps({"kind": "end", "events": n}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
