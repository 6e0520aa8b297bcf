/*
 * skillcert_org.i -- districts, organizations, the action table and the
 * audit trail (district.h, org.h, authz.h, audit.h). Included at the end of
 * bindings/swig/skillcert.i; same error path and ownership rules.
 *
 * Plain structures of the headers become read-only value classes (copies
 * owned by the wrapper): District, CreditCodeResult, Org, Filing,
 * FilingStep, Staff, SpecialRules, AuthzAction, AuditEntry, AuditResult.
 * Their fixed char arrays read as strings.
 *
 * Offering lists (sc_offerings) are the class Offerings; the languages turn
 * them into lists: Python takes and gives lists of OfferingItem(occupation,
 * work_type, level) tuples (work_type None when undivided; a str item is
 * "CODE[/WORK-TYPE]:LEVELS"), Java takes and gives List<OfferingItem>.
 *
 * Iterators (DistrictIterator, OrgIterator, FilingIterator,
 * FilingStepIterator, StaffIterator, AuditIterator) follow OccupationIterator:
 * next_item() gives a copy or None/null at the end; close() ends early.
 *
 * Each language part defines, before this file is read:
 *   SCW_LANG_ITERATOR(WTYPE, ITEMCLASS)      iteration protocol of WTYPE
 *   SCW_LANG_CHILD(METHOD)                   METHOD's result keeps the Database
 *   SCW_LANG_TAKES_OFFERINGS(METHOD, PARAM)  PARAM of METHOD accepts a list
 *   SCW_LANG_RETURNS_SCOPE(METHOD)           METHOD gives a list of offerings
 */

%include <stdint.i>

%{
/* Iterator wrappers: close() (or the end) frees the C iterator early. */
#define SCW_ITER_STRUCT(WTYPE, CITER) typedef struct WTYPE { CITER *it; } WTYPE;

/* Return a new wrapper of C iterator `it` from a method. */
#define SCW_RETURN_ITER(WTYPE, FREEFN, it) do { \
        WTYPE *w_ = (WTYPE *)calloc(1, sizeof *w_); \
        if (!w_) { \
            FREEFN(it); \
            scw_fail(SC_ENOMEM, "out of memory"); \
            return NULL; \
        } \
        w_->it = (it); \
        return w_; \
    } while (0)

/* A copy of a plain structure, or NULL with the failure recorded. */
static void *scw_alloc_item(size_t size)
{
    void *p = calloc(1, size);
    if (!p) scw_fail(SC_ENOMEM, "out of memory");
    return p;
}

typedef sc_offerings scw_offerings;
typedef sc_offerings scw_scope;   /* an offering list handed over as a list */

SCW_ITER_STRUCT(scw_district_iter, sc_district_iter)
SCW_ITER_STRUCT(scw_org_iter, sc_org_iter)
SCW_ITER_STRUCT(scw_filing_iter, sc_filing_iter)
SCW_ITER_STRUCT(scw_filing_step_iter, sc_filing_step_iter)
SCW_ITER_STRUCT(scw_staff_iter, sc_staff_iter)
SCW_ITER_STRUCT(scw_audit_iter, sc_audit_iter)

/* The version this library fills of a plain structure a wrapper hands to a
   filler: every such structure carries `version` first (SC_*_VERSION). */
