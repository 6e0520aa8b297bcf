package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.DocType;
import org.skillcert.FilingStatus;
import org.skillcert.OrgKind;
import org.skillcert.Status;

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
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.ImportResult;
import org.skillcert.NotFoundException;
import org.skillcert.OfferingItem;
import org.skillcert.Org;
import org.skillcert.Skillcert;
import org.skillcert.SkillcertException;
import org.skillcert.ValidationException;

/**
 * The filing documents between separate registries, each exported with
 * Database.exportExchange from the registry that holds the step and imported by
 * the next party: the organization's application to its district, the district's
 * recommendation to the city, the city's evaluation result back to the district,
 * and the published directory to an organization's copy. Refusals change nothing.
 */
public class TestXmlOrg {
  static final String ORG_A = "91110108MA01ABCD2H"; // 海淀区

  private final Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
  private final Actor centre = new Actor(ActorKind.CITY_CENTRE, null, "test");
  private final Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
  private final Actor chaoyang = new Actor(ActorKind.DISTRICT, "110105", "test");
  private final Actor orgA = new Actor(ActorKind.ORGANIZATION, ORG_A, "test");
  private final List<Database> open = new ArrayList<Database>();

  private Database registry() {
    Database db = Fixtures.development(new Database()); // unsigned fixtures
    db.loadNotice(city);
    open.add(db);
    return db;
  }

  @After
  public void closeAll() {
    for (Database db : open)
      db.close();
  }

  private static List<OfferingItem> scope() {
    List<OfferingItem> s = new ArrayList<OfferingItem>();
    s.addAll(OfferingItem.parse("4-02-07-10:5,4"));
    return s;
  }

  private static String export(Database db, DocType doctype, String credit, LocalDate date) {
    return db.exportExchange(doctype, credit, date, null, 0L);
  }

  private static <T extends SkillcertException> T expect(Class<T> expected, Runnable call) {
    try {
      call.run();
    } catch (SkillcertException e) {
      assertEquals(e.getMessage(), expected, e.getClass());
      return expected.cast(e);
    }
    fail("not refused");
    return null;
  }

