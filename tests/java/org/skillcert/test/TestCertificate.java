package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.CertKind;
import org.skillcert.CertStatus;
import org.skillcert.Component;
import org.skillcert.DocType;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.StaffRole;
import org.skillcert.Status;
import org.skillcert.VerifyStatus;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.AuditEntry;
import org.skillcert.AuditIterator;
import org.skillcert.CertNumber;
import org.skillcert.CertStatsIterator;
import org.skillcert.CertStatsRow;
import org.skillcert.Certificate;
import org.skillcert.CertificateIterator;
import org.skillcert.Candidate;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.ExistsException;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Report;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.ValidationException;
import org.skillcert.Verification;

/**
 * Certificates through the Java binding: numbers and masking, public
 * verification (single and batch), statistics, the electronic certificate,
 * and the workflow report, issue, publish, revocation and re-issue, the
 * enterprise post certificate of "一岗双认" (mirrors check_certificate.c).
 */
public class TestCertificate {
  static final String ORG = "91110108MA01ABCD2H"; // 海淀区 110108
  static final String ORG2 = "52110102MJ00123450"; // 西城区 110102
  static final String OCC = "4-02-07-10"; // 网约配送员: levels 5-1, undivided
  static final String OCC_NAME = "网约配送员";
  static final String UNKNOWN = "S000011000001244000099"; // well-formed, never issued

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  private Database db;
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor org = new Actor(ActorKind.ORGANIZATION, ORG, "test");

  @Before
  public void open() {
    db = new Database();
    db.loadNotice(city);
  }

  @After
  public void close() {
    db.close();
  }

  private int auditCount() {
    int n = 0;
    try (AuditIterator it = db.auditEntries()) {
      for (AuditEntry e : it)
        n++;
    }
    return n;
  }

  /** Run r and expect a ValidationException with code EINVAL. */
  private static ValidationException invalid(Runnable r) {
    try {
      r.run();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
      return e;
    }
    fail("accepted bad input");
    return null;
  }

  private static NotFoundException notFound(Runnable r) {
    try {
      r.run();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
      return e;
    }
    fail("found what does not exist");
    return null;
  }

  // ---- numbers, masking, names (no registry) ------------------------------------------------

  @Test
  public void numberParse() {
    CertNumber n = Skillcert.certificateNumberParse("S000011000001243000001");
    assertEquals("S000011000001243000001", n.getNumber());
    assertEquals(22, n.getNumber().length());
    assertEquals('S', n.getKind());
    assertEquals("0000", n.getOrgCode());
    assertEquals("11", n.getProvince());
    assertEquals("000001", n.getSite());
    assertEquals(24, n.getYear());
    assertEquals(3, n.getLevel());
    assertEquals(1, n.getSequence());
    assertEquals(n.getNumber(), n.toString());
    n = Skillcert.certificateNumberParse(" y000123000000195000123 ");
    assertEquals("Y000123000000195000123", n.getNumber());
    assertEquals('Y', n.getKind());
    assertEquals("0001", n.getOrgCode());
    assertEquals("23", n.getProvince());
    assertEquals(5, n.getLevel());
    assertEquals(123, n.getSequence());
  }

  @Test
  public void numberParseRefuses() {
    for (final String bad : Arrays.asList("S0000110000012430000", "S0000110000012430000011",
                                          "X00001100000124300001", "S000011000001246000001",
                                          "S000011000001240000001", "S000011000001243000000",
                                          "S00001100000124300000A", "", null)) {
      ValidationException e = invalid(() -> Skillcert.certificateNumberParse(bad));
      assertTrue(e.getMessage(), bad == null || e.getMessage().contains("certificate number"));
    }
  }

  @Test
  public void masking() {
    assertEquals("张*三", Skillcert.certificateMaskName("张小三"));
    assertEquals("李*", Skillcert.certificateMaskName("李四"));
    assertEquals("欧**明", Skillcert.certificateMaskName("欧阳小明"));
    assertEquals("*", Skillcert.certificateMaskName("王"));
    assertEquals("阿********江", Skillcert.certificateMaskName("阿卜杜热合曼·买买提艾力克木江"));
    assertEquals("L***i", Skillcert.certificateMaskName("Li Si"));
    assertEquals("110105********002X", Skillcert.certificateMaskId("11010519491231002X"));
    assertEquals("****5678", Skillcert.certificateMaskId("12345678"));
    invalid(() -> Skillcert.certificateMaskId("1101051949123100201"));
    invalid(() -> Skillcert.certificateMaskName(null));
  }

  @Test
  public void constantsAndNames() {
    assertEquals(23, Skillcert.CERT_NUMBER_SIZE);
    assertEquals("职业技能等级证书", Skillcert.CERT_TITLE);
    assertEquals("http://jndj.osta.org.cn", Skillcert.CERT_QUERY_URL);
    assertEquals("http://pjjg.osta.org.cn", Skillcert.ORG_QUERY_URL);
    assertEquals(1, CertStatus.REPORTED.value());
    assertEquals(4, CertStatus.REVOKED.value());
    assertEquals("reported", Skillcert.certStatusName(CertStatus.REPORTED));
    assertEquals("issued", Skillcert.certStatusName(CertStatus.ISSUED));
    assertEquals("published", Skillcert.certStatusName(CertStatus.PUBLISHED));
    assertEquals("revoked", Skillcert.certStatusName(CertStatus.REVOKED));
    assertNull(Skillcert.certStatusName(null));
    assertEquals("not-found", Skillcert.verifyStatusName(VerifyStatus.NOT_FOUND));
    assertEquals("valid", Skillcert.verifyStatusName(VerifyStatus.VALID));
    assertEquals("name-mismatch", Skillcert.verifyStatusName(VerifyStatus.NAME_MISMATCH));
    assertEquals("malformed", Skillcert.verifyStatusName(VerifyStatus.MALFORMED));
    assertEquals(0x01, Skillcert.STATS_OCCUPATION);
    assertEquals(0x02, Skillcert.STATS_LEVEL);
    assertEquals(0x04, Skillcert.STATS_DISTRICT);
    assertEquals(0x08, Skillcert.STATS_ORG);
    assertEquals(0x10, Skillcert.STATS_YEAR);
    assertEquals(0x20, Skillcert.STATS_MONTH);
    assertEquals(0x100, Skillcert.STATS_PUBLISHED_ONLY);
  }

