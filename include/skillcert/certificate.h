/**
 * @file skillcert/certificate.h
 * @brief Vocational skill level certificates (职业技能等级证书): numbering,
 *        reporting, issue, publication, revocation and re-issue, the
 *        enterprise post certificate of "一岗双认", public verification,
 *        statistics and the electronic certificate document.
 *
 * For each candidate who passed (assessment.h), the organization certifies
 * the level and reports it to the city (报备); it then makes and issues the
 * certificate (制作并颁发, paper or electronic); the city publishes it on the
 * national platform (发布). The status moves
 *
 *     sc_certificate_report    organization   → REPORTED   the number is allocated
 *     sc_certificate_issue     organization   → ISSUED     issue date, photo
 *     sc_certificate_publish   city centre    → PUBLISHED  publicly verifiable
 *     sc_certificate_revoke    organization or city centre → REVOKED, with a reason
 *     sc_certificate_reissue   organization   a new certificate (new number) replaces one
 *
 * An organization reports only inside its filed scope and validity on the
 * day (sc_org_may_certify()). A certificate issued before the organization
 * left the directory (退出目录) stays valid: verification never looks at the
 * organization's standing.
 *
 * Numbers (职业技能等级证书编码规则, 人社鉴发〔2019〕2号): 22 characters,
 *
 *     S 0000 11 nnnnnn yy L ssssss
 *
 * 'S' (社会培训评价组织; 'Y' for employers is parsed but not issued here);
 * the organization code, "0000" for organizations filed with a province,
 * as every organization of this notice is filed with Beijing; the province
 * code 11 (Beijing); the organization's 6-digit site sequence, given in
 * order (000001, 000002 ...) when an organization reports its first
 * certificate; the 2-digit year of the certification date; the level digit
 * 1–5; and a 6-digit sequence per (organization, site, year, level) from
 * 000001. There is no check digit. Allocation runs inside the reporting
 * transaction, which takes the registry's write lock first (BEGIN
 * IMMEDIATE), from a counter per (organization, site, year, level); the
 * number is the certificate table's PRIMARY KEY, a unique index that is the
 * last guard. Two processes reporting at once on one registry file
 * therefore never get the same number.
 *
 * Mandatory content (人社鉴发〔2021〕1号) is kept with every certificate:
 * title "职业技能等级证书", organization name as filed (a copy made at
 * reporting), issue date, holder name, ID type (居民身份证) and number,
 * occupation, work type ("--" when none), level as "三级/高级工", number,
 * holder photo (a reference given at issue), the QR code content and the
 * query URLs http://jndj.osta.org.cn and http://pjjg.osta.org.cn.
 *
 * Dates are "YYYY-MM-DD"; NULL means today (UTC). Changing calls name their
 * actor and are checked against the action table (authz.h); a refusal
 * changes nothing; every change is one transaction with its audit entry.
 */
#ifndef SKILLCERT_CERTIFICATE_H
#define SKILLCERT_CERTIFICATE_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "org.h"

SC_BEGIN_DECL

/** Size of a certificate number buffer: 22 characters and the NUL. */
#define SC_CERT_NUMBER_SIZE 23
/** Size of a masked name buffer (each character of a name is at most 4 bytes). */
#define SC_MASKED_NAME_SIZE 64
/** Size of a masked ID number buffer. */
#define SC_MASKED_ID_SIZE 19
/** Certificate title, always. */
#define SC_CERT_TITLE "职业技能等级证书"
/** Query URL of certificates printed on every certificate. */
#define SC_CERT_QUERY_URL "http://jndj.osta.org.cn"
/** Query URL of organizations printed on every certificate. */
#define SC_ORG_QUERY_URL "http://pjjg.osta.org.cn"

/* ---- Numbers ---------------------------------------------------------------- */

/** A certificate number taken apart. A plain value owned by the caller. */
typedef struct sc_cert_number {
    unsigned int version;  /**< SC_CERT_NUMBER_VERSION, first: set by the caller through
                                 SC_CERT_NUMBER_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char number[SC_CERT_NUMBER_SIZE];  /**< the 22 characters */
    char kind;                         /**< 'S' or 'Y' */
    char org_code[5];                  /**< positions 2–5, "0000" for province-filed */
    char province[3];                  /**< positions 6–7, "11" Beijing */
    char site[7];                      /**< positions 8–13 */
    int year;                          /**< positions 14–15, 0–99 */
    int level;                         /**< position 16, 1–5 */
    int sequence;                      /**< positions 17–22, 1–999999 */
} sc_cert_number;

