/**
 * @file skillcert/org.h
 * @brief Evaluation organizations (社会培训评价组织): registration, the filing
 *        workflow, scope, validity, staff, special-path rules, the published
 *        directory and the question "may O certify this on date D?".
 *
 * "谁评价、谁负责、谁发证": an organization certifies only inside its filed
 * scope, its validity and Beijing (不得超范围、超行政区域).
 *
 * Filing workflow (notice §三(一)). Every step is recorded with its date,
 * actor and note, and appends an audit entry:
 *
 *     sc_org_apply         organization   APPLIED      application to its district,
 *                                                      with the requested scope
 *     sc_org_recommend     own district   RECOMMENDED  district confirms, recommends to the city
 *     sc_org_evaluate      city centre    EVALUATED    expert evaluation (材料核验, 专家论证,
 *                                                      现场评估) fixes the granted scope
 *     sc_org_notice        city centre    NOTICED      public notice (公示)
 *     sc_org_file          city centre    FILED        filing (备案): receipt number and validity
 *     sc_org_commit        organization   ACTIVE       commitment letter (承诺书) signed
 *
 * sc_org_reject ends an application at any step before filing, with a
 * reason: the district at APPLIED (it declines to recommend), the city
 * centre at RECOMMENDED, EVALUATED or NOTICED. An organization has at most
 * one application in progress.
 *
 * Validity: three years from the filing date, inclusive of the day before
 * the third anniversary: filed 2023-05-10 → valid through 2026-05-09
 * (filed 2024-02-29 → valid through 2027-02-28). On a date past that the
 * filing has expired. An organization may then apply again (a new filing).
 *
 * Added scope (增项): sc_org_apply_addition, for an organization that is
 * ACTIVE and within its validity on the application date, goes through the
 * same steps for the added scope only; it becomes ACTIVE when filed (the
 * organization's commitment letter covers it), gets its own receipt and ends
 * with the validity of the filing it adds to.
 *
 * Exit (退出目录): sc_org_exit ends every filing in force from the exit date
 * on (the first day it no longer applies), with a reason; an application in
 * progress is rejected. Certificates issued before the exit stay valid: the
 * questions below answer for any date, so a certificate is judged on the
 * date it was issued.
 *
 * Receipt numbers (确认回执): "BJ-" + the year of the filing date + "-" + a
 * four-digit sequence in that year, in the order filings are made
 * ("BJ-2023-0001"; initial filings and additions share the sequence).
 *
 * Dates are "YYYY-MM-DD"; NULL means today (UTC). Step dates never go back:
 * each step's date is on or after the previous step's. Changing calls name
 * their actor and are checked against the action table (authz.h): a refusal
 * returns ::SC_EDENIED and changes nothing; every change is one transaction
 * and appends one audit entry (audit.h).
 *
 * Ownership: the plain structures (::sc_org, ::sc_filing, ...) are filled in
 * the caller's storage; handles returned through `**out` are the caller's to
 * free with the matching `_free`. Thread-safety: as for any call on an
 * ::sc_db, one thread at a time per registry; the pure functions (credit
 * codes, names, parsers) and distinct offering lists are thread-safe.
 */
#ifndef SKILLCERT_ORG_H
#define SKILLCERT_ORG_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "district.h"

SC_BEGIN_DECL

/** Buffer sizes of the plain structures below, each including the NUL. */
#define SC_CREDIT_CODE_SIZE 19      /**< 18 characters */
#define SC_DATE_SIZE 11             /**< "YYYY-MM-DD" */
#define SC_ORG_NAME_SIZE 256        /**< organization and person names */
#define SC_ORG_TEXT_SIZE 1024       /**< rules, fees, reasons, notes */
#define SC_RECEIPT_SIZE 32          /**< "BJ-2023-0001" */
#define SC_OCCUPATION_CODE_SIZE 16  /**< "4-04-05-05" */
#define SC_WORK_TYPE_SIZE 257       /**< a work type name */
#define SC_PERSON_ID_SIZE 64        /**< a staff member's identifier */
#define SC_ACTOR_TEXT_SIZE 400      /**< an actor as recorded */

/* ---- Unified Social Credit Code (统一社会信用代码, GB 32100-2015) ------- */

/** Accept a code whose check character does not match, with a warning
 *  (some codes issued early in pilot areas fail the checksum but are legal). */
#define SC_CREDIT_CODE_ALLOW_LEGACY 0x1u
/** Also check the embedded organization code (positions 9–17, GB 11714). */
#define SC_CREDIT_CODE_STRICT 0x2u

