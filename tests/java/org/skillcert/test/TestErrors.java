package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.DocType;
import org.skillcert.Reason;
import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.DatabaseException;
import org.skillcert.DeniedException;
import org.skillcert.ExistsException;
import org.skillcert.NotFoundException;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.ValidationException;

/** Status codes become exceptions carrying code, message, line, column and field. */
public class TestErrors {
  @Test
  public void testErrorsConstantsAreStable() {
    assertEquals(0, Status.OK.value());
    assertEquals(-3, Status.EINVAL.value());
    assertEquals(-4, Status.ENOTFOUND.value());
    assertEquals(-10, Status.EDENIED.value());
    assertEquals(-30, Status.ITEROVER.value());
    assertEquals(1, ActorKind.CITY_BUREAU.value());
    assertEquals(4, Reason.WORK_TYPE_REQUIRED.value());
    assertEquals(1, DocType.CATALOG.value());
    // Enums: usable as case labels.
    switch (Status.ENOTFOUND) {
      case ENOTFOUND:
        break;
      default:
        fail();
    }
  }

  @Test
  public void testErrorsHierarchy() {
    for (Class<?> c : new Class<?>[] {NotFoundException.class, ValidationException.class,
                                      DatabaseException.class, DeniedException.class,
                                      ExistsException.class, ConstraintException.class})
      assertTrue(c.getName(), SkillcertException.class.isAssignableFrom(c));
    assertTrue(RuntimeException.class.isAssignableFrom(SkillcertException.class));
  }

  @Test
  public void testErrorsCarryCodeAndMessage() {
    try (Database db = Fixtures.notice()) {
      db.lookupOccupation("4-99-99-98");
      fail("found an unknown occupation");
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
      assertNotEquals("", e.getMessage());
      assertTrue(e.getLine() >= 0 && e.getColumn() >= 0);
      assertTrue(e.getField() != null && e.getSource() != null);
    }
  }

  @Test
  public void testErrorsDenied() {
    try (Database db = new Database()) {
      try {
        db.addOccupation(Fixtures.district(), "4-99-99-01", "测试员", LocalDate.parse("2023-01-01"));
        fail("a district changed the catalog");
      } catch (DeniedException e) {
        assertEquals(Status.EDENIED, e.getCode());
      }
      assertEquals(0, Fixtures.codes(db).size());
    }
  }

  @Test
  public void testErrorsExists() {
    try (Database db = Fixtures.notice()) {
      db.addOccupation(Fixtures.bureau(), Fixtures.BIM, "建筑信息模型技术员", LocalDate.parse("2022-04-12"));
      fail("added twice");
    } catch (ExistsException e) {
      assertEquals(Status.EEXISTS, e.getCode());
    }
  }

  @Test
  public void testErrorsClearedBetweenCalls() {
    try (Database db = Fixtures.notice()) {
      for (int i = 0; i < 3; i++) {
        try {
          db.lookupOccupation("4-99-99-98");
          fail();
        } catch (NotFoundException expected) {
        }
        assertEquals(Fixtures.BIM, db.lookupOccupation(Fixtures.BIM).getCode());
        // a getter right after a failure must not throw a stale exception
        assertTrue(db.check(Fixtures.BIM, null, 5).isOk());
      }
    }
  }

  @Test
  public void testErrorsClosedDatabase() {
    Database db = new Database();
    db.close();
    assertTrue(db.isClosed());
    try {
      db.loadNotice(Fixtures.bureau());
      fail("used a closed database");
    } catch (SkillcertException e) {
      assertSame(SkillcertException.class, e.getClass());
      assertEquals(Status.ERROR, e.getCode());
      assertTrue(e.getMessage().contains("closed"));
    }
    db.close(); // idempotent
    db.delete();
  }

  @Test
  public void testErrorsDeletedObjectIsRefused() {
    Database db = new Database();
    db.delete();
    try {
      db.schemaVersion();
      fail("used a deleted object");
    } catch (NullPointerException expected) {
    }
  }

  @Test
  public void testErrorsStrerror() {
    assertNotEquals("", Skillcert.strerror(Status.ENOTFOUND));
    assertNotEquals(Skillcert.strerror(Status.EINVAL), Skillcert.strerror(Status.ENOTFOUND));
    assertEquals("success", Skillcert.strerror(Status.OK));
  }
}
