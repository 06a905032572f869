#!/usr/bin/env python3
"""Benchmark traces for `tlaconform validate`: valid, fully logged Paxos traces per
specs/paxos/EVENTS.md (3 nodes, ballots 0..8 run one after the other; once the ballots are used up
the network re-delivers old 2a and 2b messages, as the simulator's duplication fault does, so the
trace can be as long as asked while the spec state stays bounded).

usage: gen_paxos_trace.py EVENTS OUT.ndjson [MAX_BALLOT]
With a large MAX_BALLOT (e.g. 100000) every round sends new messages: msgs grows with the trace."""
import json, sys
N=3; target=int(sys.argv[1]); out=sys.argv[2]; maxb=int(sys.argv[3]) if len(sys.argv)>3 else 8
nodes=range(1,N+1)
st={n:dict(maxBal=-1,maxVBal=-1,maxVal="",pBal=-1,pPhase="idle",pPromises=[],pHighBal=-1,pHighVal="",pInput="",decided="") for n in nodes}
l2b={n:set() for n in nodes}
f=open(out,'w'); seq=0
def w(o): f.write(json.dumps(o,separators=(',',':'))+'\n')
w({"kind":"header","schema":1,"protocol":"paxos","constants":{"N":N,"Values":["v1","v2"],"MaxBallot":maxb},"seed":0})
def ev(node,action,msg):
    global seq; seq+=1
    e={"kind":"event","seq":seq,"node":node,"action":action}
    if msg is not None: e["msg"]=msg
    e["state"]=dict(st[node]); e["state"]["pPromises"]=sorted(st[node]["pPromises"])
    w(e)
b=0
ev(1,"ClientRequest",{"type":"request","val":"v1"}) if False else None
for n in nodes:
    st[n]["pInput"]="v%d"%(1 if n==1 else 2); ev(n,"ClientRequest",{"type":"request","val":st[n]["pInput"]})
while seq < target and b <= maxb:
    p=(b%N)+1
    s=st[p]; s["pBal"]=b; s["pPhase"]="p1"; s["pPromises"]=[]; s["pHighBal"]=-1; s["pHighVal"]=""
    m1a={"type":"1a","bal":b,"from":p}; ev(p,"Phase1a",m1a)
    ones=[]
    for a in nodes:
        if b>st[a]["maxBal"]:
            st[a]["maxBal"]=b
            m1b={"type":"1b","bal":b,"from":a,"mbal":st[a]["maxVBal"],"mval":st[a]["maxVal"]}
            ev(a,"Phase1b",m1a); ones.append(m1b)
    for m in ones[:2]:
        s["pPromises"]=sorted(set(s["pPromises"])|{m["from"]})
        if m["mbal"]>s["pHighBal"]: s["pHighBal"]=m["mbal"]; s["pHighVal"]=m["mval"]
        ev(p,"HandlePromise",m)
    s["pPhase"]="p2"; val=s["pInput"] if s["pHighBal"]==-1 else s["pHighVal"]
    m2a={"type":"2a","bal":b,"val":val,"from":p}; ev(p,"Phase2a",m2a)
    twos=[]
    for a in nodes:
        if b>=st[a]["maxBal"]:
            st[a]["maxBal"]=b; st[a]["maxVBal"]=b; st[a]["maxVal"]=val
            ev(a,"Phase2b",m2a); twos.append({"type":"2b","bal":b,"val":val,"from":a})
    for l in nodes:
        for m in twos:
            l2b[l].add((m["bal"],m["val"],m["from"]))
            agree={x[2] for x in l2b[l] if x[0]==m["bal"] and x[1]==m["val"]}
            if 2*len(agree)>N: st[l]["decided"]=m["val"]
            ev(l,"Learn",m)
    b+=1
# ballots exhausted: the network duplicates messages (a fault the simulator injects): receivers
# get old 2a and 2b again; the spec allows it (msgs is a set, receiving does not consume)
last2a=m2a; last2bs=twos; i=0
while seq < target:
    i+=1
    n=(i%N)+1
    if i%4==0:
        ev(n,"Phase2b",last2a)
    else:
        m=last2bs[i%len(last2bs)]; ev(n,"Learn",m)
w({"kind":"end","events":seq}); f.close()
print(seq, "events, ballots", b)
