#!/usr/bin/env python3
"""Every public function's doc comment documents each of its parameters.

Reads include/skillcert/*.h: for every SC_EXTERN function declaration, the /** ... */
comment right before it must carry `@param NAME` (or @param[in]/[out]/[in,out] NAME)
for every named parameter. Parameters may share one line (`@param a, b  text`);
a mention in running text (`@p NAME`) does not count. Prints TAP; exits 1 when any is missing.

Usage: check-doc-params.py [HEADER...]   (default: $top_srcdir/include/skillcert/*.h)
"""
import glob
import os
import re
import sys

DECL = re.compile(r"SC_EXTERN\s+(?P<ret>[^;(]*?)\b(?P<name>sc_\w+)\s*\((?P<args>[^;]*?)\)\s*"
                  r"(?:SC_\w+(?:\([^)]*\))?\s*)*;", re.S)
COMMENT_END = re.compile(r"/\*\*(?P<body>(?:(?!\*/).)*)\*/\s*$", re.S)
PARAM = re.compile(r"[@\\]param(?:\[[a-z, ]+\])?\s+(?P<names>\w+(?:\s*,\s*\w+)*)")


def param_names(args):
    args = re.sub(r"/\*.*?\*/", "", args, flags=re.S).strip()
    if args in ("", "void"):
        return []
    names = []
    for a in args.split(","):
        a = a.strip()
        if a == "...":
            continue
        a = re.sub(r"\[[^]]*\]", "", a)
        m = re.search(r"(\w+)\s*$", a)
        if m:
            names.append(m.group(1))
    return names


def check_header(path):
    text = open(path, encoding="utf-8").read()
    problems = []
    count = 0
    for m in DECL.finditer(text):
        count += 1
        name = m.group("name")
        before = text[:m.start()]
        c = COMMENT_END.search(before)
        if not c:
            problems.append(f"{name}: no doc comment")
            continue
        body = c.group("body")
        documented = set()
        for p in PARAM.finditer(body):
            documented.update(n.strip() for n in p.group("names").split(","))
        missing = [n for n in param_names(m.group("args")) if n not in documented]
        if missing:
            problems.append(f"{name}: no @param for {', '.join(missing)}")
    return count, problems


def main(argv):
    top = os.environ.get("top_srcdir", os.path.join(os.path.dirname(__file__), ".."))
    headers = argv[1:] or sorted(glob.glob(os.path.join(top, "include", "skillcert", "*.h")))
    total, bad = 0, []
    for h in headers:
        n, problems = check_header(h)
        total += n
        bad.extend(f"{os.path.basename(h)}: {p}" for p in problems)
    if bad:
        print(f"not ok 1 - {len(bad)} of {total} public functions lack parameter docs")
        for b in bad:
            print("#   " + b)
        print("0 passed, 1 failed")
        return 1
    print(f"ok 1 - every parameter of the {total} public functions has its @param")
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
