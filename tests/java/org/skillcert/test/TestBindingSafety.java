package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.CertKind;
import org.skillcert.OrgKind;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collections;

import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.Candidate;
import org.skillcert.Database;
import org.skillcert.Decision;
import org.skillcert.NotFoundException;
import org.skillcert.Ruleset;
import org.skillcert.Skillcert;

/** What the binding guarantees whatever the caller does (issue 13): a
 *  Decision keeps its Ruleset (whose texts it borrows) reachable, and a
 *  String argument holding a NUL character is refused, never cut. */
public class TestBindingSafety {
  static final LocalDate AS_OF = LocalDate.parse("2023-03-01");
  static final String OCC = "4-02-07-10";
  static final String ID_A = "11010519491231002X";
  static final String ORG_A = "91110108MA01ABCD2H";

  private static Candidate candidate() {
    Candidate c = new Candidate(ID_A, "测试");
    c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 5, LocalDate.parse("2019-03-01"));
    c.addWork(OCC, LocalDate.parse("2019-03-01"));
    return c;
  }

  private static void collect() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      System.runFinalization();
      byte[][] junk = new byte[2000][];
      for (int j = 0; j < junk.length; j++)
        junk[j] = new byte[256];
      Thread.sleep(10);
    }
  }

  private static Decision decideWithTemporaryRuleset(Database db) {
    return db.ruleset(AS_OF).decide(candidate(), OCC, null, 4, AS_OF);
  }

  @Test
  public void testDecisionOutlivesTemporaryRuleset() throws InterruptedException {
    try (Database db = Fixtures.notice()) {
      db.eligibilityLoadDefaults(Fixtures.bureau());
      Decision d = decideWithTemporaryRuleset(db);
      collect();
      assertEquals("L4-a", d.matched());
      assertEquals("template-2018", d.rules());
      assertEquals("国家职业技能标准编制技术规程(2018年版) 申报条件 四级/中级工 (1)", d.clause());
      assertTrue(d.message().startsWith("eligible for level 4 (中级工) of 4-02-07-10"));
    }
  }

  @Test
  public void testDecisionHoldsItsRuleset() throws InterruptedException {
    try (Database db = Fixtures.notice()) {
      db.eligibilityLoadDefaults(Fixtures.bureau());
      Ruleset rules = db.ruleset(AS_OF);
      WeakReference<Ruleset> seen = new WeakReference<Ruleset>(rules);
      Decision d = rules.decide(candidate(), OCC, null, 4, LocalDate.parse("2023-02-28"));
      rules = null;
      collect();
      assertNotNull("the decision let its ruleset go", seen.get());
      assertTrue(d.messageFor("L4-a").startsWith("needs 4 years of work"));
    }
  }

  @Test
  public void testCleanerNotFinalize() throws InterruptedException {
    for (Class<?> c : new Class<?>[] {Database.class, Ruleset.class, Decision.class, Actor.class,
                                      Candidate.class}) {
      try {
        c.getDeclaredMethod("finalize");
        fail(c.getName() + " declares finalize()");
      } catch (NoSuchMethodException e) {
        // freed by java.lang.ref.Cleaner
      }
    }
    /* Many wrappers dropped unreachable: the Cleaner frees them (run under
       -Xcheck:jni; valgrind or ASan would see a double free). */
    for (int i = 0; i < 2000; i++)
      new Candidate(ID_A, "测试").addWork(OCC, LocalDate.parse("2019-03-01"));
    Candidate kept = new Candidate(ID_A, "测试");
    kept.delete();
    kept.delete();              // a second delete() does nothing
    collect();
  }

  /** An Iterable yields its items again on a second walk (issue 13). */
  @Test
  public void testIterablesWalkAgain() {
    try (Database db = Fixtures.notice();
         org.skillcert.OccupationIterator it = db.occupations()) {
      java.util.List<String> first = new java.util.ArrayList<String>();
      for (org.skillcert.Occupation o : it)
        first.add(o.getCode());
      java.util.List<String> second = new java.util.ArrayList<String>();
      for (org.skillcert.Occupation o : it)
        second.add(o.getCode());
      assertEquals(Fixtures.NOTICE_CODES, first);
      assertEquals(first, second);
    }
    try (Database db = Fixtures.notice();
         org.skillcert.DistrictIterator it = db.districts()) {
      int n = 0, m = 0;
      for (org.skillcert.District d : it)
        n++;
      for (org.skillcert.District d : it)
        m++;
      assertTrue(n > 10);
      assertEquals(n, m);
      assertEquals(n, it.toList().size());
    }
  }

  @Test
  public void testInstalledLibraryPathIsBakedIn() {
    assertTrue(org.skillcert.SkillcertLibrary.INSTALLED,
               org.skillcert.SkillcertLibrary.INSTALLED.endsWith("/jni/libskillcert_jni.so"));
  }

  private static void refusedNul(Runnable r) {
    try {
      r.run();
      fail("a NUL character was accepted");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("NUL"));
    }
  }

  @Test
  public void testNulInOrgNameChangesNothing() {
    try (Database db = Fixtures.notice()) {
      Actor org = new Actor(ActorKind.ORGANIZATION, ORG_A, "test");
      refusedNul(() -> db.orgRegister(org, ORG_A, "ab\0cd", OrgKind.ENTERPRISE, "110108",
                                      LocalDate.parse("2023-01-05")));
      try {
        db.orgGet(ORG_A);
        fail();
      } catch (NotFoundException e) {
        // nothing was stored
      }
      db.orgRegister(org, ORG_A, "abcd", OrgKind.ENTERPRISE, "110108", LocalDate.parse("2023-01-05"));
      assertEquals("abcd", db.orgGet(ORG_A, LocalDate.parse("2023-01-06")).getName());
    }
  }

  @Test
  public void testNulAfterValidIdentifiers() {
    assertTrue(Skillcert.creditCodeValidate("91350100M000100Y43", 0).isValid());
    refusedNul(() -> Skillcert.creditCodeValidate("91350100M000100Y43\0junk", 0));
    assertEquals(ID_A, Skillcert.residentIdParse(ID_A).getNumber());
    refusedNul(() -> Skillcert.residentIdParse(ID_A + "\0junk"));
    assertEquals("S000011000001243000001",
                 Skillcert.certificateNumberParse("S000011000001243000001").getNumber());
    refusedNul(() -> Skillcert.certificateNumberParse("S000011000001243000001\0junk"));
  }

  @Test
  public void testNulInActorScopeAndVerify() {
    refusedNul(() -> new Actor(ActorKind.DISTRICT, "110108\0x", "test"));
    assertEquals("110108", new Actor(ActorKind.DISTRICT, "110108", "test").getScope());
    try (Database db = Fixtures.notice()) {
      refusedNul(() -> db.certificateVerify("S000011000001244000099", "张三\0x"));
      refusedNul(() -> db.certificateBatchVerify(Arrays.asList("S000011000001244000099"),
                                                 Collections.singletonList("张三\0x")));
    }
  }
}
