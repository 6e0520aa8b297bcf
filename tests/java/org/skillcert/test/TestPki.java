package org.skillcert.test;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;

import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Actor;
import org.skillcert.ActorKind;
import org.skillcert.Candidate;
import org.skillcert.CertificateDocument;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.DocType;
import org.skillcert.ImportResult;
import org.skillcert.OrgKind;
import org.skillcert.PkiVerification;
import org.skillcert.Skillcert;
import org.skillcert.ValidationException;

/** Signed documents through the Java binding (mirrors check_pki.c and test_pki.py):
 *  an electronic certificate verified offline from the bureau's root alone. */
public class TestPki {
    static final String ORG = "91110108MA01ABCD2H";
    static final String DOC =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<certificate xmlns=\"urn:skillcert:certificate:1\" version=\"1\" issuer=\"org:" + ORG + "\" "
        + "batch=\"CERT-S000011000001244000001\" number=\"S000011000001244000001\" status=\"issued\">\n"
        + "  <title>职业技能等级证书</title>\n"
        + "  <holder name=\"王芳\" id-type=\"居民身份证\" id-number=\"11010519491231002X\" photo=\"sha256:ab12\"/>\n"
        + "  <qualification occupation=\"4-02-07-10\" occupation-name=\"网约配送员\" work-type=\"--\" "
        + "level=\"4\" level-text=\"四级/中级工\"/>\n"
        + "  <issuer name=\"北京智训科技有限公司\" credit-code=\"" + ORG + "\" district=\"110108\"/>\n"
        + "  <dates certified=\"2024-03-10\" issued=\"2024-03-15\"/>\n"
        + "  <body>经评价，该同志具备相应职业技能等级水平。</body>\n"
        + "  <query qr-code=\"S000011000001244000001\" certificate-url=\"http://jndj.osta.org.cn\" "
        + "organization-url=\"http://pjjg.osta.org.cn\"/>\n"
        + "</certificate>\n";

    static String root, centreKey, centre, orgKey, orgChain;

    @BeforeClass
    public static void hierarchy() {
        String rootKey = Skillcert.pkiKeyNew();
        root = Skillcert.pkiCertify(rootKey, null, Skillcert.pkiRequestNew(rootKey, "city-bureau"),
                                    LocalDate.parse("2024-01-01"), LocalDate.parse("2035-12-31"));
        centreKey = Skillcert.pkiKeyNew();
        centre = Skillcert.pkiCertify(rootKey, root, Skillcert.pkiRequestNew(centreKey, "city-centre"),
                                      LocalDate.parse("2024-01-01"), LocalDate.parse("2030-12-31"));
        orgKey = Skillcert.pkiKeyNew();
        orgChain = Skillcert.pkiCertify(centreKey, centre,
                                        Skillcert.pkiRequestNew(orgKey, "org:" + ORG),
                                        LocalDate.parse("2024-01-01"), LocalDate.parse("2027-12-31")) + centre;
    }

