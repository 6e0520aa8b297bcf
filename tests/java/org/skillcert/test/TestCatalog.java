package org.skillcert.test;

import org.skillcert.Reason;
import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.NotFoundException;
import org.skillcert.Occupation;
import org.skillcert.OccupationIterator;
import org.skillcert.Offering;
import org.skillcert.Skillcert;
import org.skillcert.ValidationException;
import org.skillcert.Verdict;

/** The catalog through the Java binding. */
public class TestCatalog {
  private Database db;

  @Before
  public void open() {
    db = Fixtures.notice();
  }

  @After
  public void close() {
    db.close();
  }

  @Test
  public void testCatalogLoadNoticeGives20Occupations() {
    assertEquals(Fixtures.NOTICE_CODES, Fixtures.codes(db));
    db.loadNotice(Fixtures.bureau()); // again: a no-op
    assertEquals(20, Fixtures.codes(db).size());
  }

  @Test
  public void testCatalogBimOfferings() {
    Occupation o = db.lookupOccupation(Fixtures.BIM);
    assertEquals("4-04-05-04", o.getCode());
    assertEquals("建筑信息模型技术员", o.getName());
    assertEquals(Fixtures.NOTICE_EFFECTIVE, o.getEffective());
    assertNull(o.getWithdrawn());
    assertEquals(Fixtures.BIM_DIRECTIONS, o.getWorkTypes());

    Set<Offering> expected = new HashSet<Offering>();
    for (int level : new int[] {5, 4, 1})
      expected.add(new Offering(null, level, null, null));
    for (String d : Fixtures.BIM_DIRECTIONS)
      for (int level : new int[] {3, 2})
        expected.add(new Offering(d, level, null, null));
    List<Offering> offerings = o.getOfferings();
    assertEquals(15, offerings.size());
    assertEquals(expected, new HashSet<Offering>(offerings));
    for (Offering offering : offerings) {
      assertEquals(Fixtures.NOTICE_EFFECTIVE, offering.getEffective());
      assertNull(offering.getWithdrawn());
    }
  }

  @Test
  public void testCatalogCheckVerdicts() {
    Verdict v = db.check("4-04-05-04", null, 5);
    assertTrue(v.isOk());
    assertEquals(Reason.NONE, v.getReason());
    assertEquals("", v.getMessage());

    assertTrue(db.check("4-04-05-04", "建筑工程", 3).isOk());

    v = db.check("4-04-05-04", null, 3);
    assertFalse(v.isOk());
    assertEquals(Reason.WORK_TYPE_REQUIRED, v.getReason());
    assertNotEquals("", v.getMessage());

    v = db.check("4-04-05-04", "建筑工程", 5);
    assertFalse(v.isOk());
    assertEquals(Reason.WORK_TYPE_NOT_ALLOWED, v.getReason());

    assertEquals(Reason.LEVEL_NOT_OFFERED, db.check("4-02-06-05", null, 5).getReason());
    assertEquals(Reason.OCCUPATION_NOT_IN_FORCE,
                 db.check(Fixtures.BIM, null, 5, LocalDate.parse("2022-04-11")).getReason());
  }

  @Test
  public void testCatalogEmDashesAccepted() {
    assertTrue(db.check("4—14—02—04", null, 5).isOk());
    assertTrue(db.check("4—14—02—04", "医学遗传", 1).isOk());
    assertEquals("4-14-02-04", db.lookupOccupation("4—14—02—04").getCode());
    assertEquals("4-14-02-04", Skillcert.occupationCodeNormalize("4—14—02—04"));
  }

  @Test
  public void testCatalogBadCodeRaisesValidation() {
    try {
      db.check("4-04-05", null, 5);
      fail("a malformed code was accepted");
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
      assertNotEquals("", e.getMessage());
    }
  }

