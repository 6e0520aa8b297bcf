package org.skillcert.test;

import org.skillcert.ActorKind;

import java.time.LocalDate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.skillcert.Actor;
import org.skillcert.Database;
import org.skillcert.Occupation;
import org.skillcert.OccupationIterator;
import org.skillcert.Skillcert;

/** Shared data and helpers of the Java binding's tests. */
final class Fixtures {
  private Fixtures() {}

  /** 建筑信息模型技术员: levels 5, 4, 1 undivided; 3, 2 per direction. */
  static final String BIM = "4-04-05-04";
  static final List<String> BIM_DIRECTIONS =
      Arrays.asList("建筑工程", "机电工程", "装饰装修工程", "市政工程", "公路工程", "铁路工程");
  static final LocalDate NOTICE_EFFECTIVE = LocalDate.parse("2022-04-12");

  /** The 20 codes of 京人社能发〔2022〕8号 附件1, in code order. */
  static final List<String> NOTICE_CODES = Arrays.asList(
      "4-01-02-06", "4-01-02-07", "4-02-06-05", "4-02-07-10", "4-04-04-04",
      "4-04-05-04", "4-04-05-05", "4-04-05-06", "4-08-05-07", "4-13-05-03",
      "4-13-99-01", "4-14-01-04", "4-14-02-04", "4-14-02-05", "4-99-00-00",
      "5-05-01-02", "6-23-03-15", "6-25-04-09", "6-30-99-00", "6-31-01-10");

  static Actor bureau() {
    return new Actor(ActorKind.CITY_BUREAU, null, "市人社局");
  }

  static Actor district() {
    return new Actor(ActorKind.DISTRICT, "110108", "海淀区人社局");
  }

  /**
   * The city bureau makes db a development registry: without a trust anchor it
   * accepts unsigned exchange documents (the fixtures are unsigned; a new
   * registry refuses them).
   */
  static Database development(Database db) {
    db.pkiDevelopmentSet(bureau(), true);
    return db;
  }

  /** An in-memory development registry holding the notice's catalog. */
  static Database notice() {
    Database db = development(new Database());
    db.loadNotice(bureau());
    return db;
  }

  static List<String> codes(Database db, LocalDate date) {
    List<String> out = new ArrayList<String>();
    try (OccupationIterator it = db.occupations(date)) {
      for (Occupation o : it)
        out.add(o.getCode());
    }
    return out;
  }

  static List<String> codes(Database db) {
    return codes(db, null);
  }

  /** A unified social credit code (GB 32100-2015) with its check character. */
  static String creditCode() {
    String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    String body = "91110108MA01A2B3C";
    int total = 0;
    for (int i = 0; i < 17; i++)
      total += chars.indexOf(body.charAt(i)) * weights[i];
    return body + chars.charAt((31 - total % 31) % 31);
  }

  /** A resident ID number (GB 11643-1999) with its check digit. */
  static String residentId() {
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    String body = "11010819900307123";
    int total = 0;
    for (int i = 0; i < 17; i++)
      total += (body.charAt(i) - '0') * weights[i];
    return body + "10X98765432".charAt(total % 11);
  }
}