/** What sc_credit_code_validate() found. A plain value owned by the caller. */
typedef struct sc_credit_code_result {
    unsigned int version;  /**< SC_CREDIT_CODE_RESULT_VERSION, first: set by the caller through
                                 SC_CREDIT_CODE_RESULT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int valid;                          /**< 1: accepted (possibly with a warning) */
    int legacy;                         /**< 1: accepted only under
                                             ::SC_CREDIT_CODE_ALLOW_LEGACY (warning) */
    char code[SC_CREDIT_CODE_SIZE];     /**< the code in upper case ("" when malformed) */
    char expected_check[2];             /**< the check character GB 32100 gives, "" if unknown */
    char message[256];                  /**< why invalid, or the warning; "" otherwise */
} sc_credit_code_result;

/** The version of ::sc_credit_code_result this library fills (its `version` member). */
#define SC_CREDIT_CODE_RESULT_VERSION 1u
/** An ::sc_credit_code_result ready to hand to a filler: its version set, the rest zero. */
#define SC_CREDIT_CODE_RESULT_INIT { .version = SC_CREDIT_CODE_RESULT_VERSION }

/**
 * Validate a Unified Social Credit Code: 18 characters from
 * "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z), positions 3–8 digits
 * (the registering authority's area code), and the check character
 * (weights 3^(i-1) mod 31, c = 31 − S mod 31). Lower-case input and
 * surrounding blanks are accepted. Example: 91350100M000100Y43 is valid.
 *
 * @param[out] out  the answer.
 * @param code      the code.
 * @param flags     0, or ::SC_CREDIT_CODE_ALLOW_LEGACY and/or ::SC_CREDIT_CODE_STRICT.
 *                  With ALLOW_LEGACY a wrong check character gives valid = 1,
 *                  legacy = 1 and the warning in message.
 * @return ::SC_OK when @p out holds the answer (valid or not); ::SC_EINVAL
 *         (out or code NULL, unknown flags).
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_credit_code_validate(sc_credit_code_result *out, const char *code,
                                      unsigned int flags);

/**
 * The check character of a credit code from its first 17 characters (any
 * further characters are ignored).
 * @param code  at least 17 characters of the code's alphabet.
 * @return the check character (a positive char value), or ::SC_EINVAL.
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_credit_code_check_char(const char *code);

/* ---- Kinds, statuses, roles ---------------------------------------------- */

/** The four eligible kinds of organization. Values are stable. */
typedef enum {
    SC_ORG_ENTERPRISE = 1,        /**< 企业 with independent legal-person status */
    SC_ORG_SOCIAL_GROUP = 2,      /**< 社会团体 decoupled from government */
    SC_ORG_UNIVERSITY = 3,        /**< 高等院校 */
    SC_ORG_VOCATIONAL_SCHOOL = 4  /**< 职业院校 (含技工院校) */
} sc_org_kind;

/**
 * "enterprise", "social-group", "university", "vocational-school"; NULL if unknown.
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_org_kind_name(int kind);
/**
 * "企业", "社会团体", "高等院校", "职业院校"; NULL if unknown.
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_org_kind_name_zh(int kind);
/**
 * Parse an organization kind from its English or Chinese name or number.
 * @param[out] out  the kind.
 * @param text        an English or Chinese kind name, or its number.
 * @return ::SC_OK; ::SC_EINVAL (unknown or NULL).
 * @since 0.1
 */
SC_EXTERN int sc_org_kind_parse(int *out, const char *text);

/** Steps and ends of a filing. Values are stable. */
typedef enum {
    SC_FILING_NONE = 0,          /**< no filing (in ::sc_org: none by that date) */
    SC_FILING_APPLIED = 1,       /**< applied to the district */
    SC_FILING_RECOMMENDED = 2,   /**< recommended by the district to the city */
    SC_FILING_EVALUATED = 3,     /**< scope fixed by the city's expert evaluation */
    SC_FILING_NOTICED = 4,       /**< public notice published */
    SC_FILING_FILED = 5,         /**< filed, receipt issued; commitment letter pending */
    SC_FILING_ACTIVE = 6,        /**< commitment signed: may certify inside scope and validity */
    SC_FILING_REJECTED = 7,      /**< rejected (see the reason) */
    SC_FILING_EXITED = 8,        /**< left the directory (退出目录) */
    SC_FILING_EXPIRED = 9        /**< the validity has passed (only as of a date) */
} sc_filing_status;

/**
 * "applied", "recommended", ..., "expired"; "none" for 0; NULL if unknown.
 * @param status  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_filing_status_name(int status);

/** Kinds of filing. Values are stable. */
typedef enum {
    SC_FILING_INITIAL = 1,   /**< a filing of the organization */
    SC_FILING_ADDITION = 2   /**< added scope (增项) to a filing in force */
} sc_filing_kind;