  @Test
  public void testXmlOrgWholeFilingBetweenRegistries() {
    Database own = registry(), district = registry(), cityReg = registry(), copy = registry();

    // The organization's own registry: register and apply.
    own.orgRegister(orgA, ORG_A, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                    LocalDate.parse("2023-01-05"));
    own.orgApply(orgA, ORG_A, scope(), LocalDate.parse("2023-02-01"));
    String application = export(own, DocType.ORG_APPLICATION, ORG_A, LocalDate.parse("2023-02-02"));
    assertEquals(DocType.ORG_APPLICATION, Skillcert.validateMemory(application));

    // The district imports it (only its own bureau), then recommends.
    expect(DeniedException.class, () -> district.importMemory(chaoyang, application));
    expect(DeniedException.class, () -> district.importMemory(centre, application));
    expect(NotFoundException.class, () -> district.orgGet(ORG_A, LocalDate.parse("2023-02-02")));
    ImportResult r = district.importMemory(haidian, application);
    assertEquals(DocType.ORG_APPLICATION, r.getDoctype());
    assertEquals(1, r.getRecords());
    assertTrue(district.importMemory(haidian, application).getAlreadyImported());
    assertEquals(FilingStatus.APPLIED, district.orgGet(ORG_A, LocalDate.parse("2023-02-02")).getStatus());
    // The district's registry exports the same application again.
    assertEquals(application, export(district, DocType.ORG_APPLICATION, ORG_A,
                                     LocalDate.parse("2023-02-02")));
    district.orgRecommend(haidian, ORG_A, LocalDate.parse("2023-02-10"), "材料齐全");
    String recommendation = export(district, DocType.RECOMMENDATION, ORG_A, LocalDate.parse("2023-02-11"));

    // The city centre imports the recommendation and takes its own steps.
    expect(DeniedException.class, () -> cityReg.importMemory(haidian, recommendation));
    assertEquals(DocType.RECOMMENDATION,
                 cityReg.importMemory(centre, recommendation).getDoctype());
    assertEquals(FilingStatus.RECOMMENDED, cityReg.orgGet(ORG_A, LocalDate.parse("2023-02-11")).getStatus());
    cityReg.orgEvaluate(centre, ORG_A, LocalDate.parse("2023-03-01"));
    cityReg.orgNotice(centre, ORG_A, LocalDate.parse("2023-03-10"));
    cityReg.orgFile(centre, ORG_A, LocalDate.parse("2023-05-10"));
    String result = export(cityReg, DocType.EVALUATION_RESULT, ORG_A, LocalDate.parse("2023-05-11"));

    // Back to the organization, the result's addressee (here in the registry that holds
    // its application): filed with the city's receipt. The district is not its addressee.
    expect(DeniedException.class, () -> district.importMemory(haidian, result));
    assertEquals(DocType.EVALUATION_RESULT,
                 district.importMemory(orgA, result).getDoctype());
    Org o = district.orgGet(ORG_A, LocalDate.parse("2023-05-11"));
    assertEquals(FilingStatus.FILED, o.getStatus());
    assertEquals(cityReg.orgGet(ORG_A, LocalDate.parse("2023-05-11")).getReceipt(), o.getReceipt());
    assertEquals(LocalDate.parse("2026-05-09"), o.getValidUntil());

    // The published directory refreshes an organization's copy.
    cityReg.orgCommit(orgA, ORG_A, LocalDate.parse("2023-05-12"));
    String directory = export(cityReg, DocType.DIRECTORY, null, LocalDate.parse("2023-06-01"));
    assertTrue(directory.contains(ORG_A));
    // Public (issue 11): any party takes it, the public does not.
    expect(DeniedException.class,
        () -> copy.importMemory(new Actor(ActorKind.PUBLIC), directory));
    // Before the directory, the copy does not know the organization: not found.
    expect(NotFoundException.class,
           () -> copy.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2023-06-01")));
    assertEquals(1, copy.importMemory(orgA, directory).getRecords());
    assertEquals(FilingStatus.ACTIVE, copy.orgGet(ORG_A, LocalDate.parse("2023-06-01")).getStatus());
    assertTrue(copy.mayCertify(ORG_A, "4-02-07-10", null, 5, LocalDate.parse("2023-06-01")).isOk());
    assertEquals(directory, export(copy, DocType.DIRECTORY, null, LocalDate.parse("2023-06-01")));
  }

  @Test
  public void testXmlOrgHostileCopiesImportNothing() {
    Database own = registry(), district = registry();
    own.orgRegister(orgA, ORG_A, "北京智训科技有限公司", OrgKind.ENTERPRISE, "110108",
                    LocalDate.parse("2023-01-05"));
    own.orgApply(orgA, ORG_A, scope(), LocalDate.parse("2023-02-01"));
    String application = export(own, DocType.ORG_APPLICATION, ORG_A, LocalDate.parse("2023-02-02"));
    ValidationException e = expect(ValidationException.class, () -> district.importMemory(
        haidian, application.replace("organization-application:1", "organization-application:9")));
    assertEquals(Status.EINVALIDDOC, e.getCode());
    e = expect(ValidationException.class, () -> district.importMemory(
        haidian, application.substring(0, application.length() - 20))); // in the end tags
    assertEquals(Status.EXML, e.getCode());
    e = expect(ValidationException.class, () -> district.importMemory(
        haidian, application.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                                     "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "
                                     + "\"file:///etc/passwd\">]>\n")));
    assertTrue(e.getLine() > 0);
    expect(NotFoundException.class, () -> district.orgGet(ORG_A, LocalDate.parse("2023-02-02")));
    // Exports name the organization they are about.
    expect(ValidationException.class,
           () -> export(own, DocType.ORG_APPLICATION, null, LocalDate.parse("2023-02-02")));
    expect(NotFoundException.class,
           () -> export(own, DocType.RECOMMENDATION, ORG_A, LocalDate.parse("2023-02-02")));
  }
}