    @Test
    public void testCertificateOfflineFromTheRootAlone() {
        String issued = Skillcert.xmlSign(DOC, orgKey, orgChain, "2024-03-15T09:00:00Z", null);
        String published = Skillcert.xmlSign(issued, centreKey, centre, "2024-04-01T09:00:00Z",
                                             "publication");
        CertificateDocument d = Skillcert.certificateVerifyDocument(published, root, null);
        assertEquals("S000011000001244000001", d.getNumber());
        assertEquals("王芳", d.getHolder());
        assertEquals(4, d.getLevel());
        assertEquals(ORG, d.getCreditCode());
        assertEquals(1, d.getPublished());
        assertEquals("2024-04-01T09:00:00Z", d.getPublishedAt());
        try {
            Skillcert.certificateVerifyDocument(issued, root, null);
            fail("not countersigned");
        } catch (ValidationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("not-countersigned"));
        }
        try {
            Skillcert.certificateVerifyDocument(published.replace("level=\"4\"", "level=\"3\""), root, null);
            fail("tampered");
        } catch (ValidationException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("bad-signature"));
        }
    }

    @Test
    public void testSignVerify() {
        String doc = Skillcert.xmlSign("<r xmlns=\"urn:x\"/>", orgKey, orgChain, "2024-06-01T08:00:00Z", null);
        PkiVerification v = Skillcert.xmlVerify(doc, root, null);
        assertEquals(1, v.getOk());
        assertEquals("org:" + ORG, v.getParty());
    }

  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void testDoctypeSignatureScheme() {
    assertEquals(Skillcert.SIGNATURE_SCHEME_DETACHED,
                 Skillcert.doctypeSignatureScheme(DocType.CERTIFICATE_BATCH));
    assertEquals(Skillcert.SIGNATURE_SCHEME_ENVELOPED,
                 Skillcert.doctypeSignatureScheme(DocType.DIRECTORY));
    assertEquals(Skillcert.SIGNATURE_SCHEME_NONE, Skillcert.doctypeSignatureScheme(null));
  }

  /** The organization's registry and the district's (anchored) share the directory. */
  static long world(Database db, Actor city, Actor centre, Actor org, Actor haidian) {
    db.loadNotice(city);
    db.eligibilityLoadDefaults(city);
    TestApplication.fileOrg(db, org, ORG, "北京智训科技有限公司", OrgKind.ENTERPRISE,
                            "110108", haidian, centre);
    return db.announcementPublish(org, ORG, "2024-01", "2024-01 实施方案", LocalDate.parse("2024-03-01"),
                                  LocalDate.parse("2026-06-30"), "五级 300 元", TestApplication.ALL_METHODS,
                                  TestApplication.offerings("4-02-07-10:5,4,3,2,1"), LocalDate.parse("2024-02-20"));
  }

  @Test
  public void testBatchFromMemoryWithItsDetachedSignature() throws Exception {
    Actor city = new Actor(ActorKind.CITY_BUREAU, null, "test");
    Actor centreActor = new Actor(ActorKind.CITY_CENTRE, null, "test");
    Actor org = new Actor(ActorKind.ORGANIZATION, ORG, "test");
    Actor haidian = new Actor(ActorKind.DISTRICT, "110108", "test");
    String cand = "11010519491231002X";
    try (Database orgDb = new Database(new File(tmp.getRoot(), "org.db").getPath());
         Database district = new Database(new File(tmp.getRoot(), "district.db").getPath())) {
      long ann = world(orgDb, city, centreActor, org, haidian);
      world(district, city, centreActor, org, haidian);
      district.pkiAnchorSet(city, root);
      Candidate c = new Candidate(cand, "张三");
      c.addWork("4-02-07-10", LocalDate.parse("2015-01-01"));
      orgDb.candidateSave(TestApplication.candidate(cand), c);
      long id = orgDb.applicationApply(TestApplication.candidate(cand), ann, cand, "4-02-07-10",
                                       null, 5, LocalDate.parse("2024-03-05"));
      assertEquals(1, orgDb.applicationVerifyBatch(org, new long[] {id}, LocalDate.parse("2024-03-10")));
      byte[] batch = orgDb.applicationBatchExportMemory(ann, "HD-J-1")
                          .getBytes(StandardCharsets.UTF_8);
      String sig = Skillcert.pkiSignDetached(batch, orgKey, orgChain, "2024-06-01T08:00:00Z");
      assertTrue(sig.startsWith("-----BEGIN CMS-----"));
      try {
        district.importMemory(haidian, batch);
        fail("an unsigned batch into an anchored registry");
      } catch (ValidationException e) {
        assertTrue(e.getMessage(), e.getMessage().contains("unsigned"));
      }
      byte[] tampered = new String(batch, StandardCharsets.UTF_8)
                            .replace("level=\"5\"", "level=\"4\"").getBytes(StandardCharsets.UTF_8);
      try {
        district.importMemorySigned(haidian, tampered, sig, null, null);
        fail("a batch changed after signing");
      } catch (ValidationException e) {
        assertTrue(e.getMessage(), e.getMessage().contains("bad-signature"));
      }
      ImportResult r = district.importMemorySigned(haidian, batch, sig, "batch.xml", null);
      assertEquals(DocType.CANDIDATE_BATCH, r.getDoctype());
      assertEquals(1, r.getRecords());
    }
  }

  /** Issue 12: a new registry imports no unsigned document; only the city bureau
   *  switches it to development, which then accepts one. */
  @Test
  public void developmentSetting() {
    Actor city = new Actor(ActorKind.CITY_BUREAU, null, "市人社局");
    Actor centreActor = new Actor(ActorKind.CITY_CENTRE, null, "中心");
    try (Database source = new Database(); Database fresh = new Database()) {
      source.loadNotice(city); // the built-in catalog loads whatever the setting
      String catalog = source.exportMemory();
      assertFalse(fresh.pkiDevelopmentGet());
      try {
        fresh.importMemory(city, catalog);
        fail("an unsigned catalog into a new registry");
      } catch (ValidationException e) {
        assertTrue(e.getMessage(), e.getMessage().contains("unsigned"));
        assertTrue(e.getMessage(), e.getMessage().contains("development registry"));
      }
      try {
        fresh.pkiDevelopmentSet(centreActor, true);
        fail("the city centre switched development on");
      } catch (DeniedException e) {
        assertFalse(fresh.pkiDevelopmentGet());
      }
      fresh.pkiDevelopmentSet(city, true);
      assertTrue(fresh.pkiDevelopmentGet());
      assertTrue(fresh.importMemory(city, catalog).getRecords() > 0);
    }
  }
}