/** Expert evaluation methods (bit flags of sc_org_evaluate()). */
#define SC_EVAL_MATERIALS 0x1u   /**< 材料核验 */
#define SC_EVAL_EXPERT    0x2u   /**< 专家论证 */
#define SC_EVAL_ON_SITE   0x4u   /**< 现场评估 */
#define SC_EVAL_ALL       0x7u

/** Staff roles. Values are stable. */
typedef enum {
    SC_STAFF_MANAGER = 1,     /**< 管理人员 */
    SC_STAFF_EXAMINER = 2,    /**< 考评员 */
    SC_STAFF_SUPERVISOR = 3,  /**< 内部质量督导员 */
    SC_STAFF_EXPERT = 4       /**< 专家 */
} sc_staff_role;

/**
 * "manager", "examiner", "supervisor", "expert"; NULL if unknown.
 * @param role  an ::sc_staff_role.
 * @since 0.1
 */
SC_EXTERN const char *sc_staff_role_name(int role);
/**
 * "管理人员", "考评员", "内部质量督导员", "专家"; NULL if unknown.
 * @param role  an ::sc_staff_role.
 * @since 0.1
 */
SC_EXTERN const char *sc_staff_role_name_zh(int role);
/**
 * Parse a staff role from its English or Chinese name or number.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK; ::SC_EINVAL.
 * @since 0.1
 */
SC_EXTERN int sc_staff_role_parse(int *out, const char *text);

/* Certification paths: ::sc_path of eligibility.h (SC_PATH_NORMAL,
 * SC_PATH_EXCEPTIONAL 破格申报 for level 3 and above, SC_PATH_DIRECT 直接认定
 * for level 2 and above), with sc_path_name() and sc_path_parse(). */

/* ---- Offerings: a scope, a qualification ------------------------------ */

/** One offering of the catalog: occupation, work type ("" undivided), level. */
typedef struct sc_offering_item {
    unsigned int version;  /**< SC_OFFERING_ITEM_VERSION, first: set by the caller through
                                 SC_OFFERING_ITEM_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char occupation[SC_OCCUPATION_CODE_SIZE];  /**< ASCII code "4-04-05-05" */
    char work_type[SC_WORK_TYPE_SIZE];         /**< "" when undivided */
    int level;                                 /**< 1–5 */
} sc_offering_item;

/** The version of ::sc_offering_item this library fills (its `version` member). */
#define SC_OFFERING_ITEM_VERSION 1u
/** An ::sc_offering_item ready to hand to a filler: its version set, the rest zero. */
#define SC_OFFERING_ITEM_INIT { .version = SC_OFFERING_ITEM_VERSION }

/** A list of offerings: a requested or granted scope, a qualification. Opaque. */
typedef struct sc_offerings sc_offerings;

/**
 * Make an empty list of offerings.
 * @param[out] out  the list; NULL on failure. Caller frees with sc_offerings_free().
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_offerings_new(sc_offerings **out);

/**
 * Free a list of offerings.
 * @param s  the list; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_offerings_free(sc_offerings *s);

/**
 * Add one offering. The code's syntax is checked and normalised here; whether
 * the catalog offers it is checked where the scope is used. Adding an item
 * already present does nothing.
 * @param s           the list.
 * @param occupation  occupation code (any form sc_occupation_code_normalize() accepts).
 * @param work_type   work type, or NULL/"" when undivided.
 * @param level       1–5.
 * @return ::SC_OK; ::SC_EINVAL (malformed code, level, text); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_offerings_add(sc_offerings *s, const char *occupation, const char *work_type,
                           int level);

/**
 * Add offerings written as "CODE[/WORK-TYPE]:LEVELS", LEVELS a comma list of
 * 1–5, e.g. "4-02-07-10:5,4,3" or "4-04-05-04/建筑工程:3,2". Nothing is added
 * when the text is malformed.
 * @param s  the offering list.
 * @param text  the offerings, e.g. "4-02-07-10:5,4".
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_offerings_add_text(sc_offerings *s, const char *text);

/**
 * Number of offerings; 0 for NULL.
 * @param s  the offering list.
 * @since 0.1
 */
SC_EXTERN size_t sc_offerings_count(const sc_offerings *s);

/**
 * Offering @p i.
 * @param[out] out  the item (the caller's storage).
 * @param s           the offering list.
 * @param i           the offering, from 0.
 * @return ::SC_OK; ::SC_EINVAL (NULL); ::SC_ENOTFOUND (i out of range).
 * @since 0.1
 */
SC_EXTERN int sc_offerings_get(sc_offering_item *out, const sc_offerings *s, size_t i);

/* ---- Organizations ------------------------------------------------------ */

