#!/usr/bin/env python3
"""Put Python types in the signature lines SWIG writes into skillcert.py.

    fix_signatures.py SKILLCERT_PY [SWIG_FILE...]

SWIG's autodoc line ends with the C return type of the wrapper
(`add_text(self, text) -> scw_status`): SWIG 4 has a "doctype" typemap for
parameters but none for results, so the line is rewritten here, right after
the SWIG run (bindings/bindings.am), with the type the binding really returns:
a status becomes None (failures raise), texts str or None, counts int, and
so on; the methods the SWIG files give the SCW_DATE_OUT typemap return
datetime.date or None.
The class docstrings SWIG makes up ("Proxy of C scw_offerings struct.") are
replaced too, and the C enum a property's doc names (` ::sc_staff_role`,
from the header's member comment) becomes its Python enum (StaffRole, as
bindings/java/gen_enums.py names it); "None/null", said for both languages
in the SWIG files' comments, is None. A C type name this table does not know stops the build, so a
new one cannot leak into the reference text unnoticed.
"""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java"))
from gen_enums import ENUMS  # noqa: E402  (C enum: (binding name, prefix))

# C result type (as SWIG prints it) -> Python type.
RESULTS = {
    "scw_status": "None",
    "void": "None",
    "char const *": "str or None",
    "char *": "str or None",
    "size_t": "int",
    "int": "int",
    "long": "int",
    "long long": "int",
    "unsigned int": "int",
    "int64_t": "int",
    "double": "float",
    "bool": "bool",
}

# The line, also in a one-line docstring: r"""count(self) -> size_t""".
SIGNATURE = re.compile(r'^(\s+(?:r""")?(\w+)\(.*\)) -> (.+?)(""")?\s*$')
PROXY = re.compile(r"Proxy of C (scw?_\w+) struct\.")
CLASS = re.compile(r"^class (\w+)\(")


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: fix_signatures.py SKILLCERT_PY [SWIG_FILE...]")
    dates = set()
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            for block in re.findall(r"%apply\s+const\s+char\s+\*SCW_DATE_OUT\s*\{(.*?)\}",
                                    f.read(), re.S):
                dates.update(re.findall(r"(\w+)\s*(?:,|$)", block.strip()))
    with open(argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    unknown, cls = set(), None
    for i, line in enumerate(lines):
        m = CLASS.match(line)
        if m:
            cls = m.group(1)
        m = SIGNATURE.match(line)
        if m:
            head, name, ctype, tail = m.group(1), m.group(2), m.group(3), m.group(4) or ""
            if ctype in ("char const *", "char *") and name in dates:
                lines[i] = "%s -> datetime.date or None%s" % (head, tail)
            elif ctype in RESULTS:
                lines[i] = "%s -> %s%s" % (head, RESULTS[ctype], tail)
            elif not re.fullmatch(r"[A-Z]\w*", ctype):   # not a class of the binding
                unknown.add(ctype)
            continue
        # The SWIG files' comments serve both languages: "None/null".
        line = lines[i] = line.replace("None/null", "None")
        if 'doc=r"""' in line or "::sc_" in line:
            lines[i] = re.sub(r"(?:::)?\b(sc_\w+)\b",
                              lambda t: ENUMS[t.group(1)][0] if t.group(1) in ENUMS
                              else t.group(0), line)
            line = lines[i]
        m = PROXY.search(line)
        if m and cls:
            if cls.endswith("Iterator"):
                text = "The rows of a %s query: walk them with a for loop." % cls[:-len("Iterator")]
            else:
                text = "The library's %s object: see its methods." % cls
            lines[i] = line[:m.start()] + text + line[m.end():]
    if unknown:
        sys.exit("fix_signatures.py: no Python type for the C result type(s) %s: "
                 "add them to RESULTS" % ", ".join(sorted(unknown)))
    with open(argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
