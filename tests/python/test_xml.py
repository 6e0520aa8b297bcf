"""XML exchange through the Python binding: export, import, validation
errors with line and column, and reports."""

import datetime as dt
import pytest

import skillcert
from conftest import NOTICE_CODES, codes, snapshot, development

NS = "urn:skillcert:catalog:1"

# Line 4 holds a level outside 1-5.
BAD_LEVEL = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:skillcert:catalog:1" version="1" batch="test-bad-level" issuer="city-bureau">
  <occupation code="4-99-99-01" name="测试员" effective="2023-01-01">
    <offering level="9"/>
  </occupation>
</catalog>
"""

GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:skillcert:catalog:1" version="1" batch="test-good" issuer="city-bureau">
  <occupation code="4—99—99—01" name="测试员" effective="2023-01-01">
    <offering level="5"/>
    <work-type name="甲方向">
      <offering level="3"/>
    </work-type>
  </occupation>
</catalog>
"""


def test_xml_export_memory_returns_str(db):
    text = db.export_memory()
    assert isinstance(text, str)
    assert NS in text
    assert "建筑信息模型技术员" in text
    assert text == db.export_memory(skillcert.DOC_CATALOG)


def test_xml_round_trip_into_a_fresh_database(db, bureau):
    text = db.export_memory()
    with skillcert.Database() as fresh:
        development(fresh)  # unsigned fixtures: a development registry
        result = fresh.import_memory(bureau, text)
        assert isinstance(result, skillcert.ImportResult)
        assert result.doctype == skillcert.DOC_CATALOG
        assert result.records > 0
        assert result.already_imported is False
        assert result.batch_id
        assert codes(fresh) == NOTICE_CODES
        assert snapshot(fresh) == snapshot(db)

        again = fresh.import_memory(bureau, text.encode("utf-8"))
        assert again.already_imported is True
        assert again.records == 0
        assert again.batch_id == result.batch_id


def test_xml_round_trip_keeps_withdrawals(db, bureau):
    db.withdraw_occupation(bureau, "4-02-07-10", dt.date(2024, 1, 1))
    with skillcert.Database() as fresh:
        development(fresh)  # unsigned fixtures: a development registry
        fresh.import_memory(bureau, db.export_memory())
        assert fresh.lookup_occupation("4-02-07-10").withdrawn == dt.date(2024, 1, 1)
        assert snapshot(fresh) == snapshot(db)


def test_xml_export_file_validate_and_import(db, bureau, tmp_path):
    path = str(tmp_path / "catalog.xml")
    db.export_file(path)
    assert skillcert.validate_file(path) == skillcert.DOC_CATALOG
    with skillcert.Database() as fresh:
        development(fresh)  # unsigned fixtures: a development registry
        result = fresh.import_file(bureau, path)
        assert result.doctype == skillcert.DOC_CATALOG
        assert snapshot(fresh) == snapshot(db)


def test_xml_import_memory_document(empty_db, bureau):
    result = empty_db.import_memory(bureau, GOOD, name="good.xml")
    assert result.batch_id == "test-good"
    assert result.records > 0
    occupation = empty_db.lookup_occupation("4-99-99-01")
    assert set(occupation.offerings) == {(None, 5), ("甲方向", 3)}


def test_xml_malformed_document(empty_db, bureau):
    with pytest.raises(skillcert.ValidationError) as info:
        # A bare "&" on line 3: not well-formed, found before any schema check.
        skillcert.validate_memory('<?xml version="1.0"?>\n'
                                  '<catalog xmlns="%s" version="1" batch="x">\n'
                                  '  <occupation code="4-99-99-01" name="a & b" effective="2023-01-01"/>\n'
                                  '</catalog>\n' % NS)
    assert info.value.code == skillcert.EXML
    assert info.value.line == 3
    with pytest.raises(skillcert.ValidationError) as info:
        empty_db.import_memory(bureau, "not xml at all")
    assert info.value.code == skillcert.EXML


def test_xml_doctype_is_refused():
    doc = ('<?xml version="1.0"?>\n<!DOCTYPE catalog [<!ENTITY a "aaaa">]>\n'
           '<catalog xmlns="%s" version="1" batch="x">&a;</catalog>\n' % NS)
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.validate_memory(doc)
    assert info.value.code == skillcert.EXML


def test_xml_unknown_root():
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.validate_memory('<?xml version="1.0"?>\n<foo xmlns="urn:example:foo"/>\n')
    assert info.value.code == skillcert.EINVALIDDOC


def test_xml_schema_error_has_line_and_report(empty_db, bureau):
    report = skillcert.Report()
    assert len(report) == 0
    with pytest.raises(skillcert.ValidationError) as info:
        skillcert.validate_memory(BAD_LEVEL, "bad.xml", report)
    assert info.value.code == skillcert.EINVALIDDOC
    assert info.value.line == 4
    assert len(report) >= 1
    assert report.error_count() >= 1
    first = report[0]
    assert isinstance(first, skillcert.Diagnostic)
    assert first.line == 4
    assert first.severity == skillcert.SEVERITY_ERROR
    assert first.message
    assert "4" in str(first)
    assert [d.line for d in report] == [report[i].line for i in range(len(report))]
    assert report[-1].message == report[len(report) - 1].message
    with pytest.raises(IndexError):
        report[len(report)]
    report.clear()
    assert len(report) == 0

    with pytest.raises(skillcert.ValidationError) as info:
        empty_db.import_memory(bureau, BAD_LEVEL, report=report)
    assert info.value.line == 4
    assert len(report) >= 1


def test_xml_failed_import_changes_nothing(empty_db, bureau):
    doc = GOOD.replace('<offering level="3"/>', '<offering level="0"/>')
    with pytest.raises(skillcert.ValidationError):
        empty_db.import_memory(bureau, doc)
    assert codes(empty_db) == []


def test_xml_import_denied_to_the_public(empty_db, district):
    # The catalog is public (issue 11): any party takes the city bureau's catalog,
    # a district included; the public is no party and does not.
    public = skillcert.Actor(skillcert.ACTOR_PUBLIC, None, "公众")
    with pytest.raises(skillcert.DeniedError) as info:
        empty_db.import_memory(public, GOOD)
    assert info.value.code == skillcert.EDENIED
    assert codes(empty_db) == []
    empty_db.import_memory(district, GOOD)
    assert codes(empty_db) != []


def test_xml_missing_file(tmp_path, empty_db, bureau):
    missing = str(tmp_path / "missing.xml")
    with pytest.raises(skillcert.Error) as info:
        skillcert.validate_file(missing)
    assert info.value.code == skillcert.EIO
    with pytest.raises(skillcert.Error) as info:
        empty_db.import_file(bureau, missing)
    assert info.value.code == skillcert.EIO


def test_xml_import_memory_wants_text_or_bytes(empty_db, bureau):
    with pytest.raises(TypeError):
        empty_db.import_memory(bureau, 42)


def test_xml_doctype_helpers():
    assert skillcert.doctype_name(skillcert.DOC_CATALOG) == "catalog"
    assert skillcert.doctype_name(99) is None
    assert skillcert.doctype_from_name("catalog") == skillcert.DOC_CATALOG
    assert skillcert.doctype_from_name("nonsense") == skillcert.DOC_UNKNOWN
    assert skillcert.doctype_namespace(skillcert.DOC_CATALOG) == NS
    assert "schema" in skillcert.doctype_schema(skillcert.DOC_CATALOG)
