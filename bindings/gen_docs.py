#!/usr/bin/env python3
"""Write the binding's documentation from the headers' doc comments.

    gen_docs.py OUTPUT INCLUDE_DIR SWIG_FILE_OR_DIRECTORY...

The methods of the binding are written in the SWIG files (bindings/swig/*.i)
and call the library's functions; their own comments are one line. This
script finds, for each method, the C function it calls (the first sc_...()
call of its body) and that function's Doxygen comment in the headers, and
writes OUTPUT, a SWIG file that gives each method its documentation:

  Python  %feature("docstring"): the method's line, the header's text, then
          Parameters / Returns / Raises sections (numpydoc);
  Java    %javamethodmodifiers: a Javadoc comment with @param, @return and
          @throws, placed before the method.

Only the parameters the method really has are listed (the registry handle
and output pointers of the C function are not), and a status code of the
header's @return is translated into the exception the binding raises. When
the C function takes its filters in a query structure (`const sc_*_query *`),
the method's keyword arguments are that structure's members: each is
documented by the member's own comment.
"""

import os
import re
import sys

# Status code: (Python exception, Java exception).
RAISES = {
    "SC_EINVAL": ("ValidationError", "ValidationException"),
    "SC_EXML": ("ValidationError", "ValidationException"),
    "SC_EINVALIDDOC": ("ValidationError", "ValidationException"),
    "SC_ENOTFOUND": ("NotFoundError", "NotFoundException"),
    "SC_EEXISTS": ("ExistsError", "ExistsException"),
    "SC_ECONSTRAINT": ("ConstraintError", "ConstraintException"),
    "SC_ESCOPE": ("ConstraintError", "ConstraintException"),
    "SC_EDENIED": ("DeniedError", "DeniedException"),
    "SC_EDB": ("DatabaseError", "DatabaseException"),
    "SC_EBUSY": ("DatabaseError", "DatabaseException"),
    "SC_EVERSION": ("DatabaseError", "DatabaseException"),
    "SC_ENOTREGISTRY": ("DatabaseError", "DatabaseException"),
    "SC_EIO": ("Error", "SkillcertException"),
    "SC_ENOMEM": ("MemoryError", "OutOfMemoryError"),
}

# Helpers every body calls that are not the method's function.
NOT_THE_FUNCTION = {"sc_free", "sc_error_last", "sc_error_clear", "sc_strerror",
                    "sc_offerings_new", "sc_offerings_free", "sc_offerings_add",
                    "sc_export_options_init", "sc_db_close"}


def clean(text):
    """A doc comment's text without the comment marks, as lines."""
    text = re.sub(r"^/\*\*<?|\*/$", "", text.strip())
    return [re.sub(r"^\s*\*( |$)", "", line).rstrip() for line in text.splitlines()]


def query_members(source):
    """{query structure: {member: text}} from the members' own doc comments."""
    queries = {}
    for m in re.finditer(r"typedef\s+struct\s+(sc_\w+_query)\s*\{(.*?)\}\s*\1\s*;", source,
                         re.S):
        members = {}
        for f in re.finditer(r"\b(\w+)\s*(?:\[[^\]]*\])?\s*;\s*/\*\*<(.*?)\*/", m.group(2), re.S):
            if f.group(1) != "version":
                members[f.group(1)] = re.sub(r"\s+", " ", f.group(2)).strip()
        queries[m.group(1)] = members
    return queries


def header_docs(include_dir):
    """{function name: (description lines, {param: text}, return text)}."""
    docs, queries, takes = {}, {}, {}
    for name in sorted(os.listdir(include_dir)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(include_dir, name), encoding="utf-8") as f:
            source = f.read()
        queries.update(query_members(source))
        for m in re.finditer(r"/\*\*(?:(?!\*/).)*\*/\s*SC_EXTERN\b[^;{]*?\b(sc_\w+)\s*\(([^;]*)\)\s*;",
                             source, re.S):
            comment = m.group(0)[:m.group(0).rindex("*/") + 2]
            docs[m.group(1)] = parse_comment(clean(comment))
            q = re.search(r"\bconst\s+(sc_\w+_query)\s*\*", m.group(2))
            if q:
                takes[m.group(1)] = q.group(1)
    # A query's members document the keyword arguments that fill it.
    for fn, query in takes.items():
        desc, params, ret = docs[fn]
        for member, text in queries.get(query, {}).items():
            params.setdefault(member, text)
    return docs


