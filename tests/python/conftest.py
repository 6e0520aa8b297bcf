"""Shared fixtures of the Python binding's tests.

run-pytest.sh puts the build tree's skillcert.py and _skillcert.so first on
PYTHONPATH; the header line of the report names the module actually loaded.
"""

import datetime as dt
import os

import pytest

import skillcert

BIM = "4-04-05-04"  # 建筑信息模型技术员: levels 5, 4, 1 undivided; 3, 2 per direction
BIM_DIRECTIONS = ["建筑工程", "机电工程", "装饰装修工程", "市政工程", "公路工程", "铁路工程"]
BIRTH_DEFECTS = "4-14-02-04"  # 出生缺陷防控咨询师: 5-2 undivided; 1 per direction
BIRTH_DEFECTS_DIRECTIONS = ["医学遗传", "儿童发展", "医学母胎"]

# The 20 codes of 京人社能发〔2022〕8号 附件1, in code order.
NOTICE_CODES = [
    "4-01-02-06", "4-01-02-07", "4-02-06-05", "4-02-07-10", "4-04-04-04",
    "4-04-05-04", "4-04-05-05", "4-04-05-06", "4-08-05-07", "4-13-05-03",
    "4-13-99-01", "4-14-01-04", "4-14-02-04", "4-14-02-05", "4-99-00-00",
    "5-05-01-02", "6-23-03-15", "6-25-04-09", "6-30-99-00", "6-31-01-10",
]
NOTICE_EFFECTIVE = dt.date(2022, 4, 12)


def pytest_report_header(config):
    return "skillcert module: %s (library %s)" % (
        os.path.dirname(skillcert.__file__), skillcert.version_string())


def credit_code(body="91110108MA01A2B3C"):
    """A unified social credit code (GB 32100-2015) with its check character."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(chars.index(c) * w for c, w in zip(body, weights))
    return body + chars[(31 - total % 31) % 31]


def resident_id(body="11010819900307123"):
    """A resident ID number (GB 11643-1999) with its ISO 7064 MOD 11-2 check digit."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(c) * w for c, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


@pytest.fixture
def bureau():
    return skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, None, "市人社局")


@pytest.fixture
def district():
    return skillcert.Actor(skillcert.ACTOR_DISTRICT, "110108", "海淀区人社局")


def development(database):
    """The city bureau makes database a development registry: without a trust
    anchor it accepts unsigned exchange documents (the suites' fixtures are
    unsigned; a new registry refuses them)."""
    bureau = skillcert.Actor(skillcert.ACTOR_CITY_BUREAU, None, "市人社局")
    database.pki_development_set(bureau, True)
    return database


@pytest.fixture
def empty_db():
    with skillcert.Database() as db:
        yield development(db)


@pytest.fixture
def db(empty_db, bureau):
    """An in-memory registry holding the notice's catalog."""
    empty_db.load_notice(bureau)
    return empty_db


def codes(database, date=None):
    return [o.code for o in database.occupations(date)]


def snapshot(database):
    """Everything the catalog says, comparable between two registries."""
    out = []
    for o in database.occupations():
        offerings = sorted(
            ((o.offering_work_type(i) or "", o.offering_level(i),
              o.offering_effective(i), o.offering_withdrawn(i))
             for i in range(o.offering_count())))
        out.append((o.code, o.name, o.effective, o.withdrawn, tuple(o.work_types),
                    tuple(offerings), tuple(sorted(o.aliases))))
    return out
