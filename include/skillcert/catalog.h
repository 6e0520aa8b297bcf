/**
 * @file skillcert/catalog.h
 * @brief The five levels and the catalog of new occupations (新职业目录清单).
 *
 * An occupation has a code (大类-中类-小类-细类, stored as ASCII "4-04-05-05";
 * the notice's "—" dashes are accepted on input), a name, optional work types
 * (工种/方向) and a set of offerings: (work type or none, level). The level set
 * may differ per work type: 4-04-05-04 offers levels 5, 4, 1 undivided
 * (不分方向) and levels 3, 2 only per direction.
 *
 * The catalog changes over time (动态调整): occupations, work types and
 * offerings carry an effective date and, once withdrawn, a withdrawal date
 * (the first day they no longer apply). Old codes may be kept as aliases.
 *
 * Dates are "YYYY-MM-DD" strings. Changing calls take the acting ::sc_actor;
 * only the city bureau (SC_ACTOR_CITY_BUREAU) changes the catalog.
 */
#ifndef SKILLCERT_CATALOG_H
#define SKILLCERT_CATALOG_H

#include "common.h"
#include "db.h"
#include "roles.h"

SC_BEGIN_DECL

#define SC_LEVEL_MIN 1  /**< 一级/高级技师, the highest */
#define SC_LEVEL_MAX 5  /**< 五级/初级工, the lowest */

/**
 * Chinese name of a level: 5 "初级工", 4 "中级工", 3 "高级工", 2 "技师", 1 "高级技师".
 * @param level  1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @return a static string, or NULL when @p level is outside 1–5.
 * @since 0.1
 */
SC_EXTERN const char *sc_level_name_zh(int level);

/**
 * Chinese rank of a level: 5 "五级" … 1 "一级".
 * @param level  1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @return a static string, or NULL when @p level is outside 1–5.
 * @since 0.1
 */
SC_EXTERN const char *sc_level_rank_zh(int level);

/**
 * English name of a level: 5 "junior", 4 "intermediate", 3 "senior",
 * 2 "technician", 1 "senior technician".
 * @param level  1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @return a static string, or NULL when @p level is outside 1–5.
 * @since 0.1
 */
SC_EXTERN const char *sc_level_name_en(int level);

/**
 * Parse a level from its number ("3"), rank ("三级"), Chinese name ("高级工"),
 * certificate form ("三级/高级工") or English name ("senior").
 * @param[out] out  the level 1–5.
 * @param text      the text.
 * @return ::SC_OK, ::SC_EINVAL (unrecognised or NULL).
 * @since 0.1
 */
SC_EXTERN int sc_level_parse(int *out, const char *text);

/**
 * Normalise an occupation code to ASCII "D-DD-DD-DD". Accepts '-', '—' (U+2014),
 * '–' (U+2013), '－' (U+FF0D) as separators and surrounding blanks.
 * @param[out] out  the normalised code; caller frees with sc_free().
 * @param code      the code as given.
 * @return ::SC_OK, ::SC_EINVAL (malformed), ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_occupation_code_normalize(char **out, const char *code);

/* ---- Changes (city bureau only) ------------------------------------- */

