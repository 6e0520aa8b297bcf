package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.ApplicationState;
import org.skillcert.CertKind;
import org.skillcert.Component;
import org.skillcert.FilingStatus;
import org.skillcert.FindingSeverity;
import org.skillcert.InspectionKind;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.SanctionKind;
import org.skillcert.StaffRole;
import org.skillcert.VerifyStatus;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.Application;
import org.skillcert.ApplicationIterator;
import org.skillcert.Candidate;
import org.skillcert.Certificate;
import org.skillcert.CertificateIterator;
import org.skillcert.CreditScore;
import org.skillcert.CreditScoreIterator;
import org.skillcert.Database;
import org.skillcert.OfferingItem;
import org.skillcert.Result;
import org.skillcert.ResultIterator;
import org.skillcert.Skillcert;

/** A whole certification season through the Java binding (examples/demo_season.c):
 *  filing, announcement, applications verified and confirmed, a session held,
 *  results, certificates reported, issued, published, verified and one revoked,
 *  a spot check with a finding, a sanction and the credit ranking. Uses
 *  enums (also by name: ActorKind.fromName("city-centre")), LocalDate both
 *  ways, try-with-resources, Lists and result sets walked twice (issue 13). */
public class TestSeason {
  static final String ORG = "91110108MA01ABCD2H";
  static final String OCC = "4-04-05-05";
  static final String WT = "数据标注员";
  static final String[][] PEOPLE = {
    {"11010519491231002X", "张三"},
    {"110108199003070315", "李四"},
    {"110105198805120026", "王五"},
  };
  /** When each got level 5; 王五's is too recent for level 4. */
  static final LocalDate[] LEVEL5 = {
    LocalDate.of(2019, 3, 1), LocalDate.of(2019, 1, 15), LocalDate.of(2021, 9, 1),
  };

  @Test
  public void testWholeSeason() {
    Actor bureau = new Actor(ActorKind.CITY_BUREAU, null, "市人社局");
    Actor centre = new Actor(ActorKind.fromName("city-centre"), null, "市职业技能鉴定管理中心");
    assertEquals(ActorKind.CITY_CENTRE, centre.getKind());
    assertEquals("city-centre", centre.getKind().label());
    Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "海淀区人社局");
    Actor org = new Actor(ActorKind.ORGANIZATION, ORG, "北京智训科技有限公司");
    List<OfferingItem> scope = OfferingItem.parse(OCC + "/" + WT + ":5,4,3,2,1");
    List<OfferingItem> qualified = OfferingItem.parse(OCC + "/" + WT + ":1");