/** The version of ::sc_cert_number this library fills (its `version` member). */
#define SC_CERT_NUMBER_VERSION 1u
/** An ::sc_cert_number ready to hand to a filler: its version set, the rest zero. */
#define SC_CERT_NUMBER_INIT { .version = SC_CERT_NUMBER_VERSION }

/**
 * Check a certificate number and take it apart: 22 characters, 'S' or 'Y'
 * then 21 digits, a level digit 1–5 and a sequence not 000000. Blanks
 * around it are ignored; a lower-case letter is accepted.
 * @param[out] out  the parts; zeroed on failure.
 * @param text      the number.
 * @return ::SC_OK; ::SC_EINVAL (what is wrong, in the message).
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_number_parse(sc_cert_number *out, const char *text);

/* ---- Certificates --------------------------------------------------------------- */

/** Status of a certificate. Values are stable. */
typedef enum {
    SC_CERT_REPORTED = 1,   /**< certified and reported to the city (报备) */
    SC_CERT_ISSUED = 2,     /**< made and issued to the holder (颁发) */
    SC_CERT_PUBLISHED = 3,  /**< published by the city on the national platform (发布) */
    SC_CERT_REVOKED = 4     /**< revoked (see the reason) */
} sc_cert_status;

/**
 * "reported", "issued", "published", "revoked"; NULL if unknown.
 * @param status  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_cert_status_name(int status);

/** Size of the photo reference buffer of ::sc_certificate, including the NUL. */
#define SC_CERT_PHOTO_SIZE 256

/** A certificate with its mandatory content. A plain value owned by the caller. */
typedef struct sc_certificate {
    unsigned int version;  /**< SC_CERTIFICATE_VERSION, first: set by the caller through
                                 SC_CERTIFICATE_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char number[SC_CERT_NUMBER_SIZE];
    int status;                               /**< ::sc_cert_status */
    char title[32];                           /**< "职业技能等级证书" */
    char holder[SC_ORG_NAME_SIZE];            /**< 姓名 */
    char id_type[32];                         /**< 证件类型: "居民身份证" */
    char id_number[19];                       /**< 证件号码 */
    char occupation[SC_OCCUPATION_CODE_SIZE]; /**< 职业 code */
    char occupation_name[SC_ORG_NAME_SIZE];   /**< 职业名称 */
    char work_type[SC_WORK_TYPE_SIZE];        /**< 工种/职业方向, "--" when none */
    int level;                                /**< 1–5 */
    char level_text[32];                      /**< 职业技能等级, "三级/高级工" */
    char credit_code[SC_CREDIT_CODE_SIZE];    /**< the issuing organization */
    char org_name[SC_ORG_NAME_SIZE];          /**< 评价机构名称, as filed when reported */
    char district[SC_DISTRICT_CODE_SIZE];     /**< the organization's district then */
    int64_t session_id;                       /**< the assessment; 0 for none */
    char certified[SC_DATE_SIZE];             /**< the level certified and reported on */
    char issued[SC_DATE_SIZE];                /**< 发证日期, "" until issued */
    char published[SC_DATE_SIZE];             /**< "" until published */
    char revoked[SC_DATE_SIZE];               /**< "" unless revoked */
    char revoke_reason[SC_ORG_TEXT_SIZE];     /**< "" unless revoked */
    char replaces[SC_CERT_NUMBER_SIZE];       /**< the certificate it re-issues, "" */
    char replaced_by[SC_CERT_NUMBER_SIZE];    /**< its re-issue, "" */
    char photo[SC_CERT_PHOTO_SIZE];           /**< holder photo reference, "" until issued */
    /* 一岗双认: the enterprise post certificate linked to it, "" when none. */
    char post_enterprise[SC_ORG_NAME_SIZE];   /**< the enterprise */
    char post_name[SC_ORG_NAME_SIZE];         /**< the post (岗位) */
    char post_number[SC_ORG_NAME_SIZE];       /**< the enterprise certificate's number */
    char post_issued[SC_DATE_SIZE];
} sc_certificate;