/**
 * Add an occupation to the catalog.
 * @param db, actor  registry and the acting city bureau.
 * @param code       occupation code (any accepted form).
 * @param name       Chinese name, UTF-8, non-empty.
 * @param effective  first day it applies, "YYYY-MM-DD".
 * @return ::SC_OK; ::SC_EINVAL (malformed argument); ::SC_EEXISTS (code or alias
 *         already used); ::SC_EDENIED (actor not the city bureau); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_catalog_add_occupation(sc_db *db, const sc_actor *actor, const char *code,
                                        const char *name, const char *effective);

/**
 * Add a work type (工种/方向) to an occupation.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param code  the occupation code (or an alias).
 * @param work_type  the work type name, 1–256 bytes UTF-8.
 * @param effective  the first day in force, "YYYY-MM-DD".
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND (occupation); ::SC_EEXISTS; ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_catalog_add_work_type(sc_db *db, const sc_actor *actor, const char *code,
                                       const char *work_type, const char *effective);

/**
 * Add an offering: @p level of the occupation, undivided when @p work_type is
 * NULL or "", otherwise for that work type (which must exist).
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param code  the occupation code (or an alias).
 * @param work_type  the work type (工种/方向), or NULL/"" when undivided.
 * @param level  1–5.
 * @param effective  the first day in force, "YYYY-MM-DD".
 * @return ::SC_OK; ::SC_EINVAL (level outside 1–5, bad date); ::SC_ENOTFOUND
 *         (occupation or work type); ::SC_EEXISTS (already offered and in force);
 *         ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_catalog_add_offering(sc_db *db, const sc_actor *actor, const char *code,
                                      const char *work_type, int level, const char *effective);

/**
 * Withdraw an occupation from @p date on (its work types and offerings with it).
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param code  the occupation code (or an alias).
 * @param date  the first day withdrawn, "YYYY-MM-DD".
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_ECONSTRAINT (already
 *         withdrawn, or @p date before it became effective); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_catalog_withdraw_occupation(sc_db *db, const sc_actor *actor,
                                             const char *code, const char *date);

/**
 * Withdraw a work type (and its offerings) from @p date on.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param code  the occupation code (or an alias).
 * @param work_type  the work type (工种/方向), or NULL/"" when undivided.
 * @param date  the first day withdrawn, "YYYY-MM-DD".
 * @return as sc_catalog_withdraw_occupation().
 * @since 0.1
 */
SC_EXTERN int sc_catalog_withdraw_work_type(sc_db *db, const sc_actor *actor, const char *code,
                                            const char *work_type, const char *date);

/**
 * Withdraw one offering from @p date on.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param code  the occupation code (or an alias).
 * @param work_type  the work type (工种/方向), or NULL/"" when undivided.
 * @param level  1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @param date  the first day withdrawn, "YYYY-MM-DD".
 * @return as sc_catalog_withdraw_occupation().
 * @since 0.1
 */
SC_EXTERN int sc_catalog_withdraw_offering(sc_db *db, const sc_actor *actor, const char *code,
                                           const char *work_type, int level, const char *date);

/**
 * Keep @p alias (e.g. an older code) as another name of occupation @p code.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @param alias  the other name (e.g. an older code).
 * @param code  the occupation's code.
 * @return ::SC_OK; ::SC_EINVAL; ::SC_ENOTFOUND; ::SC_EEXISTS (alias is an
 *         occupation code or alias already); ::SC_EDENIED; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_catalog_add_alias(sc_db *db, const sc_actor *actor, const char *alias,
                                   const char *code);

/**
 * Load the notice's catalog (京人社能发〔2022〕8号 附件1), built into the library,
 * through the same XML import path as any catalog file. Importing it again
 * is a no-op. sc_xml_import_notice() does the same and reports what it did.
 * @param db  the registry.
 * @param actor  who acts; checked against the action table (authz.h).
 * @return as sc_xml_import_file().
 * @since 0.1
 */
SC_EXTERN int sc_catalog_load_notice(sc_db *db, const sc_actor *actor);

/* ---- Questions -------------------------------------------------------- */

/**
 * Is (occupation, work type, level) certifiable on @p date?
 *
 * Domain answers are given in @p out: unknown occupation or work type, a work
 * type required or not allowed at that level, a level not offered, and
 * anything withdrawn or not yet in force on @p date.
 *
 * @param[out] out  the verdict.
 * @param db          the registry.
 * @param code      occupation code or alias (any accepted form).
 * @param work_type work type name, or NULL/"" for none.
 * @param level     1–5.
 * @param date      "YYYY-MM-DD", or NULL for today (UTC).
 * @return ::SC_OK when @p out holds the answer; ::SC_EINVAL (malformed code,
 *         level outside 1–5, bad date, NULL); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_catalog_check(sc_verdict *out, sc_db *db, const char *code,
                               const char *work_type, int level, const char *date);

/* ---- Reading ---------------------------------------------------------- */

/** One occupation with its work types and offerings, as read. Opaque. */
typedef struct sc_occupation sc_occupation;
/** Iterator over occupations in code order. Opaque. */
typedef struct sc_occupation_iter sc_occupation_iter;

