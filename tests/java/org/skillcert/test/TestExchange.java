package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.DocType;
import org.skillcert.OrgKind;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.ConstraintException;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.ImportResult;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.StaffRole;
import org.skillcert.ValidationException;

/**
 * Exchange documents through Database.exportExchange (sc_xml_exchange_export_memory with
 * its options): a results report and a findings document imported by the city centre
 * export again the same; refusals change nothing; the options each type needs.
 */
public class TestExchange {
  static final String ORG_A = "91110108MA01ABCD2H"; // 海淀区

  static final String RESULTS =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<results-report xmlns=\"urn:skillcert:results-report:1\" version=\"1\""
      + " batch=\"rr-java\" issuer=\"org:91110108MA01ABCD2H\" addressee=\"city-centre\""
      + " credit-code=\"91110108MA01ABCD2H\" reported=\"2024-03-10\">\n"
      + "  <session occupation=\"4-02-07-10\" level=\"4\" path=\"normal\" date=\"2024-03-01\""
      + " components=\"theory practical\" venue=\"海淀考点\" venue-address=\"北京市海淀区中关村大街1号\""
      + " district=\"110108\" venue-rooms=\"2\" rooms=\"1\">\n"
      + "    <staff component=\"theory\" person-id=\"E01\" role=\"examiner\"/>\n"
      + "    <staff component=\"theory\" person-id=\"E02\" role=\"examiner\"/>\n"
      + "    <staff component=\"practical\" person-id=\"E01\" role=\"examiner\"/>\n"
      + "    <staff component=\"practical\" person-id=\"E02\" role=\"examiner\"/>\n"
      + "    <staff component=\"practical\" person-id=\"E03\" role=\"examiner\"/>\n"
      + "  </session>\n"
      + "  <candidate id-number=\"11010519491231002X\" name=\"王芳\" attempt=\"1\" passed=\"true\""
      + " recorded=\"2024-03-02\">\n"
      + "    <score component=\"theory\" value=\"88.25\"/>\n"
      + "    <score component=\"practical\" value=\"61\"/>\n"
      + "  </candidate>\n"
      + "</results-report>\n";

  static final String FINDINGS =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<supervision-findings xmlns=\"urn:skillcert:supervision-findings:1\" version=\"1\""
      + " batch=\"sf-java\" issuer=\"city-centre\" addressee=\"city-centre\""
      + " credit-code=\"91110108MA01ABCD2H\" issued=\"2024-04-10\""
      + " from=\"city-centre\">\n"
      + "  <inspection kind=\"organization\" opened=\"2024-04-01\" opened-by=\"city-centre (市鉴定中心)\""
      + " closed=\"2024-04-05\" closed-by=\"city-centre (市鉴定中心)\" conclusion=\"限期整改\">\n"
      + "    <finding category=\"staff-ratio\" severity=\"major\" evidence=\"监考人员不足\""
      + " date=\"2024-04-02\" recorded-by=\"city-centre (市鉴定中心)\">\n"
      + "    </finding>\n"
      + "  </inspection>\n"
      + "</supervision-findings>\n";

  private Database db;
  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor orgA = new Actor(ActorKind.ORGANIZATION, ORG_A, "test");

