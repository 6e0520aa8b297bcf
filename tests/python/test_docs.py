"""The binding's documentation comes from the headers' doc comments
(bindings/gen_docs.py): docstrings carry the header's text, parameters,
returns and raises, not just the C signature; the Java sources carry the
same as Javadoc (issue 13)."""

import inspect
import os
import pydoc
import re

import skillcert

# Method: phrases of its header comment (include/skillcert/*.h) it must carry.
SAMPLE = {
    skillcert.Database.org_register: [
        "It must be registered in a Beijing district",
        "credit_code\n    its Unified Social Credit Code",
        "NotFoundError\n    ENOTFOUND: not a Beijing district",
        "ExistsError\n    EEXISTS: already registered"],
    skillcert.Database.certificate_verify: [
        "Public verification (证书查询): look a certificate up by number"],
    skillcert.Database.application_apply: [
        "A candidate applies for an offering of an open announcement.",
        "actor\n    the candidate themself"],
    skillcert.Database.check: [
        "Domain answers are given in out", "level\n    1–5."],
    skillcert.Ruleset.decide: [
        "Decide whether a candidate may apply for a level, and why"],
    skillcert.Candidate.add_work: [
        "Periods may overlap: overlapping days count once."],
    # Keyword arguments that fill a C query structure: the members' comments.
    skillcert.Database.organizations: [
        "district\n    only those registered there (any accepted form), or None",
        "date\n    the day of the standing given"],
    skillcert.Database.audit_entries: ["entity_id\n    only entries of this id"],
}


def test_query_arguments_do_not_mention_the_c_structure():
    for method in (skillcert.Database.organizations, skillcert.Database.occupations,
                   skillcert.Database.audit_entries, skillcert.Database.bank_items):
        doc = inspect.getdoc(method) or ""
        assert "Parameters\n----------" in doc, method.__qualname__
        for c_text in ("q version", "q->", "_query"):
            assert c_text not in doc, "%s: %r in\n%s" % (method.__qualname__, c_text, doc)


def test_docstrings_carry_the_header_text():
    for method, phrases in SAMPLE.items():
        doc = inspect.getdoc(method) or ""
        for phrase in phrases:
            assert phrase in doc, "%s: %r missing from\n%s" % (method.__qualname__, phrase, doc)


def test_docstrings_have_sections_and_no_c_names():
    doc = inspect.getdoc(skillcert.Database.org_register)
    for section in ("Parameters\n----------", "Raises\n------"):
        assert section in doc
    # Doxygen markup is gone; NULL is written None; the db handle is not a parameter.
    for c_text in ("::", "@param", "@return", "NULL", "\ndb\n"):
        assert c_text not in doc


def test_most_methods_are_documented_from_the_headers():
    documented = [name for name, f in vars(skillcert.Database).items()
                  if callable(f) and "Parameters\n----------" in (inspect.getdoc(f) or "")]
    assert len(documented) >= 80, len(documented)


def test_the_java_sources_carry_the_same_as_javadoc():
    builddir = os.environ.get("SKILLCERT_TEST_BUILDDIR", "")
    path = os.path.join(builddir, "bindings", "java", "gen", "org", "skillcert", "Database.java")
    if not os.path.exists(path):   # built without Java: nothing to look at
        return
    with open(path, encoding="utf-8") as f:
        source = f.read()
    # The method SWIG writes (all the C parameters), not the overloads of the defaults.
    start = source.index("public void orgRegister(Actor actor, String credit_code, String name, "
                         "OrgKind kind, String district, java.time.LocalDate date, int flags)")
    javadoc = source[source.rindex("/**", 0, start):start]
    assert "It must be registered in a Beijing district" in javadoc
    assert "@param credit_code its Unified Social Credit Code" in javadoc
    assert "@throws NotFoundException ENOTFOUND: not a Beijing district" in javadoc


# What a signature line may say a method returns: a Python type, never the
# C type of the wrapper (issue 13: `add_text(self, text) -> scw_status`).
PYTHON_RESULTS = {"None", "int", "float", "bool", "str or None", "datetime.date or None"}
SIGNATURE = re.compile(r"^(\w+)\((.*)\)(?: -> (.+))?$")


def documented():
    """(qualified name, docstring) of every public class, function and method."""
    out = []
    for name, obj in sorted(vars(skillcert).items()):
        if name.startswith("_"):
            continue
        if inspect.isfunction(obj) or inspect.isbuiltin(obj):
            out.append((name, obj.__doc__ or ""))
        elif inspect.isclass(obj) and obj.__module__ == "skillcert":
            out.append((name, obj.__doc__ or ""))
            for attr, member in sorted(vars(obj).items()):
                if attr.startswith("__") and attr != "__init__":
                    continue
                if isinstance(member, property):
                    out.append(("%s.%s" % (name, attr), member.__doc__ or ""))
                    continue
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if inspect.isfunction(member) or inspect.isbuiltin(member):
                    out.append(("%s.%s" % (name, attr), member.__doc__ or ""))
    return out