/**
 * Look up one occupation by code or alias.
 * @param[out] out  the occupation with all its offerings (in force or not);
 *                  caller frees with sc_occupation_free().
 * @param db          the registry.
 * @param code        an occupation code or alias.
 * @return ::SC_OK; ::SC_EINVAL (malformed code); ::SC_ENOTFOUND; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_occupation_lookup(sc_occupation **out, sc_db *db, const char *code);

/**
 * What sc_occupation_iter_new() selects; NULL fields select everything. Versioned: set it
 * up with SC_OCCUPATION_QUERY_INIT; an unknown version is ::SC_EINVAL.
 */
typedef struct sc_occupation_query {
    unsigned int version; /**< SC_OCCUPATION_QUERY_VERSION; first */
    const char *date;     /**< only occupations and offerings in force on this day
                               (YYYY-MM-DD), or NULL for every one ever recorded */
} sc_occupation_query;

#define SC_OCCUPATION_QUERY_VERSION 1
#define SC_OCCUPATION_QUERY_INIT { SC_OCCUPATION_QUERY_VERSION, NULL }

/**
 * Iterate over occupations, by code.
 * @param[out] out  the iterator; caller frees with sc_occupation_iter_free().
 * @param db          the registry.
 * @param q   what to select, or NULL for every occupation with every offering ever
 *            recorded; @p q->version must be SC_OCCUPATION_QUERY_VERSION.
 * @return ::SC_OK; ::SC_EINVAL (also an unknown @p q version); ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_occupation_iter_new(sc_occupation_iter **out, sc_db *db,
                                     const sc_occupation_query *q);

/**
 * Next occupation.
 * @param[out] out  the occupation, caller frees with sc_occupation_free(); NULL at the end.
 * @param it          the iterator.
 * @return ::SC_OK; ::SC_ITEROVER at the end; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_occupation_iter_next(sc_occupation **out, sc_occupation_iter *it);

/**
 * Free an iterator; NULL is a no-op.
 * @param it  the iterator.
 * @since 0.1
 */
SC_EXTERN void sc_occupation_iter_free(sc_occupation_iter *it);

/**
 * Free an occupation; NULL is a no-op.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN void sc_occupation_free(sc_occupation *o);

/**
 * ASCII code. Borrowed while @p o lives.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_code(const sc_occupation *o);
/**
 * Chinese name. Borrowed while @p o lives.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_name(const sc_occupation *o);
/**
 * Effective date. Borrowed while @p o lives.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_effective(const sc_occupation *o);
/**
 * Withdrawal date, or NULL when in force. Borrowed while @p o lives.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_withdrawn(const sc_occupation *o);
/**
 * Number of work types (0 for "——").
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN size_t sc_occupation_work_type_count(const sc_occupation *o);
/**
 * Work type @p i, or NULL out of range. Borrowed while @p o lives.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_work_type(const sc_occupation *o, size_t i);
/**
 * Effective date of work type @p i, NULL out of range. Borrowed.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_work_type_effective(const sc_occupation *o, size_t i);
/**
 * Withdrawal date of work type @p i, NULL when in force. Borrowed.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_work_type_withdrawn(const sc_occupation *o, size_t i);
/**
 * Number of offerings.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN size_t sc_occupation_offering_count(const sc_occupation *o);
/**
 * Work type of offering @p i; NULL when undivided or out of range. Borrowed.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_offering_work_type(const sc_occupation *o, size_t i);
/**
 * Level of offering @p i (1–5), or 0 out of range.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_occupation_offering_level(const sc_occupation *o, size_t i);
/**
 * Effective date of offering @p i, NULL out of range. Borrowed.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_offering_effective(const sc_occupation *o, size_t i);
/**
 * Withdrawal date of offering @p i, NULL when in force. Borrowed.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_offering_withdrawn(const sc_occupation *o, size_t i);
/**
 * Number of aliases.
 * @param o  the occupation.
 * @since 0.1
 */
SC_EXTERN size_t sc_occupation_alias_count(const sc_occupation *o);
/**
 * Alias @p i, NULL out of range. Borrowed.
 * @param o  the occupation.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_occupation_alias(const sc_occupation *o, size_t i);

SC_END_DECL

#endif /* SKILLCERT_CATALOG_H */