#define SCW_VERSION_OF(p) _Generic((p), \
    sc_announcement *: SC_ANNOUNCEMENT_VERSION, \
    sc_application *: SC_APPLICATION_VERSION, \
    sc_component_rule *: SC_COMPONENT_RULE_VERSION, \
    sc_venue *: SC_VENUE_VERSION, \
    sc_session *: SC_SESSION_VERSION, \
    sc_session_staff *: SC_SESSION_STAFF_VERSION, \
    sc_enrolment *: SC_ENROLMENT_VERSION, \
    sc_paper *: SC_PAPER_VERSION, \
    sc_paper_item *: SC_PAPER_ITEM_VERSION, \
    sc_result *: SC_RESULT_VERSION, \
    sc_audit_entry *: SC_AUDIT_ENTRY_VERSION, \
    sc_audit_result *: SC_AUDIT_RESULT_VERSION, \
    sc_authz_action *: SC_AUTHZ_ACTION_VERSION, \
    sc_resident_id *: SC_RESIDENT_ID_VERSION, \
    sc_cert_number *: SC_CERT_NUMBER_VERSION, \
    sc_certificate *: SC_CERTIFICATE_VERSION, \
    sc_verification *: SC_VERIFICATION_VERSION, \
    sc_cert_stats_row *: SC_CERT_STATS_ROW_VERSION, \
    sc_verdict *: SC_VERDICT_VERSION, \
    sc_db_check_result *: SC_DB_CHECK_RESULT_VERSION, \
    sc_district *: SC_DISTRICT_VERSION, \
    sc_credit_code_result *: SC_CREDIT_CODE_RESULT_VERSION, \
    sc_offering_item *: SC_OFFERING_ITEM_VERSION, \
    sc_org *: SC_ORG_VERSION, \
    sc_filing *: SC_FILING_VERSION, \
    sc_filing_step *: SC_FILING_STEP_VERSION, \
    sc_staff *: SC_STAFF_VERSION, \
    sc_special_rules *: SC_SPECIAL_RULES_VERSION, \
    sc_pki_cert_info *: SC_PKI_CERT_INFO_VERSION, \
    sc_pki_verification *: SC_PKI_VERIFICATION_VERSION, \
    sc_signature_info *: SC_SIGNATURE_INFO_VERSION, \
    sc_xml_verification *: SC_XML_VERIFICATION_VERSION, \
    sc_certificate_document *: SC_CERTIFICATE_DOCUMENT_VERSION, \
    sc_supervision *: SC_SUPERVISION_VERSION, \
    sc_finding_category *: SC_FINDING_CATEGORY_VERSION, \
    sc_inspection *: SC_INSPECTION_VERSION, \
    sc_finding *: SC_FINDING_VERSION, \
    sc_sanction *: SC_SANCTION_VERSION, \
    sc_credit_model *: SC_CREDIT_MODEL_VERSION, \
    sc_credit_score *: SC_CREDIT_SCORE_VERSION, \
    sc_report_row *: SC_REPORT_ROW_VERSION, \
    sc_import_result *: SC_IMPORT_RESULT_VERSION)

/* The body of a method returning a plain structure filled by CALL (which
   names `out`; `db` is the open registry). */
#define SCW_GET(TYPE, CALL) \
    TYPE out; \
    sc_db *db; \
    memset(&out, 0, sizeof out); \
    out.version = SCW_VERSION_OF(&out); \
    db = scw_db_get(self); \
    if (!db) return out; \
    scw_check(CALL); \
    return out

%}

/* ---- An iterator class: WTYPE over ITEM (a plain structure) ---------------
 * ITEMCLASS is ITEM's class name in the target language. */
%define SCW_ITERATOR(WTYPE, CLASSNAME, ITEM, ITEMCLASS, NEXTFN, FREEFN)
SCW_LANG_ITERATOR(WTYPE, ITEMCLASS)
%rename(CLASSNAME) WTYPE;
%nodefaultctor WTYPE;
struct WTYPE {};
%newobject WTYPE::next_item;
%extend WTYPE {
    ~WTYPE() {
        FREEFN($self->it);
        free($self);
    }

    /** The next item, or None/null at the end (the C iterator is then freed
       at once, releasing the database). */
    ITEM *next_item() {
        ITEM *item;
        if (!$self->it) return NULL;
        item = (ITEM *)scw_alloc_item(sizeof *item);
        if (!item) return NULL;
        item->version = SCW_VERSION_OF(item);
        if (scw_check(NEXTFN(item, $self->it)) < 0) {
            free(item);
            FREEFN($self->it);
            $self->it = NULL;
            return NULL;
        }
        return item;
    }

    /** End the iteration early. Idempotent. */
    void close() {
        FREEFN($self->it);
        $self->it = NULL;
    }
}
%enddef