/** An organization and its standing on a date. A plain value owned by the caller. */
typedef struct sc_org {
    unsigned int version;  /**< SC_ORG_VERSION, first: set by the caller through
                                 SC_ORG_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char credit_code[SC_CREDIT_CODE_SIZE];   /**< upper case */
    char name[SC_ORG_NAME_SIZE];
    int kind;                                /**< ::sc_org_kind */
    char district[SC_DISTRICT_CODE_SIZE];    /**< registered district code */
    char registered[SC_DATE_SIZE];           /**< recorded in the registry on */
    int legacy_code;                         /**< 1: credit code accepted with a checksum warning */
    char rules[SC_ORG_TEXT_SIZE];            /**< published management rules (text or URL), "" */
    char fees[SC_ORG_TEXT_SIZE];             /**< published fee standards (text or URL), "" */
    char published[SC_DATE_SIZE];            /**< when rules/fees were last published, "" */
    /* Standing on the date asked, from its latest filing (not 增项) begun by then. */
    int status;                              /**< ::sc_filing_status on that date */
    char receipt[SC_RECEIPT_SIZE];           /**< receipt number, "" before filing */
    char filed[SC_DATE_SIZE];                /**< filing date, "" before filing */
    char valid_until[SC_DATE_SIZE];          /**< last valid day, "" before filing */
    char committed[SC_DATE_SIZE];            /**< commitment signed on, "" before */
    char ended[SC_DATE_SIZE];                /**< rejected or exited on, "" */
    char reason[SC_ORG_TEXT_SIZE];           /**< rejection or exit reason, "" */
} sc_org;

/** The version of ::sc_org this library fills (its `version` member). */
#define SC_ORG_VERSION 1u
/** An ::sc_org ready to hand to a filler: its version set, the rest zero. */
#define SC_ORG_INIT { .version = SC_ORG_VERSION }

/**
 * Record an organization (self-registration: the actor is the organization
 * with this credit code). It must be registered in a Beijing district.
 *
 * @param db, actor    the registry and the acting organization.
 * @param credit_code  its Unified Social Credit Code (validated as by
 *                     sc_credit_code_validate() with @p flags).
 * @param name         its name, non-empty UTF-8.
 * @param kind         an ::sc_org_kind.
 * @param district     its registered district (anything sc_district_lookup() accepts).
 * @param date         the registration date, NULL for today.
 * @param flags        0 or ::SC_CREDIT_CODE_ALLOW_LEGACY (the organization is
 *                     then marked legacy_code, and the audit entry says so);
 *                     ::SC_CREDIT_CODE_STRICT.
 * @return ::SC_OK; ::SC_EINVAL (malformed code or argument; a wrong check
 *         character without ALLOW_LEGACY; unknown kind); ::SC_ENOTFOUND (not a
 *         Beijing district); ::SC_EEXISTS (already registered); ::SC_EDENIED
 *         (not this organization); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_register(sc_db *db, const sc_actor *actor, const char *credit_code,
                              const char *name, int kind, const char *district,
                              const char *date, unsigned int flags);

/**
 * Publish the organization's management rules (试题、考务、质量、证书管理办法)
 * and fee standards (收费标准), as text or URLs (at most 1023 bytes each).
 * A NULL argument keeps the published value.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param rules  the management rules, text or URL.
 * @param fees  the fee standards, text or URL.
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDENIED (not the
 *         organization itself); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_publish(sc_db *db, const sc_actor *actor, const char *credit_code,
                             const char *rules, const char *fees, const char *date);

/**
 * Apply for filing (机构申报) to the registered district, with the requested
 * scope. Every offering must be certifiable in the catalog on @p date.
 * Not while an application is in progress nor while a filing is in force.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param scope  the requested offerings (not empty).
 * @param date        "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization); ::SC_ECONSTRAINT
 *         (an offering not certifiable on @p date; an application in progress;
 *         a filing in force); ::SC_EDENIED (not the organization itself); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_apply(sc_db *db, const sc_actor *actor, const char *credit_code,
                           const sc_offerings *scope, const char *date);

/**
 * Apply for added scope (增项): as sc_org_apply(), for an organization ACTIVE
 * and within its validity on @p date, for offerings not already in its scope.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param scope  the offerings requested (not empty).
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return as sc_org_apply(); ::SC_ECONSTRAINT also when no filing is in force
 *         or an offering is already in scope.
 * @since 0.1
 */
SC_EXTERN int sc_org_apply_addition(sc_db *db, const sc_actor *actor, const char *credit_code,
                                    const sc_offerings *scope, const char *date);

