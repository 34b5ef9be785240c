#!/usr/bin/env python3
"""One-off: renames fields that break the .editorconfig naming rules (IDE1006) to _camel / s_camel, driven by the
compiler: declarations from IDE1006 locations, usages from the CS0103/CS1061/CS0117 errors the rename causes."""
import re, subprocess, sys, collections

projects = sys.argv[1:]
loc = re.compile(r'^(/[^(]+)\((\d+),(\d+)\): error (IDE1006|CS0103|CS1061|CS0117|CS0122|CS1955): (.*?) \[')

def build(p):
    r = subprocess.run(['dotnet', 'build', p, '--no-restore', '-v', 'q', '-clp:NoSummary'], capture_output=True, text=True)
    out = set()
    for line in r.stdout.splitlines():
        m = loc.match(line.strip())
        if m: out.add((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)))
    return out

def new_name(old, msg):
    static = 's_' in msg or "'s_'" in msg
    base = old.lstrip('_')
    if base.startswith('s_'): base = base[2:]
    base = base[0].lower() + base[1:]
    return ('s_' if static else '_') + base

renames = {}
def apply(edits):
    by_file = collections.defaultdict(list)
    for f, l, c, old, new in edits: by_file[f].append((l, c, old, new))
    for f, es in by_file.items():
        lines = open(f).read().split('\n')
        for l, c, old, new in sorted(es, key=lambda e: (e[0], -e[1])):
            s = lines[l-1]; i = c - 1
            if s[i:i+len(old)] == old and not (s[i+len(old):i+len(old)+1].isalnum() or s[i+len(old):i+len(old)+1] == '_'):
                lines[l-1] = s[:i] + new + s[i+len(old):]
        open(f, 'w').write('\n'.join(lines))

for p in projects:
    for it in range(8):
        errs = build(p)
        edits = []
        for f, l, c, code, msg in errs:
            if code == 'IDE1006':
                m = re.search(r"Naming rule violation: (?:Missing prefix|Prefix|These words|The first word).*?'(\w+)'", msg)
                line = open(f).read().split('\n')[l-1]
                ident = re.match(r'\w+', line[c-1:]).group(0)
                nn = new_name(ident, msg)
                renames[ident] = nn
                edits.append((f, l, c, ident, nn))
            else:
                m = re.search(r"'(\w+)'", msg) if code == 'CS0103' else re.search(r"definition for '(\w+)'", msg) or re.search(r"'(\w+)'", msg)
                if m and m.group(1) in renames:
                    edits.append((f, l, c, m.group(1), renames[m.group(1)]))
        if not edits:
            print(p, 'clean after', it, 'passes;', len([e for e in errs]), 'errors left'); break
        apply(edits)
        print(p, 'pass', it, len(edits), 'edits')
