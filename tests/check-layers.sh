#!/bin/sh
# tests/check-layers.sh — the floors of the library hold (issue 11).
#
# From the objects of the build (`nm`), every call between modules is mapped
# to the module that defines the symbol; from the sources, every SQL string
# literal that writes a table (INSERT/UPDATE/DELETE/REPLACE) is mapped to its
# module. It fails on
#   call FROM -> TO SYMBOL   a call from a lower floor to a higher one (or from
#                            a module beside all to one that is not ground);
#   cycle A B ...            modules of one floor that call one another round;
#   write MODULE TABLE       SQL writing TABLE outside its owner (migrations
#                            aside);
# and on a module without a floor or a written table without an owner.
# The floors and owners are in tests/layers.map. Violations still in the tree
# are listed, one a line, in tests/layers-known.txt: they are reported as
# known and do not fail; a listed one that is gone is reported so that the
# list shrinks. Prints one summary line.
: "${top_builddir:=.}" "${top_srcdir:=.}"
PY=
for p in "${PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && command -v "$p" >/dev/null 2>&1; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || { echo "check-layers: python3 is required"; exit 1; }
# LAYERS_MAP and LAYERS_KNOWN name other files (tests/check-layers-selftest.sh).
exec "$PY" - "$top_builddir" "$top_srcdir" "${NM:-nm}" \
    "${LAYERS_MAP:-$top_srcdir/tests/layers.map}" \
    "${LAYERS_KNOWN:-$top_srcdir/tests/layers-known.txt}" <<'PYEOF'
import glob, os, re, subprocess, sys

builddir, srcdir, nm, mapfile, knownfile = sys.argv[1:6]
fatal = []

# ---- the map -------------------------------------------------------------------------------
floor, floor_name, beside, owner = {}, {}, set(), {}
for ln, line in enumerate(open(mapfile, encoding="utf-8"), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    m = re.match(r"floor\s+(\d+)\s+([\w-]+):\s*(.*)$", line)
    if m:
        for mod in m.group(3).split():
            floor[mod] = int(m.group(1))
            floor_name[mod] = m.group(2)
        continue
    m = re.match(r"beside:\s*(.*)$", line)
    if m:
        beside.update(m.group(1).split())
        continue
    m = re.match(r"owner\s+(\w+)\s+(\w+)$", line)
    if m:
        if m.group(1) in owner:
            fatal.append("layers.map:%d: table %s has two owners" % (ln, m.group(1)))
        owner[m.group(1)] = m.group(2)
        continue
    fatal.append("layers.map:%d: cannot read '%s'" % (ln, line))

def known_module(mod):
    return mod in floor or mod in beside

# ---- calls, from the objects ---------------------------------------------------------------------
objs = {}
for d in (os.path.join(builddir, "libskillcert", ".libs"), os.path.join(builddir, "libskillcert")):
    for o in sorted(glob.glob(os.path.join(d, "libskillcert_core_la-*.o"))):
        mod = os.path.basename(o)[len("libskillcert_core_la-"):-2]
        objs.setdefault(mod, o)
if not objs:
    print("check-layers: no objects of the library under %s/libskillcert (build first)" % builddir)
    sys.exit(1)

def nm_lines(args, o):
    r = subprocess.run([nm] + args + [o], stdout=subprocess.PIPE, universal_newlines=True)
    if r.returncode != 0:
        print("check-layers: %s failed on %s" % (nm, o))
        sys.exit(1)
    return r.stdout.splitlines()

defined, undef = {}, {}
for mod, o in objs.items():
    if not known_module(mod):
        fatal.append("module %s (%s) has no floor in tests/layers.map" % (mod, os.path.basename(o)))
    for line in nm_lines(["-g", "--defined-only"], o):
        parts = line.split()
        if len(parts) >= 3:
            defined[parts[2]] = mod
    undef[mod] = sorted({line.split()[-1] for line in nm_lines(["-u"], o) if line.strip()})

found = set()
edges = {}
ncalls = 0
for mod, syms in undef.items():
    for sym in syms:
        to = defined.get(sym)
        if to is None or to == mod:
            continue
        ncalls += 1
        edges.setdefault(mod, set()).add(to)
        if not known_module(mod) or not known_module(to) or to in beside:
            continue
        if mod in beside:
            bad = floor[to] != 0
        else:
            bad = floor[to] > floor[mod]
        if bad:
            found.add("call %s -> %s %s" % (mod, to, sym))

# Cycles inside a floor (Tarjan's strongly connected components).
index, low, stack, on, sccs = {}, {}, [], set(), []
def strong(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on.add(v)
    for w in sorted(edges.get(v, ())):
        if floor.get(w, -1) != floor.get(v, -2) or w in beside or v in beside:
            continue
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(objs):
    if v not in index:
        strong(v)
for comp in sccs:
    found.add("cycle " + " ".join(comp))

# ---- table writes, from the sources -------------------------------------------------------------
WRITE = re.compile(r"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?"
                   r"|DELETE\s+FROM)\s+\"?([A-Za-z_]\w*)")  # SQL keywords are written in capitals here
TOKEN = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'(?:[^\'\\\n]|\\.)*\'|/\*.*?\*/|//[^\n]*|(\s+)|(.)', re.S)

def literals(text):
    """C string literals, adjacent ones joined (as the compiler does)."""
    out, cur = [], []
    for m in TOKEN.finditer(text):
        if m.group(1) is not None:
            cur.append(m.group(1))
        elif m.group(0).startswith("/*") or m.group(0).startswith("//") or m.group(2) is not None:
            continue
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out

nwrites = 0
for path in sorted(glob.glob(os.path.join(srcdir, "libskillcert", "*.c"))):
    mod = os.path.basename(path)[:-2]
    if mod == "migrations":
        continue
    for lit in literals(open(path, encoding="utf-8").read()):
        for m in WRITE.finditer(lit):
            table = m.group(1)
            if table.upper() == "SET":  # ON CONFLICT ... DO UPDATE SET
                continue
            nwrites += 1
            if table not in owner:
                fatal.append("table %s, written by %s, has no owner in tests/layers.map" %
                             (table, mod))
            elif owner[table] != mod:
                found.add("write %s %s" % (mod, table))

# ---- against the list of known violations ---------------------------------------------------------
known = {}
if os.path.exists(knownfile):
    for line in open(knownfile, encoding="utf-8"):
        key = line.split("#", 1)[0].strip()
        if key:
            known[" ".join(key.split())] = line.strip()
new = sorted(v for v in found if v not in known)
still = sorted(v for v in found if v in known)
gone = sorted(k for k in known if k not in found)
for v in new:
    print("not ok - %s" % v)
for v in still:
    print("# known (issue 11): %s" % v)
for v in gone:
    print("# gone, remove it from tests/layers-known.txt: %s" % v)
for f in fatal:
    print("not ok - %s" % f)
failed = len(new) + len(fatal)
print("1..1")
print("%s 1 - layers: %d modules, %d calls between modules, %d table writes checked: "
      "%d new violations, %d known (tests/layers-known.txt), %d known ones gone%s" %
      ("not ok" if failed else "ok", len(objs), ncalls, nwrites, len(new), len(still), len(gone),
       ", %d map errors" % len(fatal) if fatal else ""))
sys.exit(1 if failed else 0)
PYEOF
