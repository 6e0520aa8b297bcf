/*
 * skillcert_supervision.i -- quality supervision (supervision.h): internal
 * supervision of sessions, spot checks by the city centre or the own
 * district bureau, findings, sanctions, the credit evaluation and period
 * reports. Included by bindings/swig/skillcert.i after skillcert_org.i
 * (whose iterator macros it uses) and skillcert_eligibility.i (SCW_PARSER);
 * same error path and ownership rules.
 *
 * Value classes (read-only copies owned by the wrapper): Supervision,
 * FindingCategory, Inspection, Finding, Sanction, CreditModel, CreditScore,
 * ReportRow, and ScanResult (what Database.inspection_scan_certificates()
 * found: findings recorded, certificates found).
 *
 * Iterators (SupervisionIterator, InspectionIterator, FindingIterator,
 * SanctionIterator, CreditScoreIterator) follow OrgIterator: next_item()
 * gives a copy or None/null at the end; close() ends early.
 *
 * PeriodReport: the report of a period (sc_period_report), independent of
 * the Database once made; rows by section (RSEC_*) and totals: the data a
 * page is drawn from (the library renders no HTML; the CLI does).
 *
 * The entities a finding concerns ("KIND:ID") go in as a list of strings
 * (Python: a sequence of str or None; Java: a Collection<String> or null)
 * and come out of Database.finding_entities() as a list.  Those typemaps
 * are language-specific and live at the end of this file.
 */

%{
typedef sc_period_report scw_period_report;

SCW_ITER_STRUCT(scw_supervision_iter, sc_supervision_iter)
SCW_ITER_STRUCT(scw_inspection_iter, sc_inspection_iter)
SCW_ITER_STRUCT(scw_finding_iter, sc_finding_iter)
SCW_ITER_STRUCT(scw_sanction_iter, sc_sanction_iter)
SCW_ITER_STRUCT(scw_credit_iter, sc_credit_iter)

/* What a certificate scan found. */
typedef struct scw_scan_result {
    long long findings;
    long long certificates;
} scw_scan_result;

/* The entity references of a finding, copied out of the registry. */
typedef struct scw_entity_list {
    size_t n;
    char (*refs)[SC_ENTITY_REF_SIZE];
} scw_entity_list;

static void scw_entity_list_free(scw_entity_list *l)
{
    if (!l) return;
    free(l->refs);
    free(l);
}

/* Open a supervision-module iterator of C type CTYPE through CALL (which
   names `it`; `db` is the open registry) and return its wrapper WTYPE. */
#define SCW_SUPERVISION_ITER(WTYPE, CTYPE, CALL) \
    CTYPE *it = NULL; \
    SCW_DB(db, self, NULL); \
    if (scw_check(CALL) < 0) return NULL; \
    SCW_RETURN_ITER(WTYPE, CTYPE##_free, it)
%}

/* ==== Language parts ====================================================================
 * Before the classes they apply to: SWIG reads class typemaps (javacode...)
 * where a class is declared. */
#if defined(SWIGPYTHON)

/* Entities: None, or a sequence of str (not a str itself). */
%typemap(in) (const char *const *entities, size_t n) (PyObject *seq = NULL, const char **refs = NULL) {
    Py_ssize_t i_, count_;
    $1 = NULL;
    $2 = 0;
    if ($input != Py_None) {
        if (PyUnicode_Check($input) || PyBytes_Check($input)) {
            PyErr_SetString(PyExc_TypeError, "entities: expected a list of str, not a single string");
            SWIG_fail;
        }
        seq = PySequence_Fast($input, "entities: expected a sequence of str");
        if (!seq) SWIG_fail;
        count_ = PySequence_Fast_GET_SIZE(seq);
        refs = (const char **)calloc((size_t)count_ + 1, sizeof *refs);
        if (!refs) {
            PyErr_NoMemory();
            SWIG_fail;
        }
        for (i_ = 0; i_ < count_; i_++) {
            PyObject *item_ = PySequence_Fast_GET_ITEM(seq, i_);
            if (item_ == Py_None) {
                PyErr_SetString(PyExc_TypeError, "entities: every reference must be a str");
                SWIG_fail;
            }
            if (scw_py_text(item_, &refs[i_], NULL, 0, "entities item") < 0) SWIG_fail;
        }
        $1 = ($1_ltype)refs;
        $2 = (size_t)count_;
    }
}
%typemap(freearg) (const char *const *entities, size_t n) {
    free((void *)refs$argnum);
    Py_XDECREF(seq$argnum);
}
%typemap(doctype) (const char *const *entities, size_t n) "list of str";

%pythonappend scw_database::finding_entities %{
    val = val.to_list()
%}

%extend scw_entity_list {
%pythoncode %{
    def to_list(self):
        """The references as a list of str."""
        return [self.at(i) for i in range(self.count())]
%}
}

%extend scw_period_report {
%pythoncode %{
    def rows(self, section):
        """Every row of a section (an RSEC_* code) as a list of ReportRow."""
        return [self.row(section, i) for i in range(self.count(section))]

    def __repr__(self):
        return "<skillcert.PeriodReport %s .. %s>" % (self.date_from(), self.date_to())
%}
}

%extend sc_inspection {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Inspection %d %s %s %s>" % (
            self.id, self.credit_code, inspection_kind_name(self.kind),
            "open" if self.status == INSPECTION_OPEN else "closed")
%}
}

