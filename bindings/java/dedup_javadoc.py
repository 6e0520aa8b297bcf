#!/usr/bin/env python3
"""Keep one Javadoc comment per member in the Java sources SWIG writes.

    dedup_javadoc.py JAVA_DIR

With -doxygen, SWIG turns the one-line comment of each method in the SWIG
files into a Javadoc block; bindings/gen_docs.py then puts the method's full
Javadoc (which starts with that same line) in %javamethodmodifiers, so the
method ends up with two blocks, SWIG's first. SWIG has no switch to drop the
first one for a method, so it is dropped here, right after the SWIG run
(bindings/bindings.am): a doc comment directly followed by another doc
comment goes, and the one next to the declaration stays. The Python word
None, which the SWIG files' comments use for both languages, becomes null.
"""

import os
import re
import sys

# A doc comment (its indentation and line end too) followed, after blank
# space only, by another doc comment.
DOC = re.compile(r"/\*\*(?:(?!\*/).)*\*/", re.S)
SHADOWED = re.compile(r"^[ \t]*/\*\*(?:(?!\*/).)*\*/[ \t]*\n(?=\s*/\*\*)", re.S | re.M)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: dedup_javadoc.py JAVA_DIR")
    for name in sorted(os.listdir(argv[1])):
        if not name.endswith(".java"):
            continue
        path = os.path.join(argv[1], name)
        with open(path, encoding="utf-8") as f:
            source = f.read()
        fixed = SHADOWED.sub("", source)
        # The SWIG files' comments serve both languages ("None/null", "or
        # None"): in the Javadoc, null.
        fixed = DOC.sub(lambda m: re.sub(r"\bNone(/null)?\b", "null", m.group(0)), fixed)
        if fixed != source:
            with open(path, "w", encoding="utf-8") as f:
                f.write(fixed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
