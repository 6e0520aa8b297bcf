/**
 * @file skillcert/eligibility.h
 * @brief Eligibility (申报条件): rules as data, and decisions with their reasons.
 *
 * National occupational skill standards share a template (国家职业技能标准
 * 编制技术规程(2018年版)) but differ per occupation, level and even work type,
 * so the conditions are data. A rule set covers the template (the default for
 * every occupation) or one occupation, and is versioned by its effective
 * date: on a given day the newest version in force of each rule set applies.
 * For each level (optionally per work type) it lists alternative conditions
 * (any one suffices), each a conjunction of predicates: years of work in this
 * or a related occupation; a certificate at a level, with years of work since
 * it; education kind and major; apprenticeship; age; competition results;
 * formal training; military service.
 *
 * Rule sets are imported from XML documents (urn:skillcert:eligibility:1,
 * schemas/eligibility.xsd, ::SC_DOC_ELIGIBILITY) through sc_xml_import_file();
 * only the city bureau imports them. The library carries the 2018 template and
 * the occupation-specific rules that could be confirmed (data/eligibility-default.xml),
 * loaded with sc_eligibility_load_defaults(). For an occupation, level or work
 * type without rules of its own, the template applies.
 *
 * Deciding is separate from the registry: sc_ruleset_load() compiles the
 * rules in force on a day into an ::sc_ruleset, and sc_eligibility_decide()
 * answers from it and an ::sc_candidate without any SQL or allocation.
 *
 * Years are exact: "N years" are complete on the N-year anniversary of the
 * start (2019-03-01 → 2023-03-01; a day short is short). Work counts the days
 * worked in this or a related occupation up to the day before the decision
 * date, each day once, however periods overlap; when the days are not one
 * unbroken period they are counted as if laid end to end from the first day.
 * Where an anniversary falls on a day the month lacks (29 February), the last
 * day of the month is the anniversary (民法典 第二百零三条).
 *
 * Deciding does not consult the catalog: whether the occupation offers the
 * level at all is sc_catalog_check()'s question.
 */
#ifndef SKILLCERT_ELIGIBILITY_H
#define SKILLCERT_ELIGIBILITY_H

#include "common.h"
#include "db.h"
#include "roles.h"
#include "candidate.h"
#include "xml.h"

SC_BEGIN_DECL

/** Application paths. Values are stable. */
typedef enum {
    SC_PATH_NORMAL = 0,       /**< "normal": the standard's conditions */
    SC_PATH_EXCEPTIONAL = 1,  /**< "exceptional" 破格申报: level 3 (高级工) and above */
    SC_PATH_DIRECT = 2        /**< "direct" 直接认定: level 2 (技师) and above */
} sc_path;

/** Which special-path rules of the organization are confirmed (备案确认) by the
 *  district and city bureaus (京人社能发〔2022〕8号 二(二)). */
#define SC_CONFIRMED_EXCEPTIONAL 0x1u
#define SC_CONFIRMED_DIRECT      0x2u

/**
 * Token of a path ("normal", "exceptional", "direct"), or NULL.
 * @param path  an ::sc_path.
 * @since 0.1
 */
SC_EXTERN const char *sc_path_name(int path);

/**
 * Parse a path token.
 * @param[out] out  the value parsed.
 * @param text  the text to parse.
 * @return ::SC_OK, ::SC_EINVAL (unknown or NULL).
 * @since 0.1
 */
SC_EXTERN int sc_path_parse(int *out, const char *text);

/**
 * Import the built-in rules (the 2018 template and the confirmed
 * occupation-specific rules, data/eligibility-default.xml) through the same
 * path as sc_xml_import_memory(). Importing them again changes nothing and
 * says so in @p out.
 * @param[out] out  what was done; may be NULL.
 * @param db        the registry.
 * @param actor     must be the city bureau.
 * @return as sc_xml_import_memory(): ::SC_OK; ::SC_EDENIED; ::SC_EINVALIDDOC
 *         (a version of the same rule set with the same effective date is stored);
 *         ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_eligibility_load_defaults(sc_import_result *out, sc_db *db,
                                           const sc_actor *actor);

/* ---- Compiled rule sets ------------------------------------------------------ */

