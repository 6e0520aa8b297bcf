package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.CertKind;
import org.skillcert.Component;
import org.skillcert.OrgKind;
import org.skillcert.Path;
import org.skillcert.StaffRole;

import java.time.LocalDate;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.Candidate;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Skillcert;
import org.skillcert.ValidationException;

/** The rendered certificate through the Java binding (render.h): the QR code's
    content and Database.certificateRender (mirrors tests/python/test_render.py). */
public class TestRender {
  static final String ORG = "91110108MA01ABCD2H"; // 海淀区 110108
  static final String OCC = "4-02-07-10";
  static final String ID = "11010519491231002X";

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  private Database db;
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor org = new Actor(ActorKind.ORGANIZATION, ORG, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");

  @Before
  public void open() {
    db = new Database();
    db.loadNotice(city);
  }

  @After
  public void close() {
    db.close();
  }

  private static List<OfferingItem> offerings(String text) {
    return new ArrayList<OfferingItem>(OfferingItem.parse(text));
  }

  /** One organization filed for OCC, one candidate (王芳) who passed level 4 on
      2024-03-01, reported 2024-03-10; returns the session. */
  private long passedSession() {
    db.eligibilityLoadDefaults(city);
    db.orgRegister(org, ORG, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                   LocalDate.parse("2023-01-05"));
    db.orgApply(org, ORG, offerings(OCC + ":5,4,3,2,1"), LocalDate.parse("2023-02-01"));
    db.orgRecommend(haidian, ORG, LocalDate.parse("2023-02-10"));
    db.orgEvaluate(centre, ORG, LocalDate.parse("2023-03-01"));
    db.orgNotice(centre, ORG, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, ORG, LocalDate.parse("2023-05-10"));
    db.orgCommit(org, ORG, LocalDate.parse("2023-05-12"));
    for (String e : Arrays.asList("E01", "E02", "E03"))
      db.staffAdd(org, ORG, e, "考评员", StaffRole.EXAMINER, offerings(OCC + ":1"),
                  LocalDate.parse("2023-06-01"));
    long venue = db.venueRegister(org, ORG, "海淀考点", "北京市海淀区中关村大街1号", "110108", 1,
                                  LocalDate.parse("2023-06-01"));
    db.venueInspect(haidian, venue, true, null, LocalDate.parse("2023-06-05"));
    long ann = db.announcementPublish(org, ORG, "FX-2023", "新职业技能等级认定工作实施方案",
                                      LocalDate.parse("2023-06-01"), LocalDate.parse("2026-05-01"), "四级 400 元",
                                      Skillcert.METHOD_ALL, offerings(OCC + ":5,4,3,2,1"),
                                      LocalDate.parse("2023-05-20"));
    Candidate c = new Candidate(ID, "王芳");
    try {
      c.addWork(OCC, LocalDate.parse("2000-01-01"));
      c.addCertificate(CertKind.SKILL_LEVEL, OCC, null, 5, LocalDate.parse("2002-01-01"));
      db.candidateSave(centre, c);
    } finally {
      c.delete();
    }
    long[] ids = {db.applicationApply(new Actor(ActorKind.CANDIDATE, ID, "test"), ann, ID,
                                      OCC, null, 4, LocalDate.parse("2023-06-10"))};
    db.applicationVerifyBatch(org, ids, LocalDate.parse("2023-06-10"));
    db.applicationConfirmBatch(haidian, ids, LocalDate.parse("2023-06-10"));
    long s = db.sessionCreate(org, ORG, OCC, null, 4, Path.NORMAL, LocalDate.parse("2024-03-01"), venue,
                              1, 0);
    db.sessionEnrol(org, s, ID, null);
    for (String e : Arrays.asList("E01", "E02"))
      db.sessionStaffAdd(org, s, Component.THEORY, e);
    for (String e : Arrays.asList("E01", "E02", "E03"))
      db.sessionStaffAdd(org, s, Component.PRACTICAL, e);
    db.sessionConfirm(org, s, LocalDate.parse("2024-03-01"));
    db.resultRecord(org, s, ID, 80, 75, Skillcert.SCORE_NONE, LocalDate.parse("2024-03-01"));
    return s;
  }

  @Test
  public void testRenderQrText() {
    assertEquals("https://verify.example.org/?v=1&number=S000011000001244000001"
                 + "&name=%E7%8E%8B%E8%8A%B3",
                 Skillcert.certificateQrText("S000011000001244000001", "王芳",
                                             "https://verify.example.org/"));
    assertTrue(Skillcert.certificateQrText("S000011000001244000001", "王芳", null)
               .startsWith(Skillcert.VERIFY_URL_DEFAULT + "/?v=1&number="));
    try {
      Skillcert.certificateQrText("S000011000001244000001", "王芳", "javascript:x");
      fail("a URL that is not http(s) is refused");
    } catch (ValidationException expected) {
    }
  }

  @Test
  public void testRenderFiles() throws Exception {
    long s = passedSession();
    String number = db.certificateReport(org, s, ID, LocalDate.parse("2024-03-10"));
    File early = new File(tmp.getRoot(), "early.pdf");
    try {
      db.certificateRender(number, early.getPath(), null);
      fail("a certificate only reported is not drawn");
    } catch (ConstraintException expected) {
    }
    assertFalse(early.exists());
    db.certificateIssue(org, number, null, LocalDate.parse("2024-03-15"));
    db.certificatePublish(centre, number, LocalDate.parse("2024-04-01"));
    String[][] kinds = {{"c.pdf", "%PDF-"}, {"c.svg", "<?xml"}, {"c.png", "\u0089PNG"}};
    for (String[] k : kinds) {
      File f = new File(tmp.getRoot(), k[0]);
      db.certificateRender(number, f.getPath(), "https://verify.example.org");
      byte[] head = Arrays.copyOf(Files.readAllBytes(f.toPath()), k[1].length());
      assertArrayEquals(k[0], k[1].getBytes("ISO-8859-1"), head);
    }
    try {
      db.certificateRender("S000011000001244000099", new File(tmp.getRoot(), "n.pdf").getPath(), null);
      fail("an unknown number is not found");
    } catch (NotFoundException expected) {
    }
  }
}
