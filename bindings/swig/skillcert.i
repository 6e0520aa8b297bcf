/*
 * skillcert.i -- SWIG interface of libskillcert, shared by every language.
 *
 * This file holds what is the same for every binding: the module, the C
 * headers, the classes made from the opaque handles, ownership, and the one
 * error path.  Each language adds its own part (iteration protocols,
 * exception classes, docstrings, library loading):
 *
 *     bindings/python/skillcert_python.i
 *     bindings/java/skillcert_java.i
 *
 * Run SWIG on this file with -I pointing at the language directory and at the
 * include directories (the source tree and the build tree, for version.h).
 *
 * Classes (Python name / Java name):
 *     Database            an open registry (sc_db); closable
 *     Actor               who is calling (sc_actor)
 *     Occupation          one catalog entry with work types and offerings
 *     OccupationIterator  iterator over occupations; closable
 *     Report              diagnostics collected by validation and import
 *     Diagnostic          one entry of a Report (a copy, owned by the binding)
 *     Verdict             the answer of Database.check()
 *     ImportResult        what an import did
 *
 * Errors: every wrapped call starts by clearing the library's per-thread
 * error; a negative status (other than SC_ITEROVER, which only ends an
 * iteration) raises an exception built from sc_error_last(): its code,
 * message, source, line, column and field.  Exceptions are always on.
 *
 * Ownership: constructors, lookups and the items of an iterator belong to
 * the wrapper that receives them and are freed by its destructor.  Every
 * child wrapper (iterator, occupation) keeps a reference to its Database
 * wrapper; the C library also counts references on sc_db, so destructors
 * may run in any order.
 */

#if defined(SWIGJAVA)
/* Java: org.skillcert.Skillcert (module class, with the constants) and
   org.skillcert.SkillcertJNI; the JNI library is libskillcert_jni. */
%module(jniclassname="SkillcertJNI") Skillcert
#else
%module skillcert
#endif

