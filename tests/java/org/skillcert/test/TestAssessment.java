package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.ApplicationState;
import org.skillcert.CertKind;
import org.skillcert.Component;
import org.skillcert.ItemType;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.Reason;
import org.skillcert.SessionStatus;
import org.skillcert.StaffRole;
import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.Application;
import org.skillcert.ApplicationQuery;
import org.skillcert.AuditEntry;
import org.skillcert.BankIterator;
import org.skillcert.Blueprint;
import org.skillcert.Candidate;
import org.skillcert.ComponentRule;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.Enrolment;
import org.skillcert.EnrolmentIterator;
import org.skillcert.ExistsException;
import org.skillcert.Item;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Paper;
import org.skillcert.PaperItem;
import org.skillcert.Result;
import org.skillcert.Session;
import org.skillcert.SessionIterator;
import org.skillcert.SessionStaff;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.ValidationException;
import org.skillcert.Venue;
import org.skillcert.Verdict;

/** Assessment through the Java binding: rules and staff ratios, venues,
 *  sessions, staffing, enrolment, the question bank and its versions, paper
 *  assembly, scoring, results, the pass rule and resits (mirrors
 *  check_assessment.c and assess_fixture.c). */
public class TestAssessment {
  static final String ORG = "91110108MA01ABCD2H";   // 海淀区 110108
  static final String ORG2 = "52110102MJ00123450";  // 西城区 110102
  static final String OTHER = "91110105MA01CHY00K"; // never registered
  static final String OCC = "4-02-07-10";           // 网约配送员: levels 5-1, undivided
  static final Component THEORY = Component.THEORY;
  static final Component PRACTICAL = Component.PRACTICAL;
  static final Component REVIEW = Component.REVIEW;
  static final double NONE = Skillcert.SCORE_NONE;
  static final Path NORMAL = Path.NORMAL;
  static final LocalDate APPLY_DAY = LocalDate.parse("2023-06-10");     // fixture applications: applied, verified,
                                                    // confirmed
  static final String[] SCOPE = {"4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"};