/* ---- Value classes: the headers' plain structures, read-only ------------- */
%rename(District) sc_district;
%rename(CreditCodeResult) sc_credit_code_result;
%rename(Org) sc_org;
%rename(Filing) sc_filing;
%rename(FilingStep) sc_filing_step;
%rename(Staff) sc_staff;
%rename(SpecialRules) sc_special_rules;
%rename(AuthzAction) sc_authz_action;
%rename(AuditEntry) sc_audit_entry;
%rename(AuditResult) sc_audit_result;
%nodefaultctor sc_district;
%nodefaultctor sc_credit_code_result;
%nodefaultctor sc_org;
%nodefaultctor sc_filing;
%nodefaultctor sc_filing_step;
%nodefaultctor sc_staff;
%nodefaultctor sc_special_rules;
%nodefaultctor sc_authz_action;
%nodefaultctor sc_audit_entry;
%nodefaultctor sc_audit_result;
%ignore sc_offering_item;
%ignore SC_AUTHZ_KIND_BIT;

%immutable;
/* Query structures: the methods take the filters as arguments. */
%ignore sc_org_query;
%ignore SC_ORG_QUERY_VERSION;
%ignore SC_ORG_QUERY_INIT;
%ignore sc_staff_query;
%ignore SC_STAFF_QUERY_VERSION;
%ignore SC_STAFF_QUERY_INIT;
%ignore sc_audit_query;
%ignore SC_AUDIT_QUERY_VERSION;
%ignore SC_AUDIT_QUERY_INIT;
%include "skillcert/district.h"
%include "skillcert/org.h"
%include "skillcert/authz.h"
%include "skillcert/audit.h"
%mutable;

/* ---- Offerings ---------------------------------------------------------------- */
%rename(Offerings) scw_offerings;
typedef struct {} scw_offerings;
typedef scw_offerings scw_scope;

%extend scw_offerings {
    /** An empty list. */
    scw_offerings() {
        sc_offerings *s = NULL;
        scw_check(sc_offerings_new(&s));
        return s;
    }
    ~scw_offerings() { sc_offerings_free($self); }

    /** Add (occupation, work type or None when undivided, level 1-5). */
    scw_status add(const char *occupation, const char *work_type, int level) {
        return scw_check(sc_offerings_add($self, occupation, work_type, level));
    }
    /** Add "CODE[/WORK-TYPE]:LEVELS", e.g. "4-02-07-10:5,4". */
    scw_status add_text(const char *text) {
        return scw_check(sc_offerings_add_text($self, text));
    }
    size_t count() { return sc_offerings_count($self); }

    /** The parts of item i (0 <= i < count()). */
    char *occupation_at(size_t i) {
        sc_offering_item item = SC_OFFERING_ITEM_INIT;
        if (scw_check(sc_offerings_get(&item, $self, i)) < 0) return NULL;
        return scw_strdup(item.occupation);
    }
    /** None/null when undivided. */
    char *work_type_at(size_t i) {
        sc_offering_item item = SC_OFFERING_ITEM_INIT;
        if (scw_check(sc_offerings_get(&item, $self, i)) < 0) return NULL;
        return item.work_type[0] ? scw_strdup(item.work_type) : NULL;
    }
    int level_at(size_t i) {
        sc_offering_item item = SC_OFFERING_ITEM_INIT;
        if (scw_check(sc_offerings_get(&item, $self, i)) < 0) return 0;
        return item.level;
    }
}
%typemap(newfree) char *occupation_at, char *work_type_at "free($1);";
%newobject scw_offerings::occupation_at;
%newobject scw_offerings::work_type_at;

/* ---- Iterators ------------------------------------------------------------------ */
SCW_ITERATOR(scw_district_iter, DistrictIterator, sc_district, District,
             sc_district_iter_next, sc_district_iter_free)