/** The version of ::sc_certificate this library fills (its `version` member). */
#define SC_CERTIFICATE_VERSION 1u
/** An ::sc_certificate ready to hand to a filler: its version set, the rest zero. */
#define SC_CERTIFICATE_INIT { .version = SC_CERTIFICATE_VERSION }

/**
 * Certify the level of a candidate who passed and report it to the city
 * (报备): the certificate is recorded with status REPORTED and its number is
 * allocated (see the file comment). The organization must be allowed to
 * certify the session's offering on @p date (sc_org_may_certify()).
 * @param[out] out    the number (SC_CERT_NUMBER_SIZE bytes); "" on failure.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param session_id  the session of the passed result.
 * @param id_number   the candidate.
 * @param date        the certification date, NULL for today; not before the result.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (session, result);
 *         ::SC_EEXISTS (already reported); ::SC_ECONSTRAINT (not passed; the
 *         organization may not certify it on that day, the message says why;
 *         sequence exhausted); ::SC_EDENIED; ::SC_EBUSY (the registry stayed
 *         locked by another writer past the busy timeout); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_report(char *out, sc_db *db, const sc_actor *actor,
                                    int64_t session_id, const char *id_number, const char *date);

/**
 * The organization issues a reported certificate (REPORTED → ISSUED).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param number      the certificate number (证书编号, 22 characters).
 * @param photo  a reference to the holder's photo (URI or digest, ≤255 bytes), or NULL.
 * @param date   the issue date (发证日期), NULL for today; not before certification.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (not
 *         REPORTED; date); ::SC_EDENIED (not the issuing organization); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_issue(sc_db *db, const sc_actor *actor, const char *number,
                                   const char *photo, const char *date);

/**
 * The city centre publishes an issued certificate (ISSUED → PUBLISHED).
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param number  the certificate number (证书编号, 22 characters).
 * @param date  "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (not ISSUED;
 *         date before issue); ::SC_EDENIED (not the city centre); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_publish(sc_db *db, const sc_actor *actor, const char *number,
                                     const char *date);

/**
 * Revoke a certificate, with a reason: the issuing organization or the
 * city centre. Verification then answers REVOKED.
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param number      the certificate number (证书编号, 22 characters).
 * @param reason  1–1023 bytes UTF-8.
 * @param date        the revocation day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (already
 *         revoked; date before certification); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_revoke(sc_db *db, const sc_actor *actor, const char *number,
                                    const char *reason, const char *date);

/**
 * Re-issue a certificate (lost, damaged, or corrected): a new certificate
 * with a new number, the same qualification and session, status REPORTED,
 * replaces it; the old one is revoked with @p reason if it was not already.
 * The organization must still be allowed to certify the offering on @p date.
 * @param[out] out  the new number (SC_CERT_NUMBER_SIZE bytes).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param number      the number of the certificate replaced.
 * @param holder    a corrected holder name, or NULL to keep it.
 * @param reason    1–1023 bytes UTF-8.
 * @param date        the re-issue day, "YYYY-MM-DD", NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (already
 *         re-issued; the organization may not certify any more; date);
 *         ::SC_EDENIED; ::SC_EBUSY; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_reissue(char *out, sc_db *db, const sc_actor *actor,
                                     const char *number, const char *holder, const char *reason,
                                     const char *date);

/**
 * Link the enterprise post certificate of "一岗双认" to a certificate (one
 * per certificate; linking again replaces it).
 * @param db          the registry.
 * @param actor       who acts; checked against the action table (authz.h).
 * @param number      the certificate number (证书编号, 22 characters).
 * @param enterprise   the enterprise, 1–255 bytes.
 * @param post         the post (岗位), 1–255 bytes.
 * @param post_number  the enterprise certificate's number, 1–255 bytes.
 * @param date         its issue date, NULL for today.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (revoked);
 *         ::SC_EDENIED (not the issuing organization); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_link_post(sc_db *db, const sc_actor *actor, const char *number,
                                       const char *enterprise, const char *post,
                                       const char *post_number, const char *date);

/**
 * The certificate site (发证点, the six digits after "S0000 11" in its
 * numbers) the registry holds for an organization: allocated at its first
 * certificate report, or taken from the first certificate received from it.
 * A certificate, or a certificate batch, naming another site is refused with
 * this one named.
 * @param[out] site  the site number (1-999999); 0 on failure.
 * @param db          the registry.
 * @param credit_code the organization's unified social credit code (统一社会信用代码).
 * @return ::SC_OK; ::SC_EINVAL (malformed code, NULL); ::SC_ENOTFOUND (no
 *         such organization, or no site yet); ::SC_EDB.
 * Thread-safety: as every call on one sc_db.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_site_get(int *site, sc_db *db, const char *credit_code);

/**
 * One certificate with all its content.
 * @param[out] out  filled (the caller's storage).
 * @param db  the registry.
 * @param number  the certificate number (证书编号, 22 characters).
 * @return ::SC_OK; ::SC_EINVAL (malformed number); ::SC_ENOTFOUND; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_get(sc_certificate *out, sc_db *db, const char *number);

/**
 * What sc_certificate_iter_new() selects; NULL fields select everything. Versioned: set it
 * up with SC_CERTIFICATE_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_certificate_query {
    unsigned int version;    /**< SC_CERTIFICATE_QUERY_VERSION; first */
    const char *credit_code; /**< only this organization's certificates, or NULL */
    const char *id_number;   /**< only this holder's (resident ID number), or NULL */
} sc_certificate_query;

