import sys
def parse(f):
    d={}
    for l in open(f):
        if l.startswith('cmdstat_'):
            k,v=l.strip().split(':',1); kv=dict(x.split('=') for x in v.split(','))
            d[k[8:]]=(int(kv['calls']),int(kv['usec']))
    return d
a=parse(sys.argv[1]); b=parse(sys.argv[2]); n=int(float(sys.argv[3]))
out=[]
for k in b:
    c0,u0=a.get(k,(0,0)); c1,u1=b[k]
    if c1-c0>n/20: out.append(f"{k} {(c1-c0)/n:.2f}/op {(u1-u0)/max(1,c1-c0):.2f}us")
print(" | ".join(out))
