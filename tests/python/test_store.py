"""The registry through the Python binding: memory and file databases,
persistence, refusal of foreign files, and object lifetimes."""

import datetime as dt
import gc
import sqlite3

import pytest

import skillcert
from conftest import BIM, NOTICE_CODES, codes


def test_store_open_in_memory():
    with skillcert.Database() as db:
        assert db.path() == ":memory:"
        assert db.schema_version() == skillcert.Database.schema_version_supported()
        assert db.schema_version() >= 1
        assert list(db.occupations()) == []
    assert db.is_closed()


def test_store_open_temp_file(tmp_path, bureau):
    path = str(tmp_path / "registry.db")
    with skillcert.Database(path) as db:
        assert db.path() == path
        assert db.schema_version() == skillcert.Database.schema_version_supported()
        db.load_notice(bureau)
    assert (tmp_path / "registry.db").exists()


def test_store_persists_across_close_and_reopen(tmp_path, bureau):
    path = str(tmp_path / "registry.db")
    db = skillcert.Database(path)
    db.load_notice(bureau)
    db.withdraw_occupation(bureau, "4-02-07-10", dt.date(2024, 1, 1))
    db.close()

    db = skillcert.Database(path=path)
    assert codes(db) == NOTICE_CODES
    assert db.lookup_occupation("4-02-07-10").withdrawn == dt.date(2024, 1, 1)
    assert db.check(BIM, "建筑工程", 3).ok
    db.close()


def test_store_memory_databases_are_private(bureau):
    with skillcert.Database(":memory:") as first, skillcert.Database(":memory:") as second:
        first.load_notice(bureau)
        assert len(codes(first)) == 20
        assert codes(second) == []


def test_store_refuses_a_file_that_is_not_a_registry(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("这不是数据库 " * 200, encoding="utf-8")
    with pytest.raises(skillcert.DatabaseError) as info:
        skillcert.Database(str(path))
    assert info.value.code == skillcert.ENOTREGISTRY


def test_store_refuses_a_foreign_sqlite_file(tmp_path):
    path = str(tmp_path / "other.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    with pytest.raises(skillcert.DatabaseError) as info:
        skillcert.Database(path)
    assert info.value.code == skillcert.ENOTREGISTRY


def test_store_refuses_a_newer_registry(tmp_path):
    path = str(tmp_path / "newer.db")
    skillcert.Database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = %d" % (skillcert.Database.schema_version_supported() + 100))
    conn.commit()
    conn.close()
    with pytest.raises(skillcert.DatabaseError) as info:
        skillcert.Database(path)
    assert info.value.code == skillcert.EVERSION


def test_store_cannot_create_in_missing_directory(tmp_path):
    with pytest.raises(skillcert.DatabaseError) as info:
        skillcert.Database(str(tmp_path / "no" / "such" / "dir" / "registry.db"))
    assert info.value.code == skillcert.EDB


def test_store_children_keep_the_database_alive(bureau):
    db = skillcert.Database()
    db.load_notice(bureau)
    it = db.occupations()
    occupation = db.lookup_occupation(BIM)
    del db
    gc.collect()
    assert len(list(it)) == 20
    assert occupation.name == "建筑信息模型技术员"


def test_store_destructors_in_any_order(bureau):
    for order in range(3):
        db = skillcert.Database()
        db.load_notice(bureau)
        it = db.occupations()
        first = next(it)
        objects = [db, it, first]
        objects = objects[order:] + objects[:order]
        del db, it, first
        while objects:
            objects.pop()
            gc.collect()
