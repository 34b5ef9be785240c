#!/usr/bin/env python3
"""Makes every C# file's namespace follow its folder (IDE0130, enforced in the build), the Polly.Core way: a library's
root namespace lives in the project's root folder, and each folder below it is a namespace of its own.

A file under a folder whose namespace is the project's root namespace moves (git mv) to the project's root folder;
a file whose namespace names a folder that does not exist yet moves into that folder. Run from the repository root:
  python3 eng/namespaces-follow-folders.py [--dry-run] src/SimLoop src/VirtualNetwork
Files listed in .editorconfig with IDE0130 off are left where they are."""
import os, re, subprocess, sys

dry = '--dry-run' in sys.argv
projects = [a.rstrip('/') for a in sys.argv[1:] if a != '--dry-run']
exempt = set()
for line in open('.editorconfig'):
    pass  # exemptions are read per file below

def root_namespace(project):
    csproj = [f for f in os.listdir(project) if f.endswith('.csproj')][0]
    m = re.search(r'<RootNamespace>([\w.]+)</RootNamespace>', open(os.path.join(project, csproj)).read())
    return m.group(1) if m else csproj[:-len('.csproj')]

def exempted(path):
    text = open('.editorconfig').read()
    for section, body in re.findall(r'^\[([^\]]+)\]\n((?:(?!\[).*\n?)*)', text, re.M):
        if 'IDE0130.severity = none' in body:
            names = re.findall(r'[\w.]+\.cs', section)
            folder = section.split('{')[0]
            if any(path.endswith(folder.rstrip('/') + '/' + n) or path.endswith(n) and path.startswith(folder) for n in names):
                return True
    return False

moves = []
for project in projects:
    root = root_namespace(project)
    for dirpath, dirs, files in os.walk(project):
        dirs[:] = [d for d in dirs if d not in ('bin', 'obj')]
        for name in sorted(files):
            if not name.endswith('.cs'):
                continue
            path = os.path.join(dirpath, name)
            m = re.search(r'^namespace ([\w.]+)\s*;', open(path).read(), re.M)
            if not m or exempted(path):
                continue
            ns = m.group(1)
            rel = os.path.relpath(dirpath, project)
            expected = root if rel == '.' else root + '.' + rel.replace(os.sep, '.')
            if ns == expected:
                continue
            if not (ns == root or ns.startswith(root + '.')):
                print(f'{path}: namespace {ns} is outside the root namespace {root}: exempt it in .editorconfig with the reason')
                continue
            target_dir = os.path.join(project, *ns[len(root):].lstrip('.').split('.')) if ns != root else project
            moves.append((path, os.path.join(target_dir, name)))

targets = [t for _, t in moves]
clash = {t for t in targets if targets.count(t) > 1 or os.path.exists(t)}
if clash:
    sys.exit('name clashes: ' + ', '.join(sorted(clash)))
for src, dst in moves:
    print(f'{src} -> {dst}')
    if not dry:
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        subprocess.run(['git', 'mv', src, dst], check=True)
