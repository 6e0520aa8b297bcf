package org.skillcert.test;

import org.skillcert.ActorKind;
import org.skillcert.Status;

import java.time.LocalDate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.skillcert.Actor;
import org.skillcert.Database;
import org.skillcert.DeniedException;
import org.skillcert.Skillcert;
import org.skillcert.ValidationException;

/** Actors: kinds, scopes, labels; only the city bureau changes the catalog. */
public class TestRoles {
  @Test
  public void testRolesActorProperties() {
    Actor a = Fixtures.district();
    assertEquals(ActorKind.DISTRICT, a.getKind());
    assertEquals("110108", a.getScope());
    assertEquals("海淀区人社局", a.getName());
    assertEquals("district:110108", a.getLabel());
    Actor b = new Actor(ActorKind.CITY_BUREAU);
    assertEquals("", b.getScope());
    assertEquals("", b.getName());
    assertEquals("city-bureau", Actor.kindName(ActorKind.CITY_BUREAU));
  }

  @Test
  public void testRolesBadActors() {
    try {
      new Actor((ActorKind)null);
      fail("kind 99");
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
    try {
      new Actor(ActorKind.DISTRICT);
      fail("a district without scope");
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
    try {
      new Actor(ActorKind.CITY_BUREAU, "110108");
      fail("a city bureau with a scope");
    } catch (ValidationException e) {
      assertEquals(Status.EINVAL, e.getCode());
    }
  }

  @Test
  public void testRolesOnlyCityBureauChangesCatalog() {
    Actor[] others = {
      new Actor(ActorKind.CITY_CENTRE),
      new Actor(ActorKind.DISTRICT, "110108"),
      new Actor(ActorKind.ORGANIZATION, Fixtures.creditCode()),
      new Actor(ActorKind.CANDIDATE, Fixtures.residentId()),
      new Actor(ActorKind.PUBLIC),
    };
    try (Database db = new Database()) {
      for (Actor actor : others) {
        try {
          db.addOccupation(actor, "4-99-99-01", "测试员", LocalDate.parse("2023-01-01"));
          fail(actor.getLabel() + " changed the catalog");
        } catch (DeniedException e) {
          assertEquals(Status.EDENIED, e.getCode());
        }
      }
      assertEquals(0, Fixtures.codes(db).size());
      db.addOccupation(Fixtures.bureau(), "4-99-99-01", "测试员", LocalDate.parse("2023-01-01"));
      assertEquals(1, Fixtures.codes(db).size());
    }
  }
}
