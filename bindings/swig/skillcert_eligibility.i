/*
 * skillcert_eligibility.i -- candidates and eligibility (candidate.h,
 * eligibility.h). Included at the end of bindings/swig/skillcert.i.
 *
 * Classes:
 *     ResidentId   the parts of a resident ID number (a value)
 *     Candidate    a candidate's record, built in memory (sc_candidate)
 *     Ruleset      the eligibility rules in force on a date (sc_ruleset)
 *     Decision     the answer of Ruleset.decide(): eligible, reason, message,
 *                  matched condition, clause cited, and one explanation per
 *                  condition (sc_decision)
 */

%{
typedef sc_candidate scw_candidate;
typedef sc_ruleset scw_ruleset;
typedef sc_decision scw_decision;
%}

%rename(ResidentId) sc_resident_id;
%nodefaultctor sc_resident_id;

%immutable;
%include "skillcert/candidate.h"
%include "skillcert/eligibility.h"
%mutable;

/* ---- Candidate ------------------------------------------------------------------ */
%rename(Candidate) scw_candidate;
%nodefaultctor scw_candidate;
typedef struct {} scw_candidate;

%extend scw_candidate {
    /** A new record for a resident ID number (checked and normalised). */
    scw_candidate(const char *id_number, const char *name) {
        sc_candidate *c = NULL;
        scw_check(sc_candidate_new(&c, id_number, name));
        return c;
    }
    ~scw_candidate() { sc_candidate_free($self); }

    /** Education: kind an EDUCATION_* code, flags EDUCATION_RELATED |
       EDUCATION_EVALUATED | EDUCATION_FINAL_YEAR, graduated "YYYY-MM-DD". */
    scw_status add_education(scw_education_kind kind, const char *major = NULL, int flags = 0,
                             const char *graduated = NULL) {
        return scw_check(sc_candidate_add_education($self, kind, major, (unsigned int)flags,
                                                    graduated));
    }
    /** A period of work in an occupation; end None: ongoing. */
    scw_status add_work(const char *occupation, const char *start, const char *end = NULL) {
        return scw_check(sc_candidate_add_work($self, occupation, start, end));
    }
    /** A certificate held: kind a CERT_KIND_* code. */
    scw_status add_certificate(scw_cert_kind kind, const char *occupation, const char *work_type,
                               int level, const char *issued, const char *number = NULL) {
        return scw_check(sc_candidate_add_certificate($self, kind, occupation, work_type, level,
                                                      issued, number));
    }
    /** A completed apprenticeship (学徒期满). */
    scw_status set_apprenticeship(const char *occupation, const char *completed) {
        return scw_check(sc_candidate_set_apprenticeship($self, occupation, completed));
    }
    /** Evidence: kind an EVIDENCE_* code; grade a SCOPE_* code or a level. */
    scw_status add_evidence(scw_evidence_kind kind, const char *occupation = NULL, int grade = 0,
                            const char *date = NULL, const char *description = NULL) {
        return scw_check(sc_candidate_add_evidence($self, kind, occupation, grade, date,
                                                   description));
    }

    const char *id_number() { return sc_candidate_id_number($self); }
    const char *name() { return sc_candidate_name($self); }
    const char *birth_date() { return sc_candidate_birth_date($self); }
    /** SEX_MALE or SEX_FEMALE. */
    int sex() { return sc_candidate_sex($self); }

    size_t education_count() { return sc_candidate_education_count($self); }
    int education_kind(size_t i) { return sc_candidate_education_kind($self, i); }
    const char *education_major(size_t i) { return sc_candidate_education_major($self, i); }
    int education_flags(size_t i) { return (int)sc_candidate_education_flags($self, i); }
    const char *education_graduated(size_t i) { return sc_candidate_education_graduated($self, i); }

    size_t work_count() { return sc_candidate_work_count($self); }
    const char *work_occupation(size_t i) { return sc_candidate_work_occupation($self, i); }
    const char *work_start(size_t i) { return sc_candidate_work_from($self, i); }
    const char *work_end(size_t i) { return sc_candidate_work_to($self, i); }

    size_t certificate_count() { return sc_candidate_certificate_count($self); }
    int certificate_kind(size_t i) { return sc_candidate_certificate_kind($self, i); }
    const char *certificate_occupation(size_t i) { return sc_candidate_certificate_occupation($self, i); }
    const char *certificate_work_type(size_t i) { return sc_candidate_certificate_work_type($self, i); }
    int certificate_level(size_t i) { return sc_candidate_certificate_level($self, i); }
    const char *certificate_issued(size_t i) { return sc_candidate_certificate_issued($self, i); }
    const char *certificate_number(size_t i) { return sc_candidate_certificate_number($self, i); }

    const char *apprenticeship_occupation() { return sc_candidate_apprenticeship_occupation($self); }
    const char *apprenticeship_completed() { return sc_candidate_apprenticeship_completed($self); }

    size_t evidence_count() { return sc_candidate_evidence_count($self); }
    int evidence_kind(size_t i) { return sc_candidate_evidence_kind($self, i); }
    const char *evidence_occupation(size_t i) { return sc_candidate_evidence_occupation($self, i); }
    int evidence_grade(size_t i) { return sc_candidate_evidence_grade($self, i); }
    const char *evidence_date(size_t i) { return sc_candidate_evidence_date($self, i); }
    const char *evidence_description(size_t i) { return sc_candidate_evidence_description($self, i); }
}

