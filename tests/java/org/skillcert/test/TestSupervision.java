package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.ApplicationState;
import org.skillcert.Component;
import org.skillcert.DocType;
import org.skillcert.FilingStatus;
import org.skillcert.FindingSeverity;
import org.skillcert.InspectionKind;
import org.skillcert.InspectionStatus;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.Reason;
import org.skillcert.ReportSection;
import org.skillcert.SanctionKind;
import org.skillcert.StaffRole;
import org.skillcert.Status;
import org.skillcert.VerifyStatus;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.AuditEntry;
import org.skillcert.Candidate;
import org.skillcert.ConstraintException;
import org.skillcert.CreditModel;
import org.skillcert.CreditScore;
import org.skillcert.CreditScoreIterator;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.ExistsException;
import org.skillcert.Finding;
import org.skillcert.FindingCategory;
import org.skillcert.Inspection;
import org.skillcert.InspectionIterator;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Org;
import org.skillcert.PeriodReport;
import org.skillcert.Report;
import org.skillcert.ReportRow;
import org.skillcert.Sanction;
import org.skillcert.ScanResult;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.Supervision;
import org.skillcert.SupervisionIterator;
import org.skillcert.ValidationException;
import org.skillcert.Verdict;

/** Quality supervision through the Java binding (mirrors check_supervision.c). */
public class TestSupervision {
  static final String ORG_A = "91110108MA01ABCD2H"; // 海淀区 110108
  static final String ORG_B = "52110102MJ00123450"; // 西城区 110102
  static final String ORG_C = "91110105MA01CHY00K"; // never registered
  static final String OCC = "4-02-07-10";           // 网约配送员, levels 5-1

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  private File file;
  private Database db;
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor xicheng = new Actor(ActorKind.DISTRICT, "110102", "test");
  private final Actor chaoyang = new Actor(ActorKind.DISTRICT, "110105", "test");
  private final Actor orgA = new Actor(ActorKind.ORGANIZATION, ORG_A, "test");
  private final Actor orgB = new Actor(ActorKind.ORGANIZATION, ORG_B, "test");

  /** Register and file an organization for 4-02-07-10 levels 5-1 (filed 2023-05-10). */
  private void fileOrg(Actor org, String code, String name, OrgKind kind, String district,
                       Actor bureau) {
    db.orgRegister(org, code, name, kind, district, LocalDate.parse("2023-01-05"));
    db.orgApply(org, code, OfferingItem.parse(OCC + ":5,4,3,2,1"), LocalDate.parse("2023-02-01"));
    db.orgRecommend(bureau, code, LocalDate.parse("2023-02-10"));
    db.orgEvaluate(centre, code, LocalDate.parse("2023-03-01"));
    db.orgNotice(centre, code, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, code, LocalDate.parse("2023-05-10"));
    db.orgCommit(org, code, LocalDate.parse("2023-05-12"));
  }

