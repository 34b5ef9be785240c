#!/usr/bin/env python3
"""Renames fields that break the .editorconfig naming rules (IDE1006) to _camel / s_camel / PascalCase, driven by the
compiler (run it over the projects in dependency order: bash eng/rename-fields.py src/VirtualNetwork src/SimLoop ...): declarations from IDE1006 locations, usages from the CS0103/CS1061/CS0117 errors the rename causes."""
import re, subprocess, sys, collections

projects = sys.argv[1:]
loc = re.compile(r'^(/[^(]+)\((\d+),(\d+)\): error (IDE1006|CS0103|CS1061|CS0117|CS0122|CS1955|CS1574): (.*?) \[')

def build(p):
    r = subprocess.run(['dotnet', 'build', p, '--no-restore', '-v', 'q', '-clp:NoSummary'], capture_output=True, text=True)
    out = set()
    for line in r.stdout.splitlines():
        m = loc.match(line.strip())
        if m: out.add((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5)))
    return out

def new_name(old, msg):
    base = old
    for prefix in ('s_', 't_', 'm_', '_'):
        if base.startswith(prefix):
            base = base[len(prefix):]
            break
    if "Missing prefix: 's_'" in msg:
        return 's_' + base[0].lower() + base[1:]
    if "Missing prefix: '_'" in msg:
        return '_' + base[0].lower() + base[1:]
    # "Prefix 's_' is not expected" / "These words must begin with upper case characters": PascalCase.
    return base[0].upper() + base[1:]

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

# What the compiler could not attribute (an error inside a lambda can hide the usages in it): fix by hand.
for p in projects:
    left = [e for e in build(p) if e[3] != 'IDE1006' or True]
    for f, l, c, code, msg in sorted(left):
        print(f'{f}({l},{c}): {code} {msg}')