%extend sc_finding {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Finding %d %s %s %s>" % (
            self.id, self.credit_code, self.category, finding_severity_name(self.severity))
%}
}

%extend sc_sanction {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.Sanction %d %s %s from %s>" % (
            self.id, self.credit_code, sanction_kind_name(self.kind), self.date)
%}
}

%extend sc_credit_score {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.CreditScore %s %.2f rank %d as of %s>" % (
            self.credit_code, self.score, self.rank, self.as_of)
%}
}

%extend sc_finding_category {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.FindingCategory %s %s>" % (self.code, self.name_zh)
%}
}

%extend sc_report_row {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.ReportRow %s %s %d %g>" % (self.key, self.label, self.count, self.value)
%}
}

%extend scw_scan_result {
%pythoncode %{
    def __repr__(self):
        return "<skillcert.ScanResult findings=%d certificates=%d>" % (
            self.findings, self.certificates)
%}
}

%pythoncode %{
def finding_categories():
    """The published list of finding categories, as FindingCategory values."""
    return [finding_category_get(i) for i in range(finding_category_count())]
%}

#elif defined(SWIGJAVA)

/* Entities: a java.util.Collection<String> (or null), sent as UTF-8 byte arrays. */
%{
static void scw_supervision_refs_free(char **refs, size_t n)
{
    size_t i;
    if (!refs) return;
    for (i = 0; i < n; i++) free(refs[i]);
    free(refs);
}

/* Copy a byte[][] of NUL-terminated UTF-8 strings (a null element stays
   NULL, for the library to refuse). Throws and returns -1 on failure. */
static int scw_supervision_refs_in(JNIEnv *jenv, jobjectArray arr, char ***out, size_t *n)
{
    jsize count = (*jenv)->GetArrayLength(jenv, arr), i;
    char **refs = (char **)calloc((size_t)count + 1, sizeof *refs);

    *out = NULL;
    *n = 0;
    if (!refs) {
        SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
        return -1;
    }
    for (i = 0; i < count; i++) {
        jbyteArray b = (jbyteArray)(*jenv)->GetObjectArrayElement(jenv, arr, i);
        jsize len;
        if ((*jenv)->ExceptionCheck(jenv)) {
            scw_supervision_refs_free(refs, (size_t)i);
            return -1;
        }
        if (!b) continue;
        len = (*jenv)->GetArrayLength(jenv, b);
        refs[i] = (char *)calloc((size_t)len + 1, 1);
        if (!refs[i]) {
            (*jenv)->DeleteLocalRef(jenv, b);
            scw_supervision_refs_free(refs, (size_t)i);
            SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
            return -1;
        }
        (*jenv)->GetByteArrayRegion(jenv, b, 0, len, (jbyte *)refs[i]);
        (*jenv)->DeleteLocalRef(jenv, b);
    }
    *out = refs;
    *n = (size_t)count;
    return 0;
}
%}