  private Database db;
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor org = new Actor(ActorKind.ORGANIZATION, ORG, "test");
  private final Actor org2 = new Actor(ActorKind.ORGANIZATION, ORG2, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor chaoyang = new Actor(ActorKind.DISTRICT, "110105", "test");
  private final Actor xicheng = new Actor(ActorKind.DISTRICT, "110102", "test");
  private long venue;
  private long venue2;
  private long fxAnn;   // the intake announcement "FX-2023" of ORG
  private long fxAnn2;  // ... and of ORG2

  /** The n-th synthetic resident ID number (as fx_id in assess_fixture.c). */
  static String residentId(int n) {
    int day = n / 1000;
    int seq = n % 1000;
    String body = String.format("110105%04d%02d%02d%03d", 1980 + day / 336, 1 + (day / 28) % 12,
                                1 + day % 28, seq);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int total = 0;
    for (int i = 0; i < 17; i++)
      total += (body.charAt(i) - '0') * weights[i];
    return body + "10X98765432".charAt(total % 11);
  }

  static List<OfferingItem> offerings(String... texts) {
    List<OfferingItem> out = new ArrayList<OfferingItem>();
    for (String t : texts)
      out.addAll(OfferingItem.parse(t));
    return out;
  }

  private void file(Actor actor, String code, String name, OrgKind kind, String district,
                    Actor bureau) {
    db.orgRegister(actor, code, name, kind, district, LocalDate.parse("2023-01-05"));
    db.orgApply(actor, code, offerings(SCOPE), LocalDate.parse("2023-02-01"));
    db.orgRecommend(bureau, code, LocalDate.parse("2023-02-10"));
    db.orgEvaluate(centre, code, LocalDate.parse("2023-03-01"));
    db.orgNotice(centre, code, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, code, LocalDate.parse("2023-05-10"));
    db.orgCommit(actor, code, LocalDate.parse("2023-05-12"));
  }

  /** The fixture's intake announcement "FX-2023" of an organization (as
   *  assess_fixture.c): both offerings, intake 2023-06-01 to 2026-05-01. */
  private long announceFixture(Actor actor, String code) {
    int methods = Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL | Skillcert.METHOD_REVIEW;
    return db.announcementPublish(actor, code, "FX-2023", "新职业技能等级认定工作实施方案",
                                  LocalDate.parse("2023-06-01"), LocalDate.parse("2026-05-01"), "五级 300 元, 四级 400 元", methods,
                                  offerings(SCOPE), LocalDate.parse("2023-05-20"));
  }

  /** The registry of assess_fixture.c, with its default eligibility rules
   *  and intake announcements: only confirmed applicants enrol, so enrol()
   *  first gives the candidates applications confirmed by the district
   *  (applications()). */
  @Before
  public void setUp() {
    db = new Database();
    db.loadNotice(city);
    file(org, ORG, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108", haidian);
    file(org2, ORG2, "北京数字技能评价协会", OrgKind.SOCIAL_GROUP, "110102", xicheng);
    List<OfferingItem> q = offerings("4-02-07-10:1", "4-04-05-05/数据标注员:1");
    for (int i = 1; i <= 15; i++)
      db.staffAdd(org, ORG, String.format("E%02d", i), "考评员", StaffRole.EXAMINER, q,
                  LocalDate.parse("2023-06-01"));
    for (int i = 1; i <= 5; i++) {
      db.staffAdd(org, ORG, String.format("X%02d", i), "专家", StaffRole.EXPERT, q,
                  LocalDate.parse("2023-06-01"));
      db.staffAdd(org2, ORG2, String.format("E%02d", i), "考评员", StaffRole.EXAMINER, q,
                  LocalDate.parse("2023-06-01"));
    }
    db.staffAdd(org, ORG, "U01", "低级考评员", StaffRole.EXAMINER,
                offerings("4-02-07-10:4"), LocalDate.parse("2023-06-01"));
    db.staffAdd(org, ORG, "M01", "经理", StaffRole.MANAGER, null, LocalDate.parse("2023-06-01"));
    venue = db.venueRegister(org, ORG, "海淀考点", "北京市海淀区中关村大街1号", "110108", 3,
                             LocalDate.parse("2023-06-01"));
    db.venueInspect(haidian, venue, true, "场地合格", LocalDate.parse("2023-06-05"));
    venue2 = db.venueRegister(org2, ORG2, "西城考点", "北京市西城区金融街1号", "110102", 3,
                              LocalDate.parse("2023-06-01"));
    db.venueInspect(xicheng, venue2, true, null, LocalDate.parse("2023-06-05"));
    db.eligibilityLoadDefaults(city);
    fxAnn = announceFixture(org, ORG);
    fxAnn2 = announceFixture(org2, ORG2);
  }

  @After
  public void tearDown() {
    db.close();
  }

  private long ann;
  private long ann2;

  /** ORG's announcement "2024-01" (4-02-07-10 levels 5-1, intake 2024-03-01
   *  to 2026-06-30) and ORG2's "2024-A" (levels 5-3, to 2024-12-31), both
   *  published 2024-02-20. */
  private void announce() {
    int methods = Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL | Skillcert.METHOD_REVIEW;
    ann = db.announcementPublish(org, ORG, "2024-01", "2024-01 实施方案", LocalDate.parse("2024-03-01"),
                                 LocalDate.parse("2026-06-30"), "四级 400 元", methods,
                                 offerings("4-02-07-10:5,4,3,2,1"), LocalDate.parse("2024-02-20"));
    ann2 = db.announcementPublish(org2, ORG2, "2024-A", "2024-A 实施方案", LocalDate.parse("2024-03-01"),
                                  LocalDate.parse("2024-12-31"), "四级 400 元", methods,
                                  offerings("4-02-07-10:5,4,3"), LocalDate.parse("2024-02-20"));
  }

  /** Candidate n (working in OCC since 2015 when `works`) applies to ORG (ORG2
   *  when second) for OCC at level on 2024-03-05; the organization verifies on
   *  03-10 and its district bureau confirms on 03-15, as far as upto. */
  private long applicant(int n, int level, boolean second, ApplicationState upto, boolean works) {
    String idn = residentId(n);
    Actor me = new Actor(ActorKind.CANDIDATE, idn, "test");
    Candidate record = new Candidate(idn, "考生" + n);
    if (works)
      record.addWork(OCC, LocalDate.parse("2015-01-01"));
    db.candidateSave(me, record);
    record.delete();
    long app = db.applicationApply(me, second ? ann2 : ann, idn, OCC, null, level, LocalDate.parse("2024-03-05"));
    if (upto != ApplicationState.SUBMITTED)
      db.applicationVerify(second ? org2 : org, app, LocalDate.parse("2024-03-10"));
    if (upto == ApplicationState.CONFIRMED)
      db.applicationConfirm(second ? xicheng : haidian, app, LocalDate.parse("2024-03-15"));
    return app;
  }

  private long applicant(int n) {
    return applicant(n, 4, false, ApplicationState.CONFIRMED, true);
  }

  /** Candidates first..last, recorded by the city centre as fx_candidate:
   *  working in OCC since 2000 and holding its level 5, 4, 3 and 2
   *  certificates, so that they are eligible for levels 5 to 2. */
  private void candidates(int first, int last) {
    for (int n = first; n <= last; n++) {
      Candidate c = new Candidate(residentId(n), "考生" + n);
      c.addWork(OCC, LocalDate.parse("2000-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 5, LocalDate.parse("2002-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 4, LocalDate.parse("2007-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 3, LocalDate.parse("2012-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 2, LocalDate.parse("2017-01-01"));
      db.candidateSave(centre, c);
      c.delete();
    }
  }

  /** Candidate n's application confirmed by the district (报名确认) to the
   *  session's organization for its offering and path, or 0. */
  private long confirmedApplication(long s, int n) {
    Session ses = db.sessionGet(s);
    ApplicationQuery q = new ApplicationQuery(ses.getCreditCode(), 0, residentId(n),
                                              ses.getOccupation(), ses.getLevel(),
                                              ApplicationState.CONFIRMED, null);
    for (Application a : db.applications(q).toList())
      if (a.getWorkType().equals(ses.getWorkType()) && a.getPath() == ses.getPath())
        return a.getId();
    return 0;
  }

  /** As fx_application: candidates first..last (recorded) each get an
   *  application confirmed for the session's offering, unless they have one.
   *  The missing ones apply to the organization's "FX-2023" announcement on
   *  APPLY_DAY; the organization verifies them and its district bureau
   *  confirms them, each step as one batch. Returns the ids, in candidate
   *  order. */
  private long[] applications(long s, int first, int last) {
    Session ses = db.sessionGet(s);
    boolean second = ses.getCreditCode().equals(ORG2);
    long[] ids = new long[last - first + 1];
    List<Long> fresh = new ArrayList<Long>();
    for (int n = first; n <= last; n++) {
      long app = confirmedApplication(s, n);
      if (app == 0) {
        String idn = residentId(n);
        Actor me = new Actor(ActorKind.CANDIDATE, idn, "test");
        app = db.applicationApply(me, second ? fxAnn2 : fxAnn, idn, ses.getOccupation(),
                                  ses.getWorkType(), ses.getLevel(), ses.getPath(), null,
                                  APPLY_DAY);
        fresh.add(app);
      }
      ids[n - first] = app;
    }
    if (!fresh.isEmpty()) {
      long[] batch = new long[fresh.size()];
      for (int i = 0; i < batch.length; i++)
        batch[i] = fresh.get(i);
      assertEquals("fixture candidates " + first + "-" + last + " eligible for level "
                   + ses.getLevel(), batch.length,
                   db.applicationVerifyBatch(second ? org2 : org, batch, APPLY_DAY));
      db.applicationConfirmBatch(second ? xicheng : haidian, batch, APPLY_DAY);
    }
    return ids;
  }

  private long session(int level, LocalDate date, int flags) {
    return db.sessionCreate(org, ORG, OCC, null, level, NORMAL, date, venue, 1, flags);
  }

  private void staff(long s, Component component, String... people) {
    for (String p : people)
      db.sessionStaffAdd(org, s, component, p);
  }

  private static String[] examiners(int first, int last) {
    String[] out = new String[last - first + 1];
    for (int i = first; i <= last; i++)
      out[i - first] = String.format("E%02d", i);
    return out;
  }

  /** Candidates first..last enrol (as fx_enrol): on their confirmed
   *  applications, found by the library (no reference given). */
  private void enrol(long s, int first, int last) {
    applications(s, first, last);
    Actor actor = db.sessionGet(s).getCreditCode().equals(ORG2) ? org2 : org;
    for (int n = first; n <= last; n++)
      db.sessionEnrol(actor, s, residentId(n));
  }

  private long readySession(LocalDate date, int first, int last) {
    long s = session(4, date, 0);
    enrol(s, first, last);
    staff(s, THEORY, "E01", "E02");
    staff(s, PRACTICAL, "E01", "E02", "E03");
    db.sessionConfirm(org, s, date);
    return s;
  }

  /** What a refusal must leave alone. */
  private List<String> dump() {
    List<String> out = new ArrayList<String>();
    out.add("audit " + db.auditEntries().toList().size());
    for (Session s : db.sessions().toList()) {
      out.add("session " + s.getId() + " " + s.getStatus() + " " + s.getCandidates());
      for (SessionStaff m : db.sessionStaff(s.getId()).toList())
        out.add("staff " + m.getComponent() + " " + m.getPersonId());
      for (Enrolment e : db.enrolments(s.getId()).toList())
        out.add("enrolment " + e.getIdNumber() + " " + e.getAttempt() + " " + e.getComponents());
      for (Result r : db.results(s.getId()).toList())
        out.add("result " + r.getIdNumber() + " " + r.getPassed());
    }
    for (Item i : db.bankItems(ORG).toList())
      out.add("item " + i.getCode() + " " + i.getVersion() + " " + i.getAnswer());
    return out;
  }

  /** A refused change: the exception's class, and nothing changed. */
  private <T extends SkillcertException> T refused(Class<T> expected, Runnable call) {
    List<String> before = dump();
    try {
      call.run();
    } catch (SkillcertException e) {
      assertEquals(e.getMessage(), expected, e.getClass());
      assertEquals(before, dump());
      return expected.cast(e);
    }
    fail("not refused");
    return null;
  }

  private Verdict verdict(long s, boolean ok, Reason reason) {
    Verdict v = db.sessionCheck(s);
    assertEquals(v.getMessage(), ok, v.isOk());
    assertEquals(v.getMessage(), reason, v.getReason());
    return v;
  }

  // ---- components and rules -------------------------------------------------------------

  @Test
  public void testAssessmentComponents() {
    int th = Skillcert.componentBit(THEORY);
    int pr = Skillcert.componentBit(PRACTICAL);
    int rv = Skillcert.componentBit(REVIEW);
    assertEquals(th | pr, Skillcert.componentsFor(5, NORMAL));
    assertEquals(th | pr | rv, Skillcert.componentsFor(1, NORMAL));
    assertEquals(rv, Skillcert.componentsFor(2, Path.DIRECT));
    assertEquals(0, Skillcert.componentsFor(0, NORMAL));
    assertEquals("practical", Skillcert.componentName(PRACTICAL));
    assertEquals("综合评审", Skillcert.componentNameZh(REVIEW));
    assertNull(Skillcert.componentName(null));
    assertEquals(REVIEW, Skillcert.componentParse("综合评审"));
    assertEquals("planned", Skillcert.sessionStatusName(SessionStatus.PLANNED));
    assertEquals("true-false", Skillcert.itemTypeName(ItemType.TRUE_FALSE));
    assertEquals(ItemType.MULTIPLE, Skillcert.itemTypeParse("multiple"));
    assertEquals(1, Skillcert.SESSION_ONLINE);
    assertEquals(-1.0, Skillcert.SCORE_NONE, 0);
    try {
      Skillcert.componentParse("oral");
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
  }

  @Test
  public void testAssessmentRules() {
    ComponentRule r = db.componentRuleGet(null, THEORY);
    assertEquals("", r.getOccupation());
    assertEquals(15, r.getCandidatesPerStaff());
    assertEquals(2, r.getMinPerRoom());
    assertEquals(60, r.getPassScore());
    r = db.componentRuleGet(OCC, PRACTICAL);
    assertEquals(5, r.getCandidatesPerStaff());
    assertEquals(3, r.getMinStaff());
    assertEquals(1, r.getOdd());
    refused(DeniedException.class,
            () -> db.componentRuleSet(org, OCC, PRACTICAL, 5, 3, 0, true, 70));
    refused(ValidationException.class,
            () -> db.componentRuleSet(centre, OCC, PRACTICAL, 5, 3, 0, true, 101));
    refused(NotFoundException.class,
            () -> db.componentRuleSet(centre, "8-99-99-99", PRACTICAL, 5, 3, 0, true, 70));
    db.componentRuleSet(centre, OCC, PRACTICAL, 5, 3, 0, true, 70);
    r = db.componentRuleGet(OCC, PRACTICAL);
    assertEquals(OCC, r.getOccupation());
    assertEquals(70, r.getPassScore());
    assertEquals(60, db.componentRuleGet("4-04-05-05", PRACTICAL).getPassScore());
  }

  // ---- venues and sessions --------------------------------------------------------------

  @Test
  public void testAssessmentVenues() {
    Venue v = db.venueGet(venue);
    assertEquals(ORG, v.getCreditCode());
    assertEquals("110108", v.getDistrict());
    assertEquals(LocalDate.parse("2023-06-05"), v.getInspected());
    assertTrue(v.isInspectionPassed());
    assertEquals("场地合格", v.getNote());
    refused(ConstraintException.class,
            () -> db.venueRegister(org, ORG, "朝阳考点", "朝阳区", "110105", 2, LocalDate.parse("2023-07-01")));
    refused(DeniedException.class, () -> db.venueRegister(org2, ORG, "x", "y", "110108", 2));
    refused(ExistsException.class, () -> db.venueRegister(org, ORG, "海淀考点", "y", "海淀区", 2));
    long id = db.venueRegister(org, ORG, "海淀二考点", "海淀区上地", "海淀区", 1, LocalDate.parse("2024-01-02"));
    refused(ConstraintException.class,
            () -> db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), id, 1));
    refused(DeniedException.class, () -> db.venueInspect(chaoyang, id, true, null, LocalDate.parse("2024-01-10")));
    db.venueInspect(haidian, id, true, null, LocalDate.parse("2024-01-10"));
    db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), id, 1);
    db.venueInspect(haidian, id, false, "消防不合格", LocalDate.parse("2024-04-01"));
    ConstraintException e = refused(ConstraintException.class,
        () -> db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-04-02"), id, 1));
    assertTrue(e.getMessage(), e.getMessage().contains("failed its inspection"));
    assertFalse(db.venueGet(id).isInspectionPassed());
    try {
      db.venueGet(999);
      fail();
    } catch (NotFoundException expected) {
      assertEquals(Status.ENOTFOUND, expected.getCode());
    }
  }

  @Test
  public void testAssessmentSessionCreateRefused() {
    refused(ConstraintException.class, () -> db.sessionCreate(org, ORG, "4-04-05-05",
        "人工智能算法测试员", 4, NORMAL, LocalDate.parse("2024-03-01"), venue, 1)); // not in its scope
    refused(ConstraintException.class,
            () -> db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2026-05-10"), venue, 1));
    refused(ConstraintException.class,
            () -> db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), venue2, 1));
    refused(DeniedException.class,
            () -> db.sessionCreate(org2, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), venue, 1));
    refused(ValidationException.class,
            () -> db.sessionCreate(org, ORG, OCC, null, 6, NORMAL, LocalDate.parse("2024-03-01"), venue, 1));
    refused(ValidationException.class,
            () -> db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), venue, 1, 0x80));
    refused(NotFoundException.class,
            () -> db.sessionCreate(org, ORG, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), 4242, 1));
    assertTrue(db.sessions().toList().isEmpty());
  }

  @Test
  public void testAssessmentSessionCreate() {
    long id = db.sessionCreate(org, ORG, "4—02—07—10", "", 2, NORMAL, LocalDate.parse("2024-03-01"), venue, 2,
                               Skillcert.SESSION_ONLINE);
    Session s = db.sessionGet(id);
    assertEquals(id, s.getId());
    assertEquals(OCC, s.getOccupation());
    assertEquals("", s.getWorkType());
    assertEquals(2, s.getLevel());
    assertEquals(2, s.getRooms());
    assertEquals(venue, s.getVenueId());
    assertEquals(Skillcert.SESSION_ONLINE, s.getFlags());
    assertEquals(SessionStatus.PLANNED, s.getStatus());
    assertEquals(Skillcert.componentsFor(2, NORMAL), s.getComponents());
    assertEquals(0, s.getCandidates());
    session(4, LocalDate.parse("2024-04-01"), 0);
    List<LocalDate> dates = new ArrayList<LocalDate>();
    try (SessionIterator it = db.sessions(ORG)) {
      for (Session x : it)
        dates.add(x.getDate());
    }
    assertEquals(Arrays.asList(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-04-01")), dates);
    assertEquals(1, db.sessions(null, LocalDate.parse("2024-04-01")).toList().size());
    assertTrue(db.sessions(ORG2).toList().isEmpty());
    try {
      db.sessions("not a code");
      fail();
    } catch (ValidationException expected) {
    }
  }

  // ---- staff ratios ---------------------------------------------------------------------

  @Test
  public void testAssessmentRatioTheory15() {
    db.componentRuleSet(centre, OCC, THEORY, 15, 0, 1, false, 60);
    candidates(1, 16);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    enrol(s, 1, 15);
    staff(s, PRACTICAL, examiners(1, 5));
    verdict(s, false, Reason.STAFF_TOO_FEW);
    staff(s, THEORY, "E06");
    verdict(s, true, Reason.NONE);
    enrol(s, 16, 16);
    Verdict v = verdict(s, false, Reason.STAFF_TOO_FEW);
    assertTrue(v.getMessage(), v.getMessage().contains("theory: 1 invigilators for 16"));
    refused(ConstraintException.class, () -> db.sessionConfirm(org, s, LocalDate.parse("2024-02-28")));
    staff(s, THEORY, "E07");
    verdict(s, true, Reason.NONE);
  }

  @Test
  public void testAssessmentRatioTheoryRooms() {
    candidates(1, 31);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    enrol(s, 1, 30);
    staff(s, PRACTICAL, examiners(1, 7));
    staff(s, THEORY, "E08");
    verdict(s, false, Reason.STAFF_TOO_FEW);
    staff(s, THEORY, "E09");
    verdict(s, true, Reason.NONE);
    enrol(s, 31, 31);
    verdict(s, false, Reason.STAFF_TOO_FEW);
    staff(s, THEORY, "E10");
    verdict(s, true, Reason.NONE);
    db.sessionStaffRemove(org, s, THEORY, "E10");
    verdict(s, false, Reason.STAFF_TOO_FEW);
    refused(NotFoundException.class, () -> db.sessionStaffRemove(org, s, THEORY, "E10"));
  }

  @Test
  public void testAssessmentRatioPractical() {
    candidates(1, 16);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    enrol(s, 1, 10);
    staff(s, THEORY, "E01", "E02");
    staff(s, PRACTICAL, "E03", "E04");
    verdict(s, false, Reason.STAFF_TOO_FEW);
    staff(s, PRACTICAL, "E05");
    verdict(s, true, Reason.NONE);
    enrol(s, 11, 16);
    verdict(s, false, Reason.STAFF_TOO_FEW);
    staff(s, PRACTICAL, "E06");
    verdict(s, false, Reason.STAFF_NOT_ODD);
    staff(s, PRACTICAL, "E07");
    verdict(s, true, Reason.NONE);
  }

  @Test
  public void testAssessmentRatioReviewPanel() {
    candidates(1, 3);
    long s = session(2, LocalDate.parse("2024-03-01"), 0);
    enrol(s, 1, 3);
    staff(s, THEORY, "E01", "E02");
    staff(s, PRACTICAL, examiners(1, 3));
    staff(s, REVIEW, "X01", "X02");
    verdict(s, false, Reason.STAFF_TOO_FEW);
    staff(s, REVIEW, "E04", "E05");
    verdict(s, false, Reason.STAFF_NOT_ODD);
    staff(s, REVIEW, "X03");
    verdict(s, true, Reason.NONE);
    int panel = 0;
    for (SessionStaff m : db.sessionStaff(s).toList())
      if (m.getComponent() == REVIEW)
        panel++;
    assertEquals(5, panel);
    long s4 = session(4, LocalDate.parse("2024-03-02"), 0);
    refused(ConstraintException.class, () -> db.sessionStaffAdd(org, s4, REVIEW, "X01"));
  }

  @Test
  public void testAssessmentUnqualifiedStaff() {
    long s3 = session(3, LocalDate.parse("2024-03-01"), 0);
    long s4 = session(4, LocalDate.parse("2024-03-01"), 0);
    db.sessionStaffAdd(org, s4, PRACTICAL, "U01");
    ConstraintException e =
        refused(ConstraintException.class, () -> db.sessionStaffAdd(org, s3, PRACTICAL, "U01"));
    assertTrue(e.getMessage(), e.getMessage().contains("not qualified"));
    refused(ConstraintException.class, () -> db.sessionStaffAdd(org, s3, THEORY, "M01"));
    refused(ConstraintException.class, () -> db.sessionStaffAdd(org, s3, PRACTICAL, "X01"));
    refused(ConstraintException.class, () -> db.sessionStaffAdd(org, s3, THEORY, "NOBODY"));
    refused(DeniedException.class, () -> db.sessionStaffAdd(org2, s3, THEORY, "E01"));
    db.sessionStaffAdd(org, s3, THEORY, "E01");
    refused(ExistsException.class, () -> db.sessionStaffAdd(org, s3, THEORY, "E01"));
    refused(ValidationException.class, () -> db.sessionStaffAdd(org, s3, null, "E02"));
    SessionStaff m = db.sessionStaff(s3).toList().get(0);
    assertEquals("E01", m.getPersonId());
    assertEquals(StaffRole.EXAMINER, m.getRole());
  }

  // ---- enrolment, results, resits -------------------------------------------------------

  @Test
  public void testAssessmentEnrol() {
    candidates(1, 2);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    long[] apps = applications(s, 1, 2);
    // Another system's reference is no application number of this registry.
    ValidationException bad = refused(ValidationException.class,
        () -> db.sessionEnrol(org, s, residentId(1), "EXT-7"));
    assertEquals(Status.EINVAL, bad.getCode());
    assertEquals("application_ref", bad.getField());
    assertTrue(bad.getMessage(), bad.getMessage().contains("not an application number"));
    db.sessionEnrol(org, s, residentId(1));
    refused(ExistsException.class, () -> db.sessionEnrol(org, s, residentId(1)));
    refused(DeniedException.class, () -> db.sessionEnrol(org2, s, residentId(2)));
    refused(NotFoundException.class, () -> db.sessionEnrol(org, s, "110105198001011238"));
    refused(ValidationException.class, () -> db.sessionEnrol(org, s, "110105198001011239"));
    db.sessionEnrol(org, s, residentId(2), Long.toString(apps[1]));
    List<Enrolment> list;
    try (EnrolmentIterator it = db.enrolments(s)) {
      list = it.toList();
    }
    assertEquals(2, list.size());
    assertEquals(residentId(1), list.get(0).getIdNumber());
    assertEquals("考生1", list.get(0).getName());
    assertEquals(Long.toString(apps[0]), list.get(0).getApplicationRef());
    assertEquals(Long.toString(apps[1]), list.get(1).getApplicationRef());
    assertEquals(Skillcert.componentBit(THEORY) | Skillcert.componentBit(PRACTICAL),
                 list.get(1).getComponents());
    assertEquals(2, db.sessionGet(s).getCandidates());
  }

  /** Only confirmed applicants enrol: with no reference the candidate's
   *  application confirmed by the district (报名确认) is found and linked;
   *  without one the enrolment is refused. */
  @Test
  public void testAssessmentEnrolLinksConfirmed() {
    candidates(1, 4);
    String a = residentId(1), b = residentId(2), c = residentId(3), d = residentId(4);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    // No application at all.
    ConstraintException err = refused(ConstraintException.class, () -> db.sessionEnrol(org, s, a));
    assertEquals(Status.ECONSTRAINT, err.getCode());
    assertEquals("application_ref", err.getField());
    assertTrue(err.getMessage(), err.getMessage().contains(
        "has no application confirmed by the district (报名确认) for " + OCC + " level 4"));
    // Applied and verified, not yet confirmed by the district.
    Actor me = new Actor(ActorKind.CANDIDATE, b, "test");
    long pending = db.applicationApply(me, fxAnn, b, OCC, null, 4, APPLY_DAY);
    assertTrue(db.applicationVerify(org, pending, APPLY_DAY));
    err = refused(ConstraintException.class, () -> db.sessionEnrol(org, s, b, ""));
    assertTrue(err.getMessage(), err.getMessage().contains("is verified"));
    // Confirmed, but to the other organization.
    long sOrg2 = db.sessionCreate(org2, ORG2, OCC, null, 4, NORMAL, LocalDate.parse("2024-03-01"), venue2, 1);
    long elsewhere = applications(sOrg2, 3, 3)[0];
    err = refused(ConstraintException.class, () -> db.sessionEnrol(org, s, c));
    assertTrue(err.getMessage(), err.getMessage().contains(ORG2));
    // Confirmed for another level.
    applications(session(5, LocalDate.parse("2024-03-01"), 0), 4, 4);
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s, d));
    assertEquals(0, db.enrolments(s).toList().size());

    // Confirmed: found and linked, with null or "".
    db.applicationConfirm(haidian, pending, APPLY_DAY);
    long appA = applications(s, 1, 1)[0];
    assertEquals("confirmed", db.applicationGet(appA).getStateName());
    db.sessionEnrol(org, s, a);
    db.sessionEnrol(org, s, b, "");
    List<Enrolment> list = db.enrolments(s).toList();
    assertEquals(2, list.size());
    assertEquals(a, list.get(0).getIdNumber());
    assertEquals(Long.toString(appA), list.get(0).getApplicationRef());
    assertEquals(b, list.get(1).getIdNumber());
    assertEquals(Long.toString(pending), list.get(1).getApplicationRef());
    // Enrolment leaves the applications confirmed; the audit entry names them.
    assertEquals(ApplicationState.CONFIRMED, db.applicationGet(appA).getState());
    int named = 0;
    for (AuditEntry x : db.auditEntries().toList())
      if (x.getAction().equals("session.enrol") && x.getDetail().contains(a)
          && x.getDetail().endsWith("application=" + appA))
        named++;
    assertEquals(1, named);
    // The other organization enrols c on the application made to it.
    db.sessionEnrol(org2, sOrg2, c);
    assertEquals(Long.toString(elsewhere),
                 db.enrolments(sOrg2).toList().get(0).getApplicationRef());
  }

  /** A pass recorded for a linked enrolment completes the application; a
   *  fail leaves it confirmed. */
  @Test
  public void testAssessmentPassCompletesApplication() {
    candidates(1, 2);
    String a = residentId(1), b = residentId(2);
    long s = readySession(LocalDate.parse("2024-03-01"), 1, 2);
    long[] apps = applications(s, 1, 2); // the ones enrol() linked
    List<Enrolment> list = db.enrolments(s).toList();
    assertEquals(Long.toString(apps[0]), list.get(0).getApplicationRef());
    assertEquals(Long.toString(apps[1]), list.get(1).getApplicationRef());
    // A refused result changes nothing, the application included.
    refused(ConstraintException.class,
            () -> db.resultRecord(org, s, a, 80, 75, NONE, LocalDate.parse("2024-02-20")));
    assertEquals(ApplicationState.CONFIRMED, db.applicationGet(apps[0]).getState());
    db.resultRecord(org, s, a, 80, 75, NONE, LocalDate.parse("2024-03-02"));
    db.resultRecord(org, s, b, 50, 75, NONE, LocalDate.parse("2024-03-02"));
    Application done = db.applicationGet(apps[0]);
    assertEquals(6, ApplicationState.COMPLETED.value());
    assertEquals(ApplicationState.COMPLETED, done.getState());
    assertEquals("completed", done.getStateName());
    assertEquals("completed", Skillcert.applicationStateName(ApplicationState.COMPLETED));
    assertEquals(LocalDate.parse("2024-03-02"), done.getEnded());
    assertEquals(ApplicationState.CONFIRMED, done.getEndedAt());
    assertTrue(done.getReason(), done.getReason().contains("passed in session"));
    assertEquals("confirmed", db.applicationGet(apps[1]).getStateName());
    assertEquals(1, db.applicationCount(new ApplicationQuery(
        null, 0, a, null, 0, ApplicationState.COMPLETED, null)));
    // The completed application enrols no one any more.
    long s2 = session(4, LocalDate.parse("2024-05-01"), 0);
    refused(ConstraintException.class,
            () -> db.sessionEnrol(org, s2, a, Long.toString(apps[0])));
    // a may apply again for the offering; b's application is still open.
    Actor meB = new Actor(ActorKind.CANDIDATE, b, "test");
    try {
      db.applicationApply(meB, fxAnn2, b, OCC, null, 4, LocalDate.parse("2024-03-10"));
      fail("a second open application");
    } catch (ExistsException expected) {
    }
    Actor meA = new Actor(ActorKind.CANDIDATE, a, "test");
    long again = db.applicationApply(meA, fxAnn2, a, OCC, null, 4, LocalDate.parse("2024-03-10"));
    assertEquals("submitted", db.applicationGet(again).getStateName());
  }

  @Test
  public void testAssessmentEnrolConfirmedApplication() {
    announce();
    long s = session(4, LocalDate.parse("2024-04-01"), 0);
    String a = residentId(201), b = residentId(202), c = residentId(203), d = residentId(204);
    String e = residentId(205);
    long submitted = applicant(201, 4, false, ApplicationState.SUBMITTED, true);
    ConstraintException err = refused(ConstraintException.class,
        () -> db.sessionEnrol(org, s, a, Long.toString(submitted)));
    assertTrue(err.getMessage(), err.getMessage().contains("submitted"));
    assertEquals("application_ref", err.getField());
    assertTrue(db.applicationVerify(org, submitted, LocalDate.parse("2024-03-10")));
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s, a, Long.toString(submitted)));
    db.applicationConfirm(haidian, submitted, LocalDate.parse("2024-03-15"));
    db.sessionEnrol(org, s, a, Long.toString(submitted));

    long theirs = applicant(202);
    long ownLevel5 = applicant(203, 5, false, ApplicationState.CONFIRMED, true);
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s, c, Long.toString(theirs)));
    err = refused(ConstraintException.class,
                  () -> db.sessionEnrol(org, s, c, Long.toString(ownLevel5)));
    assertTrue(err.getMessage(), err.getMessage().contains("another organization, offering"));
    long elsewhere = applicant(204, 4, true, ApplicationState.CONFIRMED, true);
    refused(ConstraintException.class,
            () -> db.sessionEnrol(org, s, d, Long.toString(elsewhere)));
    long rejected = applicant(205, 4, false, ApplicationState.VERIFIED, false);
    assertEquals(ApplicationState.REJECTED, db.applicationGet(rejected).getState());
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s, e, Long.toString(rejected)));
    refused(NotFoundException.class, () -> db.sessionEnrol(org, s, e, "999999"));

    db.sessionEnrol(org, s, b, Long.toString(theirs));
    List<Enrolment> list = db.enrolments(s).toList();
    assertEquals(2, list.size());
    assertEquals(Long.toString(submitted), list.get(0).getApplicationRef());
    assertEquals(b, list.get(1).getIdNumber());
    assertEquals(Long.toString(theirs), list.get(1).getApplicationRef());

    staff(s, THEORY, "E01", "E02");
    staff(s, PRACTICAL, examiners(1, 3));
    db.sessionConfirm(org, s, LocalDate.parse("2024-03-30"));
    db.resultRecord(org, s, a, 88, 91, NONE, LocalDate.parse("2024-04-01"));
    db.resultRecord(org, s, b, 40, 91, NONE, LocalDate.parse("2024-04-01"));
    assertTrue(db.resultGet(s, a).isPassed());
    assertFalse(db.resultGet(s, b).isPassed());
    long s2 = session(4, LocalDate.parse("2024-06-01"), 0);
    db.sessionEnrol(org, s2, b, Long.toString(theirs));
    Enrolment resit = db.enrolments(s2).toList().get(0);
    assertEquals(2, resit.getAttempt());
    assertEquals(Skillcert.componentBit(THEORY), resit.getComponents());
  }

  @Test
  public void testAssessmentResultsPassRule() {
    candidates(1, 4);
    String a = residentId(1), b = residentId(2), c = residentId(3), d = residentId(4);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    enrol(s, 1, 4);
    refused(ConstraintException.class,
            () -> db.resultRecord(org, s, a, 60, 60, NONE, LocalDate.parse("2024-03-01"))); // not confirmed
    staff(s, THEORY, "E01", "E02");
    staff(s, PRACTICAL, examiners(1, 3));
    db.sessionConfirm(org, s, LocalDate.parse("2024-02-28"));
    assertEquals(SessionStatus.CONFIRMED, db.sessionGet(s).getStatus());
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s, a));
    refused(ConstraintException.class, () -> db.sessionStaffAdd(org, s, THEORY, "E09"));
    refused(ValidationException.class, () -> db.resultRecord(org, s, a, 60, 100.5, NONE, LocalDate.parse("2024-03-01")));
    refused(ValidationException.class, () -> db.resultRecord(org, s, a, 60, NONE, NONE, LocalDate.parse("2024-03-01")));
    refused(ValidationException.class, () -> db.resultRecord(org, s, a, 60, 60, 60, LocalDate.parse("2024-03-01")));
    refused(DeniedException.class, () -> db.resultRecord(org2, s, a, 60, 60, NONE, LocalDate.parse("2024-03-01")));
    db.resultRecord(org, s, a, 60, 60, NONE, LocalDate.parse("2024-03-01"));
    db.resultRecord(org, s, b, 59, 100, NONE, LocalDate.parse("2024-03-01"));
    db.resultRecord(org, s, c, 100, 59.5, NONE, LocalDate.parse("2024-03-01"));
    db.resultRecord(org, s, d, 0, 0, NONE, LocalDate.parse("2024-03-01"));
    refused(ExistsException.class, () -> db.resultRecord(org, s, a, 70, 70, NONE, LocalDate.parse("2024-03-01")));
    Result r = db.resultGet(s, a);
    assertTrue(r.isPassed());
    assertEquals("考生1", r.getName());
    assertEquals(1, r.getAttempt());
    assertEquals(NONE, r.getReview(), 0);
    assertEquals("", r.getCertificate());
    assertFalse(db.resultGet(s, b).isPassed());
    assertFalse(db.resultGet(s, c).isPassed());
    assertEquals(59.5, db.resultGet(s, c).getPractical(), 0);
    int passed = 0;
    for (Result x : db.results(s).toList())
      passed += x.getPassed();
    assertEquals(1, passed);
  }

  @Test
  public void testAssessmentPassRulePerStandard() {
    db.componentRuleSet(centre, OCC, PRACTICAL, 5, 3, 0, true, 70);
    candidates(1, 2);
    long s = readySession(LocalDate.parse("2024-03-01"), 1, 2);
    db.resultRecord(org, s, residentId(1), 90, 69, NONE, LocalDate.parse("2024-03-01"));
    db.resultRecord(org, s, residentId(2), 90, 70, NONE, LocalDate.parse("2024-03-01"));
    assertFalse(db.resultGet(s, residentId(1)).isPassed());
    assertTrue(db.resultGet(s, residentId(2)).isPassed());
  }

  @Test
  public void testAssessmentResit() {
    candidates(1, 2);
    String a = residentId(1), b = residentId(2);
    long s1 = readySession(LocalDate.parse("2024-03-01"), 1, 2);
    long appA = applications(s1, 1, 1)[0];
    long s2 = session(4, LocalDate.parse("2024-06-01"), 0);
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s2, a)); // no result yet
    db.resultRecord(org, s1, a, 85, 59, NONE, LocalDate.parse("2024-03-02"));
    db.resultRecord(org, s1, b, 85, 90, NONE, LocalDate.parse("2024-03-02"));
    // The fail leaves a's application confirmed, for the resit.
    assertEquals(ApplicationState.CONFIRMED, db.applicationGet(appA).getState());
    // Another system's reference is no application number of this registry.
    ValidationException bad = refused(ValidationException.class,
        () -> db.sessionEnrol(org, s2, a, "APP-2024-0001"));
    assertEquals("application_ref", bad.getField());
    // The resit, on the same application, takes the practical only.
    db.sessionEnrol(org, s2, a);
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s2, b)); // passed
    Enrolment e = db.enrolments(s2).toList().get(0);
    assertEquals(2, e.getAttempt());
    assertEquals(Skillcert.componentBit(PRACTICAL), e.getComponents());
    assertEquals(Long.toString(appA), e.getApplicationRef());
    staff(s2, PRACTICAL, examiners(1, 3));
    db.sessionConfirm(org, s2);
    refused(ValidationException.class,
            () -> db.resultRecord(org, s2, a, 90, 70, NONE, LocalDate.parse("2024-06-01"))); // theory carried
    db.resultRecord(org, s2, a, NONE, 70, NONE, LocalDate.parse("2024-06-01"));
    Result r = db.resultGet(s2, a);
    assertTrue(r.isPassed());
    assertEquals(2, r.getAttempt());
    assertEquals(85, r.getTheory(), 0);
    assertEquals(Skillcert.componentBit(THEORY), r.getCarried());
    // The pass at the resit completes the application.
    assertEquals("completed", db.applicationGet(appA).getStateName());
    assertEquals(LocalDate.parse("2024-06-01"), db.applicationGet(appA).getEnded());
    long s3 = session(4, LocalDate.parse("2024-09-01"), 0);
    refused(ConstraintException.class, () -> db.sessionEnrol(org, s3, a));
  }

  // ---- the bank, papers, scoring ------------------------------------------------------

  static Item choice(String code, ItemType type, String area, int difficulty, String answer) {
    Item it = new Item(code, type, OCC, 4, area, difficulty, "题干");
    if (type == ItemType.SINGLE || type == ItemType.MULTIPLE)
      for (String o : new String[] {"甲", "乙", "丙", "丁"})
        it.addOption(o);
    if (answer != null)
      it.setAnswer(answer);
    return it;
  }

  private int save(Item it) {
    try {
      return db.bankItemSave(org, ORG, it);
    } finally {
      it.delete();
    }
  }

  @Test
  public void testAssessmentItemChecks() {
    try {
      new Item("bad code", ItemType.SINGLE, OCC, null, 4, "a", 1, "s");
      fail();
    } catch (ValidationException expected) {
    }
    try {
      new Item("Q1", ItemType.SINGLE, OCC, null, 4, "a", 6, "s");
      fail();
    } catch (ValidationException expected) {
    }
    Item it = choice("Q1", ItemType.MULTIPLE, "基础知识", 2, null);
    try {
      it.setAnswer("AAB");
      fail();
    } catch (ValidationException expected) {
    }
    it.setAnswer("dba");
    assertEquals("ABD", it.getAnswer());
    assertEquals(Arrays.asList("甲", "乙", "丙", "丁"), it.getOptions());
    assertNull(it.optionAt(4));
    assertEquals(0, it.getVersion());
    assertNull(it.getSaved());
    assertEquals("", it.getWorkType());
    it.setAnswer("ABE");
    refused(ValidationException.class, () -> db.bankItemSave(org, ORG, it));
    Item tf = choice("Q2", ItemType.TRUE_FALSE, "基础知识", 1, "t");
    assertEquals("T", tf.getAnswer());
    refused(DeniedException.class, () -> db.bankItemSave(org2, ORG, tf));
    assertEquals(1, save(tf));
    Item changed = choice("Q2", ItemType.SINGLE, "基础知识", 1, "A");
    refused(ConstraintException.class, () -> db.bankItemSave(org, ORG, changed));
    try {
      db.bankItemGet(ORG, "Q404");
      fail();
    } catch (NotFoundException expected) {
    }
  }

  @Test
  public void testAssessmentItemVersions() {
    ItemType single = ItemType.SINGLE;
    assertEquals(1, save(choice("V1", single, "基础知识", 1, "A")));
    assertEquals(1, save(choice("V1", single, "基础知识", 1, "B"))); // in place
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    Blueprint bp = new Blueprint();
    bp.addArea("基础知识", 100);
    bp.addType(single, 1, 100);
    long paper = db.paperAssemble(org, s, THEORY, bp, 7);
    assertEquals(2, save(choice("V1", single, "基础知识", 2, "C"))); // used: a new version
    Item v1 = db.bankItemGet(ORG, "V1", 1);
    assertEquals("B", v1.getAnswer());
    assertEquals(1, v1.getExposure());
    Item latest = db.bankItemGet(ORG, "V1");
    assertEquals(2, latest.getVersion());
    assertEquals("C", latest.getAnswer());
    assertEquals(0, latest.getExposure());
    PaperItem p = db.paperItems(paper).toList().get(0);
    assertEquals("V1", p.getCode());
    assertEquals(1, p.getVersion());
    assertEquals(2, save(choice("V1", single, "基础知识", 3, "D")));
    assertEquals("B", db.bankItemGet(ORG, "V1", 1).getAnswer());
    assertEquals(1, db.bankExposure(ORG, "V1"));
    try {
      db.bankExposure(ORG, "V9");
      fail();
    } catch (NotFoundException expected) {
    }
  }

  private void fillBank() {
    for (int d = 1; d <= 3; d++) {
      for (int i = 0; i < 6; i++) {
        save(choice("S-A-" + d + "-" + i, ItemType.SINGLE, "A", d, "B"));
        save(choice("T-A-" + d + "-" + i, ItemType.TRUE_FALSE, "A", d, "T"));
      }
      for (int i = 0; i < 4; i++) {
        save(choice("S-B-" + d + "-" + i, ItemType.SINGLE, "B", d, "C"));
        save(choice("T-B-" + d + "-" + i, ItemType.TRUE_FALSE, "B", d, "F"));
      }
    }
  }

  private List<String> paperCodes(long paper) {
    List<String> out = new ArrayList<String>();
    for (PaperItem p : db.paperItems(paper).toList())
      out.add(p.getCode() + "/" + p.getArea() + "/" + p.getDifficulty());
    return out;
  }

  @Test
  public void testAssessmentPaperAssembly() {
    fillBank();
    int n = 0;
    try (BankIterator it = db.bankItems(ORG, OCC, 4)) {
      for (Item item : it) {
        assertEquals(4, item.getLevel());
        n++;
      }
    }
    assertEquals(60, n);
    long s = session(4, LocalDate.parse("2024-03-01"), 0);
    Blueprint bp = new Blueprint();
    bp.addArea("A", 60);
    bp.addArea("B", 40);
    bp.addType(ItemType.SINGLE, 20, 3);
    bp.addType(ItemType.TRUE_FALSE, 20, 2);
    bp.addDifficulty(1, 30);
    bp.addDifficulty(2, 50);
    bp.addDifficulty(3, 20);
    long p1 = db.paperAssemble(org, s, THEORY, bp, 42);
    long p2 = db.paperAssemble(org, s, THEORY, bp, 42);
    long p3 = db.paperAssemble(org, s, THEORY, bp, 43);
    long p4 = db.paperAssemble(org, s, THEORY, bp, -1L); // 2^64 - 1 in C
    Paper paper = db.paperGet(p1);
    assertEquals(40, paper.getItems());
    assertEquals(42, paper.getSeed());
    assertEquals(100, paper.getTotalPoints(), 0);
    assertEquals(-1L, db.paperGet(p4).getSeed());
    List<String> c1 = paperCodes(p1), c2 = paperCodes(p2), c3 = paperCodes(p3);
    assertEquals(c1, c2);
    assertNotEquals(c1, c3);
    for (List<String> c : Arrays.asList(c1, c3)) {
      assertEquals(40, new HashSet<String>(c).size());
      int areaA = 0, easy = 0, middle = 0, hard = 0;
      for (String x : c) {
        String[] parts = x.split("/");
        areaA += parts[1].equals("A") ? 1 : 0;
        easy += parts[2].equals("1") ? 1 : 0;
        middle += parts[2].equals("2") ? 1 : 0;
        hard += parts[2].equals("3") ? 1 : 0;
      }
      assertEquals(24, areaA);
      assertArrayEquals(new int[] {12, 20, 8}, new int[] {easy, middle, hard});
    }
    // Not enough items.
    Blueprint few = new Blueprint();
    few.addArea("B", 100);
    few.addType(ItemType.SINGLE, 13, 4);
    few.addType(ItemType.TRUE_FALSE, 12, 4);
    ConstraintException e =
        refused(ConstraintException.class, () -> db.paperAssemble(org, s, THEORY, few, 1));
    assertTrue(e.getMessage(), e.getMessage().contains("area 'B'"));
    refused(DeniedException.class, () -> db.paperAssemble(org2, s, THEORY, bp, 1));
    refused(ValidationException.class, () -> db.paperAssemble(org, s, REVIEW, bp, 1));
    Blueprint bad = new Blueprint();
    bad.addArea("A", 50);
    try {
      bad.addArea("A", 50);
      fail();
    } catch (ExistsException expected) {
    }
    try {
      bad.addType(ItemType.SINGLE, 10, 0.3);
      fail();
    } catch (ValidationException expected) {
    }
    refused(ValidationException.class, () -> db.paperAssemble(org, s, THEORY, bad, 1));
  }

  @Test
  public void testAssessmentScoring() {
    save(choice("S1", ItemType.SINGLE, "A", 1, "B"));
    save(choice("M1", ItemType.MULTIPLE, "A", 1, "AC"));
    save(choice("T1", ItemType.TRUE_FALSE, "A", 1, "F"));
    candidates(1, 2);
    String a = residentId(1), b = residentId(2);
    long s = session(4, LocalDate.parse("2024-03-01"), Skillcert.SESSION_ONLINE);
    enrol(s, 1, 2);
    Blueprint bp = new Blueprint();
    bp.addArea("A", 100);
    bp.addType(ItemType.SINGLE, 1, 40);
    bp.addType(ItemType.MULTIPLE, 1, 35);
    bp.addType(ItemType.TRUE_FALSE, 1, 25);
    long paper = db.paperAssemble(org, s, THEORY, bp, 1);
    refused(ValidationException.class,
            () -> db.paperScore(org, paper, a, new String[] {"b", "CA"}));
    refused(ValidationException.class,
            () -> db.paperScore(org, paper, a, new String[] {"b", "CA", "maybe"}));
    refused(DeniedException.class,
            () -> db.paperScore(org2, paper, a, new String[] {"b", "CA", "T"}));
    refused(ValidationException.class, () -> db.paperScore(org, paper, a, null));
    assertEquals(75, db.paperScore(org, paper, a, new String[] {"b", "CA", "T"}), 0);
    refused(ExistsException.class,
            () -> db.paperScore(org, paper, a, new String[] {"b", "CA", "T"}));
    assertEquals(25, db.paperScore(org, paper, b, new String[] {null, "A", "F"}), 0);
    long offline = session(4, LocalDate.parse("2024-03-02"), 0);
    long op = db.paperAssemble(org, offline, THEORY, bp, 1);
    refused(ConstraintException.class,
            () -> db.paperScore(org, op, a, new String[] {"b", "CA", "T"}));
  }

  // ---- the binding itself ----------------------------------------------------------------

  @Test
  public void testAssessmentBindingArgumentsAndLifetimes() {
    try {
      db.sessionEnrol(org, 1, null);
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
    try {
      db.bankItemSave(org, ORG, null);
      fail();
    } catch (ValidationException expected) {
    }
    try {
      db.paperAssemble(org, 1, THEORY, null, 1);
      fail();
    } catch (ValidationException expected) {
    }
    Item gone = choice("G1", ItemType.TRUE_FALSE, "A", 1, "T");
    gone.delete();
    try {
      gone.getCode();
      fail();
    } catch (NullPointerException expected) {
    }
    candidates(1, 2);
    long s = readySession(LocalDate.parse("2024-03-01"), 1, 2);
    EnrolmentIterator it = db.enrolments(s);
    db.close();
    List<String> ids = new ArrayList<String>();
    for (Enrolment e : it)
      ids.add(e.getIdNumber());
    it.close();
    assertEquals(Arrays.asList(residentId(1), residentId(2)), ids);
    try {
      db.sessionGet(s);
      fail();
    } catch (SkillcertException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("closed"));
    }
  }
}
