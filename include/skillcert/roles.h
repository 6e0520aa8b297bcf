/**
 * @file skillcert/roles.h
 * @brief Actors: who is calling. Every state-changing call names one.
 *
 * The notice divides the work (§四): the city bureau (市人社局) sets policy and
 * the catalog; the city centre (市职业技能鉴定管理中心) evaluates and files
 * organizations and manages certificates; each district bureau (区人社局, and
 * 北京经济技术开发区) acts for organizations registered in its district; an
 * organization (社会培训评价组织) acts only for itself; a candidate for
 * themself. The library checks the actor of every change and refuses with
 * ::SC_EDENIED, changing nothing.
 */
#ifndef SKILLCERT_ROLES_H
#define SKILLCERT_ROLES_H

#include "common.h"

SC_BEGIN_DECL

/** Kinds of actor. Values are stable. */
typedef enum {
    SC_ACTOR_CITY_BUREAU = 1,   /**< 市人力资源和社会保障局 */
    SC_ACTOR_CITY_CENTRE = 2,   /**< 市职业技能鉴定管理中心 */
    SC_ACTOR_DISTRICT = 3,      /**< 区人力资源和社会保障局; scope: district code */
    SC_ACTOR_ORGANIZATION = 4,  /**< 社会培训评价组织; scope: its credit code */
    SC_ACTOR_CANDIDATE = 5,     /**< 考生; scope: resident ID number */
    SC_ACTOR_PUBLIC = 6         /**< anyone: queries only */
} sc_actor_kind;

/** Who is calling. Opaque; immutable once made. */
typedef struct sc_actor sc_actor;

/**
 * Make an actor.
 * @param[out] out  the actor; NULL on failure. Caller frees with sc_actor_free().
 * @param kind      an ::sc_actor_kind.
 * @param scope     district code (SC_ACTOR_DISTRICT, e.g. "110108"), unified
 *                  social credit code (SC_ACTOR_ORGANIZATION), resident ID number
 *                  (SC_ACTOR_CANDIDATE); must be NULL or "" for the other kinds.
 * @param name      a person or office name for the audit trail (UTF-8), or NULL.
 * @return ::SC_OK, ::SC_EINVAL (unknown kind, missing or unexpected scope, bad UTF-8),
 *         ::SC_ENOMEM.
 * @since 0.1
 */
SC_EXTERN int sc_actor_new(sc_actor **out, int kind, const char *scope, const char *name);

/**
 * Free an actor.
 * @param a  the actor; NULL is a no-op.
 * @since 0.1
 */
SC_EXTERN void sc_actor_free(sc_actor *a);

/**
 * The actor's kind (::sc_actor_kind), or 0 for NULL.
 * @param a  the actor.
 * @since 0.1
 */
SC_EXTERN int sc_actor_kind_of(const sc_actor *a);

/**
 * The actor's scope, "" when it has none. Borrowed: valid while @p a lives.
 * @param a  the actor.
 * @since 0.1
 */
SC_EXTERN const char *sc_actor_scope(const sc_actor *a);

/**
 * The actor's name, "" when none was given. Borrowed: valid while @p a lives.
 * @param a  the actor.
 * @since 0.1
 */
SC_EXTERN const char *sc_actor_name(const sc_actor *a);

/**
 * A label for the audit trail and messages, e.g. "district:110108".
 * Borrowed: valid while @p a lives. @since 0.1
 * @param a  the actor.
 */
SC_EXTERN const char *sc_actor_label(const sc_actor *a);

/**
 * English name of an actor kind ("city-bureau", "district", ...) or "unknown".
 * @param kind  the value to name.
 * @since 0.1
 */
SC_EXTERN const char *sc_actor_kind_name(int kind);

SC_END_DECL

#endif /* SKILLCERT_ROLES_H */