%typemap(jni) (const char *const *entities, size_t n) "jobjectArray"
%typemap(jtype) (const char *const *entities, size_t n) "byte[][]"
%typemap(jstype) (const char *const *entities, size_t n) "java.util.Collection<String>"
%typemap(javain) (const char *const *entities, size_t n) "SupervisionSupport.toUtf8($javainput)"
%typemap(in, noblock=1) (const char *const *entities, size_t n) (char **refs = NULL) {
  $1 = NULL;
  $2 = 0;
  if ($input) {
    if (scw_supervision_refs_in(jenv, $input, &refs, &$2) < 0) return $null;
    $1 = ($1_ltype)refs;
  }
}
%typemap(freearg, noblock=1) (const char *const *entities, size_t n) {
  scw_supervision_refs_free(refs$argnum, $2);
}

%typemap(jstype) scw_entity_list * "java.util.List<String>"
%typemap(javaout) scw_entity_list * {
    long cPtr = $jnicall;
    if (cPtr == 0)
      return null;
    EntityList list = new EntityList(cPtr, true);
    try {
      return list.toList();
    } finally {
      list.delete();
    }
  }

%typemap(javacode) scw_entity_list, struct scw_entity_list %{
  /** The references as an unmodifiable list. */
  public java.util.List<String> toList() {
    int n = (int)count();
    java.util.List<String> list = new java.util.ArrayList<String>(n);
    for (int i = 0; i < n; i++)
      list.add(at(i));
    return java.util.Collections.unmodifiableList(list);
  }
%}

/* A package-private helper of the typemaps above. */
SCW_JAVA_PLAIN_CLASS(scw_java_supervision_support, SupervisionSupport)
%typemap(javaclassmodifiers) struct scw_java_supervision_support "final class"
%typemap(javabody) struct scw_java_supervision_support %{
  private SupervisionSupport() {}

  /** The strings as NUL-terminated UTF-8 byte arrays; null for null. */
  static byte[][] toUtf8(java.util.Collection<String> items) {
    if (items == null)
      return null;
    byte[][] out = new byte[items.size()][];
    int i = 0;
    for (String s : items)
      out[i++] = Skillcert.swigToUtf8(s);
    return out;
  }
%}
struct scw_java_supervision_support {};

%typemap(javacode) scw_period_report, struct scw_period_report %{
  /** Every row of a section (a ReportSection). */
  public java.util.List<ReportRow> rows(ReportSection section) {
    int n = (int)count(section);
    java.util.List<ReportRow> list = new java.util.ArrayList<ReportRow>(n);
    for (int i = 0; i < n; i++)
      list.add(row(section, i));
    return java.util.Collections.unmodifiableList(list);
  }

  @Override
  public String toString() {
    return "PeriodReport(" + dateFrom() + " .. " + dateTo() + ")";
  }
%}

%typemap(javacode) sc_inspection, struct sc_inspection %{
  /** True while open. */
  public boolean isOpen() {
    return getStatus() == InspectionStatus.OPEN;
  }

  @Override
  public String toString() {
    return "Inspection(" + getId() + " " + getCreditCode() + " "
        + Skillcert.inspectionKindName(getKind()) + (isOpen() ? " open)" : " closed)");
  }
%}

%typemap(javacode) sc_finding, struct sc_finding %{
  /** True once withdrawn. */
  public boolean isWithdrawn() {
    return getWithdrawn() != null;
  }

  @Override
  public String toString() {
    return "Finding(" + getId() + " " + getCreditCode() + " " + getCategory() + " "
        + Skillcert.findingSeverityName(getSeverity()) + ")";
  }
%}

%typemap(javacode) sc_sanction, struct sc_sanction %{
  @Override
  public String toString() {
    return "Sanction(" + getId() + " " + getCreditCode() + " "
        + Skillcert.sanctionKindName(getKind()) + " from " + getDate() + ")";
  }
%}

%typemap(javacode) sc_credit_score, struct sc_credit_score %{
  @Override
  public String toString() {
    return "CreditScore(" + getCreditCode() + " " + getScore() + " rank " + getRank()
        + " as of " + getAsOf() + ")";
  }
%}