/* ---- Decision ------------------------------------------------------------------- */
%rename(Decision) scw_decision;
%nodefaultctor scw_decision;
typedef struct {} scw_decision;

%extend scw_decision {
    ~scw_decision() { sc_decision_free($self); }

    bool eligible() { return sc_decision_eligible($self) != 0; }
    /** REASON_NONE when eligible, else a REASON_* code. */
    int reason() { return sc_decision_reason($self); }
    /** The explanation as a whole. */
    const char *message() { return sc_decision_message($self); }
    /** The id of the condition met ("L4-a"); None/null when not eligible. */
    const char *matched() { return sc_decision_matched($self); }
    /** The clause of the standard cited. */
    const char *clause() { return sc_decision_clause($self); }
    /** The rule set applied ("template-2018"). */
    const char *rules() { return sc_decision_rules($self); }
    const char *standard() { return sc_decision_standard($self); }

    size_t condition_count() { return sc_decision_condition_count($self); }
    const char *condition_id(size_t i) { return sc_decision_condition_id($self, i); }
    const char *condition_clause(size_t i) { return sc_decision_condition_clause($self, i); }
    bool condition_met(size_t i) { return sc_decision_condition_met($self, i) != 0; }
    /** "met: ..." or what is missing ("needs 4 years ...; has 3 years 11 months"). */
    const char *condition_message(size_t i) { return sc_decision_condition_message($self, i); }
}

/* ---- Ruleset -------------------------------------------------------------------- */
%rename(Ruleset) scw_ruleset;
%nodefaultctor scw_ruleset;
typedef struct {} scw_ruleset;
%newobject scw_ruleset::decide;
%newobject scw_ruleset::condition_text;

%extend scw_ruleset {
    ~scw_ruleset() { sc_ruleset_free($self); }

    /** The date it was loaded for. */
    const char *date() { return sc_ruleset_date($self); }
    /** Number of rule sets in force. */
    size_t count() { return sc_ruleset_count($self); }
    const char *name_at(size_t i) { return sc_ruleset_name($self, i); }
    /** None/null for the template. */
    const char *occupation_at(size_t i) { return sc_ruleset_occupation($self, i); }
    const char *standard_at(size_t i) { return sc_ruleset_standard($self, i); }
    const char *effective_at(size_t i) { return sc_ruleset_effective($self, i); }
    size_t condition_count(size_t i) { return sc_ruleset_condition_count($self, i); }
    const char *condition_id(size_t i, size_t j) { return sc_ruleset_condition_id($self, i, j); }
    int condition_level(size_t i, size_t j) { return sc_ruleset_condition_level($self, i, j); }
    const char *condition_clause(size_t i, size_t j) { return sc_ruleset_condition_clause($self, i, j); }
    /** Condition j of rule set i in words. */
    char *condition_text(size_t i, size_t j) {
        char *out = NULL;
        if (scw_check(sc_ruleset_condition_text(&out, $self, i, j)) < 0) {
            sc_free(out);
            return NULL;
        }
        return out;
    }

    /** Decide whether the candidate may apply for (occupation, work type or
       None, level) on as_of (None: today, UTC). path: PATH_*;
       confirmed: CONFIRMED_* paths of the organization. */
    scw_decision *decide(const scw_candidate *candidate, const char *occupation,
                         const char *work_type, int level, int path = 0, int confirmed = 0,
                         const char *as_of = NULL) {
        sc_decision *d = NULL;
        if (scw_check(sc_decision_new(&d)) < 0) return NULL;
        if (scw_check(sc_eligibility_decide(d, $self, candidate, occupation, work_type, level,
                                            path, (unsigned int)confirmed, as_of)) < 0) {
            sc_decision_free(d);
            return NULL;
        }
        return d;
    }
}

/* ---- Database: candidates and rules -------------------------------------------- */
%newobject scw_database::candidate_load;
%newobject scw_database::ruleset;
%newobject scw_database::eligibility_check;

