/**
 * @file skillcert/candidate.h
 * @brief Candidates (考生): the resident ID number, and the record an
 *        eligibility decision is made on.
 *
 * A candidate is identified by the 18-digit resident ID number (公民身份号码,
 * GB 11643-1999) with its ISO 7064 MOD 11-2 check character; the number also
 * gives the birth date and the sex.
 *
 * The record (::sc_candidate) is built in memory and holds what the national
 * occupational skill standards ask about (申报条件): education, work history
 * by occupation, certificates held, apprenticeship, and evidence (awards,
 * competition results, training, service, and the evidence for the
 * exceptional and direct-certification paths). The eligibility engine
 * (skillcert/eligibility.h) decides on it without touching the registry.
 * sc_candidate_save() and sc_candidate_load() keep it in the registry.
 *
 * Dates are "YYYY-MM-DD". Occupation codes are accepted in any form
 * sc_occupation_code_normalize() accepts and kept in ASCII "D-DD-DD-DD".
 *
 * Thread-safety: a record may be read from several threads at once (for
 * example by concurrent decisions); changing it needs exclusive access.
 */
#ifndef SKILLCERT_CANDIDATE_H
#define SKILLCERT_CANDIDATE_H

#include "common.h"
#include "db.h"
#include "roles.h"

SC_BEGIN_DECL

/* ---- Resident ID numbers ----------------------------------------------- */

/** Sex as coded in GB/T 2261.1 (and by the ID's 17th digit: odd male, even female). */
typedef enum {
    SC_SEX_MALE = 1,
    SC_SEX_FEMALE = 2
} sc_sex;

/** A resident ID number taken apart. A plain value owned by the caller. */
typedef struct sc_resident_id {
    unsigned int version;  /**< SC_RESIDENT_ID_VERSION, first: set by the caller through
                                 SC_RESIDENT_ID_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char number[19];      /**< the 18 characters, check character 'X' in upper case */
    char area[7];         /**< address code (GB/T 2260), positions 1–6 */
    char birth_date[11];  /**< "YYYY-MM-DD", positions 7–14 */
    int sex;              /**< ::sc_sex, from position 17 */
} sc_resident_id;

/** The version of ::sc_resident_id this library fills (its `version` member). */
#define SC_RESIDENT_ID_VERSION 1u
/** An ::sc_resident_id ready to hand to a filler: its version set, the rest zero. */
#define SC_RESIDENT_ID_INIT { .version = SC_RESIDENT_ID_VERSION }

/**
 * Check an 18-digit resident ID number (GB 11643-1999) and take it apart.
 *
 * Accepted: 17 digits and a check character, which is a digit or 'X'; a
 * lower-case 'x' is accepted and normalised; blanks around the number are
 * ignored. Checked: the length, the characters, the birth date (a real
 * calendar date, 1900 or later) and the ISO 7064 MOD 11-2 check character.
 * The 15-digit first-generation numbers (GB 11643-1989) are refused.
 *
 * @param[out] out  the parts; zeroed on failure.
 * @param text      the number as given.
 * @return ::SC_OK; ::SC_EINVAL (NULL, wrong length, a non-digit, a bad date,
 *         a wrong check character: the message says which and, for the check
 *         character, what it should be).
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_resident_id_parse(sc_resident_id *out, const char *text);

/**
 * Check a resident ID number and return it normalised (upper-case 'X').
 * @param[out] out  the 18-character number; caller frees with sc_free(). NULL on failure.
 * @param text      the number as given.
 * @return ::SC_OK; ::SC_EINVAL (as sc_resident_id_parse()); ::SC_ENOMEM.
 * Thread-safe. @since 0.1
 */
SC_EXTERN int sc_resident_id_normalize(char **out, const char *text);

/* ---- Kinds ----------------------------------------------------------------- */

/** Kinds of education (学历) that standards name. Values are stable. */
typedef enum {
    SC_EDUCATION_TECHNICAL_SCHOOL = 1,        /**< "technical-school" 技工学校 */
    SC_EDUCATION_SENIOR_TECHNICAL_SCHOOL = 2, /**< "senior-technical-school" 高级技工学校 */
    SC_EDUCATION_TECHNICIAN_COLLEGE = 3,      /**< "technician-college" 技师学院 */
    SC_EDUCATION_SECONDARY_VOCATIONAL = 4,    /**< "secondary-vocational" 中等职业学校 */
    SC_EDUCATION_HIGHER_VOCATIONAL = 5,       /**< "higher-vocational" 高等职业学校 */
    SC_EDUCATION_JUNIOR_COLLEGE = 6,          /**< "junior-college" 大专 */
    SC_EDUCATION_BACHELOR = 7                 /**< "bachelor" 本科及以上 */
} sc_education_kind;