/** The rules in force on one day, compiled for deciding. Opaque, immutable. */
typedef struct sc_ruleset sc_ruleset;

/**
 * Compile the rules in force on @p date: for the template and for each
 * occupation, the newest version effective on or before that day and not
 * withdrawn by it. Occupation aliases recorded in the catalog count as the
 * occupation itself.
 * @param[out] out  the rules; NULL on failure. Caller frees with sc_ruleset_free().
 *                  Independent of @p db once made.
 * @param db        the registry.
 * @param date      "YYYY-MM-DD", or NULL for today (UTC).
 * @return ::SC_OK (also when no rules are stored: every decision then says so);
 *         ::SC_EINVAL; ::SC_EDB; ::SC_ENOMEM.
 * Thread-safety: the result may be shared by threads deciding concurrently.
 * @since 0.1
 */
SC_EXTERN int sc_ruleset_load(sc_ruleset **out, sc_db *db, const char *date);

/**
 * Free compiled rules. Decisions made with them must not be read afterwards.
 * @param rs  the rules; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_ruleset_free(sc_ruleset *rs);

/**
 * The day the rules were compiled for. Borrowed while @p rs lives.
 * @param rs  the rules.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_date(const sc_ruleset *rs);
/**
 * Number of rule sets in force (the template and each occupation with rules).
 * @param rs  the rules.
 * @since 0.1
 */
SC_EXTERN size_t sc_ruleset_count(const sc_ruleset *rs);
/**
 * Name (version id) of rule set @p i, e.g. "template-2018"; NULL out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_name(const sc_ruleset *rs, size_t i);
/**
 * Occupation of rule set @p i; NULL for the template or out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_occupation(const sc_ruleset *rs, size_t i);
/**
 * Standard rule set @p i encodes; NULL out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_standard(const sc_ruleset *rs, size_t i);
/**
 * Effective date of rule set @p i; NULL out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_effective(const sc_ruleset *rs, size_t i);
/**
 * Number of related occupations rule set @p i declares.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN size_t sc_ruleset_related_count(const sc_ruleset *rs, size_t i);
/**
 * Related occupation @p j of rule set @p i; NULL out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @param j  the index within entry @p i, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_related(const sc_ruleset *rs, size_t i, size_t j);
/**
 * Number of conditions of rule set @p i, over all its levels.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @since 0.1
 */
SC_EXTERN size_t sc_ruleset_condition_count(const sc_ruleset *rs, size_t i);
/**
 * Level (1–5) of condition @p j of rule set @p i; 0 out of range.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @param j  the index within entry @p i, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_ruleset_condition_level(const sc_ruleset *rs, size_t i, size_t j);
/**
 * Work type of condition @p j, NULL when for every work type or out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @param j  the index within entry @p i, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_condition_work_type(const sc_ruleset *rs, size_t i, size_t j);
/**
 * Id of condition @p j (e.g. "L4-a"); NULL out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @param j  the index within entry @p i, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_condition_id(const sc_ruleset *rs, size_t i, size_t j);
/**
 * Clause of the standard condition @p j encodes; NULL out of range. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @param j  the index within entry @p i, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_condition_clause(const sc_ruleset *rs, size_t i, size_t j);
/**
 * Confidence of condition @p j's source ("C" confirmed, "I" inferred), or NULL. Borrowed.
 * @param rs  the rules.
 * @param i  the index, from 0.
 * @param j  the index within entry @p i, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_ruleset_condition_confidence(const sc_ruleset *rs, size_t i, size_t j);

/**
 * Condition @p j of rule set @p i in plain words, e.g. "needs a level-5
 * (初级工) certificate of this or a related occupation and 4 years of work
 * since it".
 * @param[out] out  the text; caller frees with sc_free(). NULL on failure.
 * @param rs          the rules.
 * @param i           the rule set, from 0.
 * @param j           the condition within rule set @p i, from 0.
 * @return ::SC_OK; ::SC_EINVAL (NULL, out of range); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_ruleset_condition_text(char **out, const sc_ruleset *rs, size_t i, size_t j);

/* ---- Decisions ------------------------------------------------------------------ */