  // ---- an empty certificate register ------------------------------------------------------

  @Test
  public void verifyUnknownNumber() {
    Verification v = db.certificateVerify(UNKNOWN, "张小三");
    assertEquals(VerifyStatus.NOT_FOUND, v.getStatus());
    assertFalse(v.isValid());
    assertEquals(UNKNOWN, v.getNumber());
    assertEquals("", v.getMaskedName());
    assertEquals("", v.getMaskedId());
    assertEquals("", v.getOrgName());
    assertEquals(0, v.getLevel());
    v = db.certificateVerify(" s000011000001244000099 ", "张小三", "11010519491231002X");
    assertEquals(VerifyStatus.NOT_FOUND, v.getStatus());
    assertEquals(UNKNOWN, v.getNumber());
  }

  @Test
  public void verifyArgumentErrors() {
    invalid(() -> db.certificateVerify("S000011", "张小三"));
    invalid(() -> db.certificateVerify(UNKNOWN, null));
    invalid(() -> db.certificateVerify(null, "张小三"));
  }

  @Test
  public void batchVerifyWithoutCertificates() {
    List<Verification> answers = db.certificateBatchVerify(
        Arrays.asList(UNKNOWN, "garbage", null, "s000011000001244000099"),
        Arrays.asList("x", "x", null, "y"),
        Arrays.asList(null, null, null, "11010519491231002X"));
    assertEquals(4, answers.size());
    assertEquals(VerifyStatus.NOT_FOUND, answers.get(0).getStatus());
    assertEquals(VerifyStatus.MALFORMED, answers.get(1).getStatus());
    assertEquals("garbage", answers.get(1).getNumber());
    assertEquals(VerifyStatus.MALFORMED, answers.get(2).getStatus());
    assertEquals(VerifyStatus.NOT_FOUND, answers.get(3).getStatus());
    assertEquals(UNKNOWN, answers.get(3).getNumber());
    // Arrays too; an empty batch gives no answer.
    answers = db.certificateBatchVerify(new String[] {UNKNOWN}, new String[] {"x"});
    assertEquals(1, answers.size());
    assertEquals(VerifyStatus.NOT_FOUND, answers.get(0).getStatus());
    assertTrue(db.certificateBatchVerify(Collections.<String>emptyList(),
                                         Collections.<String>emptyList()).isEmpty());
    try {
      answers.add(answers.get(0));
      fail("the answers can be changed");
    } catch (UnsupportedOperationException expected) {
    }
  }

  @Test
  public void batchVerifyManyNumbers() {
    // More than one chunk of the library and many JNI references.
    List<String> numbers = new ArrayList<String>();
    List<String> names = new ArrayList<String>();
    for (int i = 1; i <= 1500; i++) {
      numbers.add(String.format("S00001100000124400%04d", i));
      names.add("考生" + i);
    }
    List<Verification> answers = db.certificateBatchVerify(numbers, names);
    assertEquals(1500, answers.size());
    for (int i = 0; i < 1500; i++) {
      assertEquals(numbers.get(i), answers.get(i).getNumber());
      assertEquals(VerifyStatus.NOT_FOUND, answers.get(i).getStatus());
    }
  }

  @Test
  public void batchVerifyArgumentErrors() {
    ValidationException e = invalid(() -> db.certificateBatchVerify(
        Arrays.asList(UNKNOWN, UNKNOWN), Arrays.asList("x")));
    assertTrue(e.getMessage(), e.getMessage().contains("one item per number"));
    invalid(() -> db.certificateBatchVerify(Arrays.asList(UNKNOWN), Arrays.asList("x"),
                                            Arrays.<String>asList(null, null)));
    invalid(() -> db.certificateBatchVerify((List<String>)null, Arrays.asList("x")));
    invalid(() -> db.certificateBatchVerify(new String[] {UNKNOWN}, null));
  }

  @Test
  public void statsEmpty() {
    List<CertStatsRow> rows = db.certificateStats().toList();
    assertEquals(1, rows.size());
    CertStatsRow total = rows.get(0);
    assertEquals(0, total.getCount());
    assertEquals("", total.getOccupation());
    assertEquals(0, total.getLevel());
    assertEquals("", total.getDistrict());
    assertEquals("", total.getCreditCode());
    assertEquals("", total.getPeriod());
    assertEquals(0, db.certificateStats(Skillcert.STATS_PUBLISHED_ONLY).toList().get(0).getCount());
    assertTrue(db.certificateStats(Skillcert.STATS_LEVEL | Skillcert.STATS_DISTRICT, LocalDate.parse("2024-01-01"),
                                   LocalDate.parse("2024-12-31")).toList().isEmpty());
    try (CertStatsIterator it = db.certificateStats(Skillcert.STATS_ORG)) {
      assertNull(it.nextItem());
      assertNull(it.nextItem());
    }
  }