/**
 * The district confirms the application and recommends it to the city
 * (APPLIED → RECOMMENDED). Only the organization's own district bureau.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param date        "YYYY-MM-DD", NULL for today.
 * @param note  a remark for the record, or NULL.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (no
 *         application at this step; date before the previous step);
 *         ::SC_EDENIED (not its district); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_recommend(sc_db *db, const sc_actor *actor, const char *credit_code,
                               const char *date, const char *note);

/**
 * The city centre's expert evaluation fixes the granted scope
 * (RECOMMENDED → EVALUATED).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param granted  the granted offerings, a subset of those requested, each
 *                 certifiable in the catalog on @p date; NULL grants all
 *                 requested.
 * @param methods  SC_EVAL_* flags used (at least one).
 * @param date        "YYYY-MM-DD", NULL for today.
 * @param note     a remark, or NULL.
 * @return ::SC_OK; ::SC_EINVAL (no method, empty scope); ::SC_ENOTFOUND;
 *         ::SC_ECONSTRAINT (not requested; not certifiable; wrong step or
 *         date); ::SC_EDENIED (not the city centre); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_evaluate(sc_db *db, const sc_actor *actor, const char *credit_code,
                              const sc_offerings *granted, unsigned int methods,
                              const char *date, const char *note);

/**
 * The city centre publishes the public notice (公示) (EVALUATED → NOTICED).
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return as sc_org_recommend(); ::SC_EDENIED when not the city centre.
 * @since 0.1
 */
SC_EXTERN int sc_org_notice(sc_db *db, const sc_actor *actor, const char *credit_code,
                            const char *date);

/**
 * No objection: the city centre files the organization (备案), issues the
 * receipt and lists it in the directory (NOTICED → FILED; an addition becomes
 * ACTIVE). Validity: see the file comment.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return as sc_org_recommend(); ::SC_ECONSTRAINT also when an addition's
 *         filing is no longer in force; ::SC_EDENIED when not the city centre.
 * @since 0.1
 */
SC_EXTERN int sc_org_file(sc_db *db, const sc_actor *actor, const char *credit_code,
                          const char *date);

/**
 * The organization signs its commitment letter (承诺书) (FILED → ACTIVE).
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return as sc_org_recommend(); ::SC_EDENIED when not the organization itself.
 * @since 0.1
 */
SC_EXTERN int sc_org_commit(sc_db *db, const sc_actor *actor, const char *credit_code,
                            const char *date);

/**
 * Reject the application in progress, with a reason: the own district at
 * APPLIED, the city centre at RECOMMENDED, EVALUATED or NOTICED.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param reason  non-empty UTF-8.
 * @param date        "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (no
 *         application to reject); ::SC_EDENIED (not the actor of that step); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_reject(sc_db *db, const sc_actor *actor, const char *credit_code,
                            const char *reason, const char *date);

/**
 * Take the organization out of the directory (退出目录) from @p date on, with
 * a reason; every filing in force ends and any application in progress is
 * rejected. Certificates issued before @p date stay valid.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param reason  why, non-empty UTF-8.
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (no filing in
 *         force on @p date); ::SC_EDENIED (not the city bureau or centre); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_exit(sc_db *db, const sc_actor *actor, const char *credit_code,
                          const char *reason, const char *date);

/**
 * An organization and its standing on @p date.
 * @param[out] out  the organization.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param date      the date for the standing, NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_get(sc_org *out, sc_db *db, const char *credit_code, const char *date);

/**
 * Its scope on @p date: the granted offerings of every filing (and addition)
 * in force then; empty when none is.
 * @param[out] out  the scope; caller frees with sc_offerings_free().
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param date        "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_org_scope_get(sc_offerings **out, sc_db *db, const char *credit_code,
                               const char *date);

/**
 * May organization @p credit_code certify (occupation, work type, level) on
 * @p date? Answered from its filings, their status, validity and scope, the
 * catalog in force on that date, the venue and the special-path rules.
 *
 * Not found is an error, as everywhere in the API: an unknown organization,
 * occupation or work type returns ::SC_ENOTFOUND (sc_error_last() names the
 * field: "credit_code", "occupation" or "work_type"), whatever the date. A known
 * organization and offering get ::SC_OK and the verdict; when it is "no", the
 * reasons, in the order they are checked: ::SC_REASON_ORG_NOT_FILED, ::SC_REASON_ORG_EXITED, ::SC_REASON_ORG_EXPIRED,
 * ::SC_REASON_ORG_NOT_COMMITTED, ::SC_REASON_ORG_SUSPENDED (a suspension of
 * certification in force that day, supervision.h), ::SC_REASON_OUT_OF_REGION, the catalog's
 * reasons (sc_catalog_check()), ::SC_REASON_OUT_OF_SCOPE,
 * ::SC_REASON_SPECIAL_PATH_LEVEL, ::SC_REASON_SPECIAL_PATH_NOT_CONFIRMED.
 *
 * @param[out] out    the verdict.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code.
 * @param occupation  code or alias; @p work_type NULL/"" for undivided; @p level 1–5.
 * @param work_type   the work type (工种/方向), or NULL/"" when the level is undivided.
 * @param level       1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @param date        "YYYY-MM-DD", NULL for today.
 * @param venue       the assessment venue's district (code, old code or name),
 *                    or NULL not to ask; outside Beijing gives OUT_OF_REGION.
 * @param path        an ::sc_path (eligibility.h): SC_PATH_NORMAL, SC_PATH_EXCEPTIONAL
 *                    or SC_PATH_DIRECT.
 * @return ::SC_OK when @p out holds the answer; ::SC_ENOTFOUND (unknown
 *         organization, occupation or work type; @p out is "no"); ::SC_EINVAL
 *         (malformed argument); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_may_certify(sc_verdict *out, sc_db *db, const char *credit_code,
                                 const char *occupation, const char *work_type, int level,
                                 const char *date, const char *venue, int path);

/** Iterator over organizations (sc_org_iter_new) or the directory. Opaque. */
typedef struct sc_org_iter sc_org_iter;

