#!/usr/bin/env python3
"""Every struct the library fills (each has `version` first and SC_*_INIT) is
declared with an initialiser in the project's own code: `sc_org o;` or
`sc_org o = {0};` hands a filler version 0, which it refuses at run time with
SC_EINVAL, a mistake no compiler reports. Struct members are not declarations
to initialise and are skipped. Prints TAP; exits 1 on any such declaration."""
import glob
import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else "."
types = set()
for h in glob.glob(os.path.join(top, "include", "skillcert", "*.h")):
    text = open(h, encoding="utf-8").read()
    for m in re.finditer(r"The version of ::(sc_\w+) this library fills", text):
        types.add(m.group(1))
alt = "|".join(sorted(types))
# `T a;`, `T a = {0};`, and in a list `T a, b;` any declarator without "=".
decl = re.compile(r"^\s*(?:static\s+)?(?:" + alt + r")\s+(?:\w+\s*(?:;|=\s*\{\s*0?\s*\}\s*;|,)"
                  r"|[^;={]*,\s*\w+\s*[;,])")
literal = re.compile(r"\((?:" + alt + r")\)\s*\{\s*0?\s*\}")
opens_struct = re.compile(r"\b(?:struct|union)\b[^;()]*$")
files = []
for d in ("libskillcert", "tools", "tests", "examples", "bench", "fuzz", "bindings"):
    for f in glob.glob(os.path.join(top, d, "**", "*"), recursive=True):
        if re.search(r"\.(c|i|h)$", f):
            files.append(f)
# C programs written out by shell scripts (the install test, the autopkgtests).
for d in (os.path.join("tests", "install"), os.path.join("debian", "tests")):
    for f in glob.glob(os.path.join(top, d, "*")):
        if os.path.isfile(f) and not re.search(r"\.(c|i|h)$", f):
            files.append(f)
bad = []
for f in sorted(files):
    lines = open(f, encoding="utf-8", errors="replace").read().split("\n")
    stack = []
    for i, line in enumerate(lines):
        if not any(stack) and (decl.search(line) or literal.search(line)):
            bad.append("%s:%d: %s" % (os.path.relpath(f, top), i + 1, line.strip()))
        for m in re.finditer(r"[{}]", line):
            if m.group() == "{":
                before = line[: m.start()]
                prev = lines[i - 1] if i else ""
                stack.append(bool(opens_struct.search(before))
                             or (not before.strip() and bool(opens_struct.search(prev))))
            elif stack:
                stack.pop()
print("1..1")
if bad:
    print("not ok 1 - %d versioned structs declared without their SC_*_INIT:" % len(bad))
    for b in bad:
        print("#   " + b)
    sys.exit(1)
print("ok 1 - %d versioned struct types, every declaration in %d files initialised"
      % (len(types), len(files)))