/** The answer to "may this candidate sit that level?", with its reasons. Opaque;
 *  make one and reuse it for many decisions. */
typedef struct sc_decision sc_decision;

/**
 * Make an empty decision (not eligible, no conditions).
 * @param[out] out  the decision; NULL on failure. Caller frees with sc_decision_free().
 * @return ::SC_OK; ::SC_EINVAL (out is NULL); ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_decision_new(sc_decision **out);

/**
 * Free a decision.
 * @param d  the decision; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_decision_free(sc_decision *d);

/**
 * Is a stored candidate eligible for a level on a day? The one call for
 * applications and tools: it loads the candidate's record, the rules in
 * force on @p as_of and, when @p credit_code is given, the special paths
 * whose rules that organization has confirmed (sc_org_rules_confirmed_get());
 * and it checks the catalog, so an offering that is not certifiable on that
 * day (unknown occupation or work type, level not offered, not yet or no
 * longer in force) is "not eligible" with the catalog's reason
 * (::SC_REASON_UNKNOWN_WORK_TYPE ...) and sentence.
 *
 * @param out          the decision to fill; it keeps the rules it was decided
 *                     with (its texts stay valid until it is decided again or freed).
 * @param db           the registry.
 * @param id_number    the candidate's resident ID number (saved with sc_candidate_save()).
 * @param credit_code  the organization applied to, or NULL: no special path is confirmed.
 * @param occupation   the occupation code; @p work_type or NULL/"" for none; @p level 1–5.
 * @param work_type   the work type (工种/方向), or NULL/"" when the level is undivided.
 * @param level       1–5 (1 = 一级/高级技师 … 5 = 五级/初级工).
 * @param path         an ::sc_path.
 * @param as_of        "YYYY-MM-DD", or NULL for today (UTC).
 * @return ::SC_OK when @p out holds the answer, eligible or not; ::SC_EINVAL
 *         (NULL or malformed argument); ::SC_ENOTFOUND (no such candidate, or
 *         no such organization); ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_eligibility_check(sc_decision *out, sc_db *db, const char *id_number,
                                   const char *credit_code, const char *occupation,
                                   const char *work_type, int level, int path,
                                   const char *as_of);

/**
 * Decide whether a candidate may apply for a level, and why: the low-level
 * rule engine, for rule authors and tests. It trusts the caller: the
 * candidate need not be stored, @p confirmed is taken as given, and the
 * catalog is not consulted. Applications and tools use
 * sc_eligibility_check().
 *
 * Normal path: the conditions for (occupation, work type, level) are those of
 * the occupation's rule set for that work type, else for the level undivided,
 * else the template's. Every condition is evaluated; the first that holds is
 * the match. Exceptional path (破格申报): only for levels 3–1, only when the
 * organization's rules for it are confirmed (@p confirmed has
 * SC_CONFIRMED_EXCEPTIONAL), and only with evidence of achievement or of a
 * major project or event recorded by @p as_of. Direct certification (直接认定):
 * only for levels 2–1, with SC_CONFIRMED_DIRECT and evidence of a
 * contribution. A special path that passes these checks is eligible subject
 * to the organization's own confirmed rules.
 *
 * No SQL, no allocation: @p out is overwritten.
 *
 * @param out         the decision to fill.
 * @param rs          the compiled rules.
 * @param c           the candidate.
 * @param occupation  the occupation code (any accepted form; aliases known to @p rs work).
 * @param work_type   the work type, or NULL/"" for none.
 * @param level       1–5.
 * @param path        an ::sc_path.
 * @param confirmed   SC_CONFIRMED_* bits for the organization applied to (0: none).
 * @param as_of       the day to decide on ("YYYY-MM-DD"), or NULL for today (UTC).
 * @return ::SC_OK when @p out holds the answer, eligible or not; ::SC_EINVAL
 *         (NULL argument, malformed code or date, level outside 1–5, unknown path).
 * Thread-safety: @p rs and @p c may be shared; @p out must not.
 * @since 0.1
 */