SCW_ITERATOR(scw_org_iter, OrgIterator, sc_org, Org, sc_org_iter_next, sc_org_iter_free)
SCW_ITERATOR(scw_filing_iter, FilingIterator, sc_filing, Filing,
             sc_filing_iter_next, sc_filing_iter_free)
SCW_ITERATOR(scw_filing_step_iter, FilingStepIterator, sc_filing_step, FilingStep,
             sc_filing_step_iter_next, sc_filing_step_iter_free)
SCW_ITERATOR(scw_staff_iter, StaffIterator, sc_staff, Staff, sc_staff_iter_next, sc_staff_iter_free)
SCW_ITERATOR(scw_audit_iter, AuditIterator, sc_audit_entry, AuditEntry,
             sc_audit_iter_next, sc_audit_iter_free)

/* ---- Database: districts, organizations, authz, audit ------------------------------- */
%newobject scw_database::districts;
%newobject scw_database::organizations;
%newobject scw_database::directory;
%newobject scw_database::filings;
%newobject scw_database::filing_steps;
%newobject scw_database::staff;
%newobject scw_database::audit_entries;
%newobject scw_database::org_scope;
%newobject scw_database::filing_scope;
%newobject scw_database::staff_qualifications;
SCW_LANG_CHILD(scw_database::districts)
SCW_LANG_CHILD(scw_database::organizations)
SCW_LANG_CHILD(scw_database::directory)
SCW_LANG_CHILD(scw_database::filings)
SCW_LANG_CHILD(scw_database::filing_steps)
SCW_LANG_CHILD(scw_database::staff)
SCW_LANG_CHILD(scw_database::audit_entries)
SCW_LANG_TAKES_OFFERINGS(scw_database::org_apply, scope)
SCW_LANG_TAKES_OFFERINGS(scw_database::org_apply_addition, scope)
SCW_LANG_TAKES_OFFERINGS(scw_database::org_evaluate, granted)
SCW_LANG_TAKES_OFFERINGS(scw_database::staff_add, qualifications)
SCW_LANG_RETURNS_SCOPE(scw_database::org_scope)
SCW_LANG_RETURNS_SCOPE(scw_database::filing_scope)
SCW_LANG_RETURNS_SCOPE(scw_database::staff_qualifications)