/**
 * What sc_org_iter_new() selects; NULL fields select everything. Versioned: set it up
 * with SC_ORG_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_org_query {
    unsigned int version; /**< SC_ORG_QUERY_VERSION; first */
    const char *district; /**< only those registered there (any accepted form), or NULL */
    const char *date;     /**< the day of the standing given (YYYY-MM-DD), NULL for today */
} sc_org_query;

#define SC_ORG_QUERY_VERSION 1
#define SC_ORG_QUERY_INIT { SC_ORG_QUERY_VERSION, NULL, NULL }

/**
 * Iterate over every recorded organization in credit-code order, with its
 * standing on the query's date (today when none).
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for every organization with its standing today;
 *            @p q->version must be SC_ORG_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_ENOTFOUND
 *         (district); ::SC_EDB; ::SC_ENOMEM. Caller frees with sc_org_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_org_iter_new(sc_org_iter **out, sc_db *db, const sc_org_query *q);

/**
 * The published directory (评价机构目录) on @p date: organizations with a
 * filing in force then (filed, within validity, not exited), in credit-code
 * order, with their receipt and validity. Their scope: sc_org_scope_get().
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param date  the day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDB; ::SC_ENOMEM. Caller frees with sc_org_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_directory_iter_new(sc_org_iter **out, sc_db *db, const char *date);

/**
 * Next organization.
 * @param[out] out  filled (the caller's storage).
 * @param it          the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_iter_next(sc_org *out, sc_org_iter *it);

/**
 * Free an organization iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_org_iter_free(sc_org_iter *it);

/* ---- Filings --------------------------------------------------------------- */

/** One filing (initial or addition) as recorded. A plain value owned by the caller. */
typedef struct sc_filing {
    unsigned int version;  /**< SC_FILING_VERSION, first: set by the caller through
                                 SC_FILING_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t id;                              /**< registry id */
    char credit_code[SC_CREDIT_CODE_SIZE];
    int kind;                                /**< ::sc_filing_kind */
    int64_t base_id;                         /**< an addition's filing; 0 */
    int status;                              /**< ::sc_filing_status as recorded (never EXPIRED) */
    char applied[SC_DATE_SIZE];
    char recommended[SC_DATE_SIZE];          /**< each step's date, "" until reached */
    char evaluated[SC_DATE_SIZE];
    unsigned int methods;                    /**< SC_EVAL_* used */
    char noticed[SC_DATE_SIZE];
    char filed[SC_DATE_SIZE];
    char committed[SC_DATE_SIZE];
    char receipt[SC_RECEIPT_SIZE];
    char valid_until[SC_DATE_SIZE];          /**< last valid day */
    char ended[SC_DATE_SIZE];                /**< rejected or exited on */
    char reason[SC_ORG_TEXT_SIZE];
} sc_filing;

/** The version of ::sc_filing this library fills (its `version` member). */
#define SC_FILING_VERSION 1u
/** An ::sc_filing ready to hand to a filler: its version set, the rest zero. */
#define SC_FILING_INIT { .version = SC_FILING_VERSION }

/**
 * One filing by id.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param id  the filing's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_filing_get(sc_filing *out, sc_db *db, int64_t id);

/** Iterator over filings (sc_filing_iter_new()). Opaque. */
typedef struct sc_filing_iter sc_filing_iter;

