package org.skillcert.test;

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
 *  try-with-resources, Lists and result sets walked twice (issue 13). */
public class TestSeason {
  static final String ORG = "91110108MA01ABCD2H";
  static final String OCC = "4-04-05-05";
  static final String WT = "数据标注员";
  static final String[][] PEOPLE = {
    {"11010519491231002X", "张三", "2019-03-01"},
    {"110108199003070315", "李四", "2019-01-15"},
    {"110105198805120026", "王五", "2021-09-01"},   // level 5 for too short
  };

  @Test
  public void testWholeSeason() {
    Actor bureau = new Actor(Skillcert.ACTOR_CITY_BUREAU, null, "市人社局");
    Actor centre = new Actor(Skillcert.ACTOR_CITY_CENTRE, null, "市职业技能鉴定管理中心");
    Actor haidian = new Actor(Skillcert.ACTOR_DISTRICT, "110108", "海淀区人社局");
    Actor org = new Actor(Skillcert.ACTOR_ORGANIZATION, ORG, "北京智训科技有限公司");
    List<OfferingItem> scope = OfferingItem.parse(OCC + "/" + WT + ":5,4,3,2,1");
    List<OfferingItem> qualified = OfferingItem.parse(OCC + "/" + WT + ":1");

    try (Database db = new Database()) {
      db.loadNotice(bureau);
      db.eligibilityLoadDefaults(bureau);
      db.orgRegister(org, ORG, "北京智训科技有限公司", Skillcert.ORG_ENTERPRISE, "110108",
                     "2023-01-05");
      db.orgApply(org, ORG, scope, "2023-02-01");
      db.orgRecommend(haidian, ORG, "2023-02-10");
      db.orgEvaluate(centre, ORG, "2023-03-01");
      db.orgNotice(centre, ORG, "2023-03-10");
      db.orgFile(centre, ORG, "2023-05-10");
      db.orgCommit(org, ORG, "2023-05-12");
      assertEquals(Skillcert.FILING_ACTIVE, db.orgGet(ORG, "2023-06-01").getStatus());
      for (int i = 1; i <= 5; i++)
        db.staffAdd(org, ORG, "E0" + i, "考评员", Skillcert.STAFF_EXAMINER, qualified,
                    "2023-06-01");
      long venue = db.venueRegister(org, ORG, "中关村考点", "北京市海淀区中关村大街1号", "110108", 3,
                                    "2023-06-01");
      db.venueInspect(haidian, venue, true, "场地合格", "2023-06-05");

      long ann = db.announcementPublish(org, ORG, "ZX-2023-02", "新职业技能等级认定工作实施方案",
                                        "2023-06-01", "2023-06-30", "四级 400 元",
                                        Skillcert.METHOD_THEORY | Skillcert.METHOD_PRACTICAL,
                                        OfferingItem.parse(OCC + "/" + WT + ":4"), "2023-05-20");
      long[] ids = new long[PEOPLE.length];
      for (int i = 0; i < PEOPLE.length; i++) {
        Candidate c = new Candidate(PEOPLE[i][0], PEOPLE[i][1]);
        c.addWork(OCC, "2018-01-01");
        c.addCertificate(Skillcert.CERT_KIND_SKILL_LEVEL, OCC, WT, 5, PEOPLE[i][2]);
        db.candidateSave(centre, c);
        ids[i] = db.applicationApply(new Actor(Skillcert.ACTOR_CANDIDATE, PEOPLE[i][0],
                                               PEOPLE[i][1]),
                                     ann, PEOPLE[i][0], OCC, WT, 4, Skillcert.PATH_NORMAL, null,
                                     "2023-06-05");
      }
      assertEquals(2, db.applicationVerifyBatch(org, ids, "2023-06-08"));
      try (ApplicationIterator apps = db.applications()) {
        List<Integer> first = new ArrayList<Integer>();
        for (Application a : apps)
          first.add(a.getState());
        List<Integer> second = new ArrayList<Integer>();
        for (Application a : apps)       // walked again
          second.add(a.getState());
        assertEquals(first, second);
        assertEquals(Arrays.asList(Skillcert.APPLICATION_VERIFIED, Skillcert.APPLICATION_VERIFIED,
                                   Skillcert.APPLICATION_REJECTED), first);
      }
      db.applicationConfirmBatch(haidian, Arrays.copyOf(ids, 2), "2023-06-09");

      long s = db.sessionCreate(org, ORG, OCC, WT, 4, Skillcert.PATH_NORMAL, "2023-07-15", venue,
                                1, 0);
      for (int i = 0; i < 2; i++)
        db.sessionEnrol(org, s, PEOPLE[i][0]);
      for (String p : new String[] {"E01", "E02"})
        db.sessionStaffAdd(org, s, Skillcert.COMPONENT_THEORY, p);
      for (String p : new String[] {"E03", "E04", "E05"})
        db.sessionStaffAdd(org, s, Skillcert.COMPONENT_PRACTICAL, p);
      assertTrue(db.sessionCheck(s).isOk());
      db.sessionConfirm(org, s, "2023-07-10");
      db.resultRecord(org, s, PEOPLE[0][0], 86, 90, Skillcert.SCORE_NONE, "2023-07-15");
      db.resultRecord(org, s, PEOPLE[1][0], 75, 72, Skillcert.SCORE_NONE, "2023-07-15");
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
        numbers.add(db.certificateReport(org, s, PEOPLE[i][0], "2023-07-20"));
      for (String number : numbers) {
        db.certificateIssue(org, number, "sha256:photo", "2023-07-25");
        db.certificatePublish(centre, number, "2023-08-01");
      }
      assertEquals(Skillcert.VERIFY_VALID, db.certificateVerify(numbers.get(0), "张三").getStatus());
      assertEquals(Skillcert.VERIFY_NAME_MISMATCH,
                   db.certificateVerify(numbers.get(0), "李四").getStatus());
      db.certificateRevoke(org, numbers.get(1), "材料不实", "2023-09-01");
      assertEquals(Skillcert.VERIFY_REVOKED, db.certificateVerify(numbers.get(1), "李四").getStatus());
      try (CertificateIterator certs = db.certificates()) {
        List<String> seen = new ArrayList<String>();
        for (Certificate c : certs)
          seen.add(c.getNumber());
        Collections.sort(seen);
        List<String> expected = new ArrayList<String>(numbers);
        Collections.sort(expected);
        assertEquals(expected, seen);
      }

      long ins = db.inspectionOpen(centre, ORG, Skillcert.INSPECT_ORG, null, "2023-10-09", null);
      long finding = db.inspectionAddFinding(centre, ins, "disclosure", Skillcert.FINDING_MINOR,
                                             "收费标准未公示", Collections.singletonList("org:" + ORG),
                                             "2023-10-09");
      assertEquals(Skillcert.FINDING_MINOR, db.findingGet(finding).getSeverity());
      db.sanctionImpose(centre, finding, Skillcert.SANCTION_WARNING, null, "未公示收费标准",
                        "2023-10-10");
      assertTrue(db.creditCompute(centre, "2023-12-31") >= 1);
      try (CreditScoreIterator ranked = db.creditList("2023-12-31")) {
        List<String> codes = new ArrayList<String>();
        for (CreditScore c : ranked)
          codes.add(c.getCreditCode());
        assertEquals(Collections.singletonList(ORG), codes);
      }
      assertTrue(db.auditVerify().isOk());
    }
  }
}