/* Defaults of the C interface (one Java method per C signature). */
%extend scw_database {
%proxycode %{
  /** An inspection of the organization as a whole, today, without a note. */
  public long inspectionOpen(Actor actor, String creditCode) {
    return inspectionOpen(actor, creditCode, InspectionKind.ORG, null, null, null);
  }

  public long inspectionOpen(Actor actor, String creditCode, InspectionKind kind, String target,
                             java.time.LocalDate date) {
    return inspectionOpen(actor, creditCode, kind, target, date, null);
  }

  /** A finding dated today. */
  public long inspectionAddFinding(Actor actor, long inspectionId, String category,
                                   FindingSeverity severity,
                                   String evidence, java.util.Collection<String> entities) {
    return inspectionAddFinding(actor, inspectionId, category, severity, evidence, entities,
                                null);
  }

  public ScanResult inspectionScanCertificates(Actor actor, long inspectionId) {
    return inspectionScanCertificates(actor, inspectionId, null);
  }

  public void inspectionClose(Actor actor, long inspectionId, String conclusion) {
    inspectionClose(actor, inspectionId, conclusion, null);
  }

  /** Every inspection. */
  public InspectionIterator inspections() {
    return inspections(null);
  }

  /** Every finding. */
  public FindingIterator findings() {
    return findings(null, 0);
  }

  /** Every finding of an organization. */
  public FindingIterator findings(String creditCode) {
    return findings(creditCode, 0);
  }

  public void findingWithdraw(Actor actor, long findingId, String reason) {
    findingWithdraw(actor, findingId, reason, null);
  }

  public long findingRevokeCertificates(Actor actor, long findingId) {
    return findingRevokeCertificates(actor, findingId, null);
  }

  /** A sanction effective today. */
  public long sanctionImpose(Actor actor, long findingId, SanctionKind kind, java.time.LocalDate until,
                             String reason) {
    return sanctionImpose(actor, findingId, kind, until, reason, null);
  }

  public void sanctionLift(Actor actor, long sanctionId, String note) {
    sanctionLift(actor, sanctionId, note, null);
  }

  /** Every sanction. */
  public SanctionIterator sanctions() {
    return sanctions(null);
  }

  public long supervisionRecord(Actor actor, long sessionId, String personId, String checked,
                                String findings) {
    return supervisionRecord(actor, sessionId, personId, checked, findings, null);
  }

  /** The score as of today. */
  public CreditScore creditScore(String creditCode) {
    return creditScore(creditCode, null);
  }

  /** Compute and publish the list as of today. */
  public long creditCompute(Actor actor) {
    return creditCompute(actor, null);
  }

  /** The latest published list. */
  public CreditScoreIterator creditList() {
    return creditList(null);
  }

  /** The latest published list as an XML document. */
  public String creditExportMemory() {
    return creditExportMemory(null);
  }

  public void creditExportFile(String path) {
    creditExportFile(path, null);
  }

  /** The report of dateFrom up to today. */
  public PeriodReport periodReport(java.time.LocalDate dateFrom) {
    return periodReport(dateFrom, null);
  }
%}
}

%typemap(javacode) scw_scan_result, struct scw_scan_result %{
  @Override
  public String toString() {
    return "ScanResult(findings=" + getFindings() + ", certificates=" + getCertificates() + ")";
  }
%}

#endif

/* ---- Value classes -------------------------------------------------------------- */
%rename(Supervision) sc_supervision;
%rename(FindingCategory) sc_finding_category;
%rename(Inspection) sc_inspection;
%rename(Finding) sc_finding;
%rename(Sanction) sc_sanction;
%rename(CreditModel) sc_credit_model;
%rename(CreditScore) sc_credit_score;
%rename(ReportRow) sc_report_row;
%nodefaultctor sc_supervision;
%nodefaultctor sc_finding_category;
%nodefaultctor sc_inspection;
%nodefaultctor sc_finding;
%nodefaultctor sc_sanction;
%nodefaultctor sc_credit_model;
%nodefaultctor sc_credit_score;
%nodefaultctor sc_report_row;
%ignore sc_supervision_iter;
%ignore sc_inspection_iter;
%ignore sc_finding_iter;
%ignore sc_sanction_iter;
%ignore sc_credit_iter;
%ignore sc_period_report;