/** Iterator over the steps of a filing (sc_filing_step_iter_new()). Opaque. */
typedef struct sc_filing_step_iter sc_filing_step_iter;

/**
 * Every filing of an organization, oldest first.
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization); ::SC_EDB; ::SC_ENOMEM.
 *         Caller frees with sc_filing_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_filing_iter_new(sc_filing_iter **out, sc_db *db, const char *credit_code);

/**
 * Next filing.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_filing_iter_next(sc_filing *out, sc_filing_iter *it);

/**
 * Free a filing iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_filing_iter_free(sc_filing_iter *it);

/**
 * A filing's requested (@p granted 0) or granted (@p granted 1) scope.
 * @param[out] out  caller frees with sc_offerings_free().
 * @param db          the registry.
 * @param filing_id   the filing's id (sc_filing.id).
 * @param granted     1 for the granted scope, 0 for the requested one.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_filing_scope_get(sc_offerings **out, sc_db *db, int64_t filing_id, int granted);

/** One recorded step of a filing. A plain value owned by the caller. */
typedef struct sc_filing_step {
    unsigned int version;  /**< SC_FILING_STEP_VERSION, first: set by the caller through
                                 SC_FILING_STEP_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int64_t filing_id;
    int step;                                /**< the ::sc_filing_status reached */
    char date[SC_DATE_SIZE];
    char actor[SC_ACTOR_TEXT_SIZE];          /**< who took it */
    char note[SC_ORG_TEXT_SIZE];             /**< remark or reason, "" */
} sc_filing_step;

/** The version of ::sc_filing_step this library fills (its `version` member). */
#define SC_FILING_STEP_VERSION 1u
/** An ::sc_filing_step ready to hand to a filler: its version set, the rest zero. */
#define SC_FILING_STEP_INIT { .version = SC_FILING_STEP_VERSION }

/**
 * The steps of a filing in the order taken.
 * @param[out] out  the iterator; NULL on failure.
 * @param db  the registry.
 * @param filing_id  the filing's id.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 *         Caller frees with sc_filing_step_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_filing_step_iter_new(sc_filing_step_iter **out, sc_db *db, int64_t filing_id);

/**
 * Next step.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_filing_step_iter_next(sc_filing_step *out, sc_filing_step_iter *it);

/**
 * Free a step iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_filing_step_iter_free(sc_filing_step_iter *it);

/* ---- Staff -------------------------------------------------------------------- */

/** A staff member in one role. A plain value owned by the caller. */
typedef struct sc_staff {
    unsigned int version;  /**< SC_STAFF_VERSION, first: set by the caller through
                                 SC_STAFF_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char credit_code[SC_CREDIT_CODE_SIZE];
    char person_id[SC_PERSON_ID_SIZE];       /**< the organization's identifier for the person */
    char name[SC_ORG_NAME_SIZE];
    int role;                                /**< ::sc_staff_role */
    char added[SC_DATE_SIZE];
    char removed[SC_DATE_SIZE];              /**< first day no longer on staff, "" */
} sc_staff;

/** The version of ::sc_staff this library fills (its `version` member). */
#define SC_STAFF_VERSION 1u
/** An ::sc_staff ready to hand to a filler: its version set, the rest zero. */
#define SC_STAFF_INIT { .version = SC_STAFF_VERSION }

/**
 * Add a staff member in a role, with the offerings they are qualified for
 * (required for examiners, supervisors and experts; each certifiable in the
 * catalog on @p date).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param person_id       1–63 bytes, unique per organization and role.
 * @param name        the person's name, 1–255 bytes UTF-8.
 * @param role        an ::sc_staff_role.
 * @param qualifications  offerings, or NULL (managers).
 * @param date        the day they join, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization); ::SC_EEXISTS
 *         (already on staff in that role); ::SC_ECONSTRAINT (an offering not
 *         certifiable); ::SC_EDENIED (not the organization itself); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_staff_add(sc_db *db, const sc_actor *actor, const char *credit_code,
                           const char *person_id, const char *name, int role,
                           const sc_offerings *qualifications, const char *date);

/**
 * A staff member leaves a role from @p date on.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param person_id  the organization's identifier of the person.
 * @param role  an ::sc_staff_role.
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization or member);
 *         ::SC_ECONSTRAINT (date before they were added); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_staff_remove(sc_db *db, const sc_actor *actor, const char *credit_code,
                              const char *person_id, int role, const char *date);

/** Iterator over staff. Opaque. */
typedef struct sc_staff_iter sc_staff_iter;

/**
 * What sc_staff_iter_new() selects from an organization's staff; NULL fields select
 * everything. Versioned: set it up with SC_STAFF_QUERY_INIT; an unknown version is
 * ::SC_EINVAL.
 */
