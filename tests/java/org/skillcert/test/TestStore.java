package org.skillcert.test;

import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Iterator;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.skillcert.Database;
import org.skillcert.DatabaseException;
import org.skillcert.Occupation;
import org.skillcert.OccupationIterator;
import org.skillcert.Skillcert;

/** The registry: memory and file databases, persistence, lifetimes. */
public class TestStore {
  @Rule
  public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void testStoreOpenInMemory() {
    try (Database db = new Database()) {
      assertEquals(":memory:", db.path());
      assertEquals(Database.schemaVersionSupported(), db.schemaVersion());
      assertTrue(db.schemaVersion() >= 1);
      assertEquals(0, Fixtures.codes(db).size());
    }
  }

  @Test
  public void testStorePersistsAcrossCloseAndReopen() throws Exception {
    String path = new File(tmp.getRoot(), "registry.db").getPath();
    try (Database db = new Database(path)) {
      assertEquals(path, db.path());
      db.loadNotice(Fixtures.bureau());
      db.withdrawOccupation(Fixtures.bureau(), "4-02-07-10", LocalDate.parse("2024-01-01"));
    }
    try (Database db = new Database(path)) {
      assertEquals(Fixtures.NOTICE_CODES, Fixtures.codes(db));
      assertEquals(LocalDate.parse("2024-01-01"), db.lookupOccupation("4-02-07-10").getWithdrawn());
      assertTrue(db.check(Fixtures.BIM, "建筑工程", 3).isOk());
    }
  }

  @Test
  public void testStoreRefusesForeignFile() throws Exception {
    File file = tmp.newFile("notes.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++)
      text.append("这不是数据库 ");
    Files.write(file.toPath(), text.toString().getBytes(StandardCharsets.UTF_8));
    try {
      new Database(file.getPath()).close();
      fail("opened a text file");
    } catch (DatabaseException e) {
      assertEquals(Status.ENOTREGISTRY, e.getCode());
    }
  }

  @Test
  public void testStoreCannotCreateInMissingDirectory() {
    try {
      new Database(new File(tmp.getRoot(), "no/such/dir/r.db").getPath()).close();
      fail("created a registry in a missing directory");
    } catch (DatabaseException e) {
      assertEquals(Status.EDB, e.getCode());
    }
  }

  @Test
  public void testStoreChildrenOutliveClose() {
    Database db = Fixtures.notice();
    OccupationIterator it = db.occupations();
    Occupation kept = db.lookupOccupation(Fixtures.BIM);
    db.close();
    int n = 0;
    for (Occupation o : it)
      n++;
    assertEquals(20, n);
    assertEquals("建筑信息模型技术员", kept.getName());
    it.close();
  }

  @Test
  public void testStoreGarbageCollectionInAnyOrder() throws Exception {
    for (int round = 0; round < 20; round++) {
      Database db = Fixtures.notice();
      Iterator<Occupation> i = db.occupations().iterator();
      i.next();
      db = null;
      i = null;
      System.gc();
    }
    System.gc();
    System.runFinalization();
  }
}
