/*
 * Numbered schema migrations. Append only: never edit a released migration;
 * add a new one with the next number. PRAGMA user_version records the last
 * applied. Dates are stored as 'YYYY-MM-DD' text, which sorts by date.
 */
#include "store_int.h"

const sc__migration sc__migrations[] = {
    { 1, "migration 1: catalog",
      "CREATE TABLE occupation ("
      "  id INTEGER PRIMARY KEY,"
      "  code TEXT NOT NULL UNIQUE,"
      "  name TEXT NOT NULL,"
      "  effective TEXT NOT NULL,"
      "  withdrawn TEXT,"
      "  CHECK (withdrawn IS NULL OR withdrawn > effective));"
      "CREATE TABLE occupation_alias ("
      "  alias TEXT PRIMARY KEY,"
      "  occupation_id INTEGER NOT NULL REFERENCES occupation(id));"
      "CREATE TABLE work_type ("
      "  id INTEGER PRIMARY KEY,"
      "  occupation_id INTEGER NOT NULL REFERENCES occupation(id),"
      "  name TEXT NOT NULL,"
      "  effective TEXT NOT NULL,"
      "  withdrawn TEXT,"
      "  UNIQUE (occupation_id, name),"
      "  CHECK (withdrawn IS NULL OR withdrawn > effective));"
      "CREATE TABLE offering ("
      "  id INTEGER PRIMARY KEY,"
      "  occupation_id INTEGER NOT NULL REFERENCES occupation(id),"
      "  work_type_id INTEGER REFERENCES work_type(id),"
      "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),"
      "  effective TEXT NOT NULL,"
      "  withdrawn TEXT,"
      "  CHECK (withdrawn IS NULL OR withdrawn > effective));"
      "CREATE INDEX offering_by_occupation ON offering(occupation_id, level);"
      "CREATE TABLE import_batch ("
      "  doctype TEXT NOT NULL,"
      "  batch_id TEXT NOT NULL,"
      "  imported_at TEXT NOT NULL,"
      "  records INTEGER NOT NULL,"
      "  PRIMARY KEY (doctype, batch_id));" },
};

const size_t sc__migration_count = sizeof(sc__migrations) / sizeof(sc__migrations[0]);
