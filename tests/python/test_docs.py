"""The binding's documentation comes from the headers' doc comments
(bindings/gen_docs.py): docstrings carry the header's text, parameters,
returns and raises, not just the C signature; the Java sources carry the
same as Javadoc (issue 13)."""

import inspect
import os

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