#define SC_CERTIFICATE_QUERY_VERSION 1
#define SC_CERTIFICATE_QUERY_INIT { SC_CERTIFICATE_QUERY_VERSION, NULL, NULL }

/** Iterator over certificates (sc_certificate_iter_new()). Opaque. */
typedef struct sc_certificate_iter sc_certificate_iter;

/**
 * Certificates by number.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for everything; @p q->version must be
 *            SC_CERTIFICATE_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version);
 *         ::SC_EDB; ::SC_ENOMEM. Caller frees with
 *         sc_certificate_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_certificate_iter_new(sc_certificate_iter **out, sc_db *db,
                                      const sc_certificate_query *q);

/**
 * Next certificate.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL (NULL); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_iter_next(sc_certificate *out, sc_certificate_iter *it);

/**
 * Free a certificate iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_certificate_iter_free(sc_certificate_iter *it);

/* ---- Public verification ------------------------------------------------------------ */

/** What a verification found. Values are stable. */
typedef enum {
    SC_VERIFY_NOT_FOUND = 0,      /**< no certificate with that number */
    SC_VERIFY_NOT_PUBLISHED = 1,  /**< recorded but not yet published (reported or issued) */
    SC_VERIFY_REVOKED = 2,        /**< revoked */
    SC_VERIFY_VALID = 3,          /**< published and in force */
    SC_VERIFY_NAME_MISMATCH = 4,  /**< the number exists but the name (or the ID number,
                                       when given) is not the holder's: nothing else shown */
    SC_VERIFY_MALFORMED = 5       /**< (batch only) not a certificate number */
} sc_verify_status;

/**
 * "not-found", "not-published", "revoked", "valid", "name-mismatch", "malformed".
 * @param status  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_verify_status_name(int status);

/**
 * The answer of a verification: what the public may see. A plain value
 * owned by the caller; fields other than status and number are "" (0) when
 * the status is NOT_FOUND, NAME_MISMATCH or MALFORMED.
 */
typedef struct sc_verification {
    unsigned int version;  /**< SC_VERIFICATION_VERSION, first: set by the caller through
                                 SC_VERIFICATION_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int status;                               /**< ::sc_verify_status */
    char number[SC_CERT_NUMBER_SIZE];         /**< as asked (normalised when well-formed) */
    char masked_name[SC_MASKED_NAME_SIZE];    /**< "张*三", "李*" */
    char masked_id[SC_MASKED_ID_SIZE];        /**< "110105********002X" */
    char occupation[SC_OCCUPATION_CODE_SIZE];
    char occupation_name[SC_ORG_NAME_SIZE];
    char work_type[SC_WORK_TYPE_SIZE];        /**< "--" when none */
    int level;
    char org_name[SC_ORG_NAME_SIZE];
    char issued[SC_DATE_SIZE];                /**< issue date, "" when not issued */
    char revoked[SC_DATE_SIZE];               /**< revocation date, "" */
} sc_verification;