SC_EXTERN int sc_eligibility_decide(sc_decision *out, const sc_ruleset *rs,
                                    const sc_candidate *c, const char *occupation,
                                    const char *work_type, int level, int path,
                                    unsigned int confirmed, const char *as_of);

/**
 * 1 when eligible, else 0.
 * @param d  the decision.
 * @since 0.1
 */
SC_EXTERN int sc_decision_eligible(const sc_decision *d);

/**
 * Why not: ::SC_REASON_NONE when eligible; ::SC_REASON_CONDITIONS_NOT_MET,
 * ::SC_REASON_NO_RULES, ::SC_REASON_SPECIAL_PATH_LEVEL,
 * ::SC_REASON_SPECIAL_PATH_NOT_CONFIRMED, ::SC_REASON_SPECIAL_PATH_NO_EVIDENCE.
 * @param d  the decision.
 * @since 0.1
 */
SC_EXTERN int sc_decision_reason(const sc_decision *d);

/**
 * The answer in one sentence, e.g. "eligible for level 4 (中级工) of 4-99-00-00
 * under condition L4-a: …" or "not eligible …: no condition is met".
 * @param d  the decision.
 * @return borrowed; valid until @p d is decided again or freed (and while the
 *         rules it was decided with live). Not thread-safe on one decision.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_message(const sc_decision *d);

/** Id of the matched condition ("L4-a", or "exceptional"/"direct"), NULL when not eligible.
 *  Borrowed, as sc_decision_message(). @since 0.1
 * @param d  the decision.
 */
SC_EXTERN const char *sc_decision_matched(const sc_decision *d);
/**
 * Clause of the matched condition, NULL when not eligible. Borrowed, as sc_decision_message().
 * @param d  the decision.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_clause(const sc_decision *d);
/**
 * Name of the rule set used ("template-2018"), NULL when none applied. Borrowed.
 * @param d  the decision.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_rules(const sc_decision *d);
/**
 * Standard of the rule set used, NULL when none applied. Borrowed.
 * @param d  the decision.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_standard(const sc_decision *d);

/**
 * Number of conditions evaluated (0 on the special paths).
 * @param d  the decision.
 * @since 0.1
 */
SC_EXTERN size_t sc_decision_condition_count(const sc_decision *d);
/**
 * Id of condition @p i, NULL out of range. Borrowed, as sc_decision_message().
 * @param d  the decision.
 * @param i  the condition, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_condition_id(const sc_decision *d, size_t i);
/**
 * Clause of condition @p i, NULL out of range. Borrowed, as sc_decision_message().
 * @param d  the decision.
 * @param i  the condition, from 0.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_condition_clause(const sc_decision *d, size_t i);
/**
 * 1 when condition @p i holds, 0 when not or out of range.
 * @param d  the decision.
 * @param i  the condition, from 0.
 * @since 0.1
 */
SC_EXTERN int sc_decision_condition_met(const sc_decision *d, size_t i);

/**
 * Condition @p i explained: what holds and what is missing, in plain words,
 * e.g. "needs 4 years of work since the level-5 certificate (2019-03-01); has
 * 3 years 11 months".
 * @param d  the decision.
 * @param i  the condition, from 0.
 * @return borrowed, as sc_decision_message(); NULL out of range.
 * @since 0.1
 */
SC_EXTERN const char *sc_decision_condition_message(const sc_decision *d, size_t i);

SC_END_DECL

#endif /* SKILLCERT_ELIGIBILITY_H */