%{
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "skillcert.h"

/* ---- The binding's error path ------------------------------------------
 * scw_rc is the status of the call in progress.  Wrapper functions record
 * library statuses with scw_check(); failures of the binding itself (a
 * closed handle) use scw_fail() with a static message.  The %exception
 * block below resets both before the call; after a failed call it copies
 * the error (scw_capture) at once, since sc_error_last() is only valid until
 * the next library call, and the language part raises from that copy. */
#if defined(__GNUC__)
#  define SCW_THREAD __thread
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#  define SCW_THREAD _Thread_local
#else
#  define SCW_THREAD
#endif

/* Everything an exception carries. */
typedef struct scw_failure {
    int code, domain, line, column, cause;
    char message[2048];
    char source[1024];
    char field[256];
} scw_failure;

static SCW_THREAD int scw_rc;
static SCW_THREAD const char *scw_msg;
static SCW_THREAD int scw_pending;        /* captured, not raised yet */
static SCW_THREAD scw_failure scw_failure_now;

static void scw_begin(void)
{
    sc_error_clear();
    scw_rc = SC_OK;
    scw_msg = NULL;
    scw_pending = 0;
}

/* Record a library status and pass it through. */
static int scw_check(int rc)
{
    scw_rc = rc;
    return rc;
}

/* Record a failure of the binding itself; msg must be static. */
static void scw_fail(int rc, const char *msg)
{
    scw_rc = rc;
    scw_msg = msg;
}

/* Did the call in progress fail?  SC_ITEROVER only ends an iteration. */
static int scw_failed(void)
{
    return scw_rc < 0 && scw_rc != SC_ITEROVER;
}

/* Copy s into buf, cut (if it must be) at a UTF-8 character boundary. */
static void scw_copy_text(char *buf, size_t size, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    if (n) memcpy(buf, s, n);
    buf[n] = '\0';
}

/* Copy the failure of the call just made, for the language part to raise. */
static void scw_capture(void)
{
    const sc_error *e = sc_error_last();
    scw_failure *f = &scw_failure_now;

    f->code = scw_rc;
    f->domain = f->line = f->column = f->cause = 0;
    f->message[0] = f->source[0] = f->field[0] = '\0';
    if (scw_msg) {
        scw_copy_text(f->message, sizeof f->message, scw_msg);
    } else if (e && e->code < 0) {
        f->domain = e->domain;
        f->line = e->line;
        f->column = e->column;
        f->cause = e->cause;
        scw_copy_text(f->message, sizeof f->message, e->message);
        scw_copy_text(f->source, sizeof f->source, e->source);
        scw_copy_text(f->field, sizeof f->field, e->field);
    }
    if (!f->message[0])
        scw_copy_text(f->message, sizeof f->message, sc_strerror(f->code));
    scw_pending = 1;
}

/* The captured failure, once: NULL when there is none to raise. */
static const scw_failure *scw_take(void)
{
    if (!scw_pending) return NULL;
    scw_pending = 0;
    return &scw_failure_now;
}

/* A status returned by a wrapper; the typemaps of each language hide it. */
typedef int scw_status;

/* Enum parameters whose name alone does not tell which enum they are
   ("kind", "status", "severity"): each language maps the type (Java: the
   enum class); otherwise they are plain ints (Python: "int kind"). */
typedef int scw_actor_kind;
typedef int scw_org_kind;
typedef int scw_filing_status;
typedef int scw_education_kind;
typedef int scw_cert_kind;
typedef int scw_evidence_kind;
typedef int scw_cert_status;
typedef int scw_verify_status;
typedef int scw_session_status;
typedef int scw_finding_severity;
typedef int scw_inspection_kind;
typedef int scw_sanction_kind;
typedef int scw_status_code;

static char *scw_strdup(const char *s)
{
    size_t n;
    char *p;

    if (!s) return NULL;
    n = strlen(s) + 1;
    p = (char *)malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

/* ---- Binding-side structures ---------------------------------------- */

/* Aliases of the library's own handles, so that the functions SWIG makes for
   their classes (scw_actor_..., scw_occupation_...) cannot collide with the
   library's names. */
typedef sc_actor scw_actor;
typedef sc_occupation scw_occupation;
typedef sc_report scw_report;

/* A Database wrapper: close() ends it early, the destructor frees it. */
typedef struct scw_database {
    sc_db *db;
} scw_database;

static sc_db *scw_db_get(scw_database *d)
{
    if (!d || !d->db) {
        scw_fail(SC_ERROR, "the database is closed");
        return NULL;
    }
    return d->db;
}

/* Declare `db` for a method of Database; return `fail` when it is closed. */
#define SCW_DB(db, self, fail) \
    sc_db *db = scw_db_get(self); \
    if (!db) return fail

/* An iterator wrapper: close() (or the end) frees the C iterator early. */
typedef struct scw_occupation_iter {
    sc_occupation_iter *it;
} scw_occupation_iter;

/* The answer of Database.check(). */
typedef struct scw_verdict {
    bool ok;
    int reason;
    char message[SC_VERDICT_MESSAGE_SIZE];
} scw_verdict;

/* What an import did. */
typedef struct scw_import_result {
    int doctype;
    long long records;
    bool already_imported;
    char batch_id[128];
} scw_import_result;

static scw_import_result scw_import_result_from(const sc_import_result *r)
{
    scw_import_result out;

    memset(&out, 0, sizeof out);
    out.doctype = r->doctype;
    out.records = (long long)r->records;
    out.already_imported = r->already_imported != 0;
    memcpy(out.batch_id, r->batch_id, sizeof out.batch_id);
    out.batch_id[sizeof out.batch_id - 1] = '\0';
    return out;
}

/* A diagnostic of a Report, copied so that it outlives the report. */
typedef struct scw_diagnostic {
    int code;
    int domain;
    int severity;
    int line;
    int column;
    int cause;
    char *message;
    char *source;
    char *field;
} scw_diagnostic;

static void scw_diagnostic_free(scw_diagnostic *d)
{
    if (!d) return;
    free(d->message);
    free(d->source);
    free(d->field);
    free(d);
}

static scw_verdict scw_verdict_from(const sc_verdict *cv)
{
    scw_verdict v;

    memset(&v, 0, sizeof v);
    v.ok = cv->ok != 0;
    v.reason = cv->reason;
    memcpy(v.message, cv->message, sizeof v.message);
    v.message[sizeof v.message - 1] = '\0';
    return v;
}
%}

/* The enum parameter types declared above (SWIG's view of them). */
typedef int scw_actor_kind;
typedef int scw_org_kind;
typedef int scw_filing_status;
typedef int scw_education_kind;
typedef int scw_cert_kind;
typedef int scw_evidence_kind;
typedef int scw_cert_status;
typedef int scw_verify_status;
typedef int scw_session_status;
typedef int scw_finding_severity;
typedef int scw_inspection_kind;
typedef int scw_sanction_kind;
typedef int scw_status_code;

/* ---- Names ----------------------------------------------------------------
 * SC_FOO constants lose their prefix (skillcert.ACTOR_CITY_BUREAU,
 * Skillcert.ACTOR_CITY_BUREAU; the enums are skillcert.ActorKind.CITY_BUREAU
 * and ActorKind.CITY_BUREAU).  Methods are written snake_case below;
 * skillcert_java.i turns them camelCase.  The C functions of the headers are
 * not wrapped one to one: the classes below call them. */
%rename("%(strip:[SC_])s", regextarget=1) "^SC_";

#if defined(SWIGPYTHON)
%include "skillcert_python.i"
#elif defined(SWIGJAVA)
%include "skillcert_java.i"
#else
#  error "libskillcert has bindings for Python and Java only"
#endif

/* Docstrings and Javadoc of the methods, written from the headers' doc
   comments by bindings/gen_docs.py (in the build tree). */
%include "skillcert_docs.i"

/* The language part may add renames; these come last so they win. */
%rename("$ignore", %$isfunction, regextarget=1) "^sc_";
/* Every plain structure the library fills carries `version` first; the
   wrappers set it (SCW_VERSION_OF), so the target languages never see it. */
%ignore sc_announcement::version;
%ignore sc_application::version;
%ignore sc_component_rule::version;
%ignore sc_venue::version;
%ignore sc_session::version;
%ignore sc_session_staff::version;
%ignore sc_enrolment::version;
%ignore sc_paper::version;
%ignore sc_paper_item::version;
%ignore sc_result::version;
%ignore sc_audit_entry::version;
%ignore sc_audit_result::version;
%ignore sc_authz_action::version;
%ignore sc_resident_id::version;
%ignore sc_cert_number::version;
%ignore sc_certificate::version;
%ignore sc_verification::version;
%ignore sc_cert_stats_row::version;
%ignore sc_verdict::version;
%ignore sc_db_check_result::version;
%ignore sc_district::version;
%ignore sc_credit_code_result::version;
%ignore sc_offering_item::version;
%ignore sc_org::version;
%ignore sc_filing::version;
%ignore sc_filing_step::version;
%ignore sc_staff::version;
%ignore sc_special_rules::version;
%ignore sc_pki_cert_info::version;
%ignore sc_pki_verification::version;
%ignore sc_signature_info::version;
%ignore sc_xml_verification::version;
%ignore sc_certificate_document::version;
%ignore sc_supervision::version;
%ignore sc_finding_category::version;
%ignore sc_inspection::version;
%ignore sc_finding::version;
%ignore sc_sanction::version;
%ignore sc_credit_model::version;
%ignore sc_credit_score::version;
%ignore sc_report_row::version;
%ignore sc_import_result::version;
%ignore SC_ANNOUNCEMENT_VERSION;
%ignore SC_ANNOUNCEMENT_INIT;
%ignore SC_APPLICATION_VERSION;
%ignore SC_APPLICATION_INIT;
%ignore SC_COMPONENT_RULE_VERSION;
%ignore SC_COMPONENT_RULE_INIT;
%ignore SC_VENUE_VERSION;
%ignore SC_VENUE_INIT;
%ignore SC_SESSION_VERSION;
%ignore SC_SESSION_INIT;
%ignore SC_SESSION_STAFF_VERSION;
%ignore SC_SESSION_STAFF_INIT;
%ignore SC_ENROLMENT_VERSION;
%ignore SC_ENROLMENT_INIT;
%ignore SC_PAPER_VERSION;
%ignore SC_PAPER_INIT;
%ignore SC_PAPER_ITEM_VERSION;
%ignore SC_PAPER_ITEM_INIT;
%ignore SC_RESULT_VERSION;
%ignore SC_RESULT_INIT;
%ignore SC_AUDIT_ENTRY_VERSION;
%ignore SC_AUDIT_ENTRY_INIT;
%ignore SC_AUDIT_RESULT_VERSION;
%ignore SC_AUDIT_RESULT_INIT;
%ignore SC_AUTHZ_ACTION_VERSION;
%ignore SC_AUTHZ_ACTION_INIT;
%ignore SC_RESIDENT_ID_VERSION;
%ignore SC_RESIDENT_ID_INIT;
%ignore SC_CERT_NUMBER_VERSION;
%ignore SC_CERT_NUMBER_INIT;
%ignore SC_CERTIFICATE_VERSION;
%ignore SC_CERTIFICATE_INIT;
%ignore SC_VERIFICATION_VERSION;
%ignore SC_VERIFICATION_INIT;
%ignore SC_CERT_STATS_ROW_VERSION;
%ignore SC_CERT_STATS_ROW_INIT;
%ignore SC_VERDICT_VERSION;
%ignore SC_VERDICT_INIT;
%ignore SC_DB_CHECK_RESULT_VERSION;
%ignore SC_DB_CHECK_RESULT_INIT;
%ignore SC_DISTRICT_VERSION;
%ignore SC_DISTRICT_INIT;
%ignore SC_CREDIT_CODE_RESULT_VERSION;
%ignore SC_CREDIT_CODE_RESULT_INIT;
%ignore SC_OFFERING_ITEM_VERSION;
%ignore SC_OFFERING_ITEM_INIT;
%ignore SC_ORG_VERSION;
%ignore SC_ORG_INIT;
%ignore SC_FILING_VERSION;
%ignore SC_FILING_INIT;
%ignore SC_FILING_STEP_VERSION;
%ignore SC_FILING_STEP_INIT;
%ignore SC_STAFF_VERSION;
%ignore SC_STAFF_INIT;
%ignore SC_SPECIAL_RULES_VERSION;
%ignore SC_SPECIAL_RULES_INIT;
%ignore SC_PKI_CERT_INFO_VERSION;
%ignore SC_PKI_CERT_INFO_INIT;
%ignore SC_PKI_VERIFICATION_VERSION;
%ignore SC_PKI_VERIFICATION_INIT;
%ignore SC_SIGNATURE_INFO_VERSION;
%ignore SC_SIGNATURE_INFO_INIT;
%ignore SC_XML_VERIFICATION_VERSION;
%ignore SC_XML_VERIFICATION_INIT;
%ignore SC_CERTIFICATE_DOCUMENT_VERSION;
%ignore SC_CERTIFICATE_DOCUMENT_INIT;
%ignore SC_SUPERVISION_VERSION;
%ignore SC_SUPERVISION_INIT;
%ignore SC_FINDING_CATEGORY_VERSION;
%ignore SC_FINDING_CATEGORY_INIT;
%ignore SC_INSPECTION_VERSION;
%ignore SC_INSPECTION_INIT;
%ignore SC_FINDING_VERSION;
%ignore SC_FINDING_INIT;
%ignore SC_SANCTION_VERSION;
%ignore SC_SANCTION_INIT;
%ignore SC_CREDIT_MODEL_VERSION;
%ignore SC_CREDIT_MODEL_INIT;
%ignore SC_CREDIT_SCORE_VERSION;
%ignore SC_CREDIT_SCORE_INIT;
%ignore SC_REPORT_ROW_VERSION;
%ignore SC_REPORT_ROW_INIT;
%ignore SC_IMPORT_RESULT_VERSION;
%ignore SC_IMPORT_RESULT_INIT;
/* A paper item keeps its bank item's version under the name `version`. */
%rename(version) sc_paper_item::item_version;
%ignore sc_error;
%ignore sc_verdict;
%ignore sc_db_options;
%ignore sc_db_check_result;         /* db.h: `skillcert check` reads it; Database.backup wraps */
%ignore sc_import_options;
%ignore sc_import_result;
%ignore sc_export_options;          /* xml.h, not wrapped yet */
%ignore SC_EXPORT_OPTIONS_VERSION;
%ignore SC_EXPORT_OPTIONS_INIT;
%ignore sc_progress_fn;
%ignore SC_DB_READONLY;
%ignore SC_DB_CREATE;
%ignore SC_DB_OPTIONS_VERSION;
%ignore SC_DB_OPTIONS_INIT;
%ignore SC_IMPORT_OPTIONS_VERSION;
%ignore SC_IMPORT_OPTIONS_INIT;
%ignore sc_occupation_query;        /* catalog.h: Database.occupations takes the date */
%ignore SC_OCCUPATION_QUERY_VERSION;
%ignore SC_OCCUPATION_QUERY_INIT;
%ignore SC_VERDICT_MESSAGE_SIZE;
%ignore SC_VERSION_HEX;

/* ---- The one error path ---------------------------------------------------
 * SCW_RAISE() comes from the language part: Python raises here and jumps
 * to the wrapper's cleanup; Java raises from a `ret` typemap, after the
 * arguments are released, so no JNI resource is skipped.  Both raise the
 * copy made by scw_capture(). */
%exception {
    scw_begin();
    $action
    if (scw_failed()) {
        scw_capture();
        SCW_RAISE();
    }
}

/* ---- Constants: status codes, actor kinds, reasons, document types ---- */
%include "skillcert/common.h"
%include "skillcert/version.h"
%include "skillcert/errors.h"
%include "skillcert/db.h"
%include "skillcert/roles.h"
%include "skillcert/catalog.h"
%include "skillcert/xml.h"

/* ---- Value classes -------------------------------------------------------- */
%rename(Verdict) scw_verdict;
%rename(ImportResult) scw_import_result;
%rename(Diagnostic) scw_diagnostic;
%nodefaultctor scw_verdict;
%nodefaultctor scw_import_result;
%nodefaultctor scw_diagnostic;
%nodefaultdtor scw_diagnostic;

%immutable;
typedef struct scw_verdict {
    bool ok;        /**< true: certifiable */
    int reason;     /**< REASON_NONE when ok, else a REASON_* code */
    char message[SC_VERDICT_MESSAGE_SIZE];  /**< "" when ok */
} scw_verdict;

typedef struct scw_import_result {
    int doctype;            /**< a DOC_* code */
    long long records;      /**< records applied; 0 when already imported */
    bool already_imported;  /**< the batch had been imported before */
    char batch_id[128];     /**< the document's batch id */
} scw_import_result;

typedef struct scw_diagnostic {
    int code;       /**< a status code */
    int domain;     /**< a DOMAIN_* code */
    int severity;   /**< SEVERITY_WARNING or SEVERITY_ERROR */
    int line;       /**< 1-based; 0 if unknown */
    int column;     /**< 1-based; 0 if unknown */
    int cause;      /**< SQLite or libxml2 code; 0 if none */
    char *message;
    char *source;
    char *field;
} scw_diagnostic;
%mutable;

%extend scw_diagnostic {
    ~scw_diagnostic() { scw_diagnostic_free($self); }
}

/* ---- Actor ------------------------------------------------------------------ */
%rename(Actor) scw_actor;
%nodefaultctor scw_actor;
typedef struct {} scw_actor;

%{
static int scw_actor_kind_get(scw_actor *a) { return sc_actor_kind_of(a); }
static const char *scw_actor_scope_get(scw_actor *a) { return sc_actor_scope(a); }
static const char *scw_actor_name_get(scw_actor *a) { return sc_actor_name(a); }
static const char *scw_actor_label_get(scw_actor *a) { return sc_actor_label(a); }
%}

%extend scw_actor {
    /** kind: an ACTOR_* code; scope: district code, credit code or ID number
       (None for the city bureau, the city centre and the public). */
    scw_actor(scw_actor_kind kind, const char *scope = NULL, const char *name = NULL) {
        sc_actor *a = NULL;
        scw_check(sc_actor_new(&a, kind, scope, name));
        return a;
    }
    ~scw_actor() { sc_actor_free($self); }

    %immutable;
    int kind;
    const char *scope;
    const char *name;
    const char *label;
    %mutable;

    /** "city-bureau", "district", ... */
    static const char *kind_name(scw_actor_kind kind) { return sc_actor_kind_name(kind); }
}

/* ---- Occupation ------------------------------------------------------------- */
%rename(Occupation) scw_occupation;
%nodefaultctor scw_occupation;
typedef struct {} scw_occupation;

%{
static const char *scw_occupation_code_get(scw_occupation *o) { return sc_occupation_code(o); }
static const char *scw_occupation_name_get(scw_occupation *o) { return sc_occupation_name(o); }
static const char *scw_occupation_effective_get(scw_occupation *o) { return sc_occupation_effective(o); }
static const char *scw_occupation_withdrawn_get(scw_occupation *o) { return sc_occupation_withdrawn(o); }
%}

%extend scw_occupation {
    ~scw_occupation() { sc_occupation_free($self); }

    %immutable;
    const char *code;        /* ASCII "4-04-05-04" */
    const char *name;        /* Chinese name */
    const char *effective;   /* "YYYY-MM-DD" */
    const char *withdrawn;   /* "YYYY-MM-DD", or None/null when in force */
    %mutable;

    /** Number of work types (indexed access: the language parts add lists on top). */
    size_t work_type_count() { return sc_occupation_work_type_count($self); }
    const char *work_type_at(size_t i) { return sc_occupation_work_type($self, i); }
    size_t offering_count() { return sc_occupation_offering_count($self); }
    /** None/null when the offering is undivided (不分方向). */
    const char *offering_work_type(size_t i) { return sc_occupation_offering_work_type($self, i); }
    int offering_level(size_t i) { return sc_occupation_offering_level($self, i); }
    const char *offering_effective(size_t i) { return sc_occupation_offering_effective($self, i); }
    const char *offering_withdrawn(size_t i) { return sc_occupation_offering_withdrawn($self, i); }
    size_t alias_count() { return sc_occupation_alias_count($self); }
    const char *alias_at(size_t i) { return sc_occupation_alias($self, i); }
}

/* ---- OccupationIterator ----------------------------------------------------- */
%rename(OccupationIterator) scw_occupation_iter;
%nodefaultctor scw_occupation_iter;
struct scw_occupation_iter {};
%newobject scw_occupation_iter::next_occupation;

%extend scw_occupation_iter {
    ~scw_occupation_iter() {
        sc_occupation_iter_free($self->it);
        free($self);
    }

    /** The next occupation, or None/null at the end (the C iterator is then
       freed at once, releasing the database). */
    scw_occupation *next_occupation() {
        sc_occupation *o = NULL;
        if (!$self->it) return NULL;
        if (scw_check(sc_occupation_iter_next(&o, $self->it)) < 0) {
            sc_occupation_free(o);
            sc_occupation_iter_free($self->it);
            $self->it = NULL;
            return NULL;
        }
        return o;
    }

    /** End the iteration early. Idempotent. */
    void close() {
        sc_occupation_iter_free($self->it);
        $self->it = NULL;
    }
}

/* ---- Report ----------------------------------------------------------------- */
%rename(Report) scw_report;
%nodefaultctor scw_report;
typedef struct {} scw_report;
%newobject scw_report::get;

%extend scw_report {
    scw_report() {
        sc_report *r = NULL;
        scw_check(sc_report_new(&r));
        return r;
    }
    ~scw_report() { sc_report_free($self); }

    /** Number of diagnostics. */
    size_t count() { return sc_report_count($self); }
    /** Number of diagnostics of severity SEVERITY_ERROR. */
    size_t error_count() { return sc_report_error_count($self); }

    /** A copy of diagnostic i, 0 <= i < count(). */
    scw_diagnostic *get(size_t i) {
        const sc_error *e = sc_report_get($self, i);
        scw_diagnostic *d;
        if (!e) {
            scw_fail(SC_EINVAL, "diagnostic index out of range");
            return NULL;
        }
        d = (scw_diagnostic *)calloc(1, sizeof *d);
        if (!d) {
            scw_fail(SC_ENOMEM, "out of memory");
            return NULL;
        }
        d->code = e->code;
        d->domain = e->domain;
        d->severity = sc_report_severity($self, i);
        d->line = e->line;
        d->column = e->column;
        d->cause = e->cause;
        d->message = scw_strdup(e->message ? e->message : "");
        d->source = scw_strdup(e->source ? e->source : "");
        d->field = scw_strdup(e->field ? e->field : "");
        if (!d->message || !d->source || !d->field) {
            scw_diagnostic_free(d);
            scw_fail(SC_ENOMEM, "out of memory");
            return NULL;
        }
        return d;
    }

    /** Remove every diagnostic. */
    void clear() { sc_report_clear($self); }
}

/* Strings the library hands over are freed with sc_free(). */
%typemap(newfree) char * "sc_free($1);";

/* ---- The newer modules, one file each ------------------------------------------
 * They come before Database is declared: the methods they add to it (with
 * %extend) are emitted where it is declared, after their helper code. */
%include "skillcert_org.i"          /* district.h, org.h, authz.h, audit.h */
%include "skillcert_eligibility.i"  /* candidate.h, eligibility.h */
%include "skillcert_application.i"  /* application.h */
%include "skillcert_assessment.i"   /* assessment.h */
%include "skillcert_certificate.i"  /* certificate.h */
%include "skillcert_supervision.i"  /* supervision.h */
%include "skillcert_pki.i"          /* pki.h: keys, signatures, offline certificate */

/* ---- Database ---------------------------------------------------------------- */
%rename(Database) scw_database;
%nodefaultctor scw_database;
struct scw_database {};
%newobject scw_database::lookup_occupation;
%newobject scw_database::occupations;
%newobject scw_database::export_memory;
%newobject scw_database::export_exchange;

%extend scw_database {
    /** Open (creating or migrating as needed) a registry file, or a private
       in-memory registry for ":memory:". */
    scw_database(const char *path = ":memory:") {
        scw_database *d;
        sc_db *db = NULL;
        if (scw_check(sc_db_open(&db, path, NULL)) < 0) return NULL;
        d = (scw_database *)calloc(1, sizeof *d);
        if (!d) {
            sc_db_close(db);
            scw_fail(SC_ENOMEM, "out of memory");
            return NULL;
        }
        d->db = db;
        return d;
    }
    ~scw_database() {
        sc_db_close($self->db);
        free($self);
    }

    /** Close now. Iterators and occupations still alive keep the connection
       until they go; any other call on this object then fails. Idempotent. */
    void close() {
        sc_db_close($self->db);
        $self->db = NULL;
    }

    /** Whether close() was called. */
    bool is_closed() { return $self->db == NULL; }

    /** The schema version of the open registry (its PRAGMA user_version). */
    int schema_version() {
        SCW_DB(db, $self, 0);
        return sc_db_schema_version(db);
    }

    /** The path it was opened with; ":memory:" for memory. */
    const char *path() {
        SCW_DB(db, $self, NULL);
        return sc_db_path(db);
    }

    /** The newest schema version this library writes. */
    static int schema_version_supported() { return sc_db_schema_version_supported(); }

    /** Write an online, consistent copy of the registry to path (a new file),
       while others go on writing (SQLite's backup API). */
    scw_status backup(const char *path) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_db_backup(db, path));
    }

    /* -- catalog changes (city bureau only) -- */

    /** Add an occupation; code in any accepted form, effective "YYYY-MM-DD". */
    scw_status add_occupation(const scw_actor *actor, const char *code, const char *name,
                              const char *effective) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_add_occupation(db, actor, code, name, effective));
    }

    /** Add a work type (工种/方向) to an occupation. */
    scw_status add_work_type(const scw_actor *actor, const char *code, const char *work_type,
                             const char *effective) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_add_work_type(db, actor, code, work_type, effective));
    }

    /** Offer a level 1-5: undivided when work_type is None, else for that work type. */
    scw_status add_offering(const scw_actor *actor, const char *code, const char *work_type,
                            int level, const char *effective) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_add_offering(db, actor, code, work_type, level, effective));
    }

    /** Withdraw an occupation (with its work types and offerings) from date on. */
    scw_status withdraw_occupation(const scw_actor *actor, const char *code, const char *date) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_withdraw_occupation(db, actor, code, date));
    }

    /** Withdraw a work type (with its offerings) from date on. */
    scw_status withdraw_work_type(const scw_actor *actor, const char *code,
                                  const char *work_type, const char *date) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_withdraw_work_type(db, actor, code, work_type, date));
    }

    /** Withdraw one offering from date on. */
    scw_status withdraw_offering(const scw_actor *actor, const char *code,
                                 const char *work_type, int level, const char *date) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_withdraw_offering(db, actor, code, work_type, level, date));
    }

    /** Keep alias (e.g. an older code) as another name of occupation code. */
    scw_status add_alias(const scw_actor *actor, const char *alias, const char *code) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_add_alias(db, actor, alias, code));
    }

    /** Load the notice's catalog (京人社能发〔2022〕8号 附件1); again is a no-op. */
    scw_status load_notice(const scw_actor *actor) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_catalog_load_notice(db, actor));
    }

    /* -- questions -- */

    /** Is (code, work_type or None, level) certifiable on date (None: today)? */
    scw_verdict check(const char *code, const char *work_type, int level,
                      const char *date = NULL) {
        scw_verdict v;
        sc_verdict cv = SC_VERDICT_INIT;
        sc_db *db;
        memset(&v, 0, sizeof v);
        cv = (sc_verdict)SC_VERDICT_INIT;
        db = scw_db_get($self);
        if (!db) return v;
        if (scw_check(sc_catalog_check(&cv, db, code, work_type, level, date)) < 0) return v;
        return scw_verdict_from(&cv);
    }

    /** The occupation with that code or alias (any accepted dash form). */
    scw_occupation *lookup_occupation(const char *code) {
        sc_occupation *o = NULL;
        SCW_DB(db, $self, NULL);
        scw_check(sc_occupation_lookup(&o, db, code));
        return o;
    }

    /** Occupations in code order: all (date None) or those in force on date. */
    scw_occupation_iter *occupations(const char *date = NULL) {
        scw_occupation_iter *w;
        sc_occupation_query q = SC_OCCUPATION_QUERY_INIT;
        sc_occupation_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.date = date;
        if (scw_check(sc_occupation_iter_new(&it, db, &q)) < 0) return NULL;
        w = (scw_occupation_iter *)calloc(1, sizeof *w);
        if (!w) {
            sc_occupation_iter_free(it);
            scw_fail(SC_ENOMEM, "out of memory");
            return NULL;
        }
        w->it = it;
        return w;
    }

    /* -- XML exchange -- */

    /** Import a document file all-or-nothing; `report` (optional) collects
       every problem. */
    scw_import_result import_file(const scw_actor *actor, const char *path,
                                  scw_report *report = NULL) {
        sc_import_result r = SC_IMPORT_RESULT_INIT;
        scw_import_result out;
        sc_db *db;
        r = (sc_import_result)SC_IMPORT_RESULT_INIT;
        memset(&out, 0, sizeof out);
        db = scw_db_get($self);
        if (!db) return out;
        if (scw_check(sc_xml_import_file(&r, db, actor, path, NULL, report)) < 0) return out;
        return scw_import_result_from(&r);
    }

    /** As import_file, for a document in memory; `name` is used in messages. */
    scw_import_result import_memory(const scw_actor *actor, const char *data, size_t len,
                                    const char *name = NULL, scw_report *report = NULL) {
        sc_import_result r = SC_IMPORT_RESULT_INIT;
        scw_import_result out;
        sc_db *db;
        r = (sc_import_result)SC_IMPORT_RESULT_INIT;
        memset(&out, 0, sizeof out);
        db = scw_db_get($self);
        if (!db) return out;
        if (scw_check(sc_xml_import_memory(&r, db, actor, data, len, name, NULL, report)) < 0)
            return out;
        return scw_import_result_from(&r);
    }

    /** Export a document (the catalog with its history) to a file. */
    scw_status export_file(const char *path, int doctype = SC_DOC_CATALOG) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_xml_export_file(db, doctype, path));
    }

    /** The exported document as text. */
    char *export_memory(int doctype = SC_DOC_CATALOG) {
        char *out = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_xml_export_memory(&out, NULL, db, doctype)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }

    /** An exchange document as text (sc_xml_exchange_export_memory): credit_code the
       organization, date the document's day (None: today), batch its batch id (None:
       derived), id the announcement, session or inspection it is about (0: none). */
    char *export_exchange(int doctype, const char *credit_code = NULL, const char *date = NULL,
                          const char *batch = NULL, int64_t id = 0) {
        sc_export_options o;
        char *out = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_export_options_init(&o, SC_EXPORT_OPTIONS_VERSION)) < 0)
            return NULL;
        o.credit_code = credit_code;
        o.date = date;
        o.batch = batch;
        o.id = id;
        if (scw_check(sc_xml_exchange_export_memory(&out, NULL, db, doctype, &o)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }
}

