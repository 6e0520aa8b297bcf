/*
 * Actors: who calls. The per-module authorization rules live beside each
 * module's changes; this file only builds actors and checks kinds.
 */
#include "sc_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sc_actor_kind_name(int kind)
{
    switch (kind) {
    case SC_ACTOR_CITY_BUREAU: return "city-bureau";
    case SC_ACTOR_CITY_CENTRE: return "city-centre";
    case SC_ACTOR_DISTRICT: return "district";
    case SC_ACTOR_ORGANIZATION: return "organization";
    case SC_ACTOR_CANDIDATE: return "candidate";
    case SC_ACTOR_PUBLIC: return "public";
    default: return "unknown";
    }
}

static int needs_scope(int kind)
{
    return kind == SC_ACTOR_DISTRICT || kind == SC_ACTOR_ORGANIZATION ||
           kind == SC_ACTOR_CANDIDATE;
}

int sc_actor_new(sc_actor **out, int kind, const char *scope, const char *name)
{
    sc_actor *a;
    int rc;
    size_t n;

    if (!out)
        return sc__error_null("sc_actor_new", "out");
    *out = NULL;
    if (kind < SC_ACTOR_CITY_BUREAU || kind > SC_ACTOR_PUBLIC)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "unknown actor kind %d", kind);
    if (scope && !*scope)
        scope = NULL;
    if (needs_scope(kind) && !scope)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS,
                             "%s %s actor needs a scope (%s)",
                             sc__article(sc_actor_kind_name(kind)), sc_actor_kind_name(kind),
                             kind == SC_ACTOR_DISTRICT ? "district code"
                             : kind == SC_ACTOR_ORGANIZATION ? "unified social credit code"
                                                             : "resident ID number");
    if (!needs_scope(kind) && scope)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s %s actor takes no scope",
                             sc__article(sc_actor_kind_name(kind)), sc_actor_kind_name(kind));
    if ((rc = sc__check_text(scope, "scope", 64, 0)) != SC_OK ||
        (rc = sc__check_text(name, "name", 256, 0)) != SC_OK)
        return rc;

    a = sc__calloc(1, sizeof(*a));
    if (!a)
        goto nomem;
    a->kind = kind;
    a->scope = sc__strdup(scope ? scope : "");
    a->name = sc__strdup(name ? name : "");
    n = strlen(sc_actor_kind_name(kind)) + (scope ? strlen(scope) + 1 : 0) + 1;
    a->label = sc__malloc(n);
    if (!a->scope || !a->name || !a->label)
        goto nomem;
    snprintf(a->label, n, "%s%s%s", sc_actor_kind_name(kind), scope ? ":" : "",
             scope ? scope : "");
    *out = a;
    return SC_OK;
nomem:
    sc_actor_free(a);
    return sc__error_set(SC_ENOMEM, SC_DOMAIN_OS, "out of memory creating an actor");
}

void sc_actor_free(sc_actor *a)
{
    if (!a)
        return;
    free(a->scope);
    free(a->name);
    free(a->label);
    free(a);
}

int sc_actor_kind_of(const sc_actor *a)
{
    return a ? a->kind : 0;
}

const char *sc_actor_scope(const sc_actor *a)
{
    return a ? a->scope : NULL;
}

const char *sc_actor_name(const sc_actor *a)
{
    return a ? a->name : NULL;
}

const char *sc_actor_label(const sc_actor *a)
{
    return a ? a->label : NULL;
}

int sc__require_actor(const sc_actor *actor, int kind, const char *action)
{
    if (!actor)
        return sc__error_set(SC_EINVAL, SC_DOMAIN_ARGS, "%s: an actor must be named", action);
    if (actor->kind != kind) {
        sc__error_set(SC_EDENIED, SC_DOMAIN_AUTH, "%s is reserved to the %s; %s may not do it",
                      action, sc_actor_kind_name(kind), actor->label);
        return SC_EDENIED;
    }
    return SC_OK;
}
