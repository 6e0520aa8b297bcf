package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.FilingKind;
import org.skillcert.FilingStatus;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.Reason;
import org.skillcert.StaffRole;
import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.ConstraintException;
import org.skillcert.CreditCodeResult;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.District;
import org.skillcert.DistrictIterator;
import org.skillcert.Filing;
import org.skillcert.FilingStep;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Offerings;
import org.skillcert.Org;
import org.skillcert.OrgIterator;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.Staff;
import org.skillcert.ValidationException;
import org.skillcert.Verdict;

/** Organizations through the Java binding (mirrors check_org.c). */
public class TestOrg {
  static final String ORG_A = "91110108MA01ABCD2H"; // 海淀区, enterprise
  static final String ORG_B = "52110102MJ00123450"; // 西城区, social group
  static final String ORG_C = "91110105MA01CHY00K"; // never registered

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  private File file;
  private Database db;
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor xicheng = new Actor(ActorKind.DISTRICT, "110102", "test");
  private final Actor orgA = new Actor(ActorKind.ORGANIZATION, ORG_A, "test");
  private final Actor orgB = new Actor(ActorKind.ORGANIZATION, ORG_B, "test");

  static List<OfferingItem> scope() {
    List<OfferingItem> s = new ArrayList<OfferingItem>();
    s.addAll(OfferingItem.parse("4-04-05-05/数据标注员:5,4,3"));
    s.addAll(OfferingItem.parse("4-02-07-10:5,4"));
    return s;
  }

  @Before
  public void open() throws Exception {
    file = new File(tmp.getRoot(), "registry.db");
    db = new Database(file.getPath());
    db.loadNotice(city);
  }

  @After
  public void close() {
    db.close();
  }

  /** Organization A through the path up to filing status upto. */
  private void walkA(FilingStatus upto) {
    db.orgRegister(orgA, ORG_A, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                   LocalDate.parse("2023-01-05"));
    if (upto.compareTo(FilingStatus.APPLIED) < 0) return;
    db.orgApply(orgA, ORG_A, scope(), LocalDate.parse("2023-02-01"));
    if (upto.compareTo(FilingStatus.RECOMMENDED) < 0) return;
    db.orgRecommend(haidian, ORG_A, LocalDate.parse("2023-02-10"), "材料齐全");
    if (upto.compareTo(FilingStatus.EVALUATED) < 0) return;
    db.orgEvaluate(centre, ORG_A, LocalDate.parse("2023-03-01"));
    if (upto.compareTo(FilingStatus.NOTICED) < 0) return;
    db.orgNotice(centre, ORG_A, LocalDate.parse("2023-03-10"));
    if (upto.compareTo(FilingStatus.FILED) < 0) return;
    db.orgFile(centre, ORG_A, LocalDate.parse("2023-05-10"));
    if (upto.compareTo(FilingStatus.ACTIVE) < 0) return;
    db.orgCommit(orgA, ORG_A, LocalDate.parse("2023-05-12"));
  }

  /** A refused change: the exception and an unchanged registry file. */
  private <T extends SkillcertException> T refused(Class<T> expected, Runnable call) {
    String before = Sqlite.dump(file);
    try {
      call.run();
    } catch (SkillcertException e) {
      assertEquals(expected, e.getClass());
      assertEquals(before, Sqlite.dump(file));
      return expected.cast(e);
    }
    fail("not refused");
    return null;
  }

