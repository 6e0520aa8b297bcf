package org.skillcert.test;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.Assume;

/** The sqlite3 command-line shell, to look at (and tamper with) a file registry
 *  from outside the library. Tests using it are skipped without sqlite3. */
final class Sqlite {
  private Sqlite() {}

  /** Run sql on the database file; returns what sqlite3 printed. */
  static String run(File db, String sql) {
    ProcessBuilder pb = new ProcessBuilder("sqlite3", db.getPath(), sql);
    pb.redirectErrorStream(true);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      Assume.assumeNoException("no sqlite3 shell", e);
      return null;
    }
    try (InputStream in = p.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0)
        out.write(buf, 0, n);
      int status = p.waitFor();
      String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
      if (status != 0)
        throw new AssertionError("sqlite3 " + sql + ": " + text);
      return text;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Everything in the file, as SQL text. */
  static String dump(File db) {
    return run(db, ".dump");
  }
}