def parse_comment(lines):
    desc, params, ret = [], {}, []
    current = desc
    for line in lines:
        s = line.strip()
        m = re.match(r"@param(?:\[[a-z,]+\])?\s+([\w, ]+?)\s{2,}(.*)$", s) or \
            re.match(r"@param(?:\[[a-z,]+\])?\s+(\w+)\s+(.*)$", s)
        if m:
            current = [m.group(2)]
            for p in re.split(r"\s*,\s*", m.group(1).strip()):
                params[p] = current
            continue
        m = re.match(r"@(?:return|returns|retval)\s+(.*)$", s)
        if m:
            current = ret
            ret.append(m.group(1))
            continue
        if re.match(r"@(since|see|note|warning|deprecated|code|endcode)\b", s):
            current = []
            continue
        current.append(s)
    join = lambda ls: re.sub(r"\s+", " ", " ".join(ls)).strip()
    paras, para = [], []
    for line in desc:
        if line:
            para.append(line)
        elif para:
            paras.append(join(para))
            para = []
    if para:
        paras.append(join(para))
    return paras, {k: join(v) for k, v in params.items()}, join(ret)


def plain(text, null="None"):
    """Doxygen markup as plain text; NULL as the language says it."""
    text = re.sub(r"@since\s+\S+", "", text).strip()
    # The wrappers set the query's version themselves.
    text = re.sub(r"(also )?an unknown @p \w+ version(, |; )?", "", text)
    text = re.sub(r"\s*\(\s*\)", "", text)
    text = re.sub(r"\bNULL\b", null, text)
    # The SWIG files' one-line comments serve both languages ("None/null"):
    # each language says its own word.
    text = re.sub(r"\bNone/null\b", null, text)
    if null != "None":
        text = re.sub(r"\bNone\b", null, text)
    text = re.sub(r"::(SC_\w+|sc_\w+)", r"\1", text)
    text = re.sub(r"@[pcb]\s+(\w+)", r"\1", text)
    text = re.sub(r"@ref\s+(\w+)", r"\1", text)
    text = re.sub(r"\bSC_(?=[A-Z])", "", text)
    return text


# (class, method) of the methods that return nothing: a status in C, which
# the binding turns into an exception. Their docs have no Returns / @return.
RETURNS_NONE = set()


