#!/usr/bin/env python3
"""Write the Java enums of the libskillcert binding from the C headers.

    gen_enums.py OUTDIR HEADER_OR_DIRECTORY...

Every `typedef enum { SC_... } sc_name;` of the headers whose name is in
ENUMS below becomes OUTDIR/<JavaName>.java, an enum of package
org.skillcert whose members are the C members without their prefix
(SC_ACTOR_CITY_CENTRE is ActorKind.CITY_CENTRE). Each member is built from
the int constant SWIG makes for it (SkillcertConstants.ACTOR_CITY_CENTRE),
so that a C member renamed or removed breaks the build instead of drifting.
The doc comments of the enum and of its members become Javadoc.

SWIG's own "proper" Java enums cannot do this: C enum members share one
namespace, and SWIG drops a member whose short name another enum already
has (FilingStatus.NONE after Reason.NONE).
"""

import os
import re
import sys

# C typedef name: (Java class, the prefix its members lose after "SC_").
ENUMS = {
    "sc_status": ("Status", ""),
    "sc_error_domain": ("ErrorDomain", "DOMAIN_"),
    "sc_severity": ("Severity", "SEVERITY_"),
    "sc_reason": ("Reason", "REASON_"),
    "sc_actor_kind": ("ActorKind", "ACTOR_"),
    "sc_doctype": ("DocType", "DOC_"),
    "sc_org_kind": ("OrgKind", "ORG_"),
    "sc_filing_status": ("FilingStatus", "FILING_"),
    "sc_filing_kind": ("FilingKind", "FILING_"),
    "sc_staff_role": ("StaffRole", "STAFF_"),
    "sc_audit_problem": ("AuditProblem", "AUDIT_"),
    "sc_authz_subject": ("AuthzSubject", "AUTHZ_SUBJECT_"),
    "sc_sex": ("Sex", "SEX_"),
    "sc_education_kind": ("EducationKind", "EDUCATION_"),
    "sc_cert_kind": ("CertKind", "CERT_KIND_"),
    "sc_evidence_kind": ("EvidenceKind", "EVIDENCE_"),
    "sc_scope": ("Scope", "SCOPE_"),
    "sc_path": ("Path", "PATH_"),
    "sc_application_state": ("ApplicationState", "APPLICATION_"),
    "sc_component": ("Component", "COMPONENT_"),
    "sc_session_status": ("SessionStatus", "SESSION_"),
    "sc_item_type": ("ItemType", "ITEM_"),
    "sc_cert_status": ("CertStatus", "CERT_"),
    "sc_verify_status": ("VerifyStatus", "VERIFY_"),
    "sc_finding_severity": ("FindingSeverity", "FINDING_"),
    "sc_inspection_kind": ("InspectionKind", "INSPECT_"),
    "sc_inspection_status": ("InspectionStatus", "INSPECTION_"),
    "sc_sanction_kind": ("SanctionKind", "SANCTION_"),
    "sc_report_section": ("ReportSection", "RSEC_"),
    "sc_sig_reason": ("SigReason", "SIG_"),
}

TYPEDEF = re.compile(r"((?:/\*\*(?:(?!\*/).)*\*/\s*)?)typedef\s+enum\s*\{(.*?)\}\s*(sc_\w+)\s*;",
                     re.S)
MEMBER = re.compile(r"\b(SC_[A-Z0-9_]+)\s*(?:=\s*[^,/}]+)?\s*,?\s*((?:/\*\*<.*?\*/)?)", re.S)


def doc_text(comment):
    """The text of a /** ... */ or /**< ... */ comment, one paragraph."""
    text = re.sub(r"^/\*\*<?|\*/$", "", comment.strip())
    lines = [re.sub(r"^\s*\*\s?", "", line) for line in text.splitlines()]
    text = " ".join(line.strip() for line in lines if line.strip())
    text = re.sub(r"@ref\s+|::", "", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse(args):
    found = {}
    paths = []
    for arg in args:
        if os.path.isdir(arg):
            paths += sorted(os.path.join(arg, n) for n in os.listdir(arg) if n.endswith(".h"))
        else:
            paths.append(arg)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        for doc, body, name in TYPEDEF.findall(source):
            if name not in ENUMS:
                continue
            # Plain /* */ comments between members are not member docs.
            body = re.sub(r"/\*(?!\*)(?:(?!\*/).)*\*/", "", body, flags=re.S)
            members = [(m.group(1), doc_text(m.group(2)) if m.group(2) else "")
                       for m in MEMBER.finditer(body)]
            found[name] = (doc_text(doc) if doc.strip() else "", members)
    return found


BODY = """
  private final int value;

  private {cls}(int value) {{
    this.value = value;
  }}

  /** The C value of this member. */
  public int value() {{
    return value;
  }}

  /** The member whose C value is {{@code v}}; null when no member has it. */
  public static {cls} of(int v) {{
    for ({cls} e : values())
      if (e.value == v)
        return e;
    return null;
  }}

  /** The name as the CLI and the documents write it, e.g. "{label}". */
  public String label() {{
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }}

  /**
   * The member named {{@code name}}: "{label}", "{under}" or "{upper}" (case,
   * '-', '_' and blanks do not matter).
   *
   * @param name the member's name
   * @return the member
   * @throws IllegalArgumentException when no member has that name
   */
  public static {cls} fromName(String name) {{
    String key = name.trim().replaceAll("[\\\\s\\\\-]+", "_").toUpperCase(java.util.Locale.ROOT);
    for ({cls} e : values())
      if (e.name().equals(key))
        return e;
    throw new IllegalArgumentException("\\"" + name + "\\" names no member of {cls}");
  }}
}}
"""


def write(outdir, cname, doc, members):
    cls, prefix = ENUMS[cname]
    out = ["/* Generated by bindings/java/gen_enums.py from the C headers: do not edit. */",
           "package org.skillcert;", "", "/**",
           " * " + (doc or "The C enum %s." % cname),
           " * <p>The C enum {@code %s}; {@link #value()} is the C value." % cname, " */",
           "public enum %s {" % cls]
    items = []
    for cmember, mdoc in members:
        short = cmember[3:]
        if not short.startswith(prefix):
            sys.exit("gen_enums.py: %s does not start with SC_%s" % (cmember, prefix))
        jname = short[len(prefix):]
        if jname[0].isdigit():
            jname = "_" + jname
        item = ""
        if mdoc:
            item += "  /** %s */\n" % mdoc
        item += "  %s(SkillcertConstants.%s)" % (jname, short)
        items.append(item)
    out.append(",\n".join(items) + ";")
    first = members[0][0][3 + len(prefix):].upper()
    body = BODY.format(cls=cls, label=first.lower().replace("_", "-"), under=first.lower(),
                       upper=first)
    with open(os.path.join(outdir, cls + ".java"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n" + body)


def main(argv):
    if len(argv) < 3:
        sys.exit("usage: gen_enums.py OUTDIR HEADER_OR_DIRECTORY...")
    found = parse(argv[2:])
    missing = sorted(set(ENUMS) - set(found))
    if missing:
        sys.exit("gen_enums.py: not found in the headers: " + ", ".join(missing))
    for cname, (doc, members) in sorted(found.items()):
        write(argv[1], cname, doc, members)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
