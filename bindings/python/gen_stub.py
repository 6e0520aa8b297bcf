"""Write skillcert.pyi, the type stub of the Python binding, to standard output.

    PYTHONPATH=bindings/python:bindings/python/.libs python3 gen_stub.py > skillcert.pyi

Run by `make` after the module is built: it reads the module itself (the
signatures SWIG wrote, the enums, the grouped methods), so the stub cannot
drift from it. Parameters named like dates take str or datetime.date,
kinds (the enum member, its name or the number) and the rest are Any.

    gen_stub.py [INCLUDE_DIR SWIG_DIR]

With the headers and the SWIG files, the fields the headers declare as
char[SC_DATE_SIZE] (and the date results of DATE_RESULTS) are typed
Optional[datetime.date], as the binding returns them.
"""

import enum
import inspect
import os
import re
import sys

import skillcert

DATE_PARAMS = {"date", "as_of", "effective", "withdrawn", "until", "to_date", "from_date",
               "date_to", "date_from", "start", "end", "opens", "closes", "issued",
               "graduated", "completed", "checked", "not_before", "not_after", "at"}
SCORE_PARAMS = {"theory", "practical", "review"}
# Methods and computed fields that return a date (skillcert_python.i, SCW_DATE_OUT).
DATE_RESULTS = {"offering_effective", "offering_withdrawn", "birth_date", "education_graduated",
                "work_start", "work_end", "certificate_issued", "apprenticeship_completed",
                "evidence_date", "effective_at", "saved", "date", "date_from", "date_to",
                "effective", "withdrawn"}
DATE_FIELDS = {}   # Python class name: names of its date fields (from the headers)


def read_date_fields(include_dir, swig_dir):
    """Python class -> fields declared char[SC_DATE_SIZE] (or char[11]) in C."""
    renames = {}
    for name in os.listdir(swig_dir):
        if name.endswith(".i"):
            with open(os.path.join(swig_dir, name), encoding="utf-8") as f:
                for py, c in re.findall(r"%rename\((\w+)\)\s+(\w+)\s*;", f.read()):
                    renames[c] = py
    for name in os.listdir(include_dir):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(include_dir, name), encoding="utf-8") as f:
            source = f.read()
        for body, c in re.findall(r"typedef\s+struct\s+\w*\s*\{(.*?)\}\s*(\w+)\s*;", source, re.S):
            fields = set(re.findall(r"\bchar\s+(\w+)\s*\[\s*(?:SC_DATE_SIZE|11)\s*\]", body))
            if fields and c in renames:
                DATE_FIELDS.setdefault(renames[c], set()).update(fields)


def param_type(name):
    if name in DATE_PARAMS:
        return "_Date"
    if name in SCORE_PARAMS:
        return "Optional[float]"
    return "Any"


def signature(function, drop_self):
    try:
        sig = inspect.signature(function)
    except (TypeError, ValueError):
        return "(self, *args: Any, **kwargs: Any)" if drop_self else "(*args: Any, **kwargs: Any)"
    parts = []
    for i, p in enumerate(sig.parameters.values()):
        if i == 0 and drop_self:
            parts.append("self")
            continue
        if p.kind is p.VAR_POSITIONAL:
            parts.append("*%s: Any" % p.name)
        elif p.kind is p.VAR_KEYWORD:
            parts.append("**%s: Any" % p.name)
        elif p.default is p.empty:
            parts.append("%s: %s" % (p.name, param_type(p.name)))
        else:
            parts.append("%s: %s = ..." % (p.name, param_type(p.name)))
    return "(%s)" % ", ".join(parts)


def doc_line(obj):
    doc = inspect.getdoc(obj) or ""
    for line in doc.splitlines():
        line = line.strip()
        if line and "->" not in line:
            return line.replace('"""', "'")
    return ""