%extend scw_database {
    /** Store a candidate's record (the candidate or the city centre). */
    scw_status candidate_save(const scw_actor *actor, const scw_candidate *candidate) {
        SCW_DB(db, $self, scw_rc);
        return scw_check(sc_candidate_save(db, actor, candidate));
    }

    /** A stored record by resident ID number. */
    scw_candidate *candidate_load(const char *id_number) {
        sc_candidate *c = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_candidate_load(&c, db, id_number)) < 0) {
            sc_candidate_free(c);
            return NULL;
        }
        return c;
    }

    /** Import the library's own eligibility rules (the city bureau). */
    scw_import_result eligibility_load_defaults(const scw_actor *actor) {
        sc_import_result r = SC_IMPORT_RESULT_INIT;
        scw_import_result out;
        sc_db *db;
        r = (sc_import_result)SC_IMPORT_RESULT_INIT;
        memset(&out, 0, sizeof out);
        db = scw_db_get($self);
        if (!db) return out;
        if (scw_check(sc_eligibility_load_defaults(&r, db, actor)) < 0) return out;
        return scw_import_result_from(&r);
    }

    /** Is the stored candidate id_number eligible for (occupation, work type
       or None, level) on as_of (None: today)? The registry's rules, the
       catalog (an offering not certifiable that day is not eligible, with its
       reason) and the special paths whose rules the organization credit_code
       has confirmed (None: none). Raises NotFoundError for an unknown
       candidate or organization. */
    scw_decision *eligibility_check(const char *id_number, const char *occupation,
                                    const char *work_type, int level, int path = 0,
                                    const char *credit_code = NULL, const char *as_of = NULL) {
        sc_decision *d = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_decision_new(&d)) < 0) return NULL;
        if (scw_check(sc_eligibility_check(d, db, id_number, credit_code, occupation, work_type,
                                           level, path, as_of)) < 0) {
            sc_decision_free(d);
            return NULL;
        }
        return d;
    }

    /** The rules in force on date (None: today), compiled for decisions. */
    scw_ruleset *ruleset(const char *date = NULL) {
        sc_ruleset *rs = NULL;
        SCW_DB(db, $self, NULL);
        if (scw_check(sc_ruleset_load(&rs, db, date)) < 0) {
            sc_ruleset_free(rs);
            return NULL;
        }
        return rs;
    }
}

/* ---- Module functions ------------------------------------------------------------ */
%{
static sc_resident_id resident_id_parse(const char *text)
{
    sc_resident_id r = SC_RESIDENT_ID_INIT;
    scw_check(sc_resident_id_parse(&r, text));
    return r;
}

static char *resident_id_normalize(const char *text)
{
    char *out = NULL;
    if (scw_check(sc_resident_id_normalize(&out, text)) < 0) {
        sc_free(out);
        return NULL;
    }
    return out;
}

static const char *path_name(int path) { return sc_path_name(path); }
static const char *education_kind_name(int kind) { return sc_education_kind_name(kind); }
static const char *education_kind_name_zh(int kind) { return sc_education_kind_name_zh(kind); }
static const char *cert_kind_name(int kind) { return sc_cert_kind_name(kind); }
static const char *evidence_kind_name(int kind) { return sc_evidence_kind_name(kind); }
static const char *scope_name(int scope) { return sc_scope_name(scope); }

#define SCW_PARSER(NAME, FN) \
    static int NAME(const char *text) \
    { \
        int out = 0; \
        scw_check(FN(&out, text)); \
        return out; \
    }
SCW_PARSER(path_parse, sc_path_parse)
SCW_PARSER(education_kind_parse, sc_education_kind_parse)
SCW_PARSER(cert_kind_parse, sc_cert_kind_parse)
SCW_PARSER(evidence_kind_parse, sc_evidence_kind_parse)
SCW_PARSER(scope_parse, sc_scope_parse)
%}

%newobject resident_id_normalize;

/** The parts of a resident ID number (GB 11643); raises ValidationError. */
sc_resident_id resident_id_parse(const char *text);
/** The number checked and normalised (upper-case X). */
char *resident_id_normalize(const char *text);
/** "normal", "exceptional", "direct". */
const char *path_name(int path);
/** A PATH_* code from its name. */
int path_parse(const char *text);
const char *education_kind_name(scw_education_kind kind);
const char *education_kind_name_zh(scw_education_kind kind);
int education_kind_parse(const char *text);
const char *cert_kind_name(scw_cert_kind kind);
int cert_kind_parse(const char *text);
const char *evidence_kind_name(scw_evidence_kind kind);
int evidence_kind_parse(const char *text);
const char *scope_name(int scope);
int scope_parse(const char *text);
