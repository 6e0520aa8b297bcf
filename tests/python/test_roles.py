"""Actors through the Python binding: kinds, scopes, labels, and the rule
that only the city bureau changes the catalog."""

import datetime as dt
import pytest

import skillcert
from conftest import credit_code, resident_id


def test_roles_actor_properties(district):
    assert district.kind == skillcert.ACTOR_DISTRICT
    assert district.scope == "110108"
    assert district.name == "海淀区人社局"
    assert district.label == "district:110108"


def test_roles_actor_without_scope_or_name():
    actor = skillcert.Actor(skillcert.ACTOR_CITY_BUREAU)
    assert actor.kind == skillcert.ACTOR_CITY_BUREAU
    assert actor.scope is None
    assert actor.name is None
    assert actor.label


def test_roles_actor_keyword_arguments():
    actor = skillcert.Actor(kind=skillcert.ACTOR_DISTRICT, scope="110105", name="朝阳区人社局")
    assert (actor.scope, actor.name) == ("110105", "朝阳区人社局")


def test_roles_unknown_kind():
    for kind in (0, 7, 99):
        with pytest.raises(skillcert.ValidationError) as info:
            skillcert.Actor(kind)
        assert info.value.code == skillcert.EINVAL


def test_roles_scope_missing_or_unexpected():
    with pytest.raises(skillcert.ValidationError):
        skillcert.Actor(skillcert.ACTOR_DISTRICT)
    with pytest.raises(skillcert.ValidationError):
        skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, "110108")


def test_roles_kind_names():
    assert skillcert.Actor.kind_name(skillcert.ACTOR_CITY_BUREAU) == "city-bureau"
    assert skillcert.Actor.kind_name(skillcert.ACTOR_DISTRICT) == "district"
    assert skillcert.Actor.kind_name(99) == "unknown"


def test_roles_only_the_city_bureau_changes_the_catalog(empty_db, bureau):
    others = [
        skillcert.Actor(skillcert.ACTOR_CITY_CENTRE),
        skillcert.Actor(skillcert.ACTOR_DISTRICT, "110108"),
        skillcert.Actor(skillcert.ACTOR_ORGANIZATION, credit_code()),
        skillcert.Actor(skillcert.ACTOR_CANDIDATE, resident_id()),
        skillcert.Actor(skillcert.ACTOR_PUBLIC),
    ]
    for actor in others:
        with pytest.raises(skillcert.DeniedError) as info:
            empty_db.add_occupation(actor, "4-99-99-01", "测试员", dt.date(2023, 1, 1))
        assert info.value.code == skillcert.EDENIED, actor.label
        with pytest.raises(skillcert.DeniedError):
            empty_db.load_notice(actor)
    assert list(empty_db.occupations()) == []
    empty_db.add_occupation(bureau, "4-99-99-01", "测试员", dt.date(2023, 1, 1))
    assert [o.code for o in empty_db.occupations()] == ["4-99-99-01"]