/* ---- Module functions ------------------------------------------------------- */
%{
static const char *level_name_zh(int level) { return sc_level_name_zh(level); }
static const char *level_rank_zh(int level) { return sc_level_rank_zh(level); }
static const char *level_name_en(int level) { return sc_level_name_en(level); }

static int level_parse(const char *text)
{
    int level = 0;
    scw_check(sc_level_parse(&level, text));
    return level;
}

static char *occupation_code_normalize(const char *code)
{
    char *out = NULL;
    if (scw_check(sc_occupation_code_normalize(&out, code)) < 0) {
        sc_free(out);
        return NULL;
    }
    return out;
}

static const char *scw_strerror(int code) { return sc_strerror(code); }
static const char *version_string(void) { return sc_version_string(); }
static const char *doctype_name(int doctype) { return sc_doctype_name(doctype); }
static int doctype_from_name(const char *name) { return sc_doctype_from_name(name); }
static const char *doctype_namespace(int doctype) { return sc_doctype_namespace(doctype); }
static const char *doctype_schema(int doctype) { return sc_doctype_schema(doctype); }

static int validate_file(const char *path, scw_report *report)
{
    int doctype = SC_DOC_UNKNOWN;
    scw_check(sc_xml_validate_file(&doctype, report, path, NULL));
    return doctype;
}

static int validate_memory(const char *data, size_t len, const char *name, scw_report *report)
{
    int doctype = SC_DOC_UNKNOWN;
    scw_check(sc_xml_validate_memory(&doctype, report, data, len, name, NULL));
    return doctype;
}
%}

