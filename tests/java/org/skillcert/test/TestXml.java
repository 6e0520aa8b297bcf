package org.skillcert.test;

import org.skillcert.Actor;
import org.skillcert.ActorKind;
import org.skillcert.DocType;
import org.skillcert.Severity;
import org.skillcert.Status;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.Diagnostic;
import org.skillcert.ImportResult;
import org.skillcert.Occupation;
import org.skillcert.OccupationIterator;
import org.skillcert.Report;
import org.skillcert.Skillcert;
import org.skillcert.ValidationException;

/** XML exchange: export, import, validation errors and reports. */
public class TestXml {
  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  /** Line 4 holds a level outside 1-5. */
  private static final String BAD_LEVEL =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<catalog xmlns=\"urn:skillcert:catalog:1\" version=\"1\" batch=\"test-bad-level\" issuer=\"city-bureau\">\n"
      + "  <occupation code=\"4-99-99-01\" name=\"测试员\" effective=\"2023-01-01\">\n"
      + "    <offering level=\"9\"/>\n"
      + "  </occupation>\n"
      + "</catalog>\n";

  private static String describe(Database db) {
    StringBuilder sb = new StringBuilder();
    try (OccupationIterator it = db.occupations()) {
      for (Occupation o : it)
        sb.append(o.getCode()).append(' ').append(o.getName()).append(' ')
          .append(o.getEffective()).append(' ').append(o.getWithdrawn()).append(' ')
          .append(o.getWorkTypes()).append(' ').append(o.getAliases()).append(' ')
          .append(new java.util.TreeSet<String>(
              o.getOfferings().stream().map(Object::toString)
                  .collect(java.util.stream.Collectors.toList())))
          .append('\n');
    }
    return sb.toString();
  }

  @Test
  public void testXmlExportImportRoundTrip() {
    try (Database db = Fixtures.notice(); Database fresh = Fixtures.development(new Database())) {
      String text = db.exportMemory();
      assertTrue(text.contains("urn:skillcert:catalog:1"));
      assertTrue(text.contains("建筑信息模型技术员"));
      ImportResult r = fresh.importMemory(Fixtures.bureau(), text);
      assertEquals(DocType.CATALOG, r.getDoctype());
      assertTrue(r.getRecords() > 0);
      assertFalse(r.getAlreadyImported());
      assertFalse(r.getBatchId().isEmpty());
      assertEquals(Fixtures.NOTICE_CODES, Fixtures.codes(fresh));
      assertEquals(describe(db), describe(fresh));

      ImportResult again = fresh.importMemory(Fixtures.bureau(),
                                              text.getBytes(StandardCharsets.UTF_8));
      assertTrue(again.getAlreadyImported());
      assertEquals(0, again.getRecords());
      assertEquals(r.getBatchId(), again.getBatchId());
    }
  }

  @Test
  public void testXmlExportFileValidateImport() throws Exception {
    String path = new File(tmp.getRoot(), "catalog.xml").getPath();
    try (Database db = Fixtures.notice(); Database fresh = Fixtures.development(new Database())) {
      db.exportFile(path);
      assertEquals(DocType.CATALOG, Skillcert.validateFile(path));
      fresh.importFile(Fixtures.bureau(), path);
      assertEquals(describe(db), describe(fresh));
    }
  }

  @Test
  public void testXmlSchemaErrorLineAndReport() {
    Report report = new Report();
    try {
      Skillcert.validateMemory(BAD_LEVEL, "bad.xml", report);
      fail("an invalid document validated");
    } catch (ValidationException e) {
      assertEquals(Status.EINVALIDDOC, e.getCode());
      assertEquals(4, e.getLine());
    }
    assertTrue(report.size() >= 1);
    int n = 0;
    for (Diagnostic d : report) {
      if (n++ == 0) {
        assertEquals(4, d.getLine());
        assertEquals(Severity.ERROR, d.getSeverity());
        assertFalse(d.getMessage().isEmpty());
      }
    }
    assertEquals(report.size(), n);
  }

  @Test
  public void testXmlMalformedAndDoctype() {
    try {
      Skillcert.validateMemory("<catalog");
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EXML, e.getCode());
    }
    try {
      Skillcert.validateMemory("<?xml version=\"1.0\"?>\n<!DOCTYPE c [<!ENTITY a \"a\">]>\n<c>&a;</c>");
      fail();
    } catch (ValidationException e) {
      assertEquals(Status.EXML, e.getCode());
    }
  }

  @Test
  public void testXmlImportDeniedChangesNothing() {
    try (Database db = Fixtures.notice(); Database fresh = Fixtures.development(new Database())) {
      try {
        // The catalog is a public document (issue 11): any party takes it, the
        // public does not.
        fresh.importMemory(new Actor(ActorKind.PUBLIC), db.exportMemory());
        fail("the public imported the catalog");
      } catch (DeniedException e) {
        assertEquals(Status.EDENIED, e.getCode());
      }
      assertEquals(0, Fixtures.codes(fresh).size());
    }
  }
}