/** The version of ::sc_verification this library fills (its `version` member). */
#define SC_VERIFICATION_VERSION 1u
/** An ::sc_verification ready to hand to a filler: its version set, the rest zero. */
#define SC_VERIFICATION_INIT { .version = SC_VERIFICATION_VERSION }

/**
 * Public verification (证书查询): look a certificate up by number and the
 * holder's name, and optionally the holder's ID number. The lookup is one
 * cached prepared statement on the table keyed by the number, in its own
 * read transaction (or in the caller's, when one is open), and allocates
 * nothing. The name is compared exactly, the ID number exactly but for the
 * case of its 'x' and blanks around it; the answer never shows the full
 * name or ID.
 * @param[out] out     the answer.
 * @param db          the registry.
 * @param number       the certificate number.
 * @param name         the holder's name as printed.
 * @param id_number    the holder's ID number, or NULL not to check it.
 * @return ::SC_OK when @p out holds the answer (whatever the status);
 *         ::SC_EINVAL (NULL; not a certificate number); ::SC_EBUSY; ::SC_EDB.
 * Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_verify(sc_verification *out, sc_db *db, const char *number,
                                    const char *name, const char *id_number);

/**
 * Verify many certificates in one read transaction: out[i] answers
 * (numbers[i], names[i], id_numbers ? id_numbers[i] : NULL). A malformed
 * number answers SC_VERIFY_MALFORMED instead of failing the batch.
 * @param[out] out    @p n answers (the caller's array).
 * @param db          the registry.
 * @param numbers     @p n numbers; @p names @p n names; @p id_numbers NULL or
 *                    @p n ID numbers (entries may be NULL).
 * @param names       @p n holder names.
 * @param id_numbers  NULL, or @p n ID numbers (entries may be NULL).
 * @param n           the number of certificates to verify.
 * @return ::SC_OK; ::SC_EINVAL (NULL arrays); ::SC_EBUSY; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_batch_verify(sc_verification *out, sc_db *db,
                                          const char *const *numbers, const char *const *names,
                                          const char *const *id_numbers, size_t n);

/**
 * Mask a name for display: the first character, then one '*' per hidden
 * character (at most 8), then the last when the name has three or more
 * characters: "张小三" → "张*三", "欧阳小明" → "欧**明", "李四" → "李*", "王" → "*".
 * @param[out] out  at least SC_MASKED_NAME_SIZE bytes.
 * @param name      the name, UTF-8.
 * @return ::SC_OK; ::SC_EINVAL (NULL or bad UTF-8).
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_mask_name(char *out, const char *name);

/**
 * Mask an 18-character ID number: the first 6 and last 4 characters kept,
 * 8 '*' between: "110105********002X". Other lengths: all but the last
 * 4 characters masked.
 * @param[out] out  at least SC_MASKED_ID_SIZE bytes.
 * @param id_number   the ID number to mask, at most 18 characters.
 * @return ::SC_OK; ::SC_EINVAL (NULL, longer than 18).
 * Pure function; thread-safe.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_mask_id(char *out, const char *id_number);

/* ---- Statistics ----------------------------------------------------------------------- */

/** Group statistics by occupation. */
#define SC_STATS_OCCUPATION 0x01u
/** ... by level. */
#define SC_STATS_LEVEL      0x02u
/** ... by the issuing organization's district. */
#define SC_STATS_DISTRICT   0x04u
/** ... by issuing organization. */
#define SC_STATS_ORG        0x08u
/** ... by year of issue ("2024"). */
#define SC_STATS_YEAR       0x10u
/** ... by month of issue ("2024-05"); overrides SC_STATS_YEAR. */
#define SC_STATS_MONTH      0x20u
/** Count only published certificates (default: issued and published). */
#define SC_STATS_PUBLISHED_ONLY 0x100u