  @Test
  public void testCatalogUnknownCodeRaisesNotFound() {
    try {
      db.lookupOccupation("4-99-99-98");
      fail("an unknown code was found");
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
  }

  @Test
  public void testCatalogForEachAndTryWithResources() {
    List<String> names = new ArrayList<String>();
    try (OccupationIterator it = db.occupations(Fixtures.NOTICE_EFFECTIVE)) {
      for (Occupation o : it)
        names.add(o.getName());
    }
    assertEquals(20, names.size());
    assertEquals("连锁经营管理师", names.get(0));
    assertEquals("工业机器人系统运维员", names.get(19));
    assertEquals(0, Fixtures.codes(db, LocalDate.parse("2022-04-11")).size());
  }

  @Test
  public void testCatalogIteratorFetchesAhead() {
    OccupationIterator it = db.occupations();
    Iterator<Occupation> i = it.iterator();
    assertTrue(i.hasNext());
    assertTrue(i.hasNext()); // asking twice does not skip an item
    assertEquals("4-01-02-06", i.next().getCode());
    assertEquals("4-01-02-07", i.next().getCode());
    it.close(); // early close ends the iteration
    assertFalse(i.hasNext());
    try {
      i.next();
      fail("next() past the end");
    } catch (NoSuchElementException expected) {
    }
    it.close(); // idempotent
  }

  @Test
  public void testCatalogAlias() {
    Occupation o = db.lookupOccupation("4-13-99-00");
    assertEquals("4-13-99-01", o.getCode());
    assertEquals("电子竞技员", o.getName());
    assertTrue(o.getAliases().contains("4-13-99-00"));
  }

  @Test
  public void testCatalogAddAndWithdraw() {
    Actor bureau = Fixtures.bureau();
    db.addOccupation(bureau, "4-99-99-01", "测试员", LocalDate.parse("2023-01-01"));
    db.addWorkType(bureau, "4-99-99-01", "甲方向", LocalDate.parse("2023-01-01"));
    db.addOffering(bureau, "4-99-99-01", "甲方向", 3, LocalDate.parse("2023-01-01"));
    assertTrue(db.check("4-99-99-01", "甲方向", 3, LocalDate.parse("2023-06-01")).isOk());
    assertEquals(21, Fixtures.codes(db).size());

    db.withdrawOccupation(bureau, "4-02-07-10", LocalDate.parse("2024-01-01"));
    assertEquals(LocalDate.parse("2024-01-01"), db.lookupOccupation("4-02-07-10").getWithdrawn());
    assertEquals(Reason.OCCUPATION_NOT_IN_FORCE,
                 db.check("4-02-07-10", null, 5, LocalDate.parse("2024-06-01")).getReason());
    assertEquals(20, Fixtures.codes(db, LocalDate.parse("2024-06-01")).size());
    try {
      db.withdrawOccupation(bureau, "4-02-07-10", LocalDate.parse("2025-01-01"));
      fail("withdrawn twice");
    } catch (ConstraintException e) {
      assertEquals(Status.ECONSTRAINT, e.getCode());
    }
  }

  @Test
  public void testCatalogLevels() {
    assertEquals("初级工", Skillcert.levelNameZh(5));
    assertEquals("高级技师", Skillcert.levelNameZh(1));
    assertEquals("三级", Skillcert.levelRankZh(3));
    assertEquals("senior technician", Skillcert.levelNameEn(1));
    assertNull(Skillcert.levelNameZh(6));
    assertEquals(3, Skillcert.levelParse("三级/高级工"));
    assertEquals(2, Skillcert.levelParse("技师"));
    assertEquals(5, Skillcert.levelParse("junior"));
    try {
      Skillcert.levelParse("六级");
      fail("a sixth level");
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
  }

  @Test
  public void testCatalogSupplementaryCharactersSurvive() {
    // U+20BB7 (𠮷) is outside the BMP: JNI's modified UTF-8 would mangle it.
    String name = "测试员𠮷";
    db.addOccupation(Fixtures.bureau(), "4-99-99-02", name, LocalDate.parse("2023-01-01"));
    assertEquals(name, db.lookupOccupation("4-99-99-02").getName());
  }
}
