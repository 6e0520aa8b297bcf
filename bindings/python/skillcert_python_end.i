/*
 * skillcert_python_end.i -- the last Python part of the libskillcert binding.
 *
 * Included at the end of bindings/swig/skillcert.i (after every constant is
 * defined). Makes every C enum a Python enum (IntEnum, or IntFlag for bit
 * sets) and registers the two hooks of the enum typemaps of
 * skillcert_python.i: an argument named kind, path, status... takes the
 * member, the number or the name ("city-centre"); a field or method of that
 * name returns the member.
 *
 *   >>> skillcert.Actor("city-centre").kind
 *   <ActorKind.CITY_CENTRE: 2>
 *   >>> skillcert.ActorKind("district")
 *   <ActorKind.DISTRICT: 3>
 */

%pythoncode %{
import enum as _enum
import re as _re


class _NamedEnum(_enum.IntEnum):
    """An IntEnum whose members are also found by name: "city-centre",
    "city_centre", "CITY_CENTRE" (case, "-", "_" and blanks do not matter)."""

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            key = _re.sub(r"[\s\-]+", "_", value.strip()).upper()
            member = cls.__members__.get(key)
            if member is not None:
                return member
        return None

    @property
    def label(self):
        """The member's name as the CLI and the documents write it ("city-centre")."""
        return self.name.lower().replace("_", "-")


class _NamedFlag(_enum.IntFlag):
    """An IntFlag that also takes names: "theory,practical", "theory|practical"."""

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            out = 0
            for part in _re.split(r"[,|+]", value):
                key = _re.sub(r"[\s\-]+", "_", part.strip()).upper()
                if not key:
                    continue
                if key not in cls.__members__:
                    return None
                out |= cls.__members__[key]
            return cls(out)
        return super()._missing_(value)


def _make_enum(name, prefix, members, doc, flag=False):
    base = _NamedFlag if flag else _NamedEnum
    cls = base(name, [(m, getattr(_skillcert, prefix + m)) for m in members],
               module=__name__)
    cls.__doc__ = doc
    globals()[name] = cls
    return cls


_make_enum("ActorKind", "ACTOR_", ["CITY_BUREAU", "CITY_CENTRE", "DISTRICT", "ORGANIZATION",
                                   "CANDIDATE", "PUBLIC"], "Who is calling.")
_make_enum("Status", "", ["OK", "ERROR", "ENOMEM", "EINVAL", "ENOTFOUND", "EEXISTS",
                          "ECONSTRAINT", "EXML", "EINVALIDDOC", "EDB", "EDENIED", "EVERSION",
                          "ENOTREGISTRY", "EBUSY", "EIO", "ITEROVER"],
           "A status code of the library.")
_make_enum("ErrorDomain", "DOMAIN_", ["NONE", "OS", "DB", "XML", "SCHEMA", "RULES", "AUTH",
                                      "ARGS"], "Where an error comes from.")
_make_enum("Severity", "SEVERITY_", ["WARNING", "ERROR"], "Of a diagnostic.")
_make_enum("DocType", "DOC_", ["UNKNOWN", "CATALOG", "ELIGIBILITY", "CERTIFICATE",
                               "CANDIDATE_BATCH", "CONFIRMATION", "CERTIFICATE_BATCH",
                               "CERTIFICATE_ACK", "REVOCATIONS", "ORG_APPLICATION",
                               "RECOMMENDATION", "EVALUATION_RESULT", "DIRECTORY",
                               "RESULTS_REPORT", "CREDIT", "FINDINGS"],
           "An exchange document type.")
_make_enum("Reason", "REASON_", [n[len("REASON_"):] for n in dir(_skillcert)
                                 if n.startswith("REASON_")],
           "Why a verdict or decision is no.")
_make_enum("OrgKind", "ORG_", ["ENTERPRISE", "SOCIAL_GROUP", "UNIVERSITY", "VOCATIONAL_SCHOOL"],
           "The kind of an evaluation organization.")
_make_enum("FilingStatus", "FILING_", ["NONE", "APPLIED", "RECOMMENDED", "EVALUATED", "NOTICED",
                                       "FILED", "ACTIVE", "REJECTED", "EXITED", "EXPIRED"],
           "Where an organization stands in filing.")
_make_enum("FilingKind", "FILING_", ["INITIAL", "ADDITION"],
           "A first filing or an addition to the scope.")
_make_enum("StaffRole", "STAFF_", ["MANAGER", "EXAMINER", "SUPERVISOR", "EXPERT"],
           "The role of a member of an organization's staff.")
_make_enum("Path", "PATH_", ["NORMAL", "EXCEPTIONAL", "DIRECT"],
           "The path of an application: normal, 破格 or 直接认定.")
_make_enum("Sex", "SEX_", ["MALE", "FEMALE"], "From a resident ID number.")
_make_enum("EducationKind", "EDUCATION_", ["TECHNICAL_SCHOOL", "SENIOR_TECHNICAL_SCHOOL",
                                           "TECHNICIAN_COLLEGE", "SECONDARY_VOCATIONAL",
                                           "HIGHER_VOCATIONAL", "JUNIOR_COLLEGE", "BACHELOR"],
           "A kind of diploma.")
_make_enum("EducationFlags", "EDUCATION_", ["RELATED", "EVALUATED", "FINAL_YEAR"],
           "What a diploma's record says besides its kind.", flag=True)
_make_enum("CertKind", "CERT_KIND_", ["SKILL_LEVEL", "QUALIFICATION", "PRE_TECHNICIAN"],
           "A kind of certificate a candidate holds.")
_make_enum("EvidenceKind", "EVIDENCE_", ["ACHIEVEMENT", "MAJOR_PROJECT", "MAJOR_EVENT",
                                         "CONTRIBUTION", "COMPETITION_ENTRY",
                                         "COMPETITION_AWARD", "TRAINING", "VETERAN_CONSCRIPT",
                                         "VETERAN_NCO"],
           "A kind of evidence for the special paths.")
_make_enum("Scope", "SCOPE_", ["CITY", "PROVINCIAL", "NATIONAL", "INTERNATIONAL"],
           "The scope of a competition or event.")
_make_enum("Confirmed", "CONFIRMED_", ["EXCEPTIONAL", "DIRECT"],
           "Special paths an organization's rules for are confirmed.", flag=True)
_make_enum("EvalMethods", "EVAL_", ["MATERIALS", "EXPERT", "ON_SITE", "ALL"],
           "Methods of the expert evaluation of a filing.", flag=True)
_make_enum("ApplicationState", "APPLICATION_", ["SUBMITTED", "VERIFIED", "CONFIRMED", "REJECTED",
                                                "WITHDRAWN", "COMPLETED"],
           "Where an application stands.")
_make_enum("Methods", "METHOD_", ["THEORY", "PRACTICAL", "REVIEW", "ALL"],
           "Assessment methods of an announcement.", flag=True)
_make_enum("Component", "COMPONENT_", ["THEORY", "PRACTICAL", "REVIEW"],
           "A component of an assessment.")
_make_enum("SessionStatus", "SESSION_", ["PLANNED", "CONFIRMED"],
           "Where an assessment session stands.")
_make_enum("ItemType", "ITEM_", ["SINGLE", "MULTIPLE", "TRUE_FALSE", "PRACTICAL"],
           "The type of a question bank item.")
_make_enum("CertStatus", "CERT_", ["REPORTED", "ISSUED", "PUBLISHED", "REVOKED"],
           "Where a certificate stands.")
_make_enum("VerifyStatus", "VERIFY_", ["NOT_FOUND", "NOT_PUBLISHED", "REVOKED", "VALID",
                                       "NAME_MISMATCH", "MALFORMED"],
           "The answer of public verification.")
_make_enum("FindingSeverity", "FINDING_", ["MINOR", "MAJOR", "SERIOUS"],
           "How grave a supervision finding is.")
_make_enum("InspectionKind", "INSPECT_", ["ORG", "SESSION", "VENUE", "CERTIFICATES"],
           "What an inspection looks at.")
_make_enum("InspectionStatus", "INSPECTION_", ["OPEN", "CLOSED"],
           "Where an inspection stands.")
_make_enum("SanctionKind", "SANCTION_", ["WARNING", "RECTIFICATION", "SUSPENSION", "EXIT"],
           "A sanction on an organization.")
_make_enum("AuditProblem", "AUDIT_", ["INTACT", "EDITED", "REMOVED", "REORDERED"],
           "What a check of the audit chain found.")
_make_enum("AuthzSubject", "AUTHZ_SUBJECT_", ["NONE", "ORGANIZATION", "CANDIDATE"],
           "Whose scope an action is checked against.")
_make_enum("ReportSection", "RSEC_", ["INSPECTIONS", "FINDINGS", "SANCTIONS", "CREDIT",
                                      "CERT_OCCUPATION", "CERT_LEVEL", "CERT_DISTRICT",
                                      "CERT_ORG"], "A section of a period report.")

# Parameters: the enums a parameter of that name may be, and the words of a
# wrapper's name that pick one when several could.
_ARG_ENUMS = {
    "kind": [(ActorKind, ("actor",)), (OrgKind, ("org_register", "org_kind")),
             (EducationKind, ("education",)), (CertKind, ("certificate", "cert_kind")),
             (EvidenceKind, ("evidence",)), (SanctionKind, ("sanction",)),
             (InspectionKind, ("inspect",)), (FilingKind, ("filing",))],
    "status": [(CertStatus, ("certificate", "cert_status")), (VerifyStatus, ("verify",)),
               (FilingStatus, ("filing", "org")), (SessionStatus, ("session",)),
               (InspectionStatus, ("inspection",)), (Status, ("strerror",))],
    "path": [(Path, ())], "component": [(Component, ())], "doctype": [(DocType, ())],
    "role": [(StaffRole, ())], "section": [(ReportSection, ())], "type": [(ItemType, ())],
    "state": [(ApplicationState, ())], "scope": [(Scope, ())], "problem": [(AuditProblem, ())],
    "reason": [(Reason, ())], "methods": [(Methods, ("announcement",)), (EvalMethods, ("evaluate",))],
    "method": [(Methods, ())], "confirmed": [(Confirmed, ())], "sex": [(Sex, ())],
    "domain": [(ErrorDomain, ())], "subject": [(AuthzSubject, ())],
    "severity": [(FindingSeverity, ("finding",)), (Severity, ("diagnostic",))],
}


def _enum_in(sym, arg, text):
    """The number for the name `text` of parameter `arg` of wrapper `sym`."""
    choices = _ARG_ENUMS.get(arg, [])
    low = sym.lower()
    hinted = [cls for cls, words in choices if any(w in low for w in words)]
    found = []
    for cls in hinted or [cls for cls, _ in choices]:
        try:
            found.append(cls(text))
        except ValueError:
            pass
    if len(found) == 1:
        return int(found[0])
    names = ", ".join(cls.__name__ for cls in (hinted or [c for c, _ in choices]))
    if not found:
        raise ValueError("%s: %r names no member of %s" % (arg, text, names or "any enum"))
    raise ValueError("%s: %r is ambiguous (%s); pass the member instead"
                     % (arg, text, ", ".join(repr(m) for m in found)))


# Results: by the class of the wrapper ("Org" of "Org_status_get") and the
# field, then by the field alone; any other int stays an int.
_OUT_BY_CLASS = {
    ("Actor", "kind"): ActorKind, ("Org", "kind"): OrgKind, ("Org", "status"): FilingStatus,
    ("Filing", "kind"): FilingKind, ("Filing", "status"): FilingStatus,
    ("FilingStep", "status"): FilingStatus,
    ("Certificate", "status"): CertStatus, ("Verification", "status"): VerifyStatus,
    ("Session", "status"): SessionStatus, ("Inspection", "status"): InspectionStatus,
    ("Inspection", "kind"): InspectionKind, ("Sanction", "kind"): SanctionKind,
    ("Finding", "severity"): FindingSeverity, ("Diagnostic", "severity"): Severity,
    ("Diagnostic", "code"): Status,
    ("ResidentId", "sex"): Sex,
}
_OUT_BY_FIELD = {
    "reason": Reason, "eligibility_reason": Reason, "ended_at": ApplicationState,
    "step": FilingStatus, "path": Path, "component": Component, "doctype": DocType,
    "role": StaffRole, "section": ReportSection, "type": ItemType, "state": ApplicationState,
    "scope": Scope, "problem": AuditProblem, "sex": Sex, "domain": ErrorDomain,
    "subject": AuthzSubject, "methods": Methods, "method": Methods, "confirmed": Confirmed,
}
_OUT_CACHE = {}


def _enum_out(sym, value):
    """The member for `value` returned by wrapper `sym`; the int when unknown."""
    try:
        cls = _OUT_CACHE[sym]
    except KeyError:
        base = sym[:-4] if sym.endswith("_get") else sym
        parts = base.split("_")
        cls = None
        for i in range(1, len(parts)):   # "Application_ended_at": the longest field first
            owner, field = "_".join(parts[:i]), "_".join(parts[i:])
            cls = _OUT_BY_CLASS.get((owner, field)) or _OUT_BY_FIELD.get(field)
            if cls is not None:
                break
        _OUT_CACHE[sym] = cls
    if cls is None:
        return value
    try:
        return cls(value)
    except ValueError:
        return value


_set_enum_hooks(_enum_in, _enum_out)


# ---- Results: sequences that can be walked again ---------------------------------------------

class Results(list):
    """The rows of a query, all read at once: len(), indexing and iteration
    any number of times. Usable in a with block (nothing to release)."""

    def __init__(self, rows=()):
        if hasattr(rows, "next_item") or isinstance(rows, OccupationIterator):
            with rows:
                super().__init__(rows)
        else:
            super().__init__(rows)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        return False

    def close(self):
        """Nothing to release; kept so that a Results stands in for an iterator."""

    def __repr__(self):
        return "<skillcert.Results %d row(s)>" % (len(self),)


def _as_results(value):
    if hasattr(value, "next_item") or isinstance(value, OccupationIterator):
        return Results(value)
    return value


# ---- Methods grouped by module ---------------------------------------------------------------

def _flat_method(db, name):
    """The bound flat method `name` of db, under its group if one took its name."""
    function = Database.__dict__.get("_flat_" + name) or getattr(Database, name)
    return function.__get__(db)


class _Group(object):
    """The methods of one module of a Database: db.orgs.register(...) is
    db.org_register(...). Queries return Results (re-walkable sequences).
    Calling the group itself (db.certificates(...)) is the flat method of
    the same name, kept for existing code."""

    __slots__ = ("_db", "_spec")

    def __init__(self, db, spec):
        self._db = db
        self._spec = spec

    def _target(self, name):
        prefixes, aliases, _ = self._spec
        flat = aliases.get(name)
        if flat is None:
            for prefix in prefixes:
                if hasattr(Database, prefix + name):
                    flat = prefix + name
                    break
        return flat

    def __getattr__(self, name):
        flat = None if name.startswith("_") else self._target(name)
        if flat is None:
            raise AttributeError("%s has no method %r" % (self._spec[2], name))
        method = _flat_method(self._db, flat)

        def call(*args, **kwargs):
            return _as_results(method(*args, **kwargs))

        call.__name__ = name
        call.__qualname__ = "%s.%s" % (self._spec[2], name)
        call.__doc__ = method.__doc__
        return call

    def __call__(self, *args, **kwargs):
        name = self._spec[2].split(".")[1]
        if "_flat_" + name not in Database.__dict__:
            raise TypeError("%s is a group of methods, not one" % (self._spec[2],))
        return _flat_method(self._db, name)(*args, **kwargs)

    def __dir__(self):
        prefixes, aliases, _ = self._spec
        names = set(aliases)
        for n in dir(Database):
            for prefix in prefixes:
                if prefix and n.startswith(prefix):
                    names.add(n[len(prefix):])
        return sorted(names)

    def __repr__(self):
        return "<%s of %r>" % (self._spec[2], self._db)


_GROUPS = {
    "catalog": ((), {"check": "check", "occupations": "occupations",
                     "lookup": "lookup_occupation", "load_notice": "load_notice",
                     "add_occupation": "add_occupation", "add_offering": "add_offering",
                     "add_work_type": "add_work_type", "add_alias": "add_alias",
                     "withdraw_occupation": "withdraw_occupation",
                     "withdraw_offering": "withdraw_offering",
                     "withdraw_work_type": "withdraw_work_type",
                     "import_file": "import_file", "import_memory": "import_memory",
                     "export_file": "export_file", "export_memory": "export_memory"}),
    "orgs": (("org_",), {"list": "organizations", "directory": "directory",
                         "districts": "districts", "district": "district_lookup",
                         "may_certify": "may_certify", "filing": "filing_get",
                         "filings": "filings", "filing_steps": "filing_steps",
                         "filing_scope": "filing_scope", "rules_submit": "rules_submit",
                         "rules_confirm": "rules_confirm", "rules_get": "rules_get",
                         "rules_confirmed": "rules_confirmed"}),
    "staff": (("staff_",), {"list": "staff"}),
    "venues": (("venue_",), {}),
    "candidates": (("candidate_",), {}),
    "eligibility": (("eligibility_",), {"ruleset": "ruleset"}),
    "announcements": (("announcement_",), {"list": "announcements"}),
    "applications": (("application_",), {"list": "applications"}),
    "sessions": (("session_",), {"list": "sessions", "enrolments": "enrolments",
                                 "check": "session_check"}),
    "results": (("result_",), {"list": "results", "record": "result_record",
                               "get": "result_get"}),
    "papers": (("paper_",), {"items": "paper_items"}),
    "bank": (("bank_",), {"items": "bank_items"}),
    "certificates": (("certificate_",), {"list": "certificates", "stats": "certificate_stats"}),
    "supervision": (("supervision_",), {"list": "supervisions"}),
    "inspections": (("inspection_",), {"list": "inspections"}),
    "findings": (("finding_",), {"list": "findings"}),
    "sanctions": (("sanction_",), {"list": "sanctions"}),
    "credit": (("credit_",), {"list": "credit_list", "history": "credit_history"}),
    "audit": (("audit_",), {"entries": "audit_entries", "verify": "audit_verify"}),
}


def _group_property(name, prefixes, aliases):
    spec = (prefixes, aliases, "Database." + name)

    def get(self):
        return _Group(self, spec)

    get.__doc__ = "The %s methods: %s" % (name, ", ".join(
        sorted(set(aliases) | {n[len(p):] for n in dir(Database) for p in prefixes
                               if p and n.startswith(p)})))
    return property(get)


for _name, (_prefixes, _aliases) in _GROUPS.items():
    _flat = Database.__dict__.get(_name)
    if _flat is not None:
        _aliases = dict(_aliases)
        setattr(Database, "_flat_" + _name, _flat)
    setattr(Database, _name, _group_property(_name, _prefixes, _aliases))
del _name, _prefixes, _aliases, _flat
%}
