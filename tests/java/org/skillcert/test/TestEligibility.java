package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.CertKind;
import org.skillcert.DocType;
import org.skillcert.Path;
import org.skillcert.Reason;
import org.skillcert.Sex;
import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.Candidate;
import org.skillcert.Database;
import org.skillcert.Decision;
import org.skillcert.DecisionCondition;
import org.skillcert.DeniedException;
import org.skillcert.ImportResult;
import org.skillcert.ResidentId;
import org.skillcert.Ruleset;
import org.skillcert.Skillcert;
import org.skillcert.ValidationException;

/** Candidates and eligibility through the Java binding (mirrors
 *  check_candidate.c and check_eligibility.c). */
public class TestEligibility {
  static final LocalDate AS_OF = LocalDate.parse("2023-03-01");
  static final String OCC = "4-02-07-10";
  static final String ID_A = "11010519491231002X";

  private Database db;
  private Ruleset rules;

  @Before
  public void open() {
    db = Fixtures.notice();
    ImportResult r = db.eligibilityLoadDefaults(Fixtures.bureau());
    assertEquals(DocType.ELIGIBILITY, r.getDoctype());
    rules = db.ruleset(AS_OF);
  }

  @After
  public void close() {
    rules.delete();
    db.close();
  }

  /** sc_eligibility_check: one call for a stored candidate, the catalog included. */
  @Test
  public void testEligibilityCheckStoredCandidate() {
    try {
      db.eligibilityCheck(ID_A, OCC, null, 4);
      fail();
    } catch (org.skillcert.NotFoundException e) {
      // not stored yet
    }
    Candidate c = new Candidate(ID_A, "测试");
    c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 5, LocalDate.parse("2019-03-01"));
    c.addWork(OCC, LocalDate.parse("2019-03-01"));
    db.candidateSave(new Actor(ActorKind.CITY_CENTRE), c);
    Decision d = db.eligibilityCheck(ID_A, OCC, null, 4, Path.NORMAL, null, AS_OF);
    assertTrue(d.eligible());
    assertEquals("L4-a", d.matched());
    d = db.eligibilityCheck(ID_A, OCC, "无此工种", 4, Path.NORMAL, null, AS_OF);
    assertFalse(d.eligible());
    assertEquals(Reason.UNKNOWN_WORK_TYPE, d.reason());
    assertTrue(d.message(), d.message().contains("无此工种"));
  }

  @Test
  public void testCandidateIdWorkedExamples() {
    ResidentId r = Skillcert.residentIdParse("11010519491231002x");
    assertEquals(ID_A, r.getNumber());
    assertEquals("110105", r.getArea());
    assertEquals(LocalDate.parse("1949-12-31"), r.getBirthDate());
    assertEquals(Sex.FEMALE, r.getSex());
    try {
      Skillcert.residentIdParse("110105194912310021");
      fail();
    } catch (ValidationException e) {
      assertTrue(e.getMessage().contains("should be X"));
      assertEquals("id_number", e.getField());
    }
  }

  @Test
  public void testCandidateSaveLoadRoundTrip() {
    Candidate c = new Candidate("11010519491231002x", "王芳");
    c.addWork("4—99—00—00", LocalDate.parse("2019-03-01"));
    c.addWork("4-99-00-00", LocalDate.parse("2015-08-01"), LocalDate.parse("2018-12-31"));
    c.addCertificate(CertKind.QUALIFICATION, "4-99-00-00", "航拍", 5, LocalDate.parse("2016-05-20"));
    try {
      db.candidateSave(new Actor(ActorKind.PUBLIC), c);
      fail();
    } catch (DeniedException e) {
      assertEquals(Status.EDENIED, e.getCode());
    }
    db.candidateSave(new Actor(ActorKind.CANDIDATE, ID_A, "test"), c);
    Candidate back = db.candidateLoad(ID_A);
    assertEquals("王芳", back.name());
    assertEquals(2, back.workCount());
    assertEquals(LocalDate.parse("2015-08-01"), back.workStart(0));
    assertEquals(LocalDate.parse("2018-12-31"), back.workEnd(0));
    assertNull(back.workEnd(1));
    assertEquals("航拍", back.certificateWorkType(0));
  }

  @Test
  public void testEligibilityShortfallMessage() {
    Candidate c = new Candidate(ID_A, "测试");
    c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 5, LocalDate.parse("2019-03-01"));
    c.addWork(OCC, LocalDate.parse("2019-03-01"));

    Decision d = rules.decide(c, OCC, null, 4, LocalDate.parse("2023-02-28"));
    assertFalse(d.eligible());
    assertEquals(Reason.CONDITIONS_NOT_MET, d.reason());
    assertNull(d.matched());
    assertEquals("needs 4 years of work since the level-5 (初级工) certificate (2019-03-01); "
                 + "has 3 years 11 months", d.messageFor("L4-a"));
    assertEquals("not eligible for level 4 (中级工) of 4-02-07-10: none of the 4 conditions "
                 + "of 国家职业技能标准编制技术规程(2018年版) is met", d.message());
    assertEquals(4, d.getConditions().size());
    for (DecisionCondition k : d.getConditions())
      assertFalse(k.isMet());

    d = rules.decide(c, OCC, null, 4, AS_OF);
    assertTrue(d.eligible());
    assertEquals("L4-a", d.matched());
    assertEquals("国家职业技能标准编制技术规程(2018年版) 申报条件 四级/中级工 (1)", d.clause());
    assertEquals("met: has 4 years 0 months of work since the level-5 (初级工) certificate "
                 + "(2019-03-01) (needs 4 years)", d.messageFor("L4-a"));
  }

  @Test
  public void testEligibilityOneDayShort() {
    Candidate exact = new Candidate(ID_A, "测试");
    exact.addWork(OCC, LocalDate.parse("2022-03-01"));
    assertEquals("L5-a", rules.decide(exact, OCC, null, 5, AS_OF).matched());
    Candidate shortBy1 = new Candidate(ID_A, "测试");
    shortBy1.addWork(OCC, LocalDate.parse("2022-03-02"));
    Decision d = rules.decide(shortBy1, OCC, null, 5, AS_OF);
    assertFalse(d.eligible());
    assertEquals("needs 1 year of work in this or a related occupation; has 0 years 11 months",
                 d.messageFor("L5-a"));
  }

  @Test
  public void testEligibilityDecideErrors() {
    try {
      rules.decide(new Candidate(ID_A, "测试"), OCC, null, 9, AS_OF);
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
  }
}
