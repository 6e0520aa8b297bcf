package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.ApplicationState;
import org.skillcert.DocType;
import org.skillcert.EvidenceKind;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.Reason;
import org.skillcert.Status;

import java.time.LocalDate;

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
import org.skillcert.Announcement;
import org.skillcert.AnnouncementIterator;
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
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor org = new Actor(ActorKind.ORGANIZATION, ORG, "test");
  private final Actor org2 = new Actor(ActorKind.ORGANIZATION, ORG2, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor xicheng = new Actor(ActorKind.DISTRICT, "110102", "test");

  static Actor candidate(String idNumber) {
    return new Actor(ActorKind.CANDIDATE, idNumber, "test");
  }

  static List<OfferingItem> offerings(String... texts) {
    List<OfferingItem> out = new ArrayList<OfferingItem>();
    for (String t : texts)
      out.addAll(OfferingItem.parse(t));
    return out;
  }

  /** Register and file an organization (scope: 网约配送员 5-1, 数据标注员 5-1). */
  static void fileOrg(Database db, Actor actor, String code, String name, OrgKind kind,
                      String district, Actor bureau, Actor centre) {
    db.orgRegister(actor, code, name, kind, district, LocalDate.parse("2023-01-05"));
    db.orgApply(actor, code, offerings("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"),
                LocalDate.parse("2023-02-01"));
    db.orgRecommend(bureau, code, LocalDate.parse("2023-02-10"));
    db.orgEvaluate(centre, code, LocalDate.parse("2023-03-01"));
    db.orgNotice(centre, code, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, code, LocalDate.parse("2023-05-10"));
    db.orgCommit(actor, code, LocalDate.parse("2023-05-12"));
  }

  /** app_fixture.c's registry in db. */
  void build(Database db) {
    db.loadNotice(city);
    db.eligibilityLoadDefaults(city);
    fileOrg(db, org, ORG, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108", haidian,
            centre);
    fileOrg(db, org2, ORG2, "北京数字技能评价协会", OrgKind.SOCIAL_GROUP, "110102",
            xicheng, centre);
    for (Path path : new Path[] {Path.EXCEPTIONAL, Path.DIRECT}) {
      db.rulesSubmit(org, ORG, path, "特殊通道办法", LocalDate.parse("2023-06-01"));
      db.rulesConfirm(haidian, ORG, path, LocalDate.parse("2023-06-05"));
      db.rulesConfirm(city, ORG, path, LocalDate.parse("2023-06-10"));
    }
    ann = db.announcementPublish(org, ORG, "2024-01", "2024-01 新职业技能等级认定工作实施方案",
                                 LocalDate.parse("2024-03-01"), LocalDate.parse("2026-06-30"), "五级 300 元", ALL_METHODS,
                                 offerings("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:3,2"),
                                 LocalDate.parse("2024-02-20"));
    ann2 = db.announcementPublish(org2, ORG2, "2024-A", "2024-A 实施方案", LocalDate.parse("2024-03-01"),
                                  LocalDate.parse("2024-12-31"), "五级 300 元", ALL_METHODS,
                                  offerings("4-02-07-10:5,4,3"), LocalDate.parse("2024-02-20"));
  }

  @Before
  public void open() throws Exception {
    file = new File(tmp.getRoot(), "registry.db");
    db = Fixtures.development(new Database(file.getPath())); // unsigned fixtures
    build(db);
  }

  @After
  public void close() {
    db.close();
  }

  /** A record with work in OCC since `since`, saved by the candidate. */
  private Candidate person(String idNumber, String name, LocalDate since) {
    Candidate c = new Candidate(idNumber, name);
    if (since != null)
      c.addWork(OCC, since);
    db.candidateSave(candidate(idNumber), c);
    return c;
  }

  private long apply(String idNumber, long announcement) {
    return db.applicationApply(candidate(idNumber), announcement, idNumber, OCC, null, 5,
                               LocalDate.parse("2024-03-05"));
  }

  private ApplicationState stateOf(long id) {
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
    assertEquals("submitted", Skillcert.applicationStateName(ApplicationState.SUBMITTED));
    assertNull(Skillcert.applicationStateName(null));
    assertEquals(ApplicationState.CONFIRMED, Skillcert.applicationStateParse("confirmed"));
    try {
      Skillcert.applicationStateParse("open");
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
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
    person(CAND_A, "张三", LocalDate.parse("2015-01-01"));
    final Actor me = candidate(CAND_A);
    final long id = db.applicationApply(me, ann, CAND_A, "4—02—07—10", "", 4, LocalDate.parse("2024-03-05"));
    Application a = db.applicationGet(id);
    assertEquals(ApplicationState.SUBMITTED, a.getState());
    assertEquals("submitted", a.getStateName());
    assertEquals(OCC, a.getOccupation());
    assertEquals("", a.getWorkType());
    assertEquals(ORG, a.getCreditCode());
    assertEquals("2024-01", a.getAnnouncement());
    assertEquals(ann, a.getAnnouncementId());
    assertEquals("张三", a.getName());
    assertEquals("candidate:" + CAND_A, a.getAppliedBy());

    refused(DeniedException.class, () -> db.applicationVerify(org2, id, LocalDate.parse("2024-03-10")));
    ConstraintException c =
        refused(ConstraintException.class, () -> db.applicationVerify(org, id, LocalDate.parse("2024-03-04")));
    assertEquals("date", c.getField());
    assertTrue(db.applicationVerify(org, id, LocalDate.parse("2024-03-10")));
    a = db.applicationGet(id);
    assertEquals(ApplicationState.VERIFIED, a.getState());
    assertEquals("L4-b", a.getEligibility());
    assertEquals("organization:" + ORG, a.getVerifiedBy());
    assertTrue(a.getDecision().contains("L4-b"));

    DeniedException d =
        refused(DeniedException.class, () -> db.applicationConfirm(xicheng, id, LocalDate.parse("2024-03-15")));
    assertTrue(d.getMessage().contains("110108"));
    refused(DeniedException.class, () -> db.applicationConfirm(org, id, LocalDate.parse("2024-03-15")));
    refused(ConstraintException.class, () -> db.applicationConfirm(haidian, id, LocalDate.parse("2024-03-09")));
    db.applicationConfirm(haidian, id, LocalDate.parse("2024-03-15"));
    a = db.applicationGet(id);
    assertEquals(ApplicationState.CONFIRMED, a.getState());
    assertEquals("district:110108", a.getConfirmedBy());

    // One open application per person and offering, at any organization.
    ExistsException x = refused(ExistsException.class,
        () -> db.applicationApply(me, ann2, CAND_A, OCC, null, 4, LocalDate.parse("2024-04-01")));
    assertTrue(x.getMessage().contains("open application"));
    refused(ConstraintException.class, () -> db.applicationReject(org, id, "x", LocalDate.parse("2024-04-01")));
    refused(ValidationException.class, () -> db.applicationWithdraw(me, id, "", LocalDate.parse("2024-04-01")));
    refused(DeniedException.class, () -> db.applicationWithdraw(org, id, "x", LocalDate.parse("2024-04-01")));
    db.applicationWithdraw(me, id, "个人原因", LocalDate.parse("2024-04-01"));
    a = db.applicationGet(id);
    assertEquals(ApplicationState.WITHDRAWN, a.getState());
    assertEquals(ApplicationState.CONFIRMED, a.getEndedAt());
    assertEquals("个人原因", a.getReason());
    long again = db.applicationApply(me, ann2, CAND_A, OCC, null, 4, LocalDate.parse("2024-04-02"));
    assertTrue(again > id);
  }

  @Test
  public void testApplicationBatches() {
    final long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      String n = residentId(100 + i);
      person(n, "考生", i == 2 ? LocalDate.parse("2023-12-01") : LocalDate.parse("2015-01-01"));
      ids[i] = apply(n, ann);
    }
    String otherPerson = residentId(200);
    person(otherPerson, "考生", LocalDate.parse("2015-01-01"));
    final long other = apply(otherPerson, ann2);

    NotFoundException nf = refused(NotFoundException.class,
        () -> db.applicationVerifyBatch(org, new long[] {ids[0], ids[1], ids[2], 999},
                                        LocalDate.parse("2024-03-10")));
    assertTrue(nf.getMessage().contains("batch item 4 of 4"));
    refused(DeniedException.class,
        () -> db.applicationVerifyBatch(org, new long[] {ids[0], ids[1], ids[2], other},
                                        LocalDate.parse("2024-03-10")));
    refused(ValidationException.class, () -> db.applicationVerifyBatch(org, null, LocalDate.parse("2024-03-10")));
    assertEquals(0, db.applicationVerifyBatch(org, new long[0], LocalDate.parse("2024-03-10")));
    assertEquals(2, db.applicationVerifyBatch(org, ids, LocalDate.parse("2024-03-10")));
    assertEquals(ApplicationState.REJECTED, stateOf(ids[2]));

    ConstraintException c = refused(ConstraintException.class,
        () -> db.applicationConfirmBatch(haidian, ids, LocalDate.parse("2024-03-15")));
    assertTrue(c.getMessage().contains("batch item 3 of 3"));
    refused(DeniedException.class,
        () -> db.applicationConfirmBatch(xicheng, new long[] {ids[0], ids[1]}, LocalDate.parse("2024-03-15")));
    refused(ValidationException.class, () -> db.applicationConfirmBatch(haidian, null));
    assertEquals(ApplicationState.VERIFIED, stateOf(ids[0]));
    db.applicationConfirmBatch(haidian, new long[] {ids[0], ids[1]}, LocalDate.parse("2024-03-15"));
    assertEquals(ApplicationState.CONFIRMED, stateOf(ids[0]));
    assertEquals(ApplicationState.CONFIRMED, stateOf(ids[1]));

    ApplicationQuery q = new ApplicationQuery();
    q.setCreditCode(ORG);
    q.setState(ApplicationState.CONFIRMED);
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

  /** The autumn announcement of check_application.c, with one field changed. */
  private long publish(Actor actor, String code, LocalDate closes, int methods, LocalDate date,
                       List<OfferingItem> offers) {
    return db.announcementPublish(actor, ORG, code, "秋季认定公告", LocalDate.parse("2024-09-01"), closes,
                                  "300 元", methods, offers, date);
  }

  @Test
  public void testApplicationAnnouncement() {
    final int tp = Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL;
    final List<OfferingItem> s = offerings("4-02-07-10:5,4");
    refused(DeniedException.class,
        () -> publish(org2, "2024-02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"), s));
    refused(DeniedException.class,
        () -> publish(haidian, "2024-02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"), s));
    ConstraintException c = refused(ConstraintException.class,
        () -> publish(org, "2024-02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"),
                      offerings("4-04-05-04/建筑工程:3")));
    assertEquals("offerings", c.getField());
    refused(ExistsException.class,
        () -> publish(org, "2024-01", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"), s));
    refused(ValidationException.class,
        () -> publish(org, "2024 02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"), s));
    ValidationException v = refused(ValidationException.class,
        () -> publish(org, "2024-02", LocalDate.parse("2024-08-31"), tp, LocalDate.parse("2024-08-01"), s));
    assertEquals("closes", v.getField());
    refused(ValidationException.class,
        () -> publish(org, "2024-02", LocalDate.parse("2024-10-31"), 0, LocalDate.parse("2024-08-01"), s));
    refused(ValidationException.class,
        () -> publish(org, "2024-02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"),
                      new ArrayList<OfferingItem>()));
    refused(ValidationException.class,
        () -> publish(org, "2024-02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"), null));

    long id = publish(org, "2024-02", LocalDate.parse("2024-10-31"), tp, LocalDate.parse("2024-08-01"), s);
    assertTrue(id > ann2);
    Announcement a = db.announcementGet(id, LocalDate.parse("2024-09-01"));
    assertEquals("2024-02", a.getCode());
    assertEquals(ORG, a.getCreditCode());
    assertEquals("秋季认定公告", a.getTitle());
    assertEquals(LocalDate.parse("2024-08-01"), a.getPublished());
    assertEquals(tp, a.getMethods());
    assertTrue(a.isOpen());
    assertFalse(db.announcementGet(id, LocalDate.parse("2024-08-31")).isOpen());
    assertEquals(id, db.announcementLookup(ORG, "2024-02", LocalDate.parse("2024-09-01")).getId());
    try {
      db.announcementLookup(ORG, "2099-01");
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    assertEquals(s, db.announcementOfferings(id));
    assertTrue(db.announcementOfferings(ann).contains(new OfferingItem(WT_OCC, WT, 3)));

    List<Long> all = new ArrayList<Long>();
    try (AnnouncementIterator it = db.announcements(null, LocalDate.parse("2024-09-15"), false)) {
      for (Announcement x : it)
        all.add(x.getId());
    }
    assertEquals(java.util.Arrays.asList(ann, ann2, id), all);
    List<Announcement> open = db.announcements(ORG, LocalDate.parse("2024-09-15"), true).toList();
    assertEquals(2, open.size());
    assertEquals("2024-01", open.get(0).getCode());
    assertEquals("2024-02", open.get(1).getCode());
    assertEquals(1, db.announcements(ORG2).toList().size());

    // Closing early: applications are refused from that day on.
    person(CAND_A, "张三", LocalDate.parse("2015-01-01"));
    final Actor me = candidate(CAND_A);
    final long fid = id;
    refused(DeniedException.class, () -> db.announcementClose(org2, fid, LocalDate.parse("2024-09-10")));
    refused(ConstraintException.class, () -> db.announcementClose(org, fid, LocalDate.parse("2024-07-01")));
    db.announcementClose(org, id, LocalDate.parse("2024-09-10"));
    assertEquals(LocalDate.parse("2024-09-10"), db.announcementGet(id, LocalDate.parse("2024-09-10")).getClosed());
    c = refused(ConstraintException.class,
        () -> db.applicationApply(me, fid, CAND_A, OCC, null, 5, LocalDate.parse("2024-09-10")));
    assertEquals("announcement", c.getField());
    assertTrue(c.getMessage().contains("closed early"));
    assertTrue(db.applicationApply(me, id, CAND_A, OCC, null, 5, LocalDate.parse("2024-09-09")) > 0);
  }

  @Test
  public void testApplicationRefusals() {
    person(CAND_A, "张三", LocalDate.parse("2015-01-01"));
    person(CAND_B, "李四", LocalDate.parse("2015-01-01"));
    final Actor me = candidate(CAND_A);
    refused(DeniedException.class,
        () -> db.applicationApply(me, ann, CAND_B, OCC, null, 5, LocalDate.parse("2024-03-05")));
    refused(DeniedException.class,
        () -> db.applicationApply(org, ann, CAND_A, OCC, null, 5, LocalDate.parse("2024-03-05")));
    ConstraintException c = refused(ConstraintException.class,
        () -> db.applicationApply(me, ann, CAND_A, OCC, null, 5, LocalDate.parse("2024-02-28")));
    assertEquals("announcement", c.getField());
    refused(NotFoundException.class,
        () -> db.applicationApply(me, 999, CAND_A, OCC, null, 5, LocalDate.parse("2024-03-05")));
    refused(ConstraintException.class,
        () -> db.applicationApply(me, ann2, CAND_A, OCC, null, 5, LocalDate.parse("2025-01-01")));
    c = refused(ConstraintException.class,
        () -> db.applicationApply(me, ann, CAND_A, OCC, null, 5, LocalDate.parse("2026-06-01")));
    assertTrue(c.getMessage().contains("expired"));
    c = refused(ConstraintException.class,
        () -> db.applicationApply(me, ann, CAND_A, WT_OCC, WT, 5, LocalDate.parse("2024-03-05")));
    assertTrue(c.getMessage().contains("does not take applications"));
    refused(ValidationException.class,
        () -> db.applicationApply(me, ann, CAND_A, OCC, null, 6, LocalDate.parse("2024-03-05")));
    refused(ValidationException.class,
        () -> db.applicationApply(null, ann, CAND_A, OCC, null, 5, LocalDate.parse("2024-03-05")));
    c = refused(ConstraintException.class,
        () -> db.applicationApply(me, ann, CAND_A, OCC, null, 3, Path.EXCEPTIONAL,
                                  null, LocalDate.parse("2024-03-05")));
    assertEquals("evidence", c.getField());
    c = refused(ConstraintException.class,
        () -> db.applicationApply(me, ann2, CAND_A, OCC, null, 3, Path.EXCEPTIONAL,
                                  "业绩突出", LocalDate.parse("2024-03-05")));
    assertTrue(c.getMessage().contains("confirmed"));
    assertEquals(0, db.applicationCount());

    // Rejections: the organization at SUBMITTED, its district at VERIFIED.
    final long b1 = apply(CAND_B, ann);
    refused(DeniedException.class, () -> db.applicationReject(haidian, b1, "材料不全", LocalDate.parse("2024-03-06")));
    refused(ValidationException.class, () -> db.applicationReject(org, b1, "", LocalDate.parse("2024-03-06")));
    refused(NotFoundException.class, () -> db.applicationReject(org, 999, "x", LocalDate.parse("2024-03-06")));
    refused(DeniedException.class, () -> db.applicationWithdrawFor(org2, b1, "x", LocalDate.parse("2024-03-06")));
    db.applicationReject(org, b1, "材料不全", LocalDate.parse("2024-03-06"));
    Application a = db.applicationGet(b1);
    assertEquals(ApplicationState.REJECTED, a.getState());
    assertEquals(ApplicationState.SUBMITTED, a.getEndedAt());
    assertEquals("材料不全", a.getReason());
    final long b2 = db.applicationApply(candidate(CAND_B), ann, CAND_B, OCC, null, 5,
                                        LocalDate.parse("2024-03-07"));
    assertTrue(db.applicationVerify(org, b2, LocalDate.parse("2024-03-08")));
    refused(DeniedException.class, () -> db.applicationReject(org, b2, "x", LocalDate.parse("2024-03-09")));
    refused(DeniedException.class, () -> db.applicationReject(xicheng, b2, "x", LocalDate.parse("2024-03-09")));
    db.applicationReject(haidian, b2, "工作年限证明不实", LocalDate.parse("2024-03-09"));
    a = db.applicationGet(b2);
    assertEquals(ApplicationState.VERIFIED, a.getEndedAt());
    assertEquals("district:110108", a.getEndedBy());
    final long b3 = db.applicationApply(candidate(CAND_B), ann, CAND_B, OCC, null, 5,
                                        LocalDate.parse("2024-03-10"));
    db.applicationWithdrawFor(org, b3, "考生申请", LocalDate.parse("2024-03-11"));
    assertEquals(ApplicationState.WITHDRAWN, stateOf(b3));
    assertEquals("organization:" + ORG, db.applicationGet(b3).getEndedBy());
  }

  @Test
  public void testApplicationVerifyOutcomes() {
    Candidate c = new Candidate(CAND_A, "张三");
    c.addWork(OCC, LocalDate.parse("2020-01-01"));
    c.addEvidence(EvidenceKind.ACHIEVEMENT, OCC, 0, LocalDate.parse("2023-10-01"), "年度优秀配送员");
    db.candidateSave(candidate(CAND_A), c);
    person(CAND_B, "李四", LocalDate.parse("2023-12-01"));
    long ex = db.applicationApply(candidate(CAND_A), ann, CAND_A, OCC, null, 3,
                                  Path.EXCEPTIONAL, "年度优秀配送员", LocalDate.parse("2024-03-05"));
    long young = apply(CAND_B, ann);
    assertTrue(db.applicationVerify(org, ex, LocalDate.parse("2024-03-10")));
    assertFalse(db.applicationVerify(org, young, LocalDate.parse("2024-03-10")));
    assertEquals("exceptional", db.applicationGet(ex).getEligibility());
    Application a = db.applicationGet(young);
    assertEquals("rejected", a.getStateName());
    assertEquals(Reason.CONDITIONS_NOT_MET, a.getEligibilityReason());
    assertTrue(a.getReason().contains("L5-a: needs 1 year"));
  }

  @Test
  public void testApplicationApplyFor() {
    final Candidate c = new Candidate(CAND_B, "李四");
    c.addWork(OCC, LocalDate.parse("2015-01-01"));
    refused(DeniedException.class,
        () -> db.applicationApplyFor(org2, ann, c, OCC, null, 5, LocalDate.parse("2024-03-05")));
    refused(DeniedException.class,
        () -> db.applicationApplyFor(haidian, ann, c, OCC, null, 5, LocalDate.parse("2024-03-05")));
    refused(ValidationException.class,
        () -> db.applicationApplyFor(org, ann, null, OCC, null, 5, LocalDate.parse("2024-03-05")));
    long id = db.applicationApplyFor(org, ann, c, OCC, null, 5, LocalDate.parse("2024-03-05"));
    assertEquals(1, db.candidateLoad(CAND_B).workCount());
    assertEquals("organization:" + ORG, db.applicationGet(id).getAppliedBy());
    assertEquals("李四", db.applicationGet(id).getName());
  }

  @Test
  public void testApplicationQueries() {
    String[] people = {residentId(1), residentId(2), residentId(3)};
    long[] ids = new long[3];
    for (int i = 0; i < 3; i++) {
      person(people[i], "考生" + i, LocalDate.parse("2015-01-01"));
      ids[i] = apply(people[i], i == 2 ? ann2 : ann);
    }
    ApplicationQuery q = new ApplicationQuery(ORG, 0, null, null, 0, null, null);
    assertEquals(2, db.applicationCount(q));
    q.setAnnouncement(ann2);
    assertEquals(0, db.applicationCount(q));
    q = new ApplicationQuery();
    q.setIdNumber(people[2]);
    assertEquals(people[2], q.getIdNumber());
    List<Application> got = db.applications(q).toList();
    assertEquals(1, got.size());
    assertEquals(ids[2], got.get(0).getId());
    assertEquals(ORG2, got.get(0).getCreditCode());
    q.setIdNumber(null);
    q.setOccupation(OCC);
    q.setLevel(5);
    q.setState(ApplicationState.SUBMITTED);
    assertEquals(3, db.applicationCount(q));
    q.setLevel(4);
    assertEquals(0, db.applicationCount(q));
    q.setBatchId("none-yet");
    q.setLevel(0);
    assertEquals(0, db.applicationCount(q));
    q.delete();

    // An iterator closed early reads nothing more; a new walk gives again
    // what was read before (issue 13: an Iterable can be walked again).
    ApplicationIterator it = db.applications();
    assertEquals(ids[0], it.iterator().next().getId());
    it.close();
    java.util.Iterator<Application> again = it.iterator();
    assertEquals(ids[0], again.next().getId());
    assertFalse(again.hasNext());
    it.delete();

    final ApplicationQuery bad = new ApplicationQuery();
    bad.setIdNumber("12345");
    refused(ValidationException.class, () -> db.applicationCount(bad));
    refused(ValidationException.class, () -> db.applications(bad));
    try {
      bad.setBatchId(new String(new char[200]).replace('\0', 'x'));
      fail();
    } catch (ValidationException e) {
      assertTrue(e.getMessage().contains("too long"));
    }
    bad.delete();
  }

  @Test
  public void testApplicationExchange() throws Exception {
    person(CAND_A, "张三", LocalDate.parse("2015-01-01"));
    person(CAND_B, "李四", LocalDate.parse("2015-01-01"));
    long[] ids = {apply(CAND_A, ann), apply(CAND_B, ann)};
    assertEquals(2, db.applicationVerifyBatch(org, ids, LocalDate.parse("2024-03-10")));
    String batch = db.applicationBatchExportMemory(ann, "HD-2024-03-001");
    assertEquals(DocType.CANDIDATE_BATCH, Skillcert.validateMemory(batch));
    assertTrue(batch.contains("张三"));

    File other = new File(tmp.getRoot(), "district.db");
    try (Database district = Fixtures.development(new Database(other.getPath()))) {
      build(district);
      try {
        district.importMemory(org, batch);
        fail();
      } catch (DeniedException e) {
        assertEquals(Status.EDENIED, e.getCode());
      }
      assertEquals(2, district.importMemory(haidian, batch).getRecords());
      ApplicationQuery q = new ApplicationQuery();
      q.setBatchId("HD-2024-03-001");
      List<Application> got = district.applications(q).toList();
      q.delete();
      assertEquals(2, got.size());
      district.applicationConfirm(haidian, got.get(0).getId(), LocalDate.parse("2024-03-20"));
      district.applicationReject(haidian, got.get(1).getId(), "材料不实", LocalDate.parse("2024-03-21"));
      String answer = district.applicationConfirmationExportMemory(ann, "HD-ANS-001",
                                                                   "HD-2024-03-001");
      assertEquals(DocType.CONFIRMATION, Skillcert.validateMemory(answer));
      assertEquals(2, db.importMemory(org, answer).getRecords());
    }
    assertEquals(ApplicationState.CONFIRMED, stateOf(ids[0]));
    assertEquals(ApplicationState.REJECTED, stateOf(ids[1]));
    assertEquals("材料不实", db.applicationGet(ids[1]).getReason());

    File out = new File(tmp.getRoot(), "batch.xml");
    db.applicationBatchExportFile(ann, "HD-2024-03-002", out.getPath());
    assertEquals(DocType.CANDIDATE_BATCH, Skillcert.validateFile(out.getPath()));
    out = new File(tmp.getRoot(), "answer.xml");
    db.applicationConfirmationExportFile(ann, "HD-ANS-002", null, out.getPath());
    assertEquals(DocType.CONFIRMATION, Skillcert.validateFile(out.getPath()));
    try {
      db.applicationBatchExportMemory(ann, "bad id");
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
    try {
      db.applicationBatchExportMemory(999, "b1");
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    try {
      db.applicationBatchExportFile(ann, "b1", new File(tmp.getRoot(), "no/x.xml").getPath());
      fail();
    } catch (SkillcertException e) {
      assertEquals(Status.EIO, e.getCode());
    }
  }

  @Test
  public void testApplicationClosedDatabase() {
    person(CAND_A, "张三", LocalDate.parse("2015-01-01"));
    long id = apply(CAND_A, ann);
    ApplicationIterator it = db.applications();
    db.close();
    // The iterator keeps the registry; every other call fails.
    List<Application> got = it.toList();
    assertEquals(1, got.size());
    assertEquals(id, got.get(0).getId());
    try {
      db.applicationGet(id);
      fail();
    } catch (SkillcertException e) {
      assertEquals(Status.ERROR, e.getCode());
    }
    try {
      db.applicationVerifyBatch(org, new long[] {id});
      fail();
    } catch (SkillcertException e) {
      assertEquals(Status.ERROR, e.getCode());
    }
  }
}