typedef struct sc_staff_query {
    unsigned int version; /**< SC_STAFF_QUERY_VERSION; first */
    const char *date;     /**< only those on staff that day (YYYY-MM-DD), or NULL for
                               everyone ever recorded */
} sc_staff_query;

#define SC_STAFF_QUERY_VERSION 1
#define SC_STAFF_QUERY_INIT { SC_STAFF_QUERY_VERSION, NULL }

/**
 * An organization's staff, by role then person id.
 * @param[out] out    the iterator; NULL on failure.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param q   what to select, or NULL for everyone ever recorded; @p q->version must be
 *            SC_STAFF_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_ENOTFOUND
 *         (organization); ::SC_EDB; ::SC_ENOMEM. Caller frees with sc_staff_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_staff_iter_new(sc_staff_iter **out, sc_db *db, const char *credit_code,
                                const sc_staff_query *q);

/**
 * Next staff member.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_staff_iter_next(sc_staff *out, sc_staff_iter *it);

/**
 * Free a staff iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_staff_iter_free(sc_staff_iter *it);

/**
 * The offerings a staff member (latest record in that role) is qualified for.
 * @param[out] out  caller frees with sc_offerings_free().
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param person_id   the organization's identifier of the person.
 * @param role        an ::sc_staff_role.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_staff_qualifications_get(sc_offerings **out, sc_db *db, const char *credit_code,
                                          const char *person_id, int role);

/* ---- Special-path rules (破格申报, 直接认定) ------------------------------- */

/** An organization's rules for a special path. A plain value owned by the caller. */
typedef struct sc_special_rules {
    unsigned int version;  /**< SC_SPECIAL_RULES_VERSION, first: set by the caller through
                                 SC_SPECIAL_RULES_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char credit_code[SC_CREDIT_CODE_SIZE];
    int path;                                /**< SC_PATH_EXCEPTIONAL or SC_PATH_DIRECT */
    char text[SC_ORG_TEXT_SIZE];             /**< the rules, text or URL */
    char submitted[SC_DATE_SIZE];
    char district_confirmed[SC_DATE_SIZE];   /**< "" until confirmed */
    char district_actor[SC_ACTOR_TEXT_SIZE];
    char city_confirmed[SC_DATE_SIZE];       /**< "" until confirmed */
    char city_actor[SC_ACTOR_TEXT_SIZE];
} sc_special_rules;

/** The version of ::sc_special_rules this library fills (its `version` member). */
#define SC_SPECIAL_RULES_VERSION 1u
/** An ::sc_special_rules ready to hand to a filler: its version set, the rest zero. */
#define SC_SPECIAL_RULES_INIT { .version = SC_SPECIAL_RULES_VERSION }

/**
 * The organization submits (a new version of) its rules for a special path.
 * They apply once both its district bureau and the city bureau confirmed
 * that version, from the later confirmation date on.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param path  SC_PATH_EXCEPTIONAL or SC_PATH_DIRECT.
 * @param text  the rules or their URL, 1–1023 bytes.
 * @param date        the submission day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EDENIED (not the
 *         organization itself); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_rules_submit(sc_db *db, const sc_actor *actor, const char *credit_code,
                                  int path, const char *text, const char *date);

/**
 * Confirm (备案确认) the latest submitted rules: by the organization's own
 * district bureau, or by the city bureau; each once, in either order.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param path  SC_PATH_EXCEPTIONAL or SC_PATH_DIRECT.
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization, or no rules
 *         submitted); ::SC_ECONSTRAINT (already confirmed by this party; date
 *         before submission); ::SC_EDENIED (another district, or not a
 *         district or the city bureau); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_rules_confirm(sc_db *db, const sc_actor *actor, const char *credit_code,
                                   int path, const char *date);

/**
 * The latest submitted rules of an organization for a path.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param credit_code  the organization's unified social credit code (统一社会信用代码).
 * @param path  SC_PATH_EXCEPTIONAL or SC_PATH_DIRECT.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization or rules); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_rules_get(sc_special_rules *out, sc_db *db, const char *credit_code,
                               int path);

/**
 * Which special paths an organization may use on @p date: its rules for the
 * path confirmed by both its district bureau and the city bureau by then.
 * @param[out] out  SC_CONFIRMED_EXCEPTIONAL | SC_CONFIRMED_DIRECT (eligibility.h),
 *                  i.e. bit (1 << (path - 1)) per confirmed path; 0 when none.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @param date      NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (organization); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_org_rules_confirmed_get(unsigned int *out, sc_db *db, const char *credit_code,
                                         const char *date);

SC_END_DECL

#endif /* SKILLCERT_ORG_H */