%immutable;
/* Query structures: the methods take the filters as arguments. */
%ignore sc_inspection_query;
%ignore SC_INSPECTION_QUERY_VERSION;
%ignore SC_INSPECTION_QUERY_INIT;
%ignore sc_finding_query;
%ignore SC_FINDING_QUERY_VERSION;
%ignore SC_FINDING_QUERY_INIT;
%ignore sc_sanction_query;
%ignore sc_credit_list_query;
%ignore SC_CREDIT_LIST_QUERY_VERSION;
%ignore SC_CREDIT_LIST_QUERY_INIT;
%ignore SC_SANCTION_QUERY_VERSION;
%ignore SC_SANCTION_QUERY_INIT;
%include "skillcert/supervision.h"
%mutable;

%rename(ScanResult) scw_scan_result;
%nodefaultctor scw_scan_result;
%immutable;
typedef struct scw_scan_result {
    long long findings;       /**< findings recorded (one per category found) */
    long long certificates;   /**< certificates found outside scope or validity */
} scw_scan_result;
%mutable;

/* ---- EntityList: the references of a finding (the languages make it a list) ---- */
%rename(EntityList) scw_entity_list;
%nodefaultctor scw_entity_list;
struct scw_entity_list {};

%extend scw_entity_list {
    ~scw_entity_list() { scw_entity_list_free($self); }

    size_t count() { return $self->n; }
    /** Reference i, e.g. "certificate:S000011000001244000001". */
    const char *at(size_t i) {
        if (i >= $self->n) {
            scw_fail(SC_EINVAL, "entity index out of range");
            return NULL;
        }
        return $self->refs[i];
    }
}

/* ---- PeriodReport ---------------------------------------------------------------- */
%rename(PeriodReport) scw_period_report;
%nodefaultctor scw_period_report;
typedef struct {} scw_period_report;

%extend scw_period_report {
    ~scw_period_report() { sc_period_report_free($self); }

    /** The period's first day. */
    const char *date_from() { return sc_period_report_from($self); }
    /** The period's last day. */
    const char *date_to() { return sc_period_report_to($self); }

    /** Number of rows of a section (an RSEC_* code); 0 for an unknown one. */
    size_t count(int section) { return sc_period_report_count($self, section); }

    /** Sum of the counts of a section's rows (credit: organizations). */
    long long total(int section) { return (long long)sc_period_report_total($self, section); }

    /** Row i of a section (key order; credit rows best first). */
    sc_report_row row(int section, size_t i) {
        sc_report_row r = SC_REPORT_ROW_INIT;
        scw_check(sc_period_report_row(&r, $self, section, i));
        return r;
    }
}

/* ---- Iterators ------------------------------------------------------------------- */
SCW_ITERATOR(scw_supervision_iter, SupervisionIterator, sc_supervision, Supervision,
             sc_supervision_iter_next, sc_supervision_iter_free)
SCW_ITERATOR(scw_inspection_iter, InspectionIterator, sc_inspection, Inspection,
             sc_inspection_iter_next, sc_inspection_iter_free)
SCW_ITERATOR(scw_finding_iter, FindingIterator, sc_finding, Finding,
             sc_finding_iter_next, sc_finding_iter_free)
SCW_ITERATOR(scw_sanction_iter, SanctionIterator, sc_sanction, Sanction,
             sc_sanction_iter_next, sc_sanction_iter_free)
SCW_ITERATOR(scw_credit_iter, CreditScoreIterator, sc_credit_score, CreditScore,
             sc_credit_iter_next, sc_credit_iter_free)