  @Test
  public void statsArgumentErrors() {
    ValidationException e = invalid(() -> db.certificateStats(0x4000));
    assertTrue(e.getMessage().contains("flags"));
  }

  @Test
  public void listingEmpty() {
    try (CertificateIterator it = db.certificates()) {
      assertFalse(it.iterator().hasNext());
    }
    assertTrue(db.certificates(ORG).toList().isEmpty());
    assertTrue(db.certificates(null, "11010519491231002X").toList().isEmpty());
    invalid(() -> db.certificates("not-a-credit-code"));
  }

  @Test
  public void unknownNumberChangesNothing() {
    int before = auditCount();
    List<Runnable> calls = Arrays.asList(
        () -> db.certificateIssue(org, UNKNOWN, "sha256:p", LocalDate.parse("2024-03-15")),
        () -> db.certificatePublish(centre, UNKNOWN, LocalDate.parse("2024-04-01")),
        () -> db.certificateRevoke(centre, UNKNOWN, "作废", LocalDate.parse("2024-05-01")),
        () -> db.certificateReissue(org, UNKNOWN, null, "补发", LocalDate.parse("2024-05-01")),
        () -> db.certificateLinkPost(org, UNKNOWN, "某公司", "配送主管", "QY-1"),
        () -> db.certificateGet(UNKNOWN),
        () -> db.certificateExportMemory(UNKNOWN),
        () -> db.certificateReport(org, 4242, "11010519491231002X", LocalDate.parse("2024-03-10")));
    for (Runnable call : calls)
      notFound(call);
    assertEquals(before, auditCount());
  }

  @Test
  public void malformedArguments() {
    final String path = new File(tmp.getRoot(), "c.xml").getPath();
    invalid(() -> db.certificateGet("S1"));
    invalid(() -> db.certificateIssue(org, "bad", null));
    invalid(() -> db.certificatePublish(centre, "S00001100000124300000A"));
    invalid(() -> db.certificateRevoke(centre, UNKNOWN, ""));
    invalid(() -> db.certificateExportMemory("S1"));
    invalid(() -> db.certificateExportFile("S1", path));
    assertFalse(new File(path).exists());
  }

  @Test
  public void closedDatabase() {
    Database closed = new Database();
    closed.close();
    try {
      closed.certificateVerify(UNKNOWN, "x");
      fail("used a closed database");
    } catch (SkillcertException e) {
      assertTrue(e.getMessage().contains("closed"));
    }
    try {
      closed.certificateBatchVerify(new String[] {UNKNOWN}, new String[] {"x"});
      fail("used a closed database");
    } catch (SkillcertException expected) {
    }
  }

  // ---- the full pipeline: organizations filed, sessions held, results passed --------------

  static final String ORG_NAME = "北京智训科技有限公司";
  static final String ORG2_NAME = "北京数字技能评价协会";

  /** The n-th synthetic resident ID number (as fx_id in assess_fixture.c). */
  static String residentId(int n) {
    int day = n / 1000, seq = n % 1000;
    String body = String.format("110105%04d%02d%02d%03d", 1980 + day / 336, 1 + (day / 28) % 12,
                                1 + day % 28, seq);
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int total = 0;
    for (int i = 0; i < 17; i++)
      total += (body.charAt(i) - '0') * weights[i];
    return body + "10X98765432".charAt(total % 11);
  }

  private final Actor org2 = new Actor(ActorKind.ORGANIZATION, ORG2, "test");
  private final Actor pub = new Actor(ActorKind.PUBLIC);
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor xicheng = new Actor(ActorKind.DISTRICT, "110102", "test");
  private long venue;
  private long venue2;
  private long ann;
  private long ann2;

  /** Fixture applications: applied, verified, confirmed (FX_APPLY_DAY). */
  static final LocalDate APPLY_DAY = LocalDate.parse("2023-06-10");

  private static List<OfferingItem> offerings(String... texts) {
    List<OfferingItem> out = new ArrayList<OfferingItem>();
    for (String t : texts)
      out.addAll(OfferingItem.parse(t));
    return out;
  }

  private void file(Actor actor, String code, String name, OrgKind kind, String district,
                    Actor bureau) {
    db.orgRegister(actor, code, name, kind, district, LocalDate.parse("2023-01-05"));
    db.orgApply(actor, code, offerings("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"),
                LocalDate.parse("2023-02-01"));
    db.orgRecommend(bureau, code, LocalDate.parse("2023-02-10"));
    db.orgEvaluate(centre, code, LocalDate.parse("2023-03-01"));
    db.orgNotice(centre, code, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, code, LocalDate.parse("2023-05-10"));
    db.orgCommit(actor, code, LocalDate.parse("2023-05-12"));
  }

