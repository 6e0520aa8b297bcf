package org.skillcert.test;

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
    assertEquals(0, Skillcert.OK);
    assertEquals(-3, Skillcert.EINVAL);
    assertEquals(-4, Skillcert.ENOTFOUND);
    assertEquals(-10, Skillcert.EDENIED);
    assertEquals(-30, Skillcert.ITEROVER);
    assertEquals(1, Skillcert.ACTOR_CITY_BUREAU);
    assertEquals(4, Skillcert.REASON_WORK_TYPE_REQUIRED);
    assertEquals(1, Skillcert.DOC_CATALOG);
    // Compile-time constants: usable as case labels.
    switch (Skillcert.ENOTFOUND) {
      case Skillcert.ENOTFOUND:
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
      assertEquals(Skillcert.ENOTFOUND, e.getCode());
      assertNotEquals("", e.getMessage());
      assertTrue(e.getLine() >= 0 && e.getColumn() >= 0);
      assertTrue(e.getField() != null && e.getSource() != null);
    }
  }

  @Test
  public void testErrorsDenied() {
    try (Database db = new Database()) {
      try {
        db.addOccupation(Fixtures.district(), "4-99-99-01", "测试员", "2023-01-01");
        fail("a district changed the catalog");
      } catch (DeniedException e) {
        assertEquals(Skillcert.EDENIED, e.getCode());
      }
      assertEquals(0, Fixtures.codes(db).size());
    }
  }

  @Test
  public void testErrorsExists() {
    try (Database db = Fixtures.notice()) {
      db.addOccupation(Fixtures.bureau(), Fixtures.BIM, "建筑信息模型技术员", "2022-04-12");
      fail("added twice");
    } catch (ExistsException e) {
      assertEquals(Skillcert.EEXISTS, e.getCode());
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
      assertEquals(Skillcert.ERROR, e.getCode());
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
    assertNotEquals("", Skillcert.strerror(Skillcert.ENOTFOUND));
    assertNotEquals(Skillcert.strerror(Skillcert.EINVAL), Skillcert.strerror(Skillcert.ENOTFOUND));
    assertEquals("unknown status", Skillcert.strerror(12345));
  }
}