/* ---- Database: supervision ---------------------------------------------------------- */
%newobject scw_database::supervisions;
%newobject scw_database::inspections;
%newobject scw_database::findings;
%newobject scw_database::sanctions;
%newobject scw_database::credit_list;
%newobject scw_database::credit_history;
%newobject scw_database::finding_entities;
%newobject scw_database::credit_export_memory;
%newobject scw_database::period_report;
SCW_LANG_CHILD(scw_database::supervisions)
SCW_LANG_CHILD(scw_database::inspections)
SCW_LANG_CHILD(scw_database::findings)
SCW_LANG_CHILD(scw_database::sanctions)
SCW_LANG_CHILD(scw_database::credit_list)
SCW_LANG_CHILD(scw_database::credit_history)

%extend scw_database {
    /* -- internal supervision (内部质量督导) -- */

    /** The organization assigns one of its internal quality supervisors
       (STAFF_SUPERVISOR) to a session. */
    scw_status supervision_assign(const scw_actor *actor, int64_t session_id,
                                  const char *person_id) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_supervision_assign(db, actor, session_id, person_id));
    }

    /** Record one supervision of a session: what was checked and found
       (findings None or "": none). Returns the record's id. */
    int64_t supervision_record(const scw_actor *actor, int64_t session_id,
                               const char *person_id, const char *checked,
                               const char *findings = NULL, const char *date = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_supervision_record(&id, db, actor, session_id, person_id, checked,
                                        findings, date));
        return id;
    }

    /** The supervision records of a session, oldest first. */
    scw_supervision_iter *supervisions(int64_t session_id) {
        SCW_SUPERVISION_ITER(scw_supervision_iter, sc_supervision_iter,
                             sc_supervision_iter_new(&it, db, session_id));
    }

    /* -- spot checks (质量督导抽查) -- */

    /** The city centre or the own district bureau opens an inspection of an
       organization: kind an INSPECT_* code, target as the kind says (None
       for INSPECT_ORG; a session or venue id; "FROM/TO" or None for
       certificates). Returns its id. */
    int64_t inspection_open(const scw_actor *actor, const char *credit_code, scw_inspection_kind kind,
                            const char *target = NULL, const char *date = NULL,
                            const char *note = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_inspection_open(&id, db, actor, credit_code, kind, target, date, note));
        return id;
    }

    /** Record a finding of an open inspection: category a code of the
       published list, severity a FINDING_* code, entities a list of
       "KIND:ID" references (KIND certificate, session, venue, staff, org).
       Returns its id; credit scores are recomputed. */
    int64_t inspection_add_finding(const scw_actor *actor, int64_t inspection_id,
                                   const char *category, scw_finding_severity severity, const char *evidence,
                                   const char *const *entities, size_t n,
                                   const char *date = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_inspection_add_finding(&id, db, actor, inspection_id, category, severity,
                                            evidence, entities, n, date));
        return id;
    }

    /** Scan the organization's certificates against its filed scope and
       validity; records the findings itself. */
    scw_scan_result inspection_scan_certificates(const scw_actor *actor, int64_t inspection_id,
                                                 const char *date = NULL) {
        scw_scan_result r;
        size_t findings = 0, bad = 0;
        sc_db *db;
        memset(&r, 0, sizeof r);
        db = scw_db_get($self);
        if (!db) return r;
        if (scw_check(sc_inspection_scan_certificates(&findings, &bad, db, actor, inspection_id,
                                                      date)) < 0)
            return r;
        r.findings = (long long)findings;
        r.certificates = (long long)bad;
        return r;
    }

    /** Close an inspection with a conclusion; without findings it counts as
       a clean inspection. */
    scw_status inspection_close(const scw_actor *actor, int64_t inspection_id,
                                const char *conclusion, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_inspection_close(db, actor, inspection_id, conclusion, date));
    }

    /** One inspection by id. */
    sc_inspection inspection_get(int64_t inspection_id) {
        SCW_GET(sc_inspection, sc_inspection_get(&out, db, inspection_id));
    }

    /** Inspections by id, of one organization or (None) all. */
    scw_inspection_iter *inspections(const char *credit_code = NULL) {
        sc_inspection_query q = SC_INSPECTION_QUERY_INIT;
        q.credit_code = credit_code;
        SCW_SUPERVISION_ITER(scw_inspection_iter, sc_inspection_iter,
                             sc_inspection_iter_new(&it, db, &q));
    }

    /* -- findings -- */

    /** One finding by id. */
    sc_finding finding_get(int64_t finding_id) {
        SCW_GET(sc_finding, sc_finding_get(&out, db, finding_id));
    }

    /** The references of a finding ("certificate:S0000..."), in the order given. */
    scw_entity_list *finding_entities(int64_t finding_id) {
        scw_entity_list *l;
        sc_finding f = SC_FINDING_INIT;
        size_t i;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_finding_get(&f, db, finding_id)) < 0) return NULL;
        l = (scw_entity_list *)scw_alloc_item(sizeof *l);
        if (!l) return NULL;
        if (f.entities) {
            l->refs = (char (*)[SC_ENTITY_REF_SIZE])calloc(f.entities, sizeof *l->refs);
            if (!l->refs) {
                free(l);
                scw_fail(SC_ENOMEM, "out of memory");
                return NULL;
            }
        }
        for (i = 0; i < f.entities; i++) {
            if (scw_check(sc_finding_entity_get(l->refs[i], db, finding_id, i)) < 0) {
                scw_entity_list_free(l);
                return NULL;
            }
        }
        l->n = f.entities;
        return l;
    }

    /** Findings by id, of one organization (or None) and one inspection (or 0). */
    scw_finding_iter *findings(const char *credit_code = NULL, int64_t inspection_id = 0) {
        sc_finding_query q = SC_FINDING_QUERY_INIT;
        q.credit_code = credit_code;
        q.inspection_id = inspection_id;
        SCW_SUPERVISION_ITER(scw_finding_iter, sc_finding_iter, sc_finding_iter_new(&it, db, &q));
    }

    /** Withdraw a finding found wrong: from date on it no longer counts. */
    scw_status finding_withdraw(const scw_actor *actor, int64_t finding_id, const char *reason,
                                const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_finding_withdraw(db, actor, finding_id, reason, date));
    }

    /** The city centre revokes every certificate the finding names; returns
       how many were revoked. */
    long long finding_revoke_certificates(const scw_actor *actor, int64_t finding_id,
                                          const char *date = NULL) {
        size_t revoked = 0;
        SCW_DB(db, $self, 0);
        if (scw_check(sc_finding_revoke_certificates(&revoked, db, actor, finding_id, date)) < 0)
            return 0;
        return (long long)revoked;
    }

    /* -- sanctions -- */

    /** Impose a sanction (SANCTION_*) resting on a finding, effective date.
       until: the rectification deadline (required), the last day of a
       suspension (None: until lifted), None otherwise. Returns its id. */
    int64_t sanction_impose(const scw_actor *actor, int64_t finding_id, scw_sanction_kind kind,
                            const char *until, const char *reason, const char *date = NULL) {
        int64_t id = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_sanction_impose(&id, db, actor, finding_id, kind, until, reason, date));
        return id;
    }

    /** Lift a warning, rectification or suspension from date on. */
    scw_status sanction_lift(const scw_actor *actor, int64_t sanction_id, const char *note = NULL,
                             const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_sanction_lift(db, actor, sanction_id, note, date));
    }

    /** One sanction by id. */
    sc_sanction sanction_get(int64_t sanction_id) {
        SCW_GET(sc_sanction, sc_sanction_get(&out, db, sanction_id));
    }

    /** Sanctions by id, of one organization or (None) all. */
    scw_sanction_iter *sanctions(const char *credit_code = NULL) {
        sc_sanction_query q = SC_SANCTION_QUERY_INIT;
        q.credit_code = credit_code;
        SCW_SUPERVISION_ITER(scw_sanction_iter, sc_sanction_iter,
                             sc_sanction_iter_new(&it, db, &q));
    }

    /* -- credit evaluation (信用评估) -- */

    /** The scoring model's parameters. */
    sc_credit_model credit_model() {
        SCW_GET(sc_credit_model, sc_credit_model_get(&out, db));
    }

    /** The points a fresh finding of (category, severity) subtracts. */
    double credit_weight(const char *category, scw_finding_severity severity) {
        double w = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_credit_weight_get(&w, db, category, severity));
        return w;
    }

    /** The city centre sets the weight of (category, severity), 0-1000. */
    scw_status credit_weight_set(const scw_actor *actor, const char *category, scw_finding_severity severity,
                                 double points) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_credit_weight_set(db, actor, category, severity, points));
    }

    /** An organization's score as of a date (None: today), computed, not stored. */
    sc_credit_score credit_score(const char *credit_code, const char *as_of = NULL) {
        SCW_GET(sc_credit_score, sc_credit_score_get(&out, db, credit_code, as_of));
    }

    /** The city centre computes and publishes the ranked list as of a date;
       returns the number of organizations scored. */
    long long credit_compute(const scw_actor *actor, const char *as_of = NULL) {
        size_t n = 0;
        SCW_DB(db, $self, 0);
        if (scw_check(sc_credit_compute(&n, db, actor, as_of)) < 0) return 0;
        return (long long)n;
    }

    /** The published list of a date (None: the latest), best first. */
    scw_credit_iter *credit_list(const char *as_of = NULL) {
        sc_credit_list_query q = SC_CREDIT_LIST_QUERY_INIT;
        q.as_of = as_of;
        SCW_SUPERVISION_ITER(scw_credit_iter, sc_credit_iter, sc_credit_list_iter_new(&it, db, &q));
    }

    /** An organization's published scores, oldest date first. */
    scw_credit_iter *credit_history(const char *credit_code) {
        SCW_SUPERVISION_ITER(scw_credit_iter, sc_credit_iter,
                             sc_credit_history_iter_new(&it, db, credit_code));
    }

    /** The published list of a date (None: the latest) as an XML document. */
    char *credit_export_memory(const char *as_of = NULL) {
        char *out = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_credit_export_memory(&out, NULL, db, as_of)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }

    /** As credit_export_memory, written to a file (replaced). */
    scw_status credit_export_file(const char *path, const char *as_of = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_credit_export_file(db, as_of, path));
    }

    /* -- period reports -- */

    /** The report of date_from .. date_to (inclusive; None: today). */
    scw_period_report *period_report(const char *date_from, const char *date_to = NULL) {
        sc_period_report *r = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_period_report_get(&r, db, date_from, date_to)) < 0) {
            sc_period_report_free(r);
            return NULL;
        }
        return r;
    }
}