def test_signature_lines_give_python_types():
    classes = {name for name, obj in vars(skillcert).items() if inspect.isclass(obj)}
    lines, returns_none = 0, 0
    for name, doc in documented():
        for line in inspect.cleandoc(doc).splitlines():
            m = SIGNATURE.match(line.strip())
            if not m or m.group(1) != name.rsplit(".", 1)[-1]:
                continue
            lines += 1
            assert not re.search(r"\bscw?_", line), "%s: %s" % (name, line)
            result = m.group(3)
            if result is not None:
                assert result in PYTHON_RESULTS or result in classes, "%s: %s" % (name, line)
                returns_none += result == "None"
    assert lines >= 200, lines
    # The methods that return a status in C raise instead, and return None.
    assert returns_none >= 60, returns_none
    doc = inspect.getdoc(skillcert.Offerings.add_text)
    assert doc.splitlines()[0] == "add_text(self, text) -> None", doc
    # Nor do they document a C status as what they return.
    for method in (skillcert.Database.authz_check, skillcert.Database.load_notice):
        doc = inspect.getdoc(method)
        assert "-> None" in doc and "Returns\n-------" not in doc, doc


def test_no_docstring_names_a_wrapper_type():
    # scw_* are the binding's own C structures: a Python user never meets them.
    for name, doc in documented():
        assert "None/null" not in doc, "%s:\n%s" % (name, doc)
        assert "scw_" not in doc, "%s:\n%s" % (name, doc)
        assert "Proxy of C" not in doc, "%s:\n%s" % (name, doc)
    assert "scw_" not in pydoc.render_doc(skillcert.Candidate, renderer=pydoc.plaintext)


def c_type_names():
    """The typedef names of the public headers (sc_actor_kind, sc_db ...)."""
    include = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include",
                           "skillcert")
    names = set()
    for name in os.listdir(include):
        if name.endswith(".h"):
            with open(os.path.join(include, name), encoding="utf-8") as f:
                source = f.read()
            names.update(re.findall(r"typedef\s+(?:enum|struct)\s*\w*\s*\{[^{}]*\}\s*(sc_\w+)\s*;",
                                    source))
            names.update(re.findall(r"typedef\s+struct\s+\w+\s+(sc_\w+)\s*;", source))
    return names


def test_no_docstring_names_a_c_type():
    # The C enums and structures have Python names: ActorKind, not sc_actor_kind;
    # a query's members are keyword arguments (bindings/gen_docs.py).
    types = c_type_names()
    assert {"sc_actor_kind", "sc_path", "sc_export_options", "sc_db"} <= types
    leaks = []
    for name, doc in documented():
        leaks += ["%s: %s" % (name, t) for t in sorted(set(re.findall(r"\bsc_\w+", doc)) & types)]
    assert not leaks, "\n".join(leaks)


def test_the_stub_names_no_c_type():
    builddir = os.environ.get("SKILLCERT_TEST_BUILDDIR", "")
    path = os.path.join(builddir, "bindings", "python", "skillcert.pyi")
    assert os.path.exists(path), path
    with open(path, encoding="utf-8") as f:
        stub = f.read()
    assert "scw_" not in stub
    assert not re.search(r"->\s*['\"]?(sc_|char|size_t|int64_t)", stub)


def test_java_methods_carry_one_javadoc_each():
    builddir = os.environ.get("SKILLCERT_TEST_BUILDDIR", "")
    folder = os.path.join(builddir, "bindings", "java", "gen", "org", "skillcert")
    if not os.path.isdir(folder):   # built without Java: nothing to look at
        return
    shadowed = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".java"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                source = f.read()
            # A doc comment directly followed by another: SWIG's one-line
            # comment above gen_docs.py's Javadoc (bindings/java/dedup_javadoc.py).
            shadowed += ["%s: %s" % (name, m.group(0)[:80])
                         for m in re.finditer(r"/\*\*(?:(?!\*/).)*\*/\s*/\*\*", source, re.S)]
    assert not shadowed, "\n".join(shadowed[:10])
    # Java says null: no Python None in a Javadoc comment.
    nones = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".java"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                nones += ["%s: %s" % (name, m.group(0)[:80]) for m in
                          re.finditer(r"/\*\*(?:(?!\*/).)*\bNone\b(?:(?!\*/).)*\*/", f.read(), re.S)]
    assert not nones, "\n".join(nones[:10])
    with open(os.path.join(folder, "Offerings.java"), encoding="utf-8") as f:
        source = f.read()
    start = source.index("public void addText(String text)")
    javadoc = source[source.rindex("/**", 0, start):start]
    assert javadoc.startswith("/**\n   * Add \"CODE[/WORK-TYPE]:LEVELS\""), javadoc
    assert "@param text" in javadoc