%extend scw_database {
    /* -- districts -- */

    /** A district by code ("110108", "110115-BDA"), old code or Chinese name. */
    sc_district district_lookup(const char *code) {
        SCW_GET(sc_district, sc_district_lookup(&out, db, code));
    }

    /** The 17 district-level units. */
    scw_district_iter *districts() {
        sc_district_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_district_iter_new(&it, db)) < 0) return NULL;
        SCW_RETURN_ITER(scw_district_iter, sc_district_iter_free, it);
    }

    /* -- organizations: registration and the filing workflow -- */

    /** Self-registration (the actor is the organization); kind an ORG_* code;
       flags 0, CREDIT_CODE_ALLOW_LEGACY, CREDIT_CODE_STRICT. */
    scw_status org_register(const scw_actor *actor, const char *credit_code, const char *name,
                            scw_org_kind kind, const char *district, const char *date = NULL,
                            int flags = 0) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_register(db, actor, credit_code, name, kind, district, date,
                                         (unsigned int)flags));
    }

    /** Publish management rules and fees (None keeps the published value). */
    scw_status org_publish(const scw_actor *actor, const char *credit_code, const char *rules,
                           const char *fees, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_publish(db, actor, credit_code, rules, fees, date));
    }

    /** Apply for filing with the requested scope (APPLIED). */
    scw_status org_apply(const scw_actor *actor, const char *credit_code,
                         const scw_offerings *scope, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_apply(db, actor, credit_code, scope, date));
    }

    /** Apply for added scope (增项). */
    scw_status org_apply_addition(const scw_actor *actor, const char *credit_code,
                                  const scw_offerings *scope, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_apply_addition(db, actor, credit_code, scope, date));
    }

    /** The own district recommends (RECOMMENDED). */
    scw_status org_recommend(const scw_actor *actor, const char *credit_code,
                             const char *date = NULL, const char *note = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_recommend(db, actor, credit_code, date, note));
    }

    /** The city centre's evaluation (EVALUATED); granted None grants all requested. */
    scw_status org_evaluate(const scw_actor *actor, const char *credit_code,
                            const scw_offerings *granted = NULL, int methods = SC_EVAL_ALL,
                            const char *date = NULL, const char *note = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_evaluate(db, actor, credit_code, granted, (unsigned int)methods,
                                         date, note));
    }

    /** Public notice (NOTICED). */
    scw_status org_notice(const scw_actor *actor, const char *credit_code,
                          const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_notice(db, actor, credit_code, date));
    }

    /** Filing and receipt (FILED). */
    scw_status org_file(const scw_actor *actor, const char *credit_code, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_file(db, actor, credit_code, date));
    }

    /** Commitment letter (ACTIVE). */
    scw_status org_commit(const scw_actor *actor, const char *credit_code,
                          const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_commit(db, actor, credit_code, date));
    }

    /** Reject the application in progress. */
    scw_status org_reject(const scw_actor *actor, const char *credit_code, const char *reason,
                          const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_reject(db, actor, credit_code, reason, date));
    }

    /** Take the organization out of the directory from date on. */
    scw_status org_exit(const scw_actor *actor, const char *credit_code, const char *reason,
                        const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_exit(db, actor, credit_code, reason, date));
    }

    /* -- organizations: questions -- */

    /** An organization and its standing on date (None: today). */
    sc_org org_get(const char *credit_code, const char *date = NULL) {
        SCW_GET(sc_org, sc_org_get(&out, db, credit_code, date));
    }

    /** Its scope on date: the granted offerings of every filing in force. */
    scw_scope *org_scope(const char *credit_code, const char *date = NULL) {
        sc_offerings *s = NULL;
        SCW_DB(db, $self, NULL);
        scw_check(sc_org_scope_get(&s, db, credit_code, date));
        return s;
    }

    /** May the organization certify (occupation, work type or None, level) on
       date? venue: a district or None; path: PATH_NORMAL, PATH_EXCEPTIONAL,
       PATH_DIRECT. An unknown organization, occupation or work type is not
       found (NotFoundError), not a verdict. */
    scw_verdict may_certify(const char *credit_code, const char *occupation,
                            const char *work_type, int level, const char *date = NULL,
                            const char *venue = NULL, int path = 0) {
        scw_verdict v;
        sc_verdict cv = SC_VERDICT_INIT;
        sc_db *db;
        memset(&v, 0, sizeof v);
        cv = (sc_verdict)SC_VERDICT_INIT;
        db = scw_db_get($self);
        if (!db) return v;
        if (scw_check(sc_org_may_certify(&cv, db, credit_code, occupation, work_type, level,
                                         date, venue, path)) < 0)
            return v;
        return scw_verdict_from(&cv);
    }

    /** Every organization (of a district, or all), with its standing on date. */
    scw_org_iter *organizations(const char *district = NULL, const char *date = NULL) {
        sc_org_query q = SC_ORG_QUERY_INIT;
        sc_org_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.district = district;
        q.date = date;
        if (scw_check(sc_org_iter_new(&it, db, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_org_iter, sc_org_iter_free, it);
    }

    /** The published directory (评价机构目录) on date. */
    scw_org_iter *directory(const char *date = NULL) {
        sc_org_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_directory_iter_new(&it, db, date)) < 0) return NULL;
        SCW_RETURN_ITER(scw_org_iter, sc_org_iter_free, it);
    }

    /* -- filings -- */

    /** One filing by id. */
    sc_filing filing_get(int64_t id) {
        SCW_GET(sc_filing, sc_filing_get(&out, db, id));
    }

    /** Every filing of an organization, oldest first. */
    scw_filing_iter *filings(const char *credit_code) {
        sc_filing_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_filing_iter_new(&it, db, credit_code)) < 0) return NULL;
        SCW_RETURN_ITER(scw_filing_iter, sc_filing_iter_free, it);
    }

    /** The steps of a filing in the order taken. */
    scw_filing_step_iter *filing_steps(int64_t filing_id) {
        sc_filing_step_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_filing_step_iter_new(&it, db, filing_id)) < 0) return NULL;
        SCW_RETURN_ITER(scw_filing_step_iter, sc_filing_step_iter_free, it);
    }

    /** A filing's granted scope (granted true) or requested scope. */
    scw_scope *filing_scope(int64_t filing_id, bool granted = true) {
        sc_offerings *s = NULL;
        SCW_DB(db, $self, NULL);
        scw_check(sc_filing_scope_get(&s, db, filing_id, granted ? 1 : 0));
        return s;
    }

    /* -- staff -- */

    /** Add a staff member (role a STAFF_* code) qualified for offerings. */
    scw_status staff_add(const scw_actor *actor, const char *credit_code, const char *person_id,
                         const char *name, int role, const scw_offerings *qualifications = NULL,
                         const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_staff_add(db, actor, credit_code, person_id, name, role,
                                      qualifications, date));
    }

    /** A staff member leaves a role from date on. */
    scw_status staff_remove(const scw_actor *actor, const char *credit_code,
                            const char *person_id, int role, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_staff_remove(db, actor, credit_code, person_id, role, date));
    }

    /** An organization's staff (on date, or everyone ever recorded for None). */
    scw_staff_iter *staff(const char *credit_code, const char *date = NULL) {
        sc_staff_query q = SC_STAFF_QUERY_INIT;
        sc_staff_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.date = date;
        if (scw_check(sc_staff_iter_new(&it, db, credit_code, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_staff_iter, sc_staff_iter_free, it);
    }

    /** The offerings a staff member is qualified for. */
    scw_scope *staff_qualifications(const char *credit_code, const char *person_id, int role) {
        sc_offerings *s = NULL;
        SCW_DB(db, $self, NULL);
        scw_check(sc_staff_qualifications_get(&s, db, credit_code, person_id, role));
        return s;
    }

    /* -- special-path rules -- */

    /** The organization submits its rules for PATH_EXCEPTIONAL or PATH_DIRECT. */
    scw_status rules_submit(const scw_actor *actor, const char *credit_code, int path,
                            const char *text, const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_rules_submit(db, actor, credit_code, path, text, date));
    }

    /** Its district bureau or the city bureau confirms the latest rules. */
    scw_status rules_confirm(const scw_actor *actor, const char *credit_code, int path,
                             const char *date = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_org_rules_confirm(db, actor, credit_code, path, date));
    }

    /** The latest submitted rules for a path. */
    sc_special_rules rules_get(const char *credit_code, int path) {
        SCW_GET(sc_special_rules, sc_org_rules_get(&out, db, credit_code, path));
    }

    /** CONFIRMED_EXCEPTIONAL | CONFIRMED_DIRECT: the paths usable on date. */
    int rules_confirmed(const char *credit_code, const char *date = NULL) {
        unsigned int out = 0;
        SCW_DB(db, $self, 0);
        scw_check(sc_org_rules_confirmed_get(&out, db, credit_code, date));
        return (int)out;
    }

    /* -- authorization -- */

    /** Would actor be allowed action `name` (e.g. "org.recommend") on subject?
       Raises DeniedError when not. */
    scw_status authz_check(const scw_actor *actor, const char *name,
                           const char *subject = NULL) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_authz_check(db, actor, name, subject));
    }

    /* -- audit trail -- */

    /** Check the whole hash chain; the result names the first bad entry. */
    sc_audit_result audit_verify() {
        SCW_GET(sc_audit_result, sc_audit_verify(&out, db));
    }

    /** The trail in seq order, optionally of one entity ("org") and id. */
    scw_audit_iter *audit_entries(const char *entity = NULL, const char *entity_id = NULL) {
        sc_audit_query q = SC_AUDIT_QUERY_INIT;
        sc_audit_iter *it = NULL;
        SCW_DB(db, $self, NULL);
        q.entity = entity;
        q.entity_id = entity_id;
        if (scw_check(sc_audit_iter_new(&it, db, &q)) < 0) return NULL;
        SCW_RETURN_ITER(scw_audit_iter, sc_audit_iter_free, it);
    }
}

