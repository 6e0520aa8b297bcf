"""Backup through the Python binding (issue 15): an online copy that opens
and holds the registry, and a refusal to overwrite a file."""

import pytest

import skillcert
from conftest import NOTICE_CODES, codes


def test_backup_copy_opens_with_the_catalog(tmp_path, bureau):
    path = str(tmp_path / "registry.db")
    copy = str(tmp_path / "copy.db")
    with skillcert.Database(path) as db:
        db.load_notice(bureau)
        before = codes(db)
        db.backup(copy)
    assert sorted(before) == sorted(NOTICE_CODES)
    with skillcert.Database(copy) as db:
        assert codes(db) == before


def test_backup_refuses_an_existing_file(tmp_path, bureau):
    copy = tmp_path / "copy.db"
    copy.write_text("keep")
    with skillcert.Database(str(tmp_path / "r.db")) as db:
        with pytest.raises(skillcert.ExistsError):
            db.backup(str(copy))
    assert copy.read_text() == "keep"