/** Flags of an education record. */
#define SC_EDUCATION_RELATED    0x1u /**< the major is this or a related one (本专业或相关专业) */
#define SC_EDUCATION_EVALUATED  0x2u /**< the programme was evaluated as training for a skill
                                          level (经评估论证、以中级/高级技能为培养目标) */
#define SC_EDUCATION_FINAL_YEAR 0x4u /**< still a final-year student (在校应届毕业生) */

/** Kinds of certificate held. Values are stable. */
typedef enum {
    SC_CERT_KIND_SKILL_LEVEL = 1,    /**< "skill-level" 职业技能等级证书 */
    SC_CERT_KIND_QUALIFICATION = 2,  /**< "qualification" 职业资格证书 (before the 2019 reform) */
    SC_CERT_KIND_PRE_TECHNICIAN = 3  /**< "pre-technician" 预备技师证书 of a technician college */
} sc_cert_kind;

/** Kinds of evidence. Values are stable. */
typedef enum {
    SC_EVIDENCE_ACHIEVEMENT = 1,       /**< "achievement": outstanding performance in the
                                            occupation (业绩突出); exceptional path */
    SC_EVIDENCE_MAJOR_PROJECT = 2,     /**< "major-project": direct part in a major national or
                                            Beijing project; exceptional path */
    SC_EVIDENCE_MAJOR_EVENT = 3,       /**< "major-event": running or safeguarding a major
                                            national or Beijing event; exceptional path */
    SC_EVIDENCE_CONTRIBUTION = 4,      /**< "contribution": outstanding contribution to technical
                                            innovation or renovation with major economic benefit;
                                            direct certification */
    SC_EVIDENCE_COMPETITION_ENTRY = 5, /**< "competition-entry": qualified to take part in a
                                            competition or event; grade: an ::sc_scope */
    SC_EVIDENCE_COMPETITION_AWARD = 6, /**< "competition-award": an award at one; grade: an ::sc_scope */
    SC_EVIDENCE_TRAINING = 7,          /**< "training": formal training of the prescribed hours
                                            completed with a certificate (结业证书); grade: the level */
    SC_EVIDENCE_VETERAN_CONSCRIPT = 8, /**< "veteran-conscript": retired conscript (退役义务兵) */
    SC_EVIDENCE_VETERAN_NCO = 9        /**< "veteran-nco": retired NCO, corporal or above (退役士官) */
} sc_evidence_kind;

/** Scope of a competition or event (the grade of competition evidence). */
typedef enum {
    SC_SCOPE_CITY = 1,          /**< "city" 市级 */
    SC_SCOPE_PROVINCIAL = 2,    /**< "provincial" 省级 */
    SC_SCOPE_NATIONAL = 3,      /**< "national" 国家级 */
    SC_SCOPE_INTERNATIONAL = 4  /**< "international" 国际 */
} sc_scope;

/**
 * English token of an education kind ("technical-school"), or NULL.
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_education_kind_name(int kind);
/**
 * Chinese name of an education kind ("技工学校"), or NULL.
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_education_kind_name_zh(int kind);
/**
 * Parse an education kind from its token or Chinese name.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK, ::SC_EINVAL (unknown or NULL). @since 0.1
 */
SC_EXTERN int sc_education_kind_parse(int *out, const char *text);
/**
 * Token of a certificate kind ("skill-level"), or NULL.
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_cert_kind_name(int kind);
/**
 * Parse a certificate kind token.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK, ::SC_EINVAL.
 * @since 0.1
 */
SC_EXTERN int sc_cert_kind_parse(int *out, const char *text);
/**
 * Token of an evidence kind ("competition-award"), or NULL.
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_evidence_kind_name(int kind);
/**
 * Parse an evidence kind token.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK, ::SC_EINVAL.
 * @since 0.1
 */
SC_EXTERN int sc_evidence_kind_parse(int *out, const char *text);
/**
 * Token of a competition scope ("national"), or NULL.
 * @param scope  an ::sc_scope.
 * @since 0.1
 */