/* ---- Module functions --------------------------------------------------------------- */
%{
static sc_credit_code_result credit_code_validate(const char *code, int flags)
{
    sc_credit_code_result r = SC_CREDIT_CODE_RESULT_INIT;
    scw_check(sc_credit_code_validate(&r, code, (unsigned int)flags));
    return r;
}

static char *credit_code_check_char(const char *code)
{
    char buf[2];
    int c = scw_check(sc_credit_code_check_char(code));
    if (c < 0) return NULL;
    scw_rc = SC_OK;
    buf[0] = (char)c;
    buf[1] = '\0';
    return scw_strdup(buf);
}

static const char *org_kind_name(int kind) { return sc_org_kind_name(kind); }
static const char *org_kind_name_zh(int kind) { return sc_org_kind_name_zh(kind); }
static const char *filing_status_name(int status) { return sc_filing_status_name(status); }
static const char *staff_role_name(int role) { return sc_staff_role_name(role); }
static const char *staff_role_name_zh(int role) { return sc_staff_role_name_zh(role); }
static const char *audit_problem_name(int problem) { return sc_audit_problem_name(problem); }

static int org_kind_parse(const char *text)
{
    int out = 0;
    scw_check(sc_org_kind_parse(&out, text));
    return out;
}

static int staff_role_parse(const char *text)
{
    int out = 0;
    scw_check(sc_staff_role_parse(&out, text));
    return out;
}

static size_t authz_action_count(void) { return sc_authz_action_count(); }

static sc_authz_action authz_action_get(size_t i)
{
    sc_authz_action a = SC_AUTHZ_ACTION_INIT;
    scw_check(sc_authz_action_get(&a, i));
    return a;
}

static sc_authz_action authz_action_lookup(const char *name)
{
    sc_authz_action a = SC_AUTHZ_ACTION_INIT;
    scw_check(sc_authz_action_lookup(&a, name));
    return a;
}
%}

