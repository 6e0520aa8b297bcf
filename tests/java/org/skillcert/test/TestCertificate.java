package org.skillcert.test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
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
import org.skillcert.AuditIterator;
import org.skillcert.CertNumber;
import org.skillcert.CertStatsIterator;
import org.skillcert.CertStatsRow;
import org.skillcert.Certificate;
import org.skillcert.CertificateIterator;
import org.skillcert.Database;
import org.skillcert.NotFoundException;
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
  private final Actor city = new Actor(Skillcert.ACTOR_CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(Skillcert.ACTOR_CITY_CENTRE, null, "test");
  private final Actor org = new Actor(Skillcert.ACTOR_ORGANIZATION, ORG, "test");

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
      assertEquals(Skillcert.EINVAL, e.getCode());
      return e;
    }
    fail("accepted bad input");
    return null;
  }

  private static NotFoundException notFound(Runnable r) {
    try {
      r.run();
    } catch (NotFoundException e) {
      assertEquals(Skillcert.ENOTFOUND, e.getCode());
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
    assertEquals(1, Skillcert.CERT_REPORTED);
    assertEquals(4, Skillcert.CERT_REVOKED);
    assertEquals("reported", Skillcert.certStatusName(Skillcert.CERT_REPORTED));
    assertEquals("issued", Skillcert.certStatusName(Skillcert.CERT_ISSUED));
    assertEquals("published", Skillcert.certStatusName(Skillcert.CERT_PUBLISHED));
    assertEquals("revoked", Skillcert.certStatusName(Skillcert.CERT_REVOKED));
    assertNull(Skillcert.certStatusName(9));
    assertEquals("not-found", Skillcert.verifyStatusName(Skillcert.VERIFY_NOT_FOUND));
    assertEquals("valid", Skillcert.verifyStatusName(Skillcert.VERIFY_VALID));
    assertEquals("name-mismatch", Skillcert.verifyStatusName(Skillcert.VERIFY_NAME_MISMATCH));
    assertEquals("malformed", Skillcert.verifyStatusName(Skillcert.VERIFY_MALFORMED));
    assertNull(Skillcert.verifyStatusName(-1));
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
    assertEquals(Skillcert.VERIFY_NOT_FOUND, v.getStatus());
    assertFalse(v.isValid());
    assertEquals(UNKNOWN, v.getNumber());
    assertEquals("", v.getMaskedName());
    assertEquals("", v.getMaskedId());
    assertEquals("", v.getOrgName());
    assertEquals(0, v.getLevel());
    v = db.certificateVerify(" s000011000001244000099 ", "张小三", "11010519491231002X");
    assertEquals(Skillcert.VERIFY_NOT_FOUND, v.getStatus());
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
    assertEquals(Skillcert.VERIFY_NOT_FOUND, answers.get(0).getStatus());
    assertEquals(Skillcert.VERIFY_MALFORMED, answers.get(1).getStatus());
    assertEquals("garbage", answers.get(1).getNumber());
    assertEquals(Skillcert.VERIFY_MALFORMED, answers.get(2).getStatus());
    assertEquals(Skillcert.VERIFY_NOT_FOUND, answers.get(3).getStatus());
    assertEquals(UNKNOWN, answers.get(3).getNumber());
    // Arrays too; an empty batch gives no answer.
    answers = db.certificateBatchVerify(new String[] {UNKNOWN}, new String[] {"x"});
    assertEquals(1, answers.size());
    assertEquals(Skillcert.VERIFY_NOT_FOUND, answers.get(0).getStatus());
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
      assertEquals(Skillcert.VERIFY_NOT_FOUND, answers.get(i).getStatus());
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
    assertTrue(db.certificateStats(Skillcert.STATS_LEVEL | Skillcert.STATS_DISTRICT, "2024-01-01",
                                   "2024-12-31").toList().isEmpty());
    try (CertStatsIterator it = db.certificateStats(Skillcert.STATS_ORG)) {
      assertNull(it.nextItem());
      assertNull(it.nextItem());
    }
  }

  @Test
  public void statsArgumentErrors() {
    ValidationException e = invalid(() -> db.certificateStats(0x4000));
    assertTrue(e.getMessage().contains("flags"));
    invalid(() -> db.certificateStats(0, "2024-13-01", null));
    invalid(() -> db.certificateStats(0, null, "yesterday"));
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
        () -> db.certificateIssue(org, UNKNOWN, "sha256:p", "2024-03-15"),
        () -> db.certificatePublish(centre, UNKNOWN, "2024-04-01"),
        () -> db.certificateRevoke(centre, UNKNOWN, "作废", "2024-05-01"),
        () -> db.certificateReissue(org, UNKNOWN, null, "补发", "2024-05-01"),
        () -> db.certificateLinkPost(org, UNKNOWN, "某公司", "配送主管", "QY-1"),
        () -> db.certificateGet(UNKNOWN),
        () -> db.certificateExportMemory(UNKNOWN),
        () -> db.certificateReport(org, 4242, "11010519491231002X", "2024-03-10"));
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
    invalid(() -> db.certificateIssue(org, UNKNOWN, null, "2024-02-30"));
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
}