    try (Database db = new Database()) {
      db.loadNotice(bureau);
      db.eligibilityLoadDefaults(bureau);
      db.orgRegister(org, ORG, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                     LocalDate.parse("2023-01-05"));
      db.orgApply(org, ORG, scope, LocalDate.parse("2023-02-01"));
      db.orgRecommend(haidian, ORG, LocalDate.parse("2023-02-10"));
      db.orgEvaluate(centre, ORG, LocalDate.parse("2023-03-01"));
      db.orgNotice(centre, ORG, LocalDate.parse("2023-03-10"));
      db.orgFile(centre, ORG, LocalDate.parse("2023-05-10"));
      db.orgCommit(org, ORG, LocalDate.parse("2023-05-12"));
      assertEquals(FilingStatus.ACTIVE, db.orgGet(ORG, LocalDate.parse("2023-06-01")).getStatus());
      for (int i = 1; i <= 5; i++)
        db.staffAdd(org, ORG, "E0" + i, "考评员", StaffRole.EXAMINER, qualified,
                    LocalDate.parse("2023-06-01"));
      long venue = db.venueRegister(org, ORG, "中关村考点", "北京市海淀区中关村大街1号", "110108", 3,
                                    LocalDate.parse("2023-06-01"));
      db.venueInspect(haidian, venue, true, "场地合格", LocalDate.parse("2023-06-05"));

      long ann = db.announcementPublish(org, ORG, "ZX-2023-02", "新职业技能等级认定工作实施方案",
                                        LocalDate.parse("2023-06-01"), LocalDate.parse("2023-06-30"), "四级 400 元",
                                        Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL,
                                        OfferingItem.parse(OCC + "/" + WT + ":4"), LocalDate.parse("2023-05-20"));
      long[] ids = new long[PEOPLE.length];
      for (int i = 0; i < PEOPLE.length; i++) {
        Candidate c = new Candidate(PEOPLE[i][0], PEOPLE[i][1]);
        c.addWork(OCC, LocalDate.parse("2018-01-01"));
        c.addCertificate(CertKind.fromName("skill-level"), OCC, WT, 5, LEVEL5[i]);
        db.candidateSave(centre, c);
        ids[i] = db.applicationApply(new Actor(ActorKind.CANDIDATE, PEOPLE[i][0],
                                               PEOPLE[i][1]),
                                     ann, PEOPLE[i][0], OCC, WT, 4, Path.NORMAL, null,
                                     LocalDate.parse("2023-06-05"));
      }
      assertEquals(2, db.applicationVerifyBatch(org, ids, LocalDate.parse("2023-06-08")));
      try (ApplicationIterator apps = db.applications()) {
        List<ApplicationState> first = new ArrayList<ApplicationState>();
        for (Application a : apps)
          first.add(a.getState());
        List<ApplicationState> second = new ArrayList<ApplicationState>();
        for (Application a : apps)       // walked again
          second.add(a.getState());
        assertEquals(first, second);
        assertEquals(Arrays.asList(ApplicationState.VERIFIED, ApplicationState.VERIFIED,
                                   ApplicationState.REJECTED), first);
      }
      db.applicationConfirmBatch(haidian, Arrays.copyOf(ids, 2), LocalDate.parse("2023-06-09"));

      long s = db.sessionCreate(org, ORG, OCC, WT, 4, Path.NORMAL, LocalDate.parse("2023-07-15"), venue,
                                1, 0);
      for (int i = 0; i < 2; i++)
        db.sessionEnrol(org, s, PEOPLE[i][0]);
      for (String p : new String[] {"E01", "E02"})
        db.sessionStaffAdd(org, s, Component.THEORY, p);
      for (String p : new String[] {"E03", "E04", "E05"})
        db.sessionStaffAdd(org, s, Component.PRACTICAL, p);
      assertTrue(db.sessionCheck(s).isOk());
      db.sessionConfirm(org, s, LocalDate.parse("2023-07-10"));
      db.resultRecord(org, s, PEOPLE[0][0], 86, 90, Skillcert.SCORE_NONE, LocalDate.parse("2023-07-15"));
      db.resultRecord(org, s, PEOPLE[1][0], 75, 72, Skillcert.SCORE_NONE, LocalDate.parse("2023-07-15"));
      try (ResultIterator results = db.results(s)) {
        List<Result> list = results.toList();
        assertEquals(2, list.size());
        int n = 0;
        for (Result r : results)          // walked again after toList()
          n++;
        assertEquals(2, n);
      }

      List<String> numbers = new ArrayList<String>();
      for (int i = 0; i < 2; i++)
        numbers.add(db.certificateReport(org, s, PEOPLE[i][0], LocalDate.parse("2023-07-20")));
      for (String number : numbers) {
        db.certificateIssue(org, number, "sha256:photo", LocalDate.parse("2023-07-25"));
        db.certificatePublish(centre, number, LocalDate.parse("2023-08-01"));
      }
      assertEquals(VerifyStatus.VALID, db.certificateVerify(numbers.get(0), "张三").getStatus());
      Certificate issued = db.certificateGet(numbers.get(0));
      assertEquals(LocalDate.of(2023, 7, 25), issued.getIssued());
      assertEquals(null, issued.getRevoked());
      assertEquals(VerifyStatus.NAME_MISMATCH,
                   db.certificateVerify(numbers.get(0), "李四").getStatus());
      db.certificateRevoke(org, numbers.get(1), "材料不实", LocalDate.parse("2023-09-01"));
      assertEquals(VerifyStatus.REVOKED, db.certificateVerify(numbers.get(1), "李四").getStatus());
      try (CertificateIterator certs = db.certificates()) {
        List<String> seen = new ArrayList<String>();
        for (Certificate c : certs)
          seen.add(c.getNumber());
        Collections.sort(seen);
        List<String> expected = new ArrayList<String>(numbers);
        Collections.sort(expected);
        assertEquals(expected, seen);
      }

      long ins = db.inspectionOpen(centre, ORG, InspectionKind.ORG, null, LocalDate.parse("2023-10-09"), null);
      long finding = db.inspectionAddFinding(centre, ins, "disclosure", FindingSeverity.MINOR,
                                             "收费标准未公示", Collections.singletonList("org:" + ORG),
                                             LocalDate.parse("2023-10-09"));
      assertEquals(FindingSeverity.MINOR, db.findingGet(finding).getSeverity());
      db.sanctionImpose(centre, finding, SanctionKind.WARNING, null, "未公示收费标准",
                        LocalDate.parse("2023-10-10"));
      assertTrue(db.creditCompute(centre, LocalDate.parse("2023-12-31")) >= 1);
      try (CreditScoreIterator ranked = db.creditList(LocalDate.parse("2023-12-31"))) {
        List<String> codes = new ArrayList<String>();
        for (CreditScore c : ranked)
          codes.add(c.getCreditCode());
        assertEquals(Collections.singletonList(ORG), codes);
      }
      assertTrue(db.auditVerify().isOk());
    }
  }
}