SC_EXTERN const char *sc_scope_name(int scope);
/**
 * Parse a competition scope token.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK, ::SC_EINVAL.
 * @since 0.1
 */
SC_EXTERN int sc_scope_parse(int *out, const char *text);

/* ---- The record ------------------------------------------------------------ */

/** A candidate's record. Opaque. */
typedef struct sc_candidate sc_candidate;

/**
 * Start a record.
 * @param[out] out    the record; NULL on failure. Caller frees with sc_candidate_free().
 * @param id_number   the resident ID number (checked and normalised as sc_resident_id_parse()).
 * @param name        the name, UTF-8, 1–128 bytes.
 * @return ::SC_OK; ::SC_EINVAL (bad ID number or name); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_new(sc_candidate **out, const char *id_number, const char *name);

/**
 * Free a record.
 * @param c  the record; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_candidate_free(sc_candidate *c);

/**
 * Add an education record.
 * @param c          the record.
 * @param kind       an ::sc_education_kind.
 * @param major      the major (专业), UTF-8 up to 128 bytes, or NULL.
 * @param flags      SC_EDUCATION_RELATED | SC_EDUCATION_EVALUATED | SC_EDUCATION_FINAL_YEAR.
 * @param graduated  graduation date; for a final-year student the expected date, or NULL.
 * @return ::SC_OK; ::SC_EINVAL (unknown kind or flag, bad date, NULL date without
 *         SC_EDUCATION_FINAL_YEAR, bad text); ::SC_ENOMEM (the record is unchanged).
 * @since 0.1
 */
SC_EXTERN int sc_candidate_add_education(sc_candidate *c, int kind, const char *major,
                                         unsigned int flags, const char *graduated);

/**
 * Add a period of work in an occupation. Periods may overlap: overlapping
 * days count once.
 * @param c           the record.
 * @param occupation  the occupation code of the work.
 * @param from        first day of work.
 * @param to          last day of work (inclusive), or NULL while still working.
 * @return ::SC_OK; ::SC_EINVAL (bad code or date, @p to before @p from); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_add_work(sc_candidate *c, const char *occupation, const char *from,
                                    const char *to);

/**
 * Add a certificate held.
 * @param c           the record.
 * @param kind        an ::sc_cert_kind.
 * @param occupation  its occupation code.
 * @param work_type   its work type (工种/方向), or NULL.
 * @param level       1–5; 0 for a pre-technician certificate (which has no level).
 * @param issued      its issue date; years "since the certificate" count from it.
 * @param number      its number (up to 64 bytes), or NULL.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_add_certificate(sc_candidate *c, int kind, const char *occupation,
                                           const char *work_type, int level, const char *issued,
                                           const char *number);

/**
 * Record the completion of an apprenticeship (学徒期满), replacing any
 * recorded before; NULL and NULL clears it.
 * @param c           the record.
 * @param occupation  the occupation of the apprenticeship.
 * @param completed   the day it was completed.
 * @return ::SC_OK; ::SC_EINVAL (bad code or date, only one of the two given); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_set_apprenticeship(sc_candidate *c, const char *occupation,
                                              const char *completed);

/**
 * Add evidence.
 * @param c            the record.
 * @param kind         an ::sc_evidence_kind.
 * @param occupation   the occupation it concerns, or NULL (rules that use
 *                     evidence match it against this or a related occupation).
 * @param grade        competition kinds: an ::sc_scope; training: the level 1–5; others: 0.
 * @param date         the day of the award, event, result or completion.
 * @param description  what it is (UTF-8, up to 512 bytes), or NULL.
 * @return ::SC_OK; ::SC_EINVAL (unknown kind, grade out of range, bad code or date); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_add_evidence(sc_candidate *c, int kind, const char *occupation,
                                        int grade, const char *date, const char *description);

/**
 * The normalised ID number. Borrowed while @p c lives.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_id_number(const sc_candidate *c);
/**
 * The name. Borrowed while @p c lives.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_name(const sc_candidate *c);
/**
 * The birth date from the ID number. Borrowed while @p c lives.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_birth_date(const sc_candidate *c);
/**
 * The sex from the ID number (::sc_sex), or 0 for NULL.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_sex(const sc_candidate *c);

/**
 * Number of education records.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN size_t sc_candidate_education_count(const sc_candidate *c);
/**
 * Kind of education record @p i, 0 out of range.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_education_kind(const sc_candidate *c, size_t i);
/**
 * Major of education record @p i, NULL when none or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_education_major(const sc_candidate *c, size_t i);
/**
 * Flags of education record @p i (SC_EDUCATION_*), 0 out of range.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN unsigned int sc_candidate_education_flags(const sc_candidate *c, size_t i);
/**
 * Graduation date of record @p i, NULL when none or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_education_graduated(const sc_candidate *c, size_t i);

/**
 * Number of work periods.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN size_t sc_candidate_work_count(const sc_candidate *c);
/**
 * Occupation of work period @p i (periods are in order of their first day). Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_work_occupation(const sc_candidate *c, size_t i);
/**
 * First day of work period @p i, NULL out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_work_from(const sc_candidate *c, size_t i);
/**
 * Last day of work period @p i, NULL while ongoing or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_work_to(const sc_candidate *c, size_t i);

/**
 * Number of certificates.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN size_t sc_candidate_certificate_count(const sc_candidate *c);
/**
 * Kind (::sc_cert_kind) of certificate @p i, 0 out of range.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_certificate_kind(const sc_candidate *c, size_t i);
/**
 * Occupation of certificate @p i, NULL out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_certificate_occupation(const sc_candidate *c, size_t i);
/**
 * Work type of certificate @p i, NULL when none or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_certificate_work_type(const sc_candidate *c, size_t i);
/**
 * Level of certificate @p i (0 for pre-technician or out of range).
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_certificate_level(const sc_candidate *c, size_t i);
/**
 * Issue date of certificate @p i, NULL out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_certificate_issued(const sc_candidate *c, size_t i);
/**
 * Number of certificate @p i, NULL when none or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_certificate_number(const sc_candidate *c, size_t i);

/**
 * Occupation of the apprenticeship, NULL when none. Borrowed.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_apprenticeship_occupation(const sc_candidate *c);
/**
 * Completion date of the apprenticeship, NULL when none. Borrowed.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_apprenticeship_completed(const sc_candidate *c);

/**
 * Number of evidence items.
 * @param c  the candidate.
 * @since 0.1
 */