  /** The registry of assess_fixture.c: ORG (海淀区) and ORG2 (西城区) filed
      2023-05-10 and active for 4-02-07-10 levels 5-1, examiners E01-E05, an
      inspected venue and an announcement (2023-06-01..2026-05-01) each, and
      the default eligibility rules. */
  private void pipeline() {
    db.eligibilityLoadDefaults(city);
    file(org, ORG, ORG_NAME, OrgKind.ENTERPRISE, "110108", haidian);
    file(org2, ORG2, ORG2_NAME, OrgKind.SOCIAL_GROUP, "110102", xicheng);
    List<OfferingItem> qualified = offerings("4-02-07-10:1", "4-04-05-05/数据标注员:1");
    for (int i = 1; i <= 5; i++) {
      String id = String.format("E%02d", i);
      db.staffAdd(org, ORG, id, "考评员", StaffRole.EXAMINER, qualified, LocalDate.parse("2023-06-01"));
      db.staffAdd(org2, ORG2, id, "考评员", StaffRole.EXAMINER, qualified, LocalDate.parse("2023-06-01"));
    }
    venue = db.venueRegister(org, ORG, "海淀考点", "北京市海淀区中关村大街1号", "110108", 3,
                             LocalDate.parse("2023-06-01"));
    db.venueInspect(haidian, venue, true, "场地合格", LocalDate.parse("2023-06-05"));
    venue2 = db.venueRegister(org2, ORG2, "西城考点", "北京市西城区金融街1号", "110102", 3,
                              LocalDate.parse("2023-06-01"));
    db.venueInspect(xicheng, venue2, true, null, LocalDate.parse("2023-06-05"));
    ann = announce(org, ORG);
    ann2 = announce(org2, ORG2);
  }

  private long announce(Actor actor, String code) {
    return db.announcementPublish(actor, code, "FX-2023", "新职业技能等级认定工作实施方案",
                                  LocalDate.parse("2023-06-01"), LocalDate.parse("2026-05-01"), "五级 300 元, 四级 400 元",
                                  Skillcert.METHOD_ALL,
                                  offerings("4-02-07-10:5,4,3,2,1", "4-04-05-05/数据标注员:5,4,3,2,1"),
                                  LocalDate.parse("2023-05-20"));
  }

