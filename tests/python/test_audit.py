"""The audit trail through the Python binding: one entry per change, none per
refusal, iteration, and tamper detection after editing a file registry with
Python's own sqlite3 module (mirrors check_audit.c)."""

import datetime as dt
import sqlite3

import pytest

import skillcert

ORG_A = "91110108MA01ABCD2H"


@pytest.fixture
def actors():
    A = skillcert.Actor
    return {
        "city": A(skillcert.ACTOR_CITY_BUREAU, None, "test"),
        "centre": A(skillcert.ACTOR_CITY_CENTRE, None, "test"),
        "haidian": A(skillcert.ACTOR_DISTRICT, "110108", "test"),
        "org_a": A(skillcert.ACTOR_ORGANIZATION, ORG_A, "test"),
    }


@pytest.fixture
def path(tmp_path, actors):
    """A file registry with six entries: the catalog batch (1), an alias (2),
    registration (3), application (4), recommendation (5), evaluation (6).
    The registry is closed again, for sqlite3 to edit."""
    p = str(tmp_path / "audit.db")
    with skillcert.Database(p) as db:
        db.load_notice(actors["city"])
        db.add_alias(actors["city"], "4-04-05-99", "4-04-05-05")
        db.org_register(actors["org_a"], ORG_A, "北京智训科技有限公司", skillcert.ORG_ENTERPRISE,
                        "110108", dt.date(2023, 1, 5))
        db.org_apply(actors["org_a"], ORG_A, ["4-02-07-10:5,4"], dt.date(2023, 2, 1))
        db.org_recommend(actors["haidian"], ORG_A, dt.date(2023, 2, 10))
        db.org_evaluate(actors["centre"], ORG_A, date=dt.date(2023, 3, 1))
    return p


def sql(path, text):
    con = sqlite3.connect(path)
    try:
        con.executescript(text)
        con.commit()
    finally:
        con.close()


def verify(path):
    with skillcert.Database(path) as db:
        return db.audit_verify()


def test_audit_chain_intact(path):
    r = verify(path)
    assert isinstance(r, skillcert.AuditResult)
    assert r and r.ok == 1
    assert r.entries == 6
    assert r.first_bad_seq == 0
    assert r.problem == skillcert.AUDIT_INTACT
    assert r.message is None


def test_audit_entries_name_actor_entity_action(path):
    with skillcert.Database(path) as db:
        entries = list(db.audit_entries())
        assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6]
        assert [e.action for e in entries] == ["xml.import", "catalog.add_alias",
                                               "org.register", "org.apply", "org.recommend",
                                               "org.evaluate"]
        assert [e.entity for e in entries] == ["batch", "occupation", "org", "org", "org", "org"]
        assert all(len(e.hash) == 64 and len(e.prev_hash) == 64 for e in entries)
        assert entries[0].prev_hash == "0" * 64
        assert all(a.hash == b.prev_hash for a, b in zip(entries, entries[1:]))
        assert [e.at for e in entries] == sorted(e.at for e in entries)

        with db.audit_entries("batch") as it:
            batch = next(it)
        assert batch.actor == "city-bureau (test)"
        assert "doctype=catalog" in batch.detail
        alias = list(db.audit_entries("occupation", "4-04-05-05"))
        assert alias[0].action == "catalog.add_alias"
        assert "alias=4-04-05-99" in alias[0].detail
        assert len(list(db.audit_entries("org", ORG_A))) == 4
        assert list(db.audit_entries("org", "nobody")) == []


def test_audit_one_entry_per_change_none_per_refusal(path, actors):
    with skillcert.Database(path) as db:
        db.org_notice(actors["centre"], ORG_A, dt.date(2023, 3, 10))
        n = len(list(db.audit_entries()))
        assert n == 7
        with pytest.raises(skillcert.ConstraintError):
            db.org_notice(actors["centre"], ORG_A, dt.date(2023, 3, 10))
        with pytest.raises(skillcert.DeniedError):
            db.org_file(actors["haidian"], ORG_A, dt.date(2023, 5, 10))
        with pytest.raises(skillcert.DeniedError):
            db.add_occupation(actors["centre"], "4-04-05-13", "x", dt.date(2024, 1, 1))
        db.load_notice(actors["city"])  # imported again: a no-op, no entry
        assert len(list(db.audit_entries())) == n
        assert db.audit_verify()


def test_audit_empty_registry():
    with skillcert.Database() as db:
        r = db.audit_verify()
        assert r.ok == 1 and r.entries == 0
        assert list(db.audit_entries()) == []


def test_audit_detects_edited_detail(path):
    sql(path, "UPDATE audit SET detail = 'name=someone else' WHERE seq = 3")
    r = verify(path)
    assert not r
    assert r.problem == skillcert.AUDIT_EDITED
    assert r.first_bad_seq == 3
    assert "entry 3 was edited" in r.message
    assert skillcert.audit_problem_name(r.problem) == "edited"


def test_audit_detects_edited_actor(path):
    sql(path, "UPDATE audit SET actor = 'city-bureau (forger)' WHERE seq = 5")
    r = verify(path)
    assert (r.ok, r.problem, r.first_bad_seq) == (0, skillcert.AUDIT_EDITED, 5)


def test_audit_detects_removed(path):
    sql(path, "DELETE FROM audit WHERE seq = 3")
    r = verify(path)
    assert (r.ok, r.problem, r.first_bad_seq) == (0, skillcert.AUDIT_REMOVED, 3)
    assert "entry 3 was removed" in r.message


def test_audit_detects_removed_newest(path):
    sql(path, "DELETE FROM audit WHERE seq >= 5")
    r = verify(path)
    assert (r.problem, r.first_bad_seq, r.entries) == (skillcert.AUDIT_REMOVED, 5, 4)


def test_audit_detects_reordered(path):
    sql(path, "CREATE TEMP TABLE t AS SELECT * FROM audit WHERE seq IN (3, 4);"
              "UPDATE audit SET (at, actor, entity, entity_id, action, detail, prev_hash, hash) ="
              " (SELECT at, actor, entity, entity_id, action, detail, prev_hash, hash FROM t"
              "  WHERE t.seq = 7 - audit.seq) WHERE seq IN (3, 4)")
    r = verify(path)
    assert (r.ok, r.problem, r.first_bad_seq) == (0, skillcert.AUDIT_REORDERED, 3)
    assert "reordered" in r.message


def test_audit_problem_names():
    assert [skillcert.audit_problem_name(p) for p in range(4)] == [
        "intact", "edited", "removed", "reordered"]
    assert skillcert.audit_problem_name(42) == "unknown"