  @Test
  public void testOrgCreditCodeValid() {
    CreditCodeResult r = Skillcert.creditCodeValidate("91350100M000100Y43", 0);
    assertTrue(r.isValid());
    assertEquals("91350100M000100Y43", r.getCode());
    assertEquals("3", r.getExpectedCheck());
    assertEquals("", r.getMessage());
    r = Skillcert.creditCodeValidate("91350100M000100Y44", 0);
    assertFalse(r.isValid());
    assertTrue(r.getMessage().contains("check character"));
    r = Skillcert.creditCodeValidate("91350100M0001TGQXM", Skillcert.CREDIT_CODE_ALLOW_LEGACY);
    assertTrue(r.isValid());
    assertEquals(1, r.getLegacy());
    assertEquals("H", Skillcert.creditCodeCheckChar("91110108MA01ABCD2"));
    try {
      Skillcert.creditCodeValidate("91350100M000100Y43", 0x80);
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
  }

  @Test
  public void testOrgDistricts() {
    List<String> codes = new ArrayList<String>();
    try (DistrictIterator it = db.districts()) {
      for (District d : it)
        codes.add(d.getCode());
    }
    assertEquals(17, codes.size());
    assertEquals(Skillcert.DISTRICT_BDA, codes.get(16));
    District d = db.districtLookup("海淀区");
    assertEquals("110108", d.getCode());
    assertEquals("海淀区人力资源和社会保障局", d.getBureau());
    assertEquals("110118", db.districtLookup(" 110228 ").getCode());
    try {
      db.districtLookup("310101");
      fail();
    } catch (NotFoundException e) {
      assertEquals(Status.ENOTFOUND, e.getCode());
    }
  }

  @Test
  public void testOrgFilingPath() {
    walkA(FilingStatus.NONE);
    long audit0 = db.auditEntries().toList().size();
    db.orgApply(orgA, ORG_A, scope(), LocalDate.parse("2023-02-01"));
    assertEquals(audit0 + 1, db.auditEntries().toList().size());
    assertEquals(FilingStatus.APPLIED, db.orgGet(ORG_A, LocalDate.parse("2023-02-01")).getStatus());
    db.orgRecommend(haidian, ORG_A, LocalDate.parse("2023-02-10"), "材料齐全");
    db.orgEvaluate(centre, ORG_A, null, Skillcert.EVAL_ALL, LocalDate.parse("2023-03-01"), "专家论证通过");
    db.orgNotice(centre, ORG_A, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, ORG_A, LocalDate.parse("2023-05-10"));
    Org o = db.orgGet(ORG_A, LocalDate.parse("2023-05-11"));
    assertEquals(FilingStatus.FILED, o.getStatus());
    assertEquals("BJ-2023-0001", o.getReceipt());
    assertEquals(LocalDate.parse("2026-05-09"), o.getValidUntil());
    Verdict v = db.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2023-05-11"));
    assertFalse(v.isOk());
    assertEquals(Reason.ORG_NOT_COMMITTED, v.getReason());

    db.orgCommit(orgA, ORG_A, LocalDate.parse("2023-05-12"));
    assertEquals(FilingStatus.ACTIVE, db.orgGet(ORG_A, LocalDate.parse("2023-06-01")).getStatus());
    v = db.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2023-06-01"), "110105", Path.NORMAL);
    assertTrue(v.isOk());
    assertEquals("", v.getMessage());
    assertTrue(db.mayCertify(ORG_A, "4—04—05—05", "数据标注员", 3, LocalDate.parse("2026-05-09")).isOk());

    List<Filing> filings = db.filings(ORG_A).toList();
    assertEquals(1, filings.size());
    Filing f = filings.get(0);
    assertEquals(FilingKind.INITIAL, f.getKind());
    assertEquals(Skillcert.EVAL_ALL, f.getMethods());
    List<LocalDate> dates = new ArrayList<LocalDate>();
    List<FilingStep> steps = db.filingSteps(f.getId()).toList();
    for (FilingStep s : steps)
      dates.add(s.getDate());
    assertEquals(Arrays.asList(LocalDate.parse("2023-02-01"), LocalDate.parse("2023-02-10"), LocalDate.parse("2023-03-01"), LocalDate.parse("2023-03-10"),
                               LocalDate.parse("2023-05-10"), LocalDate.parse("2023-05-12")), dates);
    assertEquals("district:110108 (test)", steps.get(1).getActor());
    assertEquals("材料齐全", steps.get(1).getNote());

    List<OfferingItem> granted = db.orgScope(ORG_A, LocalDate.parse("2023-06-01"));
    assertEquals(5, granted.size());
    assertEquals(new OfferingItem("4-02-07-10", null, 5), granted.get(0));
    assertTrue(granted.contains(new OfferingItem("4-04-05-05", "数据标注员", 3)));
    assertEquals(5, db.filingScope(f.getId()).size());
    assertTrue(db.orgScope(ORG_A, LocalDate.parse("2026-05-10")).isEmpty());
  }

  @Test
  public void testOrgWorkflowRefusals() {
    walkA(FilingStatus.APPLIED);
    DeniedException e = refused(DeniedException.class,
        () -> db.orgRecommend(xicheng, ORG_A, LocalDate.parse("2023-02-10")));
    assertEquals(Status.EDENIED, e.getCode());
    assertTrue(e.getMessage().contains("110108"));
    refused(DeniedException.class, () -> db.orgRecommend(centre, ORG_A, LocalDate.parse("2023-02-10")));
    refused(DeniedException.class, () -> db.orgApply(orgA, ORG_B, scope(), LocalDate.parse("2023-02-01")));
    refused(NotFoundException.class, () -> db.orgRecommend(haidian, ORG_C, LocalDate.parse("2023-02-10")));
    refused(ConstraintException.class, () -> db.orgNotice(centre, ORG_A, LocalDate.parse("2023-03-10")));
    refused(ConstraintException.class, () -> db.orgApply(orgA, ORG_A, scope(), LocalDate.parse("2023-02-02")));
    refused(ConstraintException.class, () -> db.orgRecommend(haidian, ORG_A, LocalDate.parse("2023-01-31")));
    // A malformed offering is refused before the call.
    refused(ValidationException.class, () -> db.orgApply(orgA, ORG_A,
        Arrays.asList(new OfferingItem("4-02-07-10", null, 9)), LocalDate.parse("2023-02-01")));
    refused(ValidationException.class, () -> db.orgApply(orgA, ORG_A, null, LocalDate.parse("2023-02-01")));
  }

  @Test
  public void testOrgReject() {
    walkA(FilingStatus.APPLIED);
    refused(DeniedException.class, () -> db.orgReject(centre, ORG_A, "材料不全", LocalDate.parse("2023-02-05")));
    db.orgReject(haidian, ORG_A, "材料不全", LocalDate.parse("2023-02-05"));
    Org o = db.orgGet(ORG_A, LocalDate.parse("2023-02-06"));
    assertEquals(FilingStatus.REJECTED, o.getStatus());
    assertEquals("材料不全", o.getReason());
    assertEquals(Reason.ORG_NOT_FILED,
                 db.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2023-06-01")).getReason());
  }

  @Test
  public void testOrgDirectoryAndExit() {
    walkA(FilingStatus.ACTIVE);
    db.orgRegister(orgB, ORG_B, "北京数字社会团体", OrgKind.SOCIAL_GROUP, "110102",
                   LocalDate.parse("2023-01-05"));
    try (OrgIterator it = db.directory(LocalDate.parse("2023-05-09"))) {
      assertFalse(it.iterator().hasNext());
    }
    List<Org> listed = db.directory(LocalDate.parse("2023-05-10")).toList();
    assertEquals(1, listed.size());
    assertEquals(ORG_A, listed.get(0).getCreditCode());
    assertEquals(2, db.organizations(null, LocalDate.parse("2026-05-10")).toList().size());
    db.orgExit(city, ORG_A, "违规", LocalDate.parse("2024-01-01"));
    assertEquals(FilingStatus.EXITED, db.orgGet(ORG_A, LocalDate.parse("2024-01-01")).getStatus());
    assertEquals(Reason.ORG_EXITED,
                 db.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2024-01-01")).getReason());
    assertTrue(db.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2023-12-31")).isOk());
  }

  @Test
  public void testOrgStaffAndSpecialRules() {
    walkA(FilingStatus.ACTIVE);
    db.staffAdd(orgA, ORG_A, "E001", "李考评", StaffRole.EXAMINER,
                OfferingItem.parse("4-02-07-10:5,4"), LocalDate.parse("2023-05-15"));
    refused(DeniedException.class, () -> db.staffAdd(orgB, ORG_A, "E002", "某人",
        StaffRole.EXAMINER, OfferingItem.parse("4-02-07-10:5"), LocalDate.parse("2023-05-15")));
    List<Staff> staff = db.staff(ORG_A).toList();
    assertEquals(1, staff.size());
    assertEquals("李考评", staff.get(0).getName());
    assertEquals(2, db.staffQualifications(ORG_A, "E001", StaffRole.EXAMINER).size());

    Path p = Path.EXCEPTIONAL;
    db.rulesSubmit(orgA, ORG_A, p, "https://example.org/pg", LocalDate.parse("2023-06-01"));
    db.rulesConfirm(haidian, ORG_A, p, LocalDate.parse("2023-06-05"));
    db.rulesConfirm(city, ORG_A, p, LocalDate.parse("2023-06-10"));
    assertEquals(LocalDate.parse("2023-06-10"), db.rulesGet(ORG_A, p).getCityConfirmed());
    assertEquals(Skillcert.CONFIRMED_EXCEPTIONAL, db.rulesConfirmed(ORG_A, LocalDate.parse("2023-06-10")));
    assertTrue(db.mayCertify(ORG_A, "4-04-05-05", "数据标注员", 3, LocalDate.parse("2023-06-10"), null, p).isOk());
  }

  @Test
  public void testOrgOfferings() {
    Offerings s = new Offerings();
    s.addText("4-04-05-04/建筑工程:3,2");
    s.add("4—02—07—10", null, 5);
    assertEquals(Arrays.asList(new OfferingItem("4-04-05-04", "建筑工程", 3),
                               new OfferingItem("4-04-05-04", "建筑工程", 2),
                               new OfferingItem("4-02-07-10", null, 5)), s.toList());
    try {
      s.addText("4-02-07-10:6");
      fail();
    } catch (ValidationException e) {
      assertEquals(3, s.count());
    }
    s.delete();
    try {
      s.count();
      fail();
    } catch (NullPointerException e) {
      // a deleted object is refused
    }
  }

  @Test
  public void testOrgIteratorKeepsDatabaseAlive() {
    Database other = new Database(file.getPath());
    DistrictIterator it = other.districts();
    other = null;
    System.gc();
    int n = 0;
    for (District d : it)
      n++;
    assertEquals(17, n);
    assertNull(it.nextItem());
    it.close();
  }
}