  /** A record (as fx_candidate): working in OCC since 2000 and holding its
      levels 5 to 2, so eligible for every level of it. */
  private void candidate(int n, String name) {
    Candidate c = new Candidate(residentId(n), name == null ? "考生" + n : name);
    try {
      c.addWork(OCC, LocalDate.parse("2000-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 5, LocalDate.parse("2002-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 4, LocalDate.parse("2007-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 3, LocalDate.parse("2012-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 2, LocalDate.parse("2017-01-01"));
      db.candidateSave(centre, c);
    } finally {
      c.delete();
    }
  }

  /** Candidates first..last (recorded) apply to ORG (ORG2 when second) for
      OCC at level; the organization verifies them and its district confirms
      them (报名确认), all on APPLY_DAY. Returns the application ids. */
  private long[] confirmed(int first, int last, int level, boolean second) {
    long[] ids = new long[last - first + 1];
    for (int n = first; n <= last; n++)
      ids[n - first] = db.applicationApply(new Actor(ActorKind.CANDIDATE, residentId(n),
                                                     "test"),
                                           second ? ann2 : ann, residentId(n), OCC, null, level,
                                           APPLY_DAY);
    assertEquals(ids.length, db.applicationVerifyBatch(second ? org2 : org, ids, APPLY_DAY));
    db.applicationConfirmBatch(second ? xicheng : haidian, ids, APPLY_DAY);
    return ids;
  }

  /** A session of OCC held on 2024-03-01 (ORG, or ORG2 when second) where
      candidates first..last (recorded here when not yet), enrolled on their
      applications confirmed here, passed. */
  private long passed(int first, int last, int level, boolean second) {
    Actor actor = second ? org2 : org;
    for (int n = first; n <= last; n++) {
      try {
        db.candidateLoad(residentId(n)).delete();
      } catch (NotFoundException e) {
        candidate(n, null);
      }
    }
    confirmed(first, last, level, second);
    long s = db.sessionCreate(actor, second ? ORG2 : ORG, OCC, null, level, Path.NORMAL,
                              LocalDate.parse("2024-03-01"), second ? venue2 : venue, 1, 0);
    for (int n = first; n <= last; n++)
      db.sessionEnrol(actor, s, residentId(n), null);
    for (String e : Arrays.asList("E01", "E02"))
      db.sessionStaffAdd(actor, s, Component.THEORY, e);
    for (String e : Arrays.asList("E03", "E04", "E05"))
      db.sessionStaffAdd(actor, s, Component.PRACTICAL, e);
    db.sessionConfirm(actor, s, LocalDate.parse("2024-03-01"));
    for (int n = first; n <= last; n++)
      db.resultRecord(actor, s, residentId(n), 80, 75, Skillcert.SCORE_NONE, LocalDate.parse("2024-03-01"));
    return s;
  }

  private long passed(int first, int last) {
    return passed(first, last, 4, false);
  }

  private String report(long s, int n, LocalDate date) {
    return db.certificateReport(org, s, residentId(n), date);
  }

  /** Reported 2024-03-10, issued 2024-03-15, published 2024-04-01. */
  private String valid(long s, int n) {
    String number = report(s, n, LocalDate.parse("2024-03-10"));
    db.certificateIssue(org, number, "sha256:photo", LocalDate.parse("2024-03-15"));
    db.certificatePublish(centre, number, LocalDate.parse("2024-04-01"));
    return number;
  }

  /** Every certificate and the audit length: what a refusal leaves alone. */
  private List<String> state() {
    List<String> out = new ArrayList<String>();
    for (Certificate c : db.certificates().toList())
      out.add(c.getNumber() + " " + c.getStatus() + " " + c.getIssued() + " " + c.getPublished()
              + " " + c.getRevoked() + " " + c.getReplacedBy() + " " + c.getPostNumber());
    out.add("audit " + auditCount());
    return out;
  }

  private <T extends SkillcertException> T refused(Class<T> type, Runnable call) {
    List<String> before = state();
    try {
      call.run();
    } catch (SkillcertException e) {
      assertTrue("wanted " + type.getSimpleName() + ", got " + e, type.isInstance(e));
      assertEquals(before, state());
      return type.cast(e);
    }
    fail("allowed: wanted " + type.getSimpleName());
    return null;
  }

  @Test
  public void onlyPassedResults() {
    pipeline();
    candidate(1, "张小三");
    candidate(2, "李四");
    confirmed(1, 2, 4, false);
    final long s = db.sessionCreate(org, ORG, OCC, null, 4, Path.NORMAL, LocalDate.parse("2024-03-01"),
                                    venue, 1, 0);
    db.sessionEnrol(org, s, residentId(1), null);
    db.sessionEnrol(org, s, residentId(2), null);
    for (String e : Arrays.asList("E01", "E02"))
      db.sessionStaffAdd(org, s, Component.THEORY, e);
    for (String e : Arrays.asList("E03", "E04", "E05"))
      db.sessionStaffAdd(org, s, Component.PRACTICAL, e);
    db.sessionConfirm(org, s, LocalDate.parse("2024-03-01"));
    db.resultRecord(org, s, residentId(1), 88, 91, Skillcert.SCORE_NONE, LocalDate.parse("2024-03-02"));
    db.resultRecord(org, s, residentId(2), 50, 91, Skillcert.SCORE_NONE, LocalDate.parse("2024-03-02"));

    ConstraintException c = refused(ConstraintException.class,
        () -> db.certificateReport(org, s, residentId(2), LocalDate.parse("2024-03-10")));
    assertEquals(Status.ECONSTRAINT, c.getCode());
    DeniedException d = refused(DeniedException.class,
        () -> db.certificateReport(org2, s, residentId(1), LocalDate.parse("2024-03-10")));
    assertEquals(Status.EDENIED, d.getCode());
    refused(DeniedException.class, () -> db.certificateReport(centre, s, residentId(1), LocalDate.parse("2024-03-10")));
    refused(ConstraintException.class, () -> db.certificateReport(org, s, residentId(1), LocalDate.parse("2024-03-01")));
    refused(NotFoundException.class,
            () -> db.certificateReport(org, s + 50, residentId(1), LocalDate.parse("2024-03-10")));
    assertTrue(db.certificates().toList().isEmpty());

    String number = db.certificateReport(org, s, residentId(1), LocalDate.parse("2024-03-10"));
    assertEquals("S000011000001244000001", number);
    ExistsException x = refused(ExistsException.class,
        () -> db.certificateReport(org, s, residentId(1), LocalDate.parse("2024-03-11")));
    assertEquals(Status.EEXISTS, x.getCode());
    assertEquals(number, db.resultGet(s, residentId(1)).getCertificate());
    assertEquals("", db.resultGet(s, residentId(2)).getCertificate());
  }

  @Test
  public void numberFormatAndSequences() {
    pipeline();
    long s4 = passed(1, 3);
    String first = report(s4, 1, LocalDate.parse("2024-03-10"));
    assertEquals(22, first.length());
    CertNumber n = Skillcert.certificateNumberParse(first);
    assertEquals('S', n.getKind());
    assertEquals("0000", n.getOrgCode());
    assertEquals("11", n.getProvince());
    assertEquals("000001", n.getSite());
    assertEquals(24, n.getYear());
    assertEquals(4, n.getLevel());
    assertEquals(1, n.getSequence());
    assertEquals("S000011000001244000002", report(s4, 2, LocalDate.parse("2024-03-10")));
    assertEquals("S000011000001254000001", report(s4, 3, LocalDate.parse("2025-01-05")));
    long s3 = passed(10, 10, 3, false);
    assertEquals("S000011000001243000001", report(s3, 10, LocalDate.parse("2024-03-10")));
    long s5 = passed(20, 20, 5, true);
    String other = db.certificateReport(org2, s5, residentId(20), LocalDate.parse("2024-03-10"));
    assertEquals("S000011000002245000001", other);
    assertEquals("000002", Skillcert.certificateNumberParse(other).getSite());
    assertEquals(5, db.certificates().toList().size());
  }

  @Test
  public void statusesAndVerification() {
    pipeline();
    candidate(1, "张小三");
    candidate(2, "李四");
    long s = passed(1, 2);
    final String me = residentId(1);
    final String number = report(s, 1, LocalDate.parse("2024-03-10"));

    Certificate c = db.certificateGet(number);
    assertEquals(CertStatus.REPORTED, c.getStatus());
    assertEquals(Skillcert.CERT_TITLE, c.getTitle());
    assertEquals("张小三", c.getHolder());
    assertEquals("居民身份证", c.getIdType());
    assertEquals(me, c.getIdNumber());
    assertEquals(OCC, c.getOccupation());
    assertEquals(OCC_NAME, c.getOccupationName());
    assertEquals("--", c.getWorkType());
    assertEquals(4, c.getLevel());
    assertEquals("四级/中级工", c.getLevelText());
    assertEquals(ORG, c.getCreditCode());
    assertEquals(ORG_NAME, c.getOrgName());
    assertEquals("110108", c.getDistrict());
    assertEquals(s, c.getSessionId());
    assertEquals(LocalDate.parse("2024-03-10"), c.getCertified());
    assertNull(c.getIssued());

    Verification v = db.certificateVerify(number, "张小三");
    assertEquals(VerifyStatus.NOT_PUBLISHED, v.getStatus());
    assertEquals("张*三", v.getMaskedName());

    refused(ConstraintException.class, () -> db.certificatePublish(centre, number, LocalDate.parse("2024-03-20")));
    refused(DeniedException.class, () -> db.certificateIssue(org2, number, null, LocalDate.parse("2024-03-15")));
    refused(ConstraintException.class, () -> db.certificateIssue(org, number, null, LocalDate.parse("2024-03-09")));
    db.certificateIssue(org, number, "sha256:abcd", LocalDate.parse("2024-03-15"));
    c = db.certificateGet(number);
    assertEquals(CertStatus.ISSUED, c.getStatus());
    assertEquals("sha256:abcd", c.getPhoto());
    refused(ConstraintException.class, () -> db.certificateIssue(org, number, null, LocalDate.parse("2024-03-16")));
    assertEquals(LocalDate.parse("2024-03-15"), db.certificateVerify(number, "张小三").getIssued());
    assertEquals(VerifyStatus.NOT_PUBLISHED, db.certificateVerify(number, "张小三").getStatus());

    refused(DeniedException.class, () -> db.certificatePublish(org, number, LocalDate.parse("2024-04-01")));
    refused(ConstraintException.class, () -> db.certificatePublish(centre, number, LocalDate.parse("2024-03-14")));
    db.certificatePublish(centre, number, LocalDate.parse("2024-04-01"));
    assertEquals(CertStatus.PUBLISHED, db.certificateGet(number).getStatus());
    assertEquals(LocalDate.parse("2024-04-01"), db.certificateGet(number).getPublished());

    v = db.certificateVerify(number, "张小三");
    assertEquals(VerifyStatus.VALID, v.getStatus());
    assertTrue(v.isValid());
    assertEquals(number, v.getNumber());
    assertEquals("张*三", v.getMaskedName());
    assertEquals(me.substring(0, 6) + "********" + me.substring(14), v.getMaskedId());
    assertEquals(OCC_NAME, v.getOccupationName());
    assertEquals(4, v.getLevel());
    assertEquals(ORG_NAME, v.getOrgName());
    assertEquals(LocalDate.parse("2024-03-15"), v.getIssued());
    assertNull(v.getRevoked());
    assertEquals(VerifyStatus.VALID, db.certificateVerify(number, "张小三", me).getStatus());
    assertEquals(VerifyStatus.VALID,
                 db.certificateVerify(number, "张小三", " " + me.toLowerCase() + " ").getStatus());
    for (Verification w : Arrays.asList(db.certificateVerify(number, "张小二"),
                                        db.certificateVerify(number, "张小三", residentId(2)))) {
      assertEquals(VerifyStatus.NAME_MISMATCH, w.getStatus());
      assertEquals("", w.getMaskedName());
      assertEquals("", w.getMaskedId());
      assertEquals("", w.getOrgName());
    }
    assertEquals(3, db.auditEntries("certificate").toList().size());
  }

  @Test
  public void revokeAndReissue() {
    pipeline();
    candidate(1, "王五");
    candidate(2, "赵六");
    long s = passed(1, 2);
    final String number = valid(s, 1);
    refused(DeniedException.class, () -> db.certificateRevoke(org2, number, "错误", LocalDate.parse("2024-05-01")));
    refused(DeniedException.class, () -> db.certificateRevoke(pub, number, "错误", LocalDate.parse("2024-05-01")));
    refused(ValidationException.class, () -> db.certificateRevoke(org, number, "", LocalDate.parse("2024-05-01")));
    db.certificateRevoke(org, number, "姓名录入错误", LocalDate.parse("2024-05-01"));
    refused(ConstraintException.class,
            () -> db.certificateRevoke(centre, number, "again", LocalDate.parse("2024-05-02")));
    Verification v = db.certificateVerify(number, "王五");
    assertEquals(VerifyStatus.REVOKED, v.getStatus());
    assertEquals(LocalDate.parse("2024-05-01"), v.getRevoked());
    assertEquals("王*", v.getMaskedName());

    String fresh = db.certificateReissue(org, number, "王伍", "姓名更正", LocalDate.parse("2024-05-02"));
    assertEquals("S000011000001244000002", fresh);
    refused(ConstraintException.class,
            () -> db.certificateReissue(org, number, null, "again", LocalDate.parse("2024-05-03")));
    Certificate old = db.certificateGet(number);
    assertEquals(CertStatus.REVOKED, old.getStatus());
    assertEquals(fresh, old.getReplacedBy());
    assertEquals("姓名录入错误", old.getRevokeReason());
    Certificate c = db.certificateGet(fresh);
    assertEquals(CertStatus.REPORTED, c.getStatus());
    assertEquals(number, c.getReplaces());
    assertEquals("王伍", c.getHolder());
    assertEquals(s, c.getSessionId());
    db.certificateIssue(org, fresh, "sha256:p2", LocalDate.parse("2024-05-03"));
    db.certificatePublish(centre, fresh, LocalDate.parse("2024-05-10"));
    assertEquals(VerifyStatus.VALID, db.certificateVerify(fresh, "王伍").getStatus());
    assertEquals(VerifyStatus.REVOKED, db.certificateVerify(number, "王五").getStatus());

    String second = valid(s, 2);
    String third = db.certificateReissue(org, second, null, "证书遗失补发", LocalDate.parse("2024-06-01"));
    assertEquals(CertStatus.REVOKED, db.certificateGet(second).getStatus());
    assertEquals("证书遗失补发", db.certificateGet(second).getRevokeReason());
    assertEquals("赵六", db.certificateGet(third).getHolder());
    int reissues = 0, revocations = 0;
    for (AuditEntry e : db.auditEntries("certificate").toList()) {
      if (e.getAction().equals("certificate.reissue")) reissues++;
      if (e.getAction().equals("certificate.revoke")) revocations++;
    }
    assertEquals(2, reissues);
    assertEquals(2, revocations);
  }

  @Test
  public void exitedOrganizationCertificateStaysValid() {
    pipeline();
    final long s = passed(1, 2);
    String number = valid(s, 1);
    db.orgExit(centre, ORG, "不履行工作承诺", LocalDate.parse("2024-06-01"));
    Verification v = db.certificateVerify(number, "考生1");
    assertEquals(VerifyStatus.VALID, v.getStatus());
    assertEquals(ORG_NAME, v.getOrgName());
    ConstraintException e = refused(ConstraintException.class, () -> report(s, 2, LocalDate.parse("2024-06-02")));
    assertTrue(e.getMessage(), e.getMessage().contains("may not certify"));
    assertEquals("S000011000001244000002", report(s, 2, LocalDate.parse("2024-05-31")));
  }

  @Test
  public void postCertificateLink() {
    pipeline();
    final String number = valid(passed(1, 1), 1);
    refused(DeniedException.class, () -> db.certificateLinkPost(org2, number, "某物流公司", "配送主管",
                                                                "QY-001", LocalDate.parse("2024-04-02")));
    refused(ValidationException.class,
            () -> db.certificateLinkPost(org, number, "", "配送主管", "QY-001"));
    db.certificateLinkPost(org, number, "北京某物流有限公司", "配送主管", "QY-2024-001", LocalDate.parse("2024-04-02"));
    Certificate c = db.certificateGet(number);
    assertEquals("北京某物流有限公司", c.getPostEnterprise());
    assertEquals("配送主管", c.getPostName());
    assertEquals("QY-2024-001", c.getPostNumber());
    assertEquals(LocalDate.parse("2024-04-02"), c.getPostIssued());
    db.certificateLinkPost(org, number, "北京某物流有限公司", "区域经理", "QY-2024-002", LocalDate.parse("2024-05-02"));
    assertEquals("QY-2024-002", db.certificateGet(number).getPostNumber());
    assertEquals("区域经理", db.certificateGet(number).getPostName());
    db.certificateRevoke(centre, number, "违规发证", LocalDate.parse("2024-06-01"));
    refused(ConstraintException.class,
            () -> db.certificateLinkPost(org, number, "某公司", "岗位", "QY-3", LocalDate.parse("2024-06-02")));
  }

  @Test
  public void electronicCertificate() throws Exception {
    pipeline();
    long s = passed(1, 2);
    String number = valid(s, 1);
    db.certificateLinkPost(org, number, "北京某物流有限公司", "配送主管", "QY-2024-001", LocalDate.parse("2024-04-02"));
    String xml = db.certificateExportMemory(number);
    for (String text : Arrays.asList("urn:skillcert:certificate:1", "<title>职业技能等级证书</title>",
                                     "work-type=\"--\"", "level-text=\"四级/中级工\"",
                                     Skillcert.CERT_QUERY_URL, Skillcert.ORG_QUERY_URL,
                                     "北京某物流有限公司", "status=\"published\"", number))
      assertTrue(text, xml.contains(text));
    Report report = new Report();
    assertEquals(DocType.CERTIFICATE, Skillcert.validateMemory(xml, "cert.xml", report));
    assertEquals(0, report.errorCount());
    try {
      db.importMemory(centre, xml);
      fail("imported a certificate document");
    } catch (ValidationException e) {
      assertEquals(Status.EINVALIDDOC, e.getCode());
    }
    String bad = xml.replaceFirst("number=\"S", "number=\"X");
    report.clear();
    try {
      Skillcert.validateMemory(bad, "bad.xml", report);
      fail("a tampered number validates");
    } catch (ValidationException e) {
      assertEquals(Status.EINVALIDDOC, e.getCode());
    }
    assertTrue(report.errorCount() > 0);

    db.certificateRevoke(centre, number, "违规发证", LocalDate.parse("2024-06-01"));
    File file = new File(tmp.getRoot(), "cert.xml");
    db.certificateExportFile(number, file.getPath());
    assertEquals(DocType.CERTIFICATE, Skillcert.validateFile(file.getPath()));
    xml = db.certificateExportMemory(number);
    assertTrue(xml.contains("status=\"revoked\""));
    assertTrue(xml.contains("<revocation date=\"2024-06-01\" reason=\"违规发证\"/>"));

    final String reported = report(s, 2, LocalDate.parse("2024-03-10"));
    refused(ConstraintException.class, () -> db.certificateExportMemory(reported));
    db.certificateIssue(org, reported, null, LocalDate.parse("2024-03-11"));
    refused(ConstraintException.class, () -> db.certificateExportMemory(reported));
  }

  @Test
  public void statsAndListing() {
    pipeline();
    long s = passed(1, 4);
    List<String> n = new ArrayList<String>();
    for (int i = 1; i <= 3; i++)
      n.add(valid(s, i));
    n.add(report(s, 4, LocalDate.parse("2024-04-10")));
    db.certificateIssue(org, n.get(3), "p", LocalDate.parse("2024-04-12"));
    db.certificateRevoke(org, n.get(2), "作废", LocalDate.parse("2024-05-01"));
    long s2 = passed(10, 10, 5, true);
    n.add(db.certificateReport(org2, s2, residentId(10), LocalDate.parse("2024-03-10")));
    db.certificateIssue(org2, n.get(4), "p", LocalDate.parse("2024-03-20"));

    assertEquals(4, db.certificateStats().toList().get(0).getCount());
    assertEquals(2, db.certificateStats(Skillcert.STATS_PUBLISHED_ONLY).toList().get(0).getCount());
    Map<String, Long> byDistrict = new HashMap<String, Long>();
    try (CertStatsIterator it = db.certificateStats(Skillcert.STATS_DISTRICT | Skillcert.STATS_LEVEL)) {
      for (CertStatsRow r : it)
        byDistrict.put(r.getDistrict() + "/" + r.getLevel(), r.getCount());
    }
    Map<String, Long> want = new HashMap<String, Long>();
    want.put("110102/5", 1L);
    want.put("110108/4", 3L);
    assertEquals(want, byDistrict);
    List<String> rows = new ArrayList<String>();
    for (CertStatsRow r : db.certificateStats(Skillcert.STATS_ORG | Skillcert.STATS_OCCUPATION
                                              | Skillcert.STATS_MONTH, null, null).toList())
      rows.add(r.getOccupation() + " " + r.getCreditCode() + " " + r.getPeriod() + " " + r.getCount());
    assertEquals(Arrays.asList(OCC + " " + ORG2 + " 2024-03 1", OCC + " " + ORG + " 2024-03 2",
                               OCC + " " + ORG + " 2024-04 1"), rows);
    List<CertStatsRow> year = db.certificateStats(Skillcert.STATS_YEAR, LocalDate.parse("2024-04-01"), LocalDate.parse("2024-12-31"))
        .toList();
    assertEquals(1, year.size());
    assertEquals("2024", year.get(0).getPeriod());
    assertEquals(1, year.get(0).getCount());

    List<String> mine = new ArrayList<String>();
    for (Certificate c : db.certificates(ORG).toList())
      mine.add(c.getNumber());
    List<String> sorted = new ArrayList<String>(n.subList(0, 4));
    Collections.sort(sorted);
    assertEquals(sorted, mine);
    List<Certificate> holder = db.certificates(null, residentId(10)).toList();
    assertEquals(1, holder.size());
    assertEquals(n.get(4), holder.get(0).getNumber());

    List<Verification> answers = db.certificateBatchVerify(
        Arrays.asList(n.get(0), n.get(4), n.get(1)), Arrays.asList("考生1", "考生10", "考生2"));
    assertEquals(VerifyStatus.VALID, answers.get(0).getStatus());
    assertEquals(4, answers.get(0).getLevel());
    assertEquals(ORG_NAME, answers.get(0).getOrgName());
    assertEquals(VerifyStatus.NOT_PUBLISHED, answers.get(1).getStatus());
    assertEquals(5, answers.get(1).getLevel());
    assertEquals(ORG2_NAME, answers.get(1).getOrgName());
    assertEquals(VerifyStatus.VALID, answers.get(2).getStatus());
  }

  @Test
  public void batchVerify() {
    pipeline();
    long s = passed(1, 3);
    String a = valid(s, 1);
    String b = report(s, 2, LocalDate.parse("2024-03-10"));
    String c = valid(s, 3);
    db.certificateRevoke(centre, c, "作废", LocalDate.parse("2024-05-01"));
    List<Verification> answers = db.certificateBatchVerify(
        new String[] {a, b, "S000011000001244000777", "garbage", a, c, null},
        new String[] {"考生1", "考生2", "x", "x", "考生2", "考生3", null},
        new String[] {residentId(1), null, null, null, null, null, null});
    VerifyStatus[] want = {VerifyStatus.VALID, VerifyStatus.NOT_PUBLISHED,
                  VerifyStatus.NOT_FOUND, VerifyStatus.MALFORMED,
                  VerifyStatus.NAME_MISMATCH, VerifyStatus.REVOKED,
                  VerifyStatus.MALFORMED};
    assertEquals(want.length, answers.size());
    for (int i = 0; i < want.length; i++)
      assertEquals("answer " + i, want[i], answers.get(i).getStatus());
    assertEquals("考*1", answers.get(0).getMaskedName());
    assertEquals(residentId(1).substring(0, 6) + "********" + residentId(1).substring(14),
                 answers.get(0).getMaskedId());
    assertEquals("garbage", answers.get(3).getNumber());
    assertEquals("", answers.get(4).getMaskedName());
    assertEquals(LocalDate.parse("2024-05-01"), answers.get(5).getRevoked());
    List<Verification> wrongId = db.certificateBatchVerify(
        Arrays.asList(a), Arrays.asList("考生1"), Arrays.asList(residentId(2)));
    assertEquals(VerifyStatus.NAME_MISMATCH, wrongId.get(0).getStatus());
  }

  @Test
  public void iteratorsOutliveTheDatabase() {
    pipeline();
    long s = passed(1, 2);
    valid(s, 1);
    valid(s, 2);
    CertificateIterator certs = db.certificates(ORG);
    CertStatsIterator stats = db.certificateStats(Skillcert.STATS_LEVEL);
    db.close();
    List<String> numbers = new ArrayList<String>();
    for (Certificate c : certs)
      numbers.add(c.getNumber());
    assertEquals(Arrays.asList("S000011000001244000001", "S000011000001244000002"), numbers);
    List<CertStatsRow> rows = stats.toList();
    assertEquals(1, rows.size());
    assertEquals(4, rows.get(0).getLevel());
    assertEquals(2, rows.get(0).getCount());
    certs.close();
  }
}