/* ---- Module functions ------------------------------------------------------------ */
%{
static const char *finding_severity_name(int severity) { return sc_finding_severity_name(severity); }
static const char *inspection_kind_name(int kind) { return sc_inspection_kind_name(kind); }
static const char *sanction_kind_name(int kind) { return sc_sanction_kind_name(kind); }
static const char *report_section_name(int section) { return sc_report_section_name(section); }
static size_t finding_category_count(void) { return sc_finding_category_count(); }

static sc_finding_category finding_category_get(size_t i)
{
    sc_finding_category c = SC_FINDING_CATEGORY_INIT;
    scw_check(sc_finding_category_get(&c, i));
    return c;
}

SCW_PARSER(finding_severity_parse, sc_finding_severity_parse)
SCW_PARSER(inspection_kind_parse, sc_inspection_kind_parse)
SCW_PARSER(sanction_kind_parse, sc_sanction_kind_parse)
%}

/** "minor", "major", "serious"; None/null if unknown. */
const char *finding_severity_name(scw_finding_severity severity);
/** A FINDING_* code from its name, Chinese name (一般, 较重, 严重) or number. */
int finding_severity_parse(const char *text);
/** "organization", "session", "venue", "certificates"; None/null if unknown. */
const char *inspection_kind_name(scw_inspection_kind kind);
/** An INSPECT_* code from its name ("org" also) or number. */
int inspection_kind_parse(const char *text);
/** "warning", "rectification", "suspension", "exit"; None/null if unknown. */
const char *sanction_kind_name(scw_sanction_kind kind);
/** A SANCTION_* code from its name, Chinese name or number. */
int sanction_kind_parse(const char *text);
/** "inspections", "findings", ..., "certificates-by-org"; None/null if unknown. */
const char *report_section_name(int section);
/** Number of finding categories of the published list. */
size_t finding_category_count(void);
/** Category i of the published list. */
sc_finding_category finding_category_get(size_t i);