/** One row of statistics: a group and its count. A plain value. */
typedef struct sc_cert_stats_row {
    unsigned int version;  /**< SC_CERT_STATS_ROW_VERSION, first: set by the caller through
                                 SC_CERT_STATS_ROW_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char occupation[SC_OCCUPATION_CODE_SIZE]; /**< "" when not grouped by it */
    int level;                                /**< 0 when not grouped by it */
    char district[SC_DISTRICT_CODE_SIZE];     /**< "" when not grouped by it */
    char credit_code[SC_CREDIT_CODE_SIZE];    /**< "" when not grouped by it */
    char period[8];                           /**< "2024" or "2024-05"; "" */
    int64_t count;
} sc_cert_stats_row;

/** The version of ::sc_cert_stats_row this library fills (its `version` member). */
#define SC_CERT_STATS_ROW_VERSION 1u
/** An ::sc_cert_stats_row ready to hand to a filler: its version set, the rest zero. */
#define SC_CERT_STATS_ROW_INIT { .version = SC_CERT_STATS_ROW_VERSION }

/**
 * What sc_certificate_stats_iter_new() counts; 0 and NULL fields: one total of all
 * certificates in force. Versioned: set it up with SC_CERT_STATS_QUERY_INIT; an unknown
 * version is ::SC_EINVAL.
 */
typedef struct sc_cert_stats_query {
    unsigned int version; /**< SC_CERT_STATS_QUERY_VERSION; first */
    unsigned int flags;   /**< SC_STATS_* bits: the grouping and SC_STATS_PUBLISHED_ONLY */
    const char *from;     /**< first issue date, or NULL for no bound */
    const char *to;       /**< last issue date, or NULL for no bound */
} sc_cert_stats_query;

#define SC_CERT_STATS_QUERY_VERSION 1
#define SC_CERT_STATS_QUERY_INIT { SC_CERT_STATS_QUERY_VERSION, 0, NULL, NULL }

/** Iterator over certificate statistics rows (sc_certificate_stats_iter_new()). Opaque. */
typedef struct sc_cert_stats_iter sc_cert_stats_iter;

/**
 * Count certificates in force (issued or published, not revoked; a
 * re-issue counts once) issued between @p from and @p to inclusive, grouped
 * as @p flags says (no grouping bit: one total row). Rows come in the order
 * of the grouped fields.
 * @param out         the iterator; NULL on failure.
 * @param db          the registry.
 * @param q   what to select, or NULL for everything; @p q->version must be
 *            SC_CERT_STATS_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (an unknown @p q version, unknown bits, bad dates); ::SC_EDB;
 *         ::SC_ENOMEM. Caller frees with sc_cert_stats_iter_free().
 * @since 0.1
 */
SC_EXTERN int sc_certificate_stats_iter_new(sc_cert_stats_iter **out, sc_db *db,
                                            const sc_cert_stats_query *q);

/**
 * Next statistics row.
 * @param[out] out  filled (the caller's storage).
 * @param it  the iterator.
 * @return ::SC_OK; ::SC_ITEROVER; ::SC_EINVAL (NULL); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_stats_iter_next(sc_cert_stats_row *out, sc_cert_stats_iter *it);

/**
 * Free an iterator over certificate statistics rows; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_cert_stats_iter_free(sc_cert_stats_iter *it);

/* ---- Electronic certificate (urn:skillcert:certificate:1) ------------------------------ */

/**
 * The electronic certificate (电子证书) of a certificate that has been issued:
 * an XML document (namespace urn:skillcert:certificate:1, root
 * `<certificate>`) that validates against schemas/certificate.xsd
 * (sc_doctype_schema(SC_DOC_CERTIFICATE)), with every mandatory item.
 * @param[out] out  NUL-terminated UTF-8; caller frees with sc_free().
 * @param[out] len  its length without the NUL; may be NULL.
 * @param db          the registry.
 * @param number    the certificate number.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (only
 *         reported, not issued yet; issued without the holder's photo, a
 *         mandatory item); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_export_memory(char **out, size_t *len, sc_db *db,
                                           const char *number);

/**
 * As sc_certificate_export_memory(), written to a file (replaced).
 * @param db  the registry.
 * @param number  the certificate number (证书编号, 22 characters).
 * @param path  the file to write (replaced).
 * @return as sc_certificate_export_memory(); ::SC_EIO.
 * @since 0.1
 */
SC_EXTERN int sc_certificate_export_file(sc_db *db, const char *number, const char *path);

SC_END_DECL

#endif /* SKILLCERT_CERTIFICATE_H */
