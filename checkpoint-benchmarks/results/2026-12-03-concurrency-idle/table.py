import json,sys
rows={}
for t in sys.argv[1:]:
    for r in json.load(open(f't{t}.json')):
        b=r['benchmark'].split('.')[-1]; be=r['params']['backend']; m=r['mode']
        pm=r['primaryMetric']
        if m=='thrpt': rows.setdefault((be,t),{})[b]=(pm['score'],pm['scoreError'])
        else:
            pc=pm['scorePercentiles']; rows.setdefault((be,t),{})[b+'_p']=(pc['50.0']*1e6,pc['99.0']*1e6)
print("| backend | threads | save | `rawSave` | `rawSaveFull` | ÷ `rawSave` | ÷ `rawSaveFull` | latest | `rawLatest` | ratio | save p50 / p99 µs (store, raw, full) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for (be,t),d in sorted(rows.items()):
    f=lambda k: f"{d[k][0]:,.0f} ± {d[k][1]:,.0f}"
    p=lambda k: f"{d[k+'_p'][0]:,.0f} / {d[k+'_p'][1]:,.0f}" if k+'_p' in d else '–'
    print(f"| {be} | {t} | {f('save')} | {f('rawSave')} | {f('rawSaveFull')} | **{d['save'][0]/d['rawSave'][0]:.2f}** | {d['save'][0]/d['rawSaveFull'][0]:.2f} | {f('latest')} | {f('rawLatest')} | **{d['latest'][0]/d['rawLatest'][0]:.2f}** | {p('save')}; {p('rawSave')}; {p('rawSaveFull')} |")