  @Before
  public void open() throws Exception {
    file = new File(tmp.getRoot(), "registry.db");
    db = new Database(file.getPath());
    db.loadNotice(city);
    fileOrg(orgA, ORG_A, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108", haidian);
    fileOrg(orgB, ORG_B, "北京数字技能评价协会", OrgKind.SOCIAL_GROUP, "110102", xicheng);
  }

  @After
  public void close() {
    db.close();
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

  /** Haidian inspects ORG_A on 2024-05-01 and records one finding on 2024-05-02. */
  private long findingOnA(String category, FindingSeverity severity) {
    long ins = db.inspectionOpen(haidian, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-05-01"), null);
    return db.inspectionAddFinding(haidian, ins, category, severity, "实操考评员不足", null,
                                   LocalDate.parse("2024-05-02"));
  }

  private CreditScore scoreInList(LocalDate asOf, String code) {
    try (CreditScoreIterator it = db.creditList(asOf)) {
      for (CreditScore s : it)
        if (s.getCreditCode().equals(code))
          return s;
    }
    return null;
  }

  private List<String> directory(LocalDate date) {
    List<String> out = new ArrayList<String>();
    for (Org o : db.directory(date))
      out.add(o.getCreditCode());
    return out;
  }

  // ---- names and the published list ------------------------------------------------

  @Test
  public void testSupervisionNames() {
    assertEquals(10, Skillcert.findingCategoryCount());
    List<String> codes = new ArrayList<String>();
    for (long i = 0; i < Skillcert.findingCategoryCount(); i++) {
      FindingCategory c = Skillcert.findingCategoryGet(i);
      assertFalse(c.getName().isEmpty());
      assertFalse(c.getNameZh().isEmpty());
      codes.add(c.getCode());
    }
    assertEquals("out-of-scope", codes.get(0));
    assertTrue(codes.containsAll(Arrays.asList("falsified-records", "staff-ratio", "venue",
                                               "disclosure", "other")));
    try {
      Skillcert.findingCategoryGet(10);
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    assertEquals("serious", Skillcert.findingSeverityName(FindingSeverity.SERIOUS));
    assertNull(Skillcert.findingSeverityName(null));
    assertEquals(FindingSeverity.MAJOR, Skillcert.findingSeverityParse("较重"));
    try {
      Skillcert.findingSeverityParse("fatal");
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
    assertEquals(SanctionKind.SUSPENSION, Skillcert.sanctionKindParse("暂停认定"));
    assertEquals("exit", Skillcert.sanctionKindName(SanctionKind.EXIT));
    assertEquals(InspectionKind.ORG, Skillcert.inspectionKindParse("org"));
    assertEquals("certificates", Skillcert.inspectionKindName(InspectionKind.CERTIFICATES));
    assertEquals("certificates-by-level", Skillcert.reportSectionName(ReportSection.CERT_LEVEL));
    assertNull(Skillcert.reportSectionName(ReportSection.COUNT));
  }

  // ---- spot checks --------------------------------------------------------------------------

  @Test
  public void testInspectionByCentreAndOwnDistrict() {
    for (final Actor a : Arrays.asList(xicheng, chaoyang, orgA, city)) {
      DeniedException e = refused(DeniedException.class, () ->
          db.inspectionOpen(a, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-05-01"), null));
      assertEquals(Status.EDENIED, e.getCode());
    }
    long byDistrict = db.inspectionOpen(haidian, ORG_A, InspectionKind.ORG, null,
                                        LocalDate.parse("2024-05-01"), "日常抽查");
    long byCentre = db.inspectionOpen(centre, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-05-03"),
                                      null);
    assertTrue(0 < byDistrict && byDistrict < byCentre);
    Inspection in = db.inspectionGet(byDistrict);
    assertEquals(ORG_A, in.getCreditCode());
    assertEquals(InspectionKind.ORG, in.getKind());
    assertTrue(in.isOpen());
    assertEquals(LocalDate.parse("2024-05-01"), in.getOpened());
    assertTrue(in.getOpenedBy().contains("110108"));
    assertEquals("日常抽查", in.getNote());
    assertEquals("", in.getTarget());
    List<Long> ids = new ArrayList<Long>();
    try (InspectionIterator it = db.inspections(ORG_A)) {
      for (Inspection i : it)
        ids.add(i.getId());
    }
    assertEquals(Arrays.asList(byDistrict, byCentre), ids);
    assertTrue(db.inspections(ORG_B).toList().isEmpty());
    assertEquals(2, db.auditEntries("inspection").toList().size());

    refused(ValidationException.class, () ->
        db.inspectionOpen(haidian, ORG_A, InspectionKind.SESSION, "x", LocalDate.parse("2024-05-01"), null));
    refused(ValidationException.class, () ->
        db.inspectionOpen(haidian, ORG_A, InspectionKind.CERTIFICATES, "2024-06-01/2024-01-01",
                          LocalDate.parse("2024-05-01"), null));
    refused(NotFoundException.class, () ->
        db.inspectionOpen(centre, ORG_C, InspectionKind.ORG, null, LocalDate.parse("2024-05-01"), null));
    long batch = db.inspectionOpen(centre, ORG_B, InspectionKind.CERTIFICATES,
                                   "2024-01-01/2024-12-31", LocalDate.parse("2024-05-01"), null);
    ScanResult found = db.inspectionScanCertificates(centre, batch, LocalDate.parse("2024-05-05"));
    assertEquals(0, found.getFindings());
    assertEquals(0, found.getCertificates());
    assertEquals(LocalDate.parse("2024-05-05"), db.inspectionGet(batch).getScanned());
    assertEquals("2024-01-01/2024-12-31", db.inspectionGet(batch).getTarget());
  }

  @Test
  public void testFindingsFromThePublishedList() {
    final long ins = db.inspectionOpen(haidian, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-05-01"),
                                       null);
    String disclosure = null;
    for (long i = 0; i < Skillcert.findingCategoryCount(); i++)
      if (Skillcert.findingCategoryGet(i).getNameZh().equals("管理办法、收费标准未公示"))
        disclosure = Skillcert.findingCategoryGet(i).getCode();
    final String code = disclosure;
    assertEquals("disclosure", code);
    refused(ValidationException.class, () ->
        db.inspectionAddFinding(haidian, ins, "bogus", FindingSeverity.MINOR, "x", null, LocalDate.parse("2024-05-02")));
    ValidationException e = refused(ValidationException.class, () ->
        db.inspectionAddFinding(haidian, ins, code, null, "x", null, LocalDate.parse("2024-05-02")));
    assertEquals("severity", e.getField());
    refused(ValidationException.class, () ->
        db.inspectionAddFinding(haidian, ins, code, FindingSeverity.MINOR, "x", Arrays.asList("room:1"), LocalDate.parse("2024-05-02")));
    refused(ValidationException.class, () ->
        db.inspectionAddFinding(haidian, ins, code, FindingSeverity.MINOR, "x", Arrays.asList((String)null),
                                LocalDate.parse("2024-05-02")));
    refused(ConstraintException.class, () ->
        db.inspectionAddFinding(haidian, ins, code, FindingSeverity.MINOR, "x", null, LocalDate.parse("2024-04-30")));
    refused(DeniedException.class, () ->
        db.inspectionAddFinding(xicheng, ins, code, FindingSeverity.MINOR, "x", null, LocalDate.parse("2024-05-02")));

    db.staffAdd(orgA, ORG_A, "E01", "考评员", StaffRole.EXAMINER,
                OfferingItem.parse(OCC + ":1"), LocalDate.parse("2023-06-01"));
    List<String> refs = Arrays.asList("org:" + ORG_A, "staff:E01");
    long fid = db.inspectionAddFinding(haidian, ins, code, FindingSeverity.MINOR, "收费标准未公示",
                                       refs, LocalDate.parse("2024-05-02"));
    Finding f = db.findingGet(fid);
    assertEquals(ins, f.getInspectionId());
    assertEquals(ORG_A, f.getCreditCode());
    assertEquals("disclosure", f.getCategory());
    assertEquals(FindingSeverity.MINOR, f.getSeverity());
    assertEquals("收费标准未公示", f.getEvidence());
    assertFalse(f.isWithdrawn());
    assertEquals(2, f.getEntities());
    assertEquals(refs, db.findingEntities(fid));
    long fid2 = db.inspectionAddFinding(centre, ins, "venue", FindingSeverity.MAJOR, "场地",
                                        Collections.<String>emptyList(), LocalDate.parse("2024-05-03"));
    assertTrue(db.findingEntities(fid2).isEmpty());
    assertEquals(2, db.findings(ORG_A, 0).toList().size());
    assertEquals(2, db.findings(null, ins).toList().size());
    assertTrue(db.findings(ORG_B, 0).toList().isEmpty());

    refused(DeniedException.class, () -> db.inspectionClose(xicheng, ins, "整改", LocalDate.parse("2024-05-04")));
    db.inspectionClose(haidian, ins, "已责令整改", LocalDate.parse("2024-05-04"));
    refused(ConstraintException.class, () -> db.inspectionClose(haidian, ins, "again",
                                                                LocalDate.parse("2024-05-05")));
    refused(ConstraintException.class, () ->
        db.inspectionAddFinding(haidian, ins, code, FindingSeverity.MINOR, "x", null, LocalDate.parse("2024-05-05")));
    Inspection closed = db.inspectionGet(ins);
    assertEquals(InspectionStatus.CLOSED, closed.getStatus());
    assertEquals("已责令整改", closed.getConclusion());
    assertEquals(2, closed.getFindings());
  }

  // ---- sanctions ---------------------------------------------------------------------------

  @Test
  public void testSanctionSuspension() {
    final long fid = findingOnA("staff-ratio", FindingSeverity.MAJOR);
    refused(DeniedException.class, () -> db.sanctionImpose(haidian, fid,
        SanctionKind.SUSPENSION, LocalDate.parse("2024-06-30"), "暂停", LocalDate.parse("2024-05-10")));
    refused(DeniedException.class, () -> db.sanctionImpose(chaoyang, fid,
        SanctionKind.WARNING, null, "警告", LocalDate.parse("2024-05-10")));
    refused(ValidationException.class, () -> db.sanctionImpose(haidian, fid,
        SanctionKind.RECTIFICATION, null, "整改", LocalDate.parse("2024-05-10")));
    refused(ValidationException.class, () -> db.sanctionImpose(centre, fid,
        SanctionKind.SUSPENSION, LocalDate.parse("2024-05-01"), "暂停", LocalDate.parse("2024-05-10")));
    long fix = db.sanctionImpose(haidian, fid, SanctionKind.RECTIFICATION, LocalDate.parse("2024-06-10"),
                                 "限期整改考评员配比", LocalDate.parse("2024-05-10"));
    final long sid = db.sanctionImpose(centre, fid, SanctionKind.SUSPENSION, LocalDate.parse("2024-06-30"),
                                       "暂停认定至整改完成", LocalDate.parse("2024-05-10"));
    assertTrue(db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-05-09")).isOk());
    Verdict v = db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-05-10"));
    assertFalse(v.isOk());
    assertEquals(Reason.ORG_SUSPENDED, v.getReason());
    assertEquals(Reason.ORG_SUSPENDED,
                 db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-06-30")).getReason());
    assertTrue(db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-07-01")).isOk());
    assertTrue(db.mayCertify(ORG_B, OCC, null, 4, LocalDate.parse("2024-06-01")).isOk());

    Sanction s = db.sanctionGet(sid);
    assertEquals(SanctionKind.SUSPENSION, s.getKind());
    assertEquals(fid, s.getFindingId());
    assertEquals(LocalDate.parse("2024-05-10"), s.getDate());
    assertEquals(LocalDate.parse("2024-06-30"), s.getUntil());
    assertNull(s.getLifted());
    assertEquals(LocalDate.parse("2024-06-10"), db.sanctionGet(fix).getUntil());
    assertEquals(2, db.sanctions(ORG_A).toList().size());
    assertTrue(db.sanctions(ORG_B).toList().isEmpty());

    refused(DeniedException.class, () -> db.sanctionLift(haidian, sid, null, LocalDate.parse("2024-06-01")));
    refused(ConstraintException.class, () -> db.sanctionLift(centre, sid, null, LocalDate.parse("2024-05-01")));
    db.sanctionLift(centre, sid, "整改完成", LocalDate.parse("2024-06-01"));
    assertEquals(LocalDate.parse("2024-06-01"), db.sanctionGet(sid).getLifted());
    assertTrue(db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-06-01")).isOk());

    db.findingWithdraw(haidian, fid, "复核不成立", LocalDate.parse("2024-06-05"));
    assertTrue(db.findingGet(fid).isWithdrawn());
    refused(ConstraintException.class, () -> db.sanctionImpose(haidian, fid,
        SanctionKind.WARNING, null, "警告", LocalDate.parse("2024-06-06")));
  }

  @Test
  public void testSanctionExit() {
    final long fid = findingOnA("falsified-records", FindingSeverity.SERIOUS);
    refused(DeniedException.class, () -> db.sanctionImpose(haidian, fid,
        SanctionKind.EXIT, null, "弄虚作假", LocalDate.parse("2024-06-10")));
    final long sid = db.sanctionImpose(centre, fid, SanctionKind.EXIT, null,
                                       "弄虚作假，不履行承诺", LocalDate.parse("2024-06-10"));
    Verdict v = db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-06-10"));
    assertFalse(v.isOk());
    assertEquals(Reason.ORG_EXITED, v.getReason());
    assertTrue(db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-06-09")).isOk());
    assertEquals(Arrays.asList(ORG_B), directory(LocalDate.parse("2024-06-10")));
    assertTrue(directory(LocalDate.parse("2024-06-09")).contains(ORG_A));
    assertEquals(FilingStatus.EXITED, db.orgGet(ORG_A, LocalDate.parse("2024-06-10")).getStatus());
    refused(ConstraintException.class, () -> db.sanctionLift(centre, sid, null, LocalDate.parse("2024-07-01")));
    int exits = 0;
    for (AuditEntry e : db.auditEntries())
      if (e.getAction().equals("sanction.exit") || e.getAction().equals("org.exit"))
        exits++;
    assertEquals(2, exits);
    assertTrue(db.auditVerify().isOk());
  }

  // ---- credit evaluation ---------------------------------------------------------------------

  @Test
  public void testCreditModelAndWeights() {
    CreditModel m = db.creditModel();
    assertEquals(100, m.getBase(), 0);
    assertEquals(365, m.getHalfLifeDays(), 0);
    assertEquals(2, m.getCleanBonus(), 0);
    assertEquals(10, m.getCleanMax(), 0);
    assertEquals(730, m.getCleanWindowDays(), 0);
    assertEquals(40, db.creditWeight("out-of-scope", FindingSeverity.SERIOUS), 0);
    assertEquals(12, db.creditWeight("venue", FindingSeverity.MAJOR), 0);
    try {
      db.creditWeight("nope", FindingSeverity.MINOR);
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
    refused(DeniedException.class, () -> db.creditWeightSet(haidian, "venue", FindingSeverity.MAJOR, 15));
    refused(ValidationException.class, () -> db.creditWeightSet(centre, "venue", FindingSeverity.MAJOR, -1));
    db.creditWeightSet(centre, "venue", FindingSeverity.MAJOR, 20);
    assertEquals(20, db.creditWeight("venue", FindingSeverity.MAJOR), 0);
  }

  @Test
  public void testCreditScoresRankedHistory() throws Exception {
    long clean = db.inspectionOpen(centre, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-01-02"), null);
    db.inspectionClose(centre, clean, "未发现问题", LocalDate.parse("2024-01-05"));
    CreditScore s = db.creditScore(ORG_A, LocalDate.parse("2024-01-10"));
    assertEquals(102, s.getScore(), 0);
    assertEquals(1, s.getClean());
    assertEquals(0, s.getFindings());
    assertEquals(0, s.getRank());
    assertEquals(2, db.creditCompute(centre, LocalDate.parse("2024-01-10")));
    List<CreditScore> ranked = db.creditList(LocalDate.parse("2024-01-10")).toList();
    assertEquals(ORG_A, ranked.get(0).getCreditCode());
    assertEquals(1, ranked.get(0).getRank());
    assertEquals(ORG_B, ranked.get(1).getCreditCode());
    assertEquals(2, ranked.get(1).getRank());

    long ins = db.inspectionOpen(haidian, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-02-01"), null);
    final long fid = db.inspectionAddFinding(haidian, ins, "staff-ratio", FindingSeverity.MAJOR,
                                             "实操考评员不足", null, LocalDate.parse("2024-02-01"));
    assertEquals(90, db.creditScore(ORG_A, LocalDate.parse("2024-02-01")).getScore(), 0.001);
    assertEquals(96, db.creditScore(ORG_A, LocalDate.parse("2025-01-31")).getScore(), 0.01);
    db.creditCompute(centre, LocalDate.parse("2024-03-01"));
    assertEquals(102, scoreInList(LocalDate.parse("2024-01-10"), ORG_A).getScore(), 0);
    CreditScore later = scoreInList(LocalDate.parse("2024-03-01"), ORG_A);
    assertEquals(2, later.getRank());
    assertEquals(1, scoreInList(LocalDate.parse("2024-03-01"), ORG_B).getRank());

    // A new finding dated before a published list recomputes it.
    db.inspectionAddFinding(centre, ins, "disclosure", FindingSeverity.SERIOUS, "收费标准未公示",
                            null, LocalDate.parse("2024-02-20"));
    CreditScore after = scoreInList(LocalDate.parse("2024-03-01"), ORG_A);
    assertTrue("score " + after.getScore(), after.getScore() < later.getScore() - 25);
    assertEquals(2, after.getFindings());
    db.findingWithdraw(haidian, fid, "复核不成立", LocalDate.parse("2024-02-25"));
    assertTrue(scoreInList(LocalDate.parse("2024-03-01"), ORG_A).getScore() > after.getScore());

    List<String> dates = new ArrayList<String>();
    for (CreditScore h : db.creditHistory(ORG_A))
      dates.add(h.getAsOf() + "#" + h.getRank());
    assertEquals(Arrays.asList("2024-01-10#1", "2024-03-01#2"), dates);

    refused(DeniedException.class, () -> db.creditCompute(haidian, LocalDate.parse("2024-03-01")));
    try {
      db.creditList(LocalDate.parse("2023-01-01"));
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    try {
      db.creditHistory(ORG_C);
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }

    String xml = db.creditExportMemory(null);
    assertTrue(xml.contains("as-of=\"2024-03-01\""));
    assertTrue(xml.contains("credit-code=\"" + ORG_A + "\""));
    Report report = new Report();
    assertEquals(DocType.CREDIT, Skillcert.validateMemory(xml, "credit.xml", report));
    assertEquals(0, report.errorCount());
    File out = new File(tmp.getRoot(), "credit.xml");
    db.creditExportFile(out.getPath(), LocalDate.parse("2024-03-01"));
    assertEquals(xml, new String(Files.readAllBytes(out.toPath()), StandardCharsets.UTF_8));
  }

  // ---- period reports --------------------------------------------------------------------------

  @Test
  public void testPeriodReport() {
    long fid = findingOnA("falsified-records", FindingSeverity.SERIOUS);
    db.sanctionImpose(haidian, fid, SanctionKind.WARNING, null, "警告", LocalDate.parse("2024-05-02"));
    refused(ValidationException.class, () -> db.periodReport(LocalDate.parse("2024-12-31"), LocalDate.parse("2024-01-01")));
    PeriodReport r = db.periodReport(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-05-02"));
    try {
      assertEquals(LocalDate.parse("2024-01-01"), r.dateFrom());
      assertEquals(LocalDate.parse("2024-05-02"), r.dateTo());
      assertEquals(1, r.total(ReportSection.INSPECTIONS));
      assertEquals(1, r.total(ReportSection.FINDINGS));
      assertEquals(1, r.total(ReportSection.SANCTIONS));
      assertEquals(2, r.total(ReportSection.CREDIT));
      assertEquals(0, r.total(ReportSection.CERT_LEVEL));
      List<ReportRow> findings = r.rows(ReportSection.FINDINGS);
      assertEquals(1, findings.size());
      assertEquals("falsified-records", findings.get(0).getKey());
      assertEquals("弄虚作假", findings.get(0).getLabel());
      List<ReportRow> credit = r.rows(ReportSection.CREDIT);
      assertEquals(ORG_B, credit.get(0).getKey());
      assertEquals(100, credit.get(0).getValue(), 0);
      assertEquals(ORG_A, credit.get(1).getKey());
      assertEquals(60, credit.get(1).getValue(), 0);
      assertEquals(1, credit.get(1).getCount());
      try {
        r.row(ReportSection.FINDINGS, 1);
        fail();
      } catch (NotFoundException e) {
        assertEquals(Status.ENOTFOUND, e.getCode());
      }

      // The data a page is drawn from (the library renders no HTML: the CLI does).
      double creditSum = 0;
      for (ReportRow row : r.rows(ReportSection.CREDIT))
        creditSum += row.getValue();
      assertEquals("160.00", String.format(java.util.Locale.ROOT, "%.2f", creditSum));
      assertEquals(0, r.total(ReportSection.CERT_ORG));
      assertEquals("弄虚作假", r.rows(ReportSection.FINDINGS).get(0).getLabel());
      // The report outlives the registry.
      db.close();
      assertEquals(1, r.total(ReportSection.FINDINGS));
    } finally {
      r.delete();
    }
  }

  @Test
  public void testDefaultsOfTheCInterface() {
    long ins = db.inspectionOpen(haidian, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-05-01"));
    assertEquals("", db.inspectionGet(ins).getNote());
    long fid = db.inspectionAddFinding(haidian, ins, "venue", FindingSeverity.MAJOR, "场地",
                                       null, LocalDate.parse("2024-05-02"));
    db.sanctionImpose(haidian, fid, SanctionKind.WARNING, null, "警告", LocalDate.parse("2024-05-03"));
    assertEquals(1, db.inspections().toList().size());
    assertEquals(1, db.findings().toList().size());
    assertEquals(1, db.findings(ORG_A).toList().size());
    assertTrue(db.findings(ORG_B).toList().isEmpty());
    assertEquals(1, db.sanctions().toList().size());
    assertEquals(2, db.creditCompute(centre, LocalDate.parse("2024-06-01")));
    assertEquals(2, db.creditList().toList().size());
    assertTrue(db.creditExportMemory().contains("as-of=\"2024-06-01\""));
    PeriodReport r = db.periodReport(LocalDate.parse("2024-01-01"));
    try {
      assertEquals(1, r.total(ReportSection.FINDINGS));
      assertEquals(1, r.total(ReportSection.SANCTIONS));
    } finally {
      r.delete();
    }
  }

  // ---- argument errors and lifetimes ------------------------------------------------------------

  @Test
  public void testSupervisionArgumentErrors() {
    try {
      db.inspectionGet(99);
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    try {
      db.findingEntities(99);
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    try {
      db.sanctionGet(99);
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    try {
      db.creditScore(ORG_C, LocalDate.parse("2024-03-01"));
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
    db.close();
    try {
      db.inspections(null);
      fail();
    } catch (SkillcertException e) {
      assertEquals(Status.ERROR, e.getCode());
    }
  }

  @Test
  public void testInspectionIteratorClose() {
    for (LocalDate day : Arrays.asList(LocalDate.parse("2024-05-01"), LocalDate.parse("2024-05-02"), LocalDate.parse("2024-05-03")))
      db.inspectionOpen(centre, ORG_A, InspectionKind.ORG, null, day, null);
    InspectionIterator it = db.inspections(null);
    Inspection first = it.iterator().next();
    assertEquals(LocalDate.parse("2024-05-01"), first.getOpened());
    it.close();
    it.close();
    // Nothing more is read; a new walk gives what was read before (issue 13).
    java.util.Iterator<Inspection> again = it.iterator();
    assertEquals(LocalDate.parse("2024-05-01"), again.next().getOpened());
    assertFalse(again.hasNext());
    // An iterator keeps working after its Database is closed.
    InspectionIterator all = db.inspections(ORG_A);
    db.close();
    List<LocalDate> days = new ArrayList<LocalDate>();
    for (Inspection i : all)
      days.add(i.getOpened());
    assertEquals(Arrays.asList(LocalDate.parse("2024-05-01"), LocalDate.parse("2024-05-02"), LocalDate.parse("2024-05-03")), days);
    assertNotNull(first.toString());
  }

  // ---- sessions, venues and certificates (assessment and certificate bindings) ---------------

  static final String CRAFT1 = "S000011000001245900001";
  static final String CRAFT2 = "S000011000001245900002";

  private long venueA, venueB;
  private long[] apps;

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

  /** Examiners E01-E03 of ORG_A, supervisors S01 and E02, an inspected venue
   *  of each organization, candidates 1 and 2 (work in OCC since 2010) with
   *  applications for OCC level 4 to an announcement of ORG_A, confirmed by
   *  海淀区 (报名确认) on 2023-06-15 — only confirmed applicants enrol. */
  private void sessionsSetUp() {
    List<OfferingItem> q = OfferingItem.parse(OCC + ":1");
    for (String p : Arrays.asList("E01", "E02", "E03"))
      db.staffAdd(orgA, ORG_A, p, "考评员", StaffRole.EXAMINER, q, LocalDate.parse("2023-06-01"));
    db.staffAdd(orgA, ORG_A, "S01", "督导员", StaffRole.SUPERVISOR, q, LocalDate.parse("2023-06-01"));
    db.staffAdd(orgA, ORG_A, "E02", "考评员兼督导", StaffRole.SUPERVISOR, q, LocalDate.parse("2023-06-01"));
    venueA = db.venueRegister(orgA, ORG_A, "海淀考点", "北京市海淀区中关村大街1号", "110108", 3,
                              LocalDate.parse("2023-06-01"));
    db.venueInspect(haidian, venueA, true, "场地合格", LocalDate.parse("2023-06-05"));
    venueB = db.venueRegister(orgB, ORG_B, "西城考点", "北京市西城区金融街1号", "110102", 3,
                              LocalDate.parse("2023-06-01"));
    db.venueInspect(xicheng, venueB, true, null, LocalDate.parse("2023-06-05"));
    for (int n = 1; n <= 2; n++) {
      Candidate c = new Candidate(residentId(n), "考生" + n);
      c.addWork(OCC, LocalDate.parse("2010-01-01"));
      db.candidateSave(centre, c);
      c.delete();
    }
    db.eligibilityLoadDefaults(city);
    long ann = db.announcementPublish(orgA, ORG_A, "2023-01", "新职业技能等级认定公告",
                                      LocalDate.parse("2023-06-01"), LocalDate.parse("2026-05-01"), "四级 400 元",
                                      Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL,
                                      OfferingItem.parse(OCC + ":5,4"), LocalDate.parse("2023-06-01"));
    apps = new long[2];
    for (int n = 1; n <= 2; n++)
      apps[n - 1] = db.applicationApply(new Actor(ActorKind.CANDIDATE, residentId(n), "test"),
                                        ann, residentId(n), OCC, null, 4, LocalDate.parse("2023-06-10"));
    assertEquals(2, db.applicationVerifyBatch(orgA, apps, LocalDate.parse("2023-06-12")));
    db.applicationConfirmBatch(haidian, apps, LocalDate.parse("2023-06-15"));
  }

  /** A level-4 session of ORG_A with candidates 1 and 2, E01 and E02 on theory. */
  private long session(LocalDate date) {
    long s = db.sessionCreate(orgA, ORG_A, OCC, null, 4, Path.NORMAL, date, venueA, 1,
                              0);
    for (int n = 1; n <= 2; n++)
      db.sessionEnrol(orgA, s, residentId(n), null);
    for (String p : Arrays.asList("E01", "E02"))
      db.sessionStaffAdd(orgA, s, Component.THEORY, p);
    return s;
  }

  /** Candidates 1 and 2 pass a confirmed session and get published certificates. */
  private List<String> certify(LocalDate date) {
    long s = session(date);
    for (String p : Arrays.asList("E01", "E02", "E03"))
      db.sessionStaffAdd(orgA, s, Component.PRACTICAL, p);
    db.sessionConfirm(orgA, s, date);
    List<String> numbers = new ArrayList<String>();
    for (int n = 1; n <= 2; n++) {
      db.resultRecord(orgA, s, residentId(n), 80, 75, Skillcert.SCORE_NONE, date);
      String num = db.certificateReport(orgA, s, residentId(n), LocalDate.parse("2024-03-10"));
      db.certificateIssue(orgA, num, "sha256:photo", LocalDate.parse("2024-03-15"));
      db.certificatePublish(centre, num, LocalDate.parse("2024-04-01"));
      numbers.add(num);
    }
    // The passes completed the applications they were enrolled on.
    for (long a : apps)
      assertEquals(ApplicationState.COMPLETED, db.applicationGet(a).getState());
    return numbers;
  }

  /** Two certificates of ORG_A outside its scope, written with plain SQL as
   *  check_supervision.c does (the library would refuse them). */
  private void craftOutOfScope() {
    Sqlite.run(file,
        "INSERT INTO cert_context (org_id, org_name, district, occupation, occupation_name, "
        + "work_type, level) SELECT id, name, district, '4-04-05-04', (SELECT name FROM "
        + "occupation WHERE code = '4-04-05-04'), '', 5 FROM org WHERE credit_code = '" + ORG_A
        + "'; INSERT INTO certificate (number, holder, id_number, status, issued, context) VALUES "
        + "('" + CRAFT1 + "', '冒名甲', '110105198001011238', 3, '2024-05-01', last_insert_rowid()),"
        + "('" + CRAFT2 + "', '冒名乙', '11010519491231002X', 3, '2024-05-02', last_insert_rowid());"
        + "INSERT INTO certificate_record (number, id_number, certified, published) VALUES "
        + "('" + CRAFT1 + "', '110105198001011238', '2024-05-01', '2024-05-03'),"
        + "('" + CRAFT2 + "', '11010519491231002X', '2024-05-02', '2024-05-03');");
  }

  @Test
  public void testInternalSupervision() {
    sessionsSetUp();
    final long s = session(LocalDate.parse("2024-03-01"));
    refused(ConstraintException.class, () -> db.supervisionAssign(orgA, s, "E02"));
    refused(NotFoundException.class, () -> db.supervisionAssign(orgA, s, "E09"));
    refused(DeniedException.class, () -> db.supervisionAssign(orgB, s, "S01"));
    refused(DeniedException.class, () -> db.supervisionAssign(haidian, s, "S01"));
    db.supervisionAssign(orgA, s, "S01");
    refused(ExistsException.class, () -> db.supervisionAssign(orgA, s, "S01"));
    refused(ConstraintException.class, () ->
        db.supervisionRecord(orgA, s, "E02", "考场纪律", null, LocalDate.parse("2024-03-01")));
    refused(ValidationException.class, () ->
        db.supervisionRecord(orgA, s, "S01", "", null, LocalDate.parse("2024-03-01")));
    long rid = db.supervisionRecord(orgA, s, "S01", "考场纪律、身份核验、试卷保密",
                                    "一名考生迟到，已按规定处理", LocalDate.parse("2024-03-01"));
    assertTrue(rid > 0);
    List<Supervision> records;
    try (SupervisionIterator it = db.supervisions(s)) {
      records = it.toList();
    }
    assertEquals(1, records.size());
    Supervision r = records.get(0);
    assertEquals(rid, r.getId());
    assertEquals(s, r.getSessionId());
    assertEquals(ORG_A, r.getCreditCode());
    assertEquals("S01", r.getPersonId());
    assertEquals("督导员", r.getName());
    assertEquals(LocalDate.parse("2024-03-01"), r.getDate());
    assertEquals("一名考生迟到，已按规定处理", r.getFindings());
    try {
      db.supervisions(999);
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
  }

  @Test
  public void testInspectionOfSessionAndVenue() {
    sessionsSetUp();
    final long s = session(LocalDate.parse("2024-03-01"));
    refused(ConstraintException.class, () -> db.inspectionOpen(haidian, ORG_A,
        InspectionKind.VENUE, Long.toString(venueB), LocalDate.parse("2024-05-01"), null));
    refused(DeniedException.class, () -> db.inspectionOpen(xicheng, ORG_A,
        InspectionKind.SESSION, Long.toString(s), LocalDate.parse("2024-05-01"), null));
    final long bySession = db.inspectionOpen(haidian, ORG_A, InspectionKind.SESSION,
                                             Long.toString(s), LocalDate.parse("2024-03-01"), "考场巡查");
    final long byVenue = db.inspectionOpen(centre, ORG_A, InspectionKind.VENUE,
                                           Long.toString(venueA), LocalDate.parse("2024-05-01"), null);
    assertEquals(Long.toString(s), db.inspectionGet(bySession).getTarget());
    refused(ConstraintException.class, () -> db.inspectionAddFinding(centre, byVenue, "venue",
        FindingSeverity.MINOR, "x", Arrays.asList("venue:" + venueB), LocalDate.parse("2024-05-02")));
    List<String> refs = Arrays.asList("venue:" + venueA, "session:" + s, "staff:E01");
    long fid = db.inspectionAddFinding(centre, byVenue, "venue", FindingSeverity.MINOR,
                                       "消防通道堆放杂物", refs, LocalDate.parse("2024-05-02"));
    assertEquals(refs, db.findingEntities(fid));
    refused(ConstraintException.class, () ->
        db.inspectionScanCertificates(haidian, bySession, LocalDate.parse("2024-05-05")));
  }

  @Test
  public void testCertificateScanRevokeAndExit() {
    sessionsSetUp();
    List<String> good = certify(LocalDate.parse("2024-03-01"));
    craftOutOfScope();
    assertEquals(VerifyStatus.VALID, db.certificateVerify(CRAFT1, "冒名甲", null).getStatus());

    final long ins = db.inspectionOpen(centre, ORG_A, InspectionKind.ORG, null, LocalDate.parse("2024-05-20"),
                                       "证书专项抽查");
    refused(DeniedException.class, () -> db.inspectionScanCertificates(chaoyang, ins,
                                                                       LocalDate.parse("2024-05-20")));
    ScanResult found = db.inspectionScanCertificates(centre, ins, LocalDate.parse("2024-05-20"));
    assertEquals(1, found.getFindings());
    assertEquals(2, found.getCertificates());
    List<Finding> findings = db.findings(ORG_A, ins).toList();
    assertEquals(1, findings.size());
    final Finding f = findings.get(0);
    assertEquals("out-of-scope", f.getCategory());
    assertEquals(FindingSeverity.SERIOUS, f.getSeverity());
    assertTrue(f.getEvidence(), f.getEvidence().contains("2 of 4"));
    assertEquals(Arrays.asList("certificate:" + CRAFT1, "certificate:" + CRAFT2),
                 db.findingEntities(f.getId()));

    refused(DeniedException.class, () -> db.findingRevokeCertificates(haidian, f.getId(),
                                                                      LocalDate.parse("2024-06-10")));
    db.sanctionImpose(centre, f.getId(), SanctionKind.EXIT, null, "超范围开展认定",
                      LocalDate.parse("2024-06-10"));
    assertEquals(Reason.ORG_EXITED,
                 db.mayCertify(ORG_A, OCC, null, 4, LocalDate.parse("2024-06-10")).getReason());
    assertEquals(2, db.findingRevokeCertificates(centre, f.getId(), LocalDate.parse("2024-06-10")));
    for (int n = 1; n <= 2; n++)
      assertEquals(VerifyStatus.VALID,
                   db.certificateVerify(good.get(n - 1), "考生" + n, null).getStatus());
    assertEquals(VerifyStatus.REVOKED, db.certificateVerify(CRAFT1, "冒名甲", null).getStatus());
    assertEquals(VerifyStatus.REVOKED, db.certificateVerify(CRAFT2, "冒名乙", null).getStatus());
    String reason = db.certificateGet(CRAFT2).getRevokeReason();
    assertTrue(reason, reason.contains("out-of-scope") && reason.contains("finding"));

    PeriodReport r = db.periodReport(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-04-30"));
    try {
      assertEquals(2, r.total(ReportSection.CERT_LEVEL));
      assertEquals("四级/中级工", r.rows(ReportSection.CERT_LEVEL).get(0).getLabel());
      assertEquals(1, r.count(ReportSection.CERT_LEVEL));
    } finally {
      r.delete();
    }
  }
}
