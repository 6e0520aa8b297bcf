package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.AuditProblem;
import org.skillcert.OrgKind;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.AuditEntry;
import org.skillcert.AuditIterator;
import org.skillcert.AuditResult;
import org.skillcert.Database;
import org.skillcert.OfferingItem;
import org.skillcert.Skillcert;

/** The audit trail through the Java binding; tampering with the sqlite3 shell
 *  (mirrors check_audit.c). */
public class TestAudit {
  static final String ORG_A = "91110108MA01ABCD2H";

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  private File file;

  /** Six entries: catalog batch, alias, register, apply, recommend, evaluate. */
  @Before
  public void setUp() {
    file = new File(tmp.getRoot(), "audit.db");
    Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
    Actor orgA = new Actor(ActorKind.ORGANIZATION, ORG_A, "test");
    try (Database db = new Database(file.getPath())) {
      db.loadNotice(city);
      db.addAlias(city, "4-04-05-99", "4-04-05-05");
      db.orgRegister(orgA, ORG_A, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                     LocalDate.parse("2023-01-05"));
      db.orgApply(orgA, ORG_A, OfferingItem.parse("4-02-07-10:5,4"), LocalDate.parse("2023-02-01"));
      db.orgRecommend(new Actor(ActorKind.DISTRICT, "110108", "test"), ORG_A, LocalDate.parse("2023-02-10"));
      db.orgEvaluate(new Actor(ActorKind.CITY_CENTRE, null, "test"), ORG_A, LocalDate.parse("2023-03-01"));
    }
  }

  private AuditResult verify() {
    try (Database db = new Database(file.getPath())) {
      return db.auditVerify();
    }
  }

  @Test
  public void testAuditChainIntact() {
    AuditResult r = verify();
    assertTrue(r.isOk());
    assertEquals(6, r.getEntries());
    assertEquals(0, r.getFirstBadSeq());
    assertEquals(AuditProblem.INTACT, r.getProblem());
    assertEquals("", r.getMessage());
  }

  @Test
  public void testAuditEntriesNameActorEntityAction() {
    try (Database db = new Database(file.getPath())) {
      List<AuditEntry> entries = db.auditEntries().toList();
      assertEquals(6, entries.size());
      String[] actions = {"xml.import", "catalog.add_alias", "org.register", "org.apply",
                          "org.recommend", "org.evaluate"};
      for (int i = 0; i < 6; i++) {
        assertEquals(i + 1, entries.get(i).getSeq());
        assertEquals(actions[i], entries.get(i).getAction());
        assertEquals(64, entries.get(i).getHash().length());
        if (i > 0)
          assertEquals(entries.get(i - 1).getHash(), entries.get(i).getPrevHash());
      }
      try (AuditIterator it = db.auditEntries("batch")) {
        AuditEntry batch = it.iterator().next();
        assertEquals("city-bureau (test)", batch.getActor());
        assertTrue(batch.getDetail().contains("doctype=catalog"));
      }
      assertEquals(4, db.auditEntries("org", ORG_A).toList().size());
    }
  }

  @Test
  public void testAuditDetectsEditedDetail() {
    Sqlite.run(file, "UPDATE audit SET detail = 'name=someone else' WHERE seq = 3");
    AuditResult r = verify();
    assertFalse(r.isOk());
    assertEquals(AuditProblem.EDITED, r.getProblem());
    assertEquals(3, r.getFirstBadSeq());
    assertTrue(r.getMessage().contains("entry 3 was edited"));
    assertEquals("edited", Skillcert.auditProblemName(r.getProblem()));
  }

  @Test
  public void testAuditDetectsRemoved() {
    Sqlite.run(file, "DELETE FROM audit WHERE seq = 3");
    AuditResult r = verify();
    assertEquals(AuditProblem.REMOVED, r.getProblem());
    assertEquals(3, r.getFirstBadSeq());
    assertTrue(r.getMessage().contains("entry 3 was removed"));
  }
}
