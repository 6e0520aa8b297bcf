/**
 * @file skillcert/common.h
 * @brief Export macros, declaration guards and the library's deallocator.
 *
 * Every other public header includes this one.
 */
#ifndef SKILLCERT_COMMON_H
#define SKILLCERT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(SC_BUILDING_LIBRARY)
#    define SC_EXTERN __declspec(dllexport)
#  else
#    define SC_EXTERN __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define SC_EXTERN __attribute__((visibility("default")))
#else
#  define SC_EXTERN
#endif

#if defined(__GNUC__)
#  define SC_DEPRECATED __attribute__((deprecated))
#else
#  define SC_DEPRECATED
#endif

#ifdef __cplusplus
#  define SC_BEGIN_DECL extern "C" {
#  define SC_END_DECL }
#else
#  define SC_BEGIN_DECL
#  define SC_END_DECL
#endif

SC_BEGIN_DECL

/** Size of the message buffer of an ::sc_verdict, including the NUL. */
#define SC_VERDICT_MESSAGE_SIZE 512

/**
 * The answer to a yes/no domain question ("is this certifiable on that date?"),
 * with the reason when the answer is no.
 *
 * A verdict is a plain value owned by the caller (usually on its stack).
 */
typedef struct sc_verdict {
    unsigned int version;  /**< SC_VERDICT_VERSION, first: set by the caller through
                                 SC_VERDICT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    int ok;          /**< 1: yes; 0: no, see @ref reason and @ref message. */
    int reason;      /**< 0 when ok; otherwise one of the SC_REASON_* codes. */
    char message[SC_VERDICT_MESSAGE_SIZE]; /**< UTF-8 explanation; "" when ok. */
} sc_verdict;

/** The version of ::sc_verdict this library fills (its `version` member). */
#define SC_VERDICT_VERSION 1u
/** An ::sc_verdict ready to hand to a filler: its version set, the rest zero. */
#define SC_VERDICT_INIT { .version = SC_VERDICT_VERSION }

/** Reasons a verdict says no. Values are stable: never renumbered. */
typedef enum {
    SC_REASON_NONE = 0,
    SC_REASON_UNKNOWN_OCCUPATION = 1,     /**< no occupation with that code */
    SC_REASON_OCCUPATION_NOT_IN_FORCE = 2,/**< withdrawn, or not yet effective */
    SC_REASON_UNKNOWN_WORK_TYPE = 3,      /**< the occupation has no such work type */
    SC_REASON_WORK_TYPE_REQUIRED = 4,     /**< this level exists only per work type */
    SC_REASON_WORK_TYPE_NOT_ALLOWED = 5,  /**< this level is undivided (不分方向) */
    SC_REASON_LEVEL_NOT_OFFERED = 6,      /**< the level is not offered at all */
    SC_REASON_OFFERING_NOT_IN_FORCE = 7,  /**< offering withdrawn or not yet effective */
    SC_REASON_WORK_TYPE_NOT_IN_FORCE = 8, /**< work type withdrawn or not yet effective */
    /* Organizations (org.h: sc_org_may_certify). */
    SC_REASON_ORG_UNKNOWN = 9,            /**< no organization with that credit code */
    SC_REASON_ORG_NOT_FILED = 10,         /**< never filed (备案) by that date: in the workflow or rejected */
    SC_REASON_ORG_NOT_COMMITTED = 11,     /**< filed, but the commitment letter (承诺书) is not signed */
    SC_REASON_ORG_EXPIRED = 12,           /**< the three-year filing validity has passed */
    SC_REASON_ORG_EXITED = 13,            /**< the organization left the directory (退出目录) */
    SC_REASON_ORG_SUSPENDED = 14,         /**< the organization is suspended (supervision) */
    SC_REASON_OUT_OF_SCOPE = 15,          /**< not in the organization's filed scope (超范围) */
    SC_REASON_OUT_OF_REGION = 16,         /**< the venue is outside Beijing (超行政区域) */
    SC_REASON_SPECIAL_PATH_LEVEL = 17,    /**< 破格 needs level 3 or above, 直接认定 level 2 or above */
    SC_REASON_SPECIAL_PATH_NOT_CONFIRMED = 18, /**< the organization's special-path rules are not
                                                   confirmed by both its district and the city */
    /* Eligibility (eligibility.h: sc_eligibility_decide). */
    SC_REASON_NO_RULES = 19,              /**< no eligibility rules for that occupation and level */
    SC_REASON_CONDITIONS_NOT_MET = 20,    /**< none of the standard's alternative conditions holds */
    SC_REASON_SPECIAL_PATH_NO_EVIDENCE = 21, /**< a special path without the evidence it needs */
    /* Assessment sessions (assessment.h: sc_session_check). */
    SC_REASON_VENUE_NOT_INSPECTED = 22,   /**< the venue has no passed inspection by its district
                                               bureau on or before the session day */
    SC_REASON_STAFF_TOO_FEW = 23,         /**< fewer staff than the standard's ratio, minimum or
                                               per-room minimum */
    SC_REASON_STAFF_NOT_ODD = 24,         /**< the standard asks an odd number of examiners or
                                               panel members */
    SC_REASON_STAFF_UNQUALIFIED = 25,     /**< an assigned staff member is not on staff that day
                                               or not qualified for the occupation and level */
    SC_REASON_NO_CANDIDATES = 26          /**< the session has no candidates enrolled
                                               (@since 0.1) */
} sc_reason;

/**
 * Free memory that the library allocated and handed to the caller
 * (strings returned through `char **out`).
 *
 * @param p  the block; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_free(void *p);

SC_END_DECL

#endif /* SKILLCERT_COMMON_H */
