/**
 * @file skillcert/district.h
 * @brief Beijing's district-level units: the 16 districts (GB/T 2260) and
 *        北京经济技术开发区.
 *
 * Each district bureau (区人力资源和社会保障局) accepts and recommends the
 * organizations registered in its district; 北京经济技术开发区 acts as a
 * district-level unit through its 社会事业局 although it has no GB/T 2260
 * code. The list is data, created by the registry's schema migration:
 *
 * | code         | district                | GB/T 2260 |
 * |--------------|-------------------------|-----------|
 * | 110101       | 东城区                  | 110101    |
 * | 110102       | 西城区                  | 110102    |
 * | 110105       | 朝阳区                  | 110105    |
 * | 110106       | 丰台区                  | 110106    |
 * | 110107       | 石景山区                | 110107    |
 * | 110108       | 海淀区                  | 110108    |
 * | 110109       | 门头沟区                | 110109    |
 * | 110111       | 房山区                  | 110111    |
 * | 110112       | 通州区                  | 110112    |
 * | 110113       | 顺义区                  | 110113    |
 * | 110114       | 昌平区                  | 110114    |
 * | 110115       | 大兴区                  | 110115    |
 * | 110116       | 怀柔区                  | 110116    |
 * | 110117       | 平谷区                  | 110117    |
 * | 110118       | 密云区                  | 110118    |
 * | 110119       | 延庆区                  | 110119    |
 * | 110115-BDA   | 北京经济技术开发区      | 110115 (zone tag BDA) |
 *
 * Old codes found in older records are accepted on input and resolve to
 * their successor: 110103 崇文区 → 110101, 110104 宣武区 → 110102,
 * 110228 密云县 → 110118, 110229 延庆县 → 110119.
 *
 * A district actor (sc_actor_new(SC_ACTOR_DISTRICT, code, ...)) names its
 * district by one of these codes.
 */
#ifndef SKILLCERT_DISTRICT_H
#define SKILLCERT_DISTRICT_H

#include "common.h"
#include "db.h"

SC_BEGIN_DECL

/** Size of a district code buffer, including the NUL. */
#define SC_DISTRICT_CODE_SIZE 16
/** Size of the name buffers of ::sc_district, including the NUL. */
#define SC_DISTRICT_NAME_SIZE 128
/** The code of 北京经济技术开发区 (Beijing Economic-Technological Development Area). */
#define SC_DISTRICT_BDA "110115-BDA"

/** One district-level unit. A plain value owned by the caller. */
typedef struct sc_district {
    unsigned int version;  /**< SC_DISTRICT_VERSION, first: set by the caller through
                                 SC_DISTRICT_INIT; a filler refuses another version
                                 with ::SC_EINVAL naming the field `version`,
                                 and keeps it. */
    char code[SC_DISTRICT_CODE_SIZE];      /**< "110108"; "110115-BDA" for the development area */
    char gb_code[SC_DISTRICT_CODE_SIZE];   /**< GB/T 2260 code it maps to */
    char zone[SC_DISTRICT_CODE_SIZE];      /**< zone tag ("BDA"), "" for a district */
    char name[SC_DISTRICT_NAME_SIZE];      /**< 海淀区 */
    char name_en[SC_DISTRICT_NAME_SIZE];   /**< Haidian */
    char bureau[SC_DISTRICT_NAME_SIZE];    /**< 海淀区人力资源和社会保障局 */
} sc_district;

/** The version of ::sc_district this library fills (its `version` member). */
#define SC_DISTRICT_VERSION 1u
/** An ::sc_district ready to hand to a filler: its version set, the rest zero. */
#define SC_DISTRICT_INIT { .version = SC_DISTRICT_VERSION }

/**
 * Find a district by code ("110108", "110115-BDA"), old code ("110228") or
 * Chinese name ("海淀区").
 *
 * @param[out] out  the district (its current code when an old code was given).
 * @param db        the registry.
 * @param code      the code or name; surrounding blanks are ignored, letters
 *                  may be lower case.
 * @return ::SC_OK; ::SC_EINVAL (NULL, empty or bad UTF-8); ::SC_ENOTFOUND (not a
 *         Beijing district-level unit, e.g. "310101"); ::SC_EDB.
 * Ownership: @p out is the caller's. Thread-safety: one thread per @p db.
 * @since 0.1
 */
SC_EXTERN int sc_district_lookup(sc_district *out, sc_db *db, const char *code);

/** Iterator over the district-level units in the table's order. Opaque. */
typedef struct sc_district_iter sc_district_iter;

/**
 * Iterate over the 17 district-level units.
 * @param[out] out  the iterator; NULL on failure. Caller frees with sc_district_iter_free().
 * @param db        the registry (kept alive by the iterator).
 * @return ::SC_OK; ::SC_EINVAL; ::SC_EDB; ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_district_iter_new(sc_district_iter **out, sc_db *db);

/**
 * Next district.
 * @param[out] out  filled with the district (the caller's storage).
 * @param it        the iterator.
 * @return ::SC_OK; ::SC_ITEROVER at the end; ::SC_EINVAL; ::SC_EDB.
 * @since 0.1
 */
SC_EXTERN int sc_district_iter_next(sc_district *out, sc_district_iter *it);

/**
 * Free a district iterator.
 * @param it  the iterator; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_district_iter_free(sc_district_iter *it);

SC_END_DECL

#endif /* SKILLCERT_DISTRICT_H */