  @Before
  public void open() {
    List<OfferingItem> scope = new ArrayList<OfferingItem>();
    scope.addAll(OfferingItem.parse("4-02-07-10:5,4"));
    db = Fixtures.development(new Database()); // unsigned fixtures
    db.loadNotice(city);
    db.orgRegister(orgA, ORG_A, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                   LocalDate.parse("2023-01-05"));
    db.orgApply(orgA, ORG_A, scope, LocalDate.parse("2023-02-01"));
    db.orgRecommend(haidian, ORG_A, LocalDate.parse("2023-02-10"), "材料齐全");
    db.orgEvaluate(centre, ORG_A, LocalDate.parse("2023-03-01"));
    db.orgNotice(centre, ORG_A, LocalDate.parse("2023-03-10"));
    db.orgFile(centre, ORG_A, LocalDate.parse("2023-05-10"));
    db.orgCommit(orgA, ORG_A, LocalDate.parse("2023-05-12"));
    // the examiners filed and the venue inspected: acts no exchange document carries,
    // which the results report's staffing and confirmation are checked against
    for (int i = 1; i <= 3; i++)
      db.staffAdd(orgA, ORG_A, String.format("E%02d", i), "考评员", StaffRole.EXAMINER,
                  OfferingItem.parse("4-02-07-10:4"), LocalDate.parse("2023-06-01"));
    long venue = db.venueRegister(orgA, ORG_A, "海淀考点", "北京市海淀区中关村大街1号", "110108",
                                  2, LocalDate.parse("2023-06-01"));
    db.venueInspect(haidian, venue, true, "场地合格", LocalDate.parse("2023-06-05"));
  }

  @After
  public void close() {
    db.close();
  }

  private static <T extends SkillcertException> T expect(Class<T> expected, Runnable call) {
    try {
      call.run();
    } catch (SkillcertException e) {
      assertEquals(expected, e.getClass());
      return expected.cast(e);
    }
    fail("expected " + expected.getSimpleName());
    return null;
  }

  @Test
  public void resultsReportRoundTrip() {
    assertEquals(17, DocType.RESULTS_REPORT.value());
    ImportResult r = db.importMemory(centre, RESULTS);
    assertEquals(DocType.RESULTS_REPORT, r.getDoctype());
    assertEquals(1L, r.getRecords());
    assertEquals(RESULTS,
                 db.exportExchange(DocType.RESULTS_REPORT, null, LocalDate.parse("2024-03-10"), "rr-java", 1L));
    expect(ConstraintException.class,
           () -> db.exportExchange(DocType.RESULTS_REPORT, "52110102MJ00123450", null, null, 1L));
  }

  @Test
  public void resultsReportRefused() {
    expect(ValidationException.class, () -> db.importMemory(centre,
        RESULTS.replace("urn:skillcert:results-report:1", "urn:skillcert:other:1")));
    expect(ValidationException.class,
           () -> db.importMemory(centre, RESULTS.substring(0, RESULTS.length() / 2)));
    ValidationException e = expect(ValidationException.class,
        () -> db.importMemory(centre, RESULTS.replace("value=\"61\"", "value=\"59\"")));
    assertEquals("results-report/candidate[2]/@passed", e.getField());
    expect(DeniedException.class, () -> db.importMemory(haidian, RESULTS));
    expect(NotFoundException.class,
           () -> db.exportExchange(DocType.RESULTS_REPORT, null, null, null, 1L));
  }

  @Test
  public void findingsRoundTrip() {
    assertEquals(21, DocType.FINDINGS.value());
    expect(DeniedException.class, () -> db.importMemory(orgA, FINDINGS));
    ImportResult r = db.importMemory(centre, FINDINGS);
    assertEquals(2L, r.getRecords());
    assertEquals(FINDINGS,
                 db.exportExchange(DocType.FINDINGS, ORG_A, LocalDate.parse("2024-04-10"), "sf-java", 1L));
    assertTrue(db.importMemory(centre, FINDINGS).getAlreadyImported());
  }

  @Test
  public void options() {
    expect(ValidationException.class, () -> db.exportExchange(DocType.FINDINGS, null, null, null, 0L));
    expect(ValidationException.class, () -> db.exportExchange(DocType.CONFIRMATION, null, null, null, 0L));
    String rev = db.exportExchange(DocType.REVOCATIONS, ORG_A, LocalDate.parse("2024-04-10"), "rev-j", 0L);
    assertTrue(rev.contains("batch=\"rev-j\""));
    assertEquals(db.exportMemory(), db.exportExchange(DocType.CATALOG, null, null, null, 0L));
  }
}