%typemap(newfree) char *credit_code_check_char "free($1);";
%newobject credit_code_check_char;

/** Validate a Unified Social Credit Code (GB 32100); flags 0,
   CREDIT_CODE_ALLOW_LEGACY, CREDIT_CODE_STRICT. Never raises for a bad code:
   see .valid and .message. */
sc_credit_code_result credit_code_validate(const char *code, int flags = 0);
/** The check character of a credit code from its first 17 characters. */
char *credit_code_check_char(const char *code);
/** "enterprise", ...; None/null if unknown. */
const char *org_kind_name(scw_org_kind kind);
/** "企业", ...; None/null if unknown. */
const char *org_kind_name_zh(scw_org_kind kind);
/** An ORG_* code from an English or Chinese name or number. */
int org_kind_parse(const char *text);
/** "applied", ..., "expired"; None/null if unknown. */
const char *filing_status_name(scw_filing_status status);
/** "manager", "examiner", ...; None/null if unknown. */
const char *staff_role_name(int role);
/** "管理人员", ...; None/null if unknown. */
const char *staff_role_name_zh(int role);
/** A STAFF_* code from an English or Chinese name or number. */
int staff_role_parse(const char *text);
/** "intact", "edited", "removed", "reordered". */
const char *audit_problem_name(int problem);
/** Number of entries in the action table. */
size_t authz_action_count(void);
/** Entry i of the action table. */
sc_authz_action authz_action_get(size_t i);
/** The entry of an action name ("org.recommend"). */
sc_authz_action authz_action_lookup(const char *name);