SC_EXTERN size_t sc_candidate_evidence_count(const sc_candidate *c);
/**
 * Kind (::sc_evidence_kind) of evidence @p i, 0 out of range.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_evidence_kind(const sc_candidate *c, size_t i);
/**
 * Occupation of evidence @p i, NULL when none or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_evidence_occupation(const sc_candidate *c, size_t i);
/**
 * Grade of evidence @p i (scope or level; 0 when none).
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_evidence_grade(const sc_candidate *c, size_t i);
/**
 * Date of evidence @p i, NULL out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_evidence_date(const sc_candidate *c, size_t i);
/**
 * Description of evidence @p i, NULL when none or out of range. Borrowed.
 * @param c  the candidate.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_candidate_evidence_description(const sc_candidate *c, size_t i);

/* ---- The registry ---------------------------------------------------------- */

/**
 * Save a record in the registry: create it, or replace every part of the
 * stored record with the same ID number. The stored candidate keeps its
 * identity across saves, so what refers to it (applications, later) stays
 * attached.
 *
 * Who may: the candidate themself (SC_ACTOR_CANDIDATE whose scope is this ID
 * number) and the city centre (SC_ACTOR_CITY_CENTRE), as the action table
 * (authz.h, "candidate.save") says. An organization hands in the record of a
 * candidate it applies for with sc_application_apply_for() (application.h),
 * and a district bureau's candidate-batch import stores the records it
 * carries. The save appends one audit entry (entity "candidate").
 *
 * @param db     the registry.
 * @param actor  who saves.
 * @param c      the record.
 * @return ::SC_OK; ::SC_EINVAL (NULL argument); ::SC_EDENIED (another actor);
 *         ::SC_EDB. On failure the registry is unchanged.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_save(sc_db *db, const sc_actor *actor, const sc_candidate *c);

/**
 * Load a stored record.
 * @param[out] out    the record; NULL on failure. Caller frees with sc_candidate_free().
 * @param db          the registry.
 * @param id_number   the resident ID number (any accepted form).
 * @return ::SC_OK; ::SC_EINVAL (malformed number); ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_candidate_load(sc_candidate **out, sc_db *db, const char *id_number);

SC_END_DECL

#endif /* SKILLCERT_CANDIDATE_H */