def swig_methods(paths):
    """[(class, method, [params], own comment, C function)] of every %extend."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        for ext in re.finditer(r"%extend\s+(\w+)\s*\{", source):
            cls, start = ext.group(1), ext.end()
            depth, i = 1, start
            while depth and i < len(source):
                if source.startswith("%{", i):
                    i = source.index("%}", i) + 2
                    continue
                depth += {"{": 1, "}": -1}.get(source[i], 0)
                i += 1
            body = source[start:i - 1]
            for m in re.finditer(r"(/\*\*(?:(?!\*/).)*\*/)?\s*(?:static\s+)?[\w\s\*]+?\b(\w+)\s*"
                                 r"\(([^()]*)\)\s*\{", body, re.S):
                name = m.group(2)
                if name in ("if", "while", "for", "switch", "return") or name == cls:
                    continue
                j, depth = m.end(), 1
                while depth and j < len(body):
                    depth += {"{": 1, "}": -1}.get(body[j], 0)
                    j += 1
                calls = [c for c in re.findall(r"\b(sc_\w+)\s*\(", body[m.end():j])
                         if c not in NOT_THE_FUNCTION and not c.endswith("_free")]
                if not calls:
                    continue
                # The function named like the method, else the first that is not
                # a constructor of a helper object.
                calls.sort(key=lambda c: (name not in c, c.endswith(("_new", "_init"))))
                params = [re.sub(r"=.*$", "", p).strip().split()[-1].lstrip("*")
                          for p in m.group(3).split(",") if p.strip() and p.strip() != "void"]
                own = " ".join(l.strip() for l in clean(m.group(1))) if m.group(1) else ""
                rtype = body[m.end(1) if m.group(1) else m.start():m.start(2)]
                if re.sub(r"\bstatic\b", "", rtype).strip() in ("scw_status", "void"):
                    RETURNS_NONE.add((cls, name))
                out.append((cls, name, params, own, calls[0]))
    return out


def camel(name):
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def raises(ret):
    codes = []
    for code in re.findall(r"\bSC_E[A-Z]+\b", ret):
        if code in RAISES and code not in codes:
            codes.append(code)
    return codes


def reason_of(ret, code, null="None"):
    m = re.search(r"\b%s\b\s*(\(([^()]*)\))?" % code, ret)
    return plain(m.group(2), null) if m and m.group(2) else ""


def c_renames(paths):
    """{C name: the binding's name} of the %rename lines of the SWIG files."""
    out = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for new, old in re.findall(r"%rename\((\w+)\)\s+(\w+)\s*;", f.read()):
                out.setdefault(old, new)
    return out


def binding_names(methods, renames, functions, java):
    """{C name: what the binding calls it}: the C enums (bindings/java/gen_enums.py
    names them, the same in both languages), the structures the SWIG files
    rename, and the functions a method calls (Database.load_notice;
    Database.loadNotice in Java)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "java"))
    from gen_enums import ENUMS
    names = {c: java_name for c, (java_name, _) in ENUMS.items()}
    names.update((c, py) for c, py in renames.items() if py[:1].isupper())
    for cls, name, _, _, fn in sorted(methods, key=lambda m: m[1] not in m[4]):
        if cls in renames and fn not in names:
            names[fn] = "%s.%s" % (renames[cls], camel(name) if java else name)
    # Module functions: declared at the start of a line, named as the C
    # function without its prefix (credit_code_validate for
    # sc_credit_code_validate); Java puts them in the class Skillcert.
    for fn in functions:
        if fn.startswith("sc_") and fn not in names:
            names[fn] = "Skillcert." + camel(fn[3:]) if java else fn[3:]
    return names


def module_functions(paths, documented):
    """The C functions (sc_x) whose x the SWIG files declare at module level."""
    out = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        for name in re.findall(r"^(?:static\s+)?[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;{}]*\)\s*[;{]",
                               source, re.M):
            if "sc_" + name in documented:
                out.add("sc_" + name)
    return out


def binding_text(text, names, java=False):
    """C names in a doc as the binding's names, where it has one. The members
    of an options or query structure are the method's own arguments."""
    text = re.sub(r"\bsc_\w+_(?:options|query)\.(\w+)", r"\1", text)
    text = re.sub(r"\bsc_\w+_(?:options|query)\b",
                  "the parameters" if java else "the keyword arguments", text)
    return re.sub(r"\bsc_\w+\b", lambda m: names.get(m.group(0), m.group(0)), text)


def python_doc(own, desc, params, ret, names, none=False):
    parts = [plain(own)] if own else []
    parts += [plain(p) for p in desc if plain(p) != plain(own)]
    listed = [(n, params[n]) for n in names if n in params]
    if listed:
        parts.append("Parameters\n----------\n" + "\n".join(
            "%s\n    %s" % (n, plain(t)) for n, t in listed))
    if ret:
        ok = plain(re.split(r";\s*SC_E|;\s*::SC_E", ret)[0])
        if ok not in ("OK", "OK.", "") and not none:
            parts.append("Returns\n-------\n" + ok)
        codes = raises(ret)
        if codes:
            parts.append("Raises\n------\n" + "\n".join(
                "%s\n    %s%s" % (RAISES[c][0], c[3:],
                                  (": " + reason_of(ret, c)) if reason_of(ret, c) else "")
                for c in codes))
    return "\n\n".join(parts)


def java_doc(own, desc, params, ret, names, none=False):
    esc = lambda t: plain(t, "null").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("*/", "*&#47;")
    lines = []
    for para in ([own] if own else []) + [p for p in desc if plain(p) != plain(own)]:
        lines += [esc(para), "<p>"]
    if lines:
        lines.pop()
    for n in names:
        if n in params:
            lines.append("@param %s %s" % (n, esc(params[n])))
    if ret:
        ok = esc(re.split(r";\s*SC_E|;\s*::SC_E", ret)[0])
        if ok not in ("OK", "OK.", "") and not none:
            lines.append("@return " + ok)
        for c in raises(ret):
            reason = reason_of(ret, c, "null")
            lines.append("@throws %s %s%s" % (RAISES[c][1], c[3:],
                                             (": " + esc(reason)) if reason else ""))
    return "/**\n" + "\n".join("   * " + l if l else "   *" for l in lines) + "\n   */\n  public"


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main(argv):
    if len(argv) < 4:
        sys.exit("usage: gen_docs.py OUTPUT INCLUDE_DIR SWIG_FILE...")
    docs = header_docs(argv[2])
    paths = []
    for arg in argv[3:]:
        if os.path.isdir(arg):
            paths += sorted(os.path.join(arg, n) for n in os.listdir(arg) if n.endswith(".i"))
        else:
            paths.append(arg)
    methods = swig_methods(paths)
    renames = c_renames(paths)
    functions = module_functions(paths, docs)
    py_names = binding_names(methods, renames, functions, False)
    java_names = binding_names(methods, renames, functions, True)
    py, java, seen = [], [], set()
    for cls, name, params, own, fn in methods:
        if fn not in docs or (cls, name) in seen:
            continue
        seen.add((cls, name))
        desc, pdocs, ret = docs[fn]
        if not desc and not pdocs and not ret:
            continue
        py.append("%%feature(\"docstring\") %s::%s %s;" % (
            cls, name, quote(binding_text(python_doc(own, desc, pdocs, ret, params, (cls, name) in RETURNS_NONE), py_names))))
        java.append("%%javamethodmodifiers %s::%s %s;" % (
            cls, name, quote(binding_text(java_doc(own, desc, pdocs, ret, params, (cls, name) in RETURNS_NONE), java_names, True))))
    with open(argv[1], "w", encoding="utf-8") as f:
        f.write("/* Generated by bindings/gen_docs.py from the headers' doc comments: do not "
                "edit. %d methods. */\n" % len(py))
        f.write("#if defined(SWIGPYTHON)\n" + "\n".join(py) + "\n#elif defined(SWIGJAVA)\n"
                + "\n".join(java) + "\n#endif\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
