package org.skillcert.test;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.Application;
import org.skillcert.ApplicationIterator;
import org.skillcert.ApplicationQuery;
import org.skillcert.Candidate;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.ExistsException;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.ValidationException;

/** Announcements and applications through the Java binding (mirrors
 *  check_application.c and app_fixture.c). */
public class TestApplication {
  static final String ORG = "91110108MA01ABCD2H";  // 海淀区 110108, valid to 2026-05-09
  static final String ORG2 = "52110102MJ00123450"; // 西城区 110102, no special rules
  static final String OCC = "4-02-07-10";          // 网约配送员: levels 5-1, undivided
  static final String WT_OCC = "4-04-05-05";       // 人工智能训练师
  static final String WT = "数据标注员";
  static final String CAND_A = "11010519491231002X";
  static final String CAND_B = "110105198001011238";
  static final int ALL_METHODS =
      Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL | Skillcert.METHOD_REVIEW;

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  private File file;
  private Database db;
  private long ann;   // ORG's "2024-01", 2024-03-01..2026-06-30
  private long ann2;  // ORG2's "2024-A", 2024-03-01..2024-12-31
  private final Actor city = new Actor(Skillcert.ACTOR_CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(Skillcert.ACTOR_CITY_CENTRE, null, "test");
  private final Actor org = new Actor(Skillcert.ACTOR_ORGANIZATION, ORG, "test");
  private final Actor org2 = new Actor(Skillcert.ACTOR_ORGANIZATION, ORG2, "test");
  private final Actor haidian = new Actor(Skillcert.ACTOR_DISTRICT, "110108", "test");
  private final Actor xicheng = new Actor(Skillcert.ACTOR_DISTRICT, "110102", "test");

  static Actor candidate(String idNumber) {
    return new Actor(Skillcert.ACTOR_CANDIDATE, idNumber, "test");
  }

  static List<OfferingItem> offerings(String... texts) {
    List<OfferingItem> out = new ArrayList<OfferingItem>();
    for (String t : texts)
      out.addAll(OfferingItem.parse(t));
    return out;
  }

  /** Register and file an organization (scope: 网约配送员 5-1, 数据标注员 5-1). */
  static void fileOrg(Database db, Actor actor, String code, String name, int kind,
                      String district, Actor bureau, Actor centre) {
    db.orgRegister(actor, code, name, kind, district, "2023-01-05");
    db.orgApply(actor, code, offerings("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"),
                "2023-02-01");
    db.orgRecommend(bureau, code, "2023-02-10");
    db.orgEvaluate(centre, code, "2023-03-01");
    db.orgNotice(centre, code, "2023-03-10");
    db.orgFile(centre, code, "2023-05-10");
    db.orgCommit(actor, code, "2023-05-12");
  }

  /** app_fixture.c's registry in db. */
  void build(Database db) {
    db.loadNotice(city);
    db.eligibilityLoadDefaults(city);
    fileOrg(db, org, ORG, "北京智训科技有限公司", Skillcert.ORG_ENTERPRISE, "110108", haidian,
            centre);
    fileOrg(db, org2, ORG2, "北京数字技能评价协会", Skillcert.ORG_SOCIAL_GROUP, "110102",
            xicheng, centre);
    for (int path : new int[] {Skillcert.PATH_EXCEPTIONAL, Skillcert.PATH_DIRECT}) {
      db.rulesSubmit(org, ORG, path, "特殊通道办法", "2023-06-01");
      db.rulesConfirm(haidian, ORG, path, "2023-06-05");
      db.rulesConfirm(city, ORG, path, "2023-06-10");
    }
    ann = db.announcementPublish(org, ORG, "2024-01", "2024-01 新职业技能等级认定工作实施方案",
                                 "2024-03-01", "2026-06-30", "五级 300 元", ALL_METHODS,
                                 offerings("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:3,2"),
                                 "2024-02-20");
    ann2 = db.announcementPublish(org2, ORG2, "2024-A", "2024-A 实施方案", "2024-03-01",
                                  "2024-12-31", "五级 300 元", ALL_METHODS,
                                  offerings("4-02-07-10:5,4,3"), "2024-02-20");
  }

  @Before
  public void open() throws Exception {
    file = new File(tmp.getRoot(), "registry.db");
    db = new Database(file.getPath());
    build(db);
  }

  @After
  public void close() {
    db.close();
  }

  /** A record with work in OCC since `since`, saved by the candidate. */
  private Candidate person(String idNumber, String name, String since) {
    Candidate c = new Candidate(idNumber, name);
    if (since != null)
      c.addWork(OCC, since);
    db.candidateSave(candidate(idNumber), c);
    return c;
  }

  private long apply(String idNumber, long announcement) {
    return db.applicationApply(candidate(idNumber), announcement, idNumber, OCC, null, 5,
                               "2024-03-05");
  }

  private int stateOf(long id) {
    return db.applicationGet(id).getState();
  }

  /** af_id(): distinct valid resident ID numbers, born from 1960-01-01 on. */
  static String residentId(int n) {
    java.time.LocalDate day = java.time.LocalDate.of(1960, 1, 1).plusDays(n / 1000);
    String body = String.format("110101%04d%02d%02d%03d", day.getYear(), day.getMonthValue(),
                                day.getDayOfMonth(), n % 1000);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int total = 0;
    for (int i = 0; i < 17; i++)
      total += (body.charAt(i) - '0') * weights[i];
    return body + "10X98765432".charAt(total % 11);
  }

  /** A refused change: the exception and an unchanged registry file. */
  private <T extends SkillcertException> T refused(Class<T> expected, Runnable call) {
    String before = Sqlite.dump(file);
    try {
      call.run();
    } catch (SkillcertException e) {
      assertEquals(e.getMessage(), expected, e.getClass());
      assertEquals(before, Sqlite.dump(file));
      return expected.cast(e);
    }
    fail("not refused");
    return null;
  }

  @Test
  public void testApplicationNames() {
    assertEquals("submitted", Skillcert.applicationStateName(Skillcert.APPLICATION_SUBMITTED));
    assertNull(Skillcert.applicationStateName(0));
    assertEquals(Skillcert.APPLICATION_CONFIRMED, Skillcert.applicationStateParse("confirmed"));
    try {
      Skillcert.applicationStateParse("open");
      fail();
    } catch (ValidationException e) {
      assertEquals(Skillcert.EINVAL, e.getCode());
    }
    assertEquals(7, Skillcert.METHOD_ALL);
    assertEquals("review", Skillcert.methodName(Skillcert.METHOD_REVIEW));
    assertNull(Skillcert.methodName(Skillcert.METHOD_ALL));
    assertEquals(Skillcert.METHOD_THEORY | Skillcert.METHOD_REVIEW,
                 Skillcert.methodsParse("理论知识考试 综合评审"));
    try {
      Skillcert.methodsParse("theory,essay");
      fail();
    } catch (ValidationException e) {
      assertEquals("methods", e.getField());
    }
  }

  @Test
  public void testApplicationFlow() {
    person(CAND_A, "张三", "2015-01-01");
    final Actor me = candidate(CAND_A);
    final long id = db.applicationApply(me, ann, CAND_A, "4—02—07—10", "", 4, "2024-03-05");
    Application a = db.applicationGet(id);
    assertEquals(Skillcert.APPLICATION_SUBMITTED, a.getState());
    assertEquals("submitted", a.getStateName());
    assertEquals(OCC, a.getOccupation());
    assertEquals("", a.getWorkType());
    assertEquals(ORG, a.getCreditCode());
    assertEquals("2024-01", a.getAnnouncement());
    assertEquals(ann, a.getAnnouncementId());
    assertEquals("张三", a.getName());
    assertEquals("candidate:" + CAND_A, a.getAppliedBy());

    refused(DeniedException.class, () -> db.applicationVerify(org2, id, "2024-03-10"));
    ConstraintException c =
        refused(ConstraintException.class, () -> db.applicationVerify(org, id, "2024-03-04"));
    assertEquals("date", c.getField());
    assertTrue(db.applicationVerify(org, id, "2024-03-10"));
    a = db.applicationGet(id);
    assertEquals(Skillcert.APPLICATION_VERIFIED, a.getState());
    assertEquals("L4-b", a.getEligibility());
    assertEquals("organization:" + ORG, a.getVerifiedBy());
    assertTrue(a.getDecision().contains("L4-b"));

    DeniedException d =
        refused(DeniedException.class, () -> db.applicationConfirm(xicheng, id, "2024-03-15"));
    assertTrue(d.getMessage().contains("110108"));
    refused(DeniedException.class, () -> db.applicationConfirm(org, id, "2024-03-15"));
    refused(ConstraintException.class, () -> db.applicationConfirm(haidian, id, "2024-03-09"));
    db.applicationConfirm(haidian, id, "2024-03-15");
    a = db.applicationGet(id);
    assertEquals(Skillcert.APPLICATION_CONFIRMED, a.getState());
    assertEquals("district:110108", a.getConfirmedBy());

    // One open application per person and offering, at any organization.
    ExistsException x = refused(ExistsException.class,
        () -> db.applicationApply(me, ann2, CAND_A, OCC, null, 4, "2024-04-01"));
    assertTrue(x.getMessage().contains("open application"));
    refused(ConstraintException.class, () -> db.applicationReject(org, id, "x", "2024-04-01"));
    refused(ValidationException.class, () -> db.applicationWithdraw(me, id, "", "2024-04-01"));
    refused(DeniedException.class, () -> db.applicationWithdraw(org, id, "x", "2024-04-01"));
    db.applicationWithdraw(me, id, "个人原因", "2024-04-01");
    a = db.applicationGet(id);
    assertEquals(Skillcert.APPLICATION_WITHDRAWN, a.getState());
    assertEquals(Skillcert.APPLICATION_CONFIRMED, a.getEndedAt());
    assertEquals("个人原因", a.getReason());
    long again = db.applicationApply(me, ann2, CAND_A, OCC, null, 4, "2024-04-02");
    assertTrue(again > id);
  }

  @Test
  public void testApplicationBatches() {
    final long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      String n = residentId(100 + i);
      person(n, "考生", i == 2 ? "2023-12-01" : "2015-01-01");
      ids[i] = apply(n, ann);
    }
    String otherPerson = residentId(200);
    person(otherPerson, "考生", "2015-01-01");
    final long other = apply(otherPerson, ann2);

    NotFoundException nf = refused(NotFoundException.class,
        () -> db.applicationVerifyBatch(org, new long[] {ids[0], ids[1], ids[2], 999},
                                        "2024-03-10"));
    assertTrue(nf.getMessage().contains("batch item 4 of 4"));
    refused(DeniedException.class,
        () -> db.applicationVerifyBatch(org, new long[] {ids[0], ids[1], ids[2], other},
                                        "2024-03-10"));
    refused(ValidationException.class, () -> db.applicationVerifyBatch(org, null, "2024-03-10"));
    assertEquals(0, db.applicationVerifyBatch(org, new long[0], "2024-03-10"));
    assertEquals(2, db.applicationVerifyBatch(org, ids, "2024-03-10"));
    assertEquals(Skillcert.APPLICATION_REJECTED, stateOf(ids[2]));

    ConstraintException c = refused(ConstraintException.class,
        () -> db.applicationConfirmBatch(haidian, ids, "2024-03-15"));
    assertTrue(c.getMessage().contains("batch item 3 of 3"));
    refused(DeniedException.class,
        () -> db.applicationConfirmBatch(xicheng, new long[] {ids[0], ids[1]}, "2024-03-15"));
    refused(ValidationException.class, () -> db.applicationConfirmBatch(haidian, null));
    assertEquals(Skillcert.APPLICATION_VERIFIED, stateOf(ids[0]));
    db.applicationConfirmBatch(haidian, new long[] {ids[0], ids[1]}, "2024-03-15");
    assertEquals(Skillcert.APPLICATION_CONFIRMED, stateOf(ids[0]));
    assertEquals(Skillcert.APPLICATION_CONFIRMED, stateOf(ids[1]));

    ApplicationQuery q = new ApplicationQuery();
    q.setCreditCode(ORG);
    q.setState(Skillcert.APPLICATION_CONFIRMED);
    assertEquals(2, db.applicationCount(q));
    List<Long> got = new ArrayList<Long>();
    try (ApplicationIterator it = db.applications(q)) {
      for (Application a : it)
        got.add(a.getId());
    }
    assertEquals(2, got.size());
    assertEquals(ids[0], (long)got.get(0));
    assertEquals(ids[1], (long)got.get(1));
    assertEquals(4, db.applicationCount());
    assertEquals(4, db.applications().toList().size());
    q.delete();
  }
}