%newobject occupation_code_normalize;
%rename(strerror) scw_strerror;

/** Chinese name of a level 1-5 ("初级工" for 5); None/null outside. */
const char *level_name_zh(int level);
/** Chinese rank of a level 1-5 ("五级" for 5); None/null outside. */
const char *level_rank_zh(int level);
/** English name of a level 1-5 ("junior" for 5); None/null outside. */
const char *level_name_en(int level);
/** Parse "3", "三级", "高级工", "三级/高级工" or "senior" to 1-5. */
int level_parse(const char *text);
/** Normalise an occupation code to ASCII "D-DD-DD-DD" (accepts — – － too). */
char *occupation_code_normalize(const char *code);
/** A short English description of a status code. */
const char *scw_strerror(scw_status_code code);
/** The version of the library actually loaded, e.g. "0.1.0". */
const char *version_string(void);
/** "catalog" for DOC_CATALOG; None/null for unknown values. */
const char *doctype_name(int doctype);
/** DOC_CATALOG for "catalog"; DOC_UNKNOWN when unknown. */
int doctype_from_name(const char *name);
/** Namespace URI of a document type; None/null when unknown. */
const char *doctype_namespace(int doctype);
/** The XSD of a document type as built into the library; None/null when unknown. */
const char *doctype_schema(int doctype);
/** Validate a document file against the schema of its type, touching no
   registry; returns its DOC_* type. `report` (optional) collects every problem. */
int validate_file(const char *path, scw_report *report = NULL);
/** As validate_file, for a document in memory; `name` is used in messages. */
int validate_memory(const char *data, size_t len, const char *name = NULL,
                    scw_report *report = NULL);

/* The last part of a language, after every constant: Python's enums. */
#if defined(SWIGPYTHON)
%include "skillcert_python_end.i"
#endif