def emit_class(out, name, cls):
    bases = "(%s)" % cls.__bases__[0].__name__ if issubclass(cls, Exception) else ""
    out.append("class %s%s:" % (name, bases))
    line = doc_line(cls)
    if line:
        out.append('    """%s"""' % line)
    body = False
    for attr, value in sorted(vars(cls).items()):
        if attr.startswith("_") and attr not in ("__init__", "__iter__", "__next__", "__len__",
                                                 "__getitem__", "__enter__", "__exit__",
                                                 "__bool__"):
            continue
        if attr == "thisown":
            continue
        if isinstance(value, property):
            dated = attr in DATE_FIELDS.get(name, ()) or (name == "Occupation"
                                                          and attr in DATE_RESULTS)
            out.append("    %s: %s" % (attr, "Optional[datetime.date]" if dated else "Any"))
            body = True
        elif inspect.isfunction(value) or inspect.isbuiltin(value):
            result = " -> Optional[datetime.date]" if attr in DATE_RESULTS else ""
            out.append("    def %s%s%s: ..." % (attr, signature(value, True), result))
            body = True
        elif isinstance(value, staticmethod):
            out.append("    @staticmethod")
            out.append("    def %s%s: ..." % (attr, signature(value.__func__, False)))
            body = True
    if not body:
        out.append("    ...")
    out.append("")


def main():
    if len(sys.argv) == 3:
        read_date_fields(sys.argv[1], sys.argv[2])
    out = ['"""Type stub of the skillcert module (generated by bindings/python/gen_stub.py)."""',
           "",
           "import datetime",
           "import enum",
           "from typing import Any, Iterator, List, Optional, Union",
           "",
           "_Date = Union[str, datetime.date, None]",
           ""]
    names = sorted(n for n in dir(skillcert) if not n.startswith("__"))
    for n in names:
        value = getattr(skillcert, n)
        if isinstance(value, int) and not isinstance(value, bool) and n.isupper():
            out.append("%s: int" % n)
    out.append("")
    out.append("class _NamedEnum(enum.IntEnum):")
    out.append("    @property")
    out.append("    def label(self) -> str: ...")
    out.append("")
    out.append("class _NamedFlag(enum.IntFlag): ...")
    out.append("")
    for n in names:
        value = getattr(skillcert, n)
        if isinstance(value, type) and issubclass(value, enum.Enum) and not n.startswith("_"):
            base = "_NamedFlag" if issubclass(value, enum.IntFlag) else "_NamedEnum"
            out.append("class %s(%s):" % (n, base))
            out.append('    """%s"""' % (value.__doc__ or "").strip())
            for member in value.__members__.values():
                out.append("    %s = %d" % (member.name, int(member)))
            out.append("")
    out.append("class Results(List[Any]):")
    out.append("    def __enter__(self) -> \"Results\": ...")
    out.append("    def __exit__(self, *exc: Any) -> bool: ...")
    out.append("    def close(self) -> None: ...")
    out.append("")
    # The groups of Database: one class each.
    groups = {}
    for gname, (prefixes, aliases) in skillcert._GROUPS.items():
        cls_name = "_%sGroup" % "".join(p.capitalize() for p in gname.split("_"))
        groups[gname] = cls_name
        out.append("class %s:" % cls_name)
        spec = (prefixes, aliases, "Database." + gname)
        g = skillcert._Group(None, spec)
        for member in dir(g):
            flat = g._target(member)
            function = skillcert.Database.__dict__.get("_flat_" + flat) or \
                getattr(skillcert.Database, flat)
            out.append("    def %s%s: ..." % (member, signature(function, True)))
        if "_flat_" + gname in skillcert.Database.__dict__:
            out.append("    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...")
        out.append("")
    for n in names:
        value = getattr(skillcert, n)
        if n.startswith("_") or not isinstance(value, type) or issubclass(value, enum.Enum) \
                or n == "Results":
            continue
        if value.__module__ != "skillcert":
            if issubclass(value, Exception):
                out.append("class %s(%s):" % (n, ", ".join(b.__name__ for b in value.__bases__)))
                out.append("    code: int\n    message: str\n    source: str\n    line: int")
                out.append("    column: int\n    field: str\n    domain: int\n    cause: int")
                out.append("")
            continue
        emit_class(out, n, value)
        if n == "Database":
            out.pop()
            for gname, cls_name in groups.items():
                out.append("    @property")
                out.append("    def %s(self) -> %s: ..." % (gname, cls_name))
            out.append("")
    for n in names:
        value = getattr(skillcert, n)
        if not n.startswith("_") and (inspect.isfunction(value) or inspect.isbuiltin(value)):
            out.append("def %s%s: ..." % (n, signature(value, False)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
