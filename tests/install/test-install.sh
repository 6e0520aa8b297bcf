#!/bin/bash
# After `make install` into a staging directory: a C program builds with
# pkg-config and runs against the installed library; the installed Python
# module imports; the installed jar and JNI library work; schemas and data are
# in $(datadir)/skillcert.
#   tests/install/test-install.sh BUILD_DIR
set -uo pipefail
build=$(cd "${1:?build dir}" && pwd)
stage="$build/stage"
pass=0; fail=0
ok()  { echo "ok $((pass + fail + 1)) - $1"; pass=$((pass + 1)); }
bad() { echo "not ok $((pass + fail + 1)) - $1"; fail=$((fail + 1)); }

rm -rf "$stage"
if ! make -C "$build" install DESTDIR="$stage" >"$build/install.out" 2>&1; then
  tail -20 "$build/install.out"; bad "make install"; echo "$pass passed, $fail failed"; exit 1
fi
ok "make install into a staging directory"
prefix=$(sed -n 's/^prefix=//p' "$build/pkgconfig/libskillcert.pc")
libdir=$(sed -n 's/^libdir=//p' "$build/pkgconfig/libskillcert.pc"); libdir=${libdir//\$\{exec_prefix\}/$prefix}
root="$stage$prefix"
export LD_LIBRARY_PATH="$stage$libdir"
export PKG_CONFIG_PATH="$stage$libdir/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$stage"

for f in include/skillcert.h include/skillcert/catalog.h share/skillcert/schemas/catalog.xsd \
         share/skillcert/catalog-2022-8.xml bin/skillcert; do
  [ -e "$root/$f" ] && ok "installed $f" || bad "installed $f"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/app.c" <<'C'
#include <skillcert.h>
#include <stdio.h>
int main(void)
{
    sc_db *db; sc_actor *a; sc_verdict v = SC_VERDICT_INIT;
    if (sc_db_open(&db, ":memory:", NULL) || sc_actor_new(&a, SC_ACTOR_CITY_BUREAU, NULL, NULL) ||
        sc_catalog_load_notice(db, a) ||
        sc_catalog_check(&v, db, "4-04-05-04", "建筑工程", 3, "2023-06-01"))
        return 2;
    printf("%s %d\n", sc_version_string(), v.ok);
    sc_actor_free(a); sc_db_close(db);
    return v.ok ? 0 : 1;
}
C
if cc "$tmp/app.c" -o "$tmp/app" $(pkg-config --cflags --libs libskillcert) 2>"$tmp/cc.err" &&
   "$tmp/app" >/dev/null; then
  ok "C program built with pkg-config runs against the installed library"
else
  cat "$tmp/cc.err"; bad "C program built with pkg-config"
fi
if "$root/bin/skillcert" --db "$tmp/x.db" --actor city-bureau init --development >/dev/null 2>&1 &&
   "$root/bin/skillcert" --db "$tmp/x.db" catalog check 4-14-02-04 --work-type 医学遗传 --level 1 >/dev/null; then
  ok "installed skillcert CLI"
else
  bad "installed skillcert CLI"
fi

pydir=$(find "$stage" -name 'skillcert.py' -path '*packages*' -printf '%h\n' 2>/dev/null | head -1)
if [ -n "$pydir" ]; then
  if PYTHONPATH="$pydir" "${PYTHON:-/usr/bin/python3}" -c 'import skillcert; db = skillcert.Database(":memory:"); print("ok")' >/dev/null 2>"$tmp/py.err"; then
    ok "python3 -c 'import skillcert' against the installed module"
  else
    cat "$tmp/py.err"; bad "installed Python module"
  fi
fi
jar=$(find "$stage" -name 'skillcert.jar' | head -1)
jni=$(find "$stage" -name 'libskillcert_jni.so' -printf '%h\n' | head -1)
if [ -n "$jar" ]; then
  mkdir -p "$tmp/j"
  cat >"$tmp/j/Smoke.java" <<'J'
import org.skillcert.*;
public class Smoke {
    public static void main(String[] a) {
        try (Database db = new Database(":memory:")) {
            System.out.println("ok " + db.path());
        }
    }
}
J
  if javac -cp "$jar" -d "$tmp/j" "$tmp/j/Smoke.java" 2>"$tmp/j.err" &&
     java -cp "$jar:$tmp/j" -Djava.library.path="$jni" Smoke >/dev/null 2>>"$tmp/j.err"; then
    ok "the installed jar and JNI library"
  else
    cat "$tmp/j.err"; bad "installed jar"
  fi
  # With no flag the jar loads $libdir/jni/libskillcert_jni.so: the path is baked in.
  cat >"$tmp/j/Where.java" <<'J'
public class Where {
    public static void main(String[] a) {
        System.out.println(org.skillcert.SkillcertLibrary.INSTALLED);
    }
}
J
  if javac -cp "$jar" -d "$tmp/j" "$tmp/j/Where.java" 2>>"$tmp/j.err" &&
     [ "$(java -cp "$jar:$tmp/j" Where 2>>"$tmp/j.err")" = "$libdir/jni/libskillcert_jni.so" ] &&
     [ -f "$stage$libdir/jni/libskillcert_jni.so" ]; then
    ok "the jar loads the JNI library from $libdir/jni without a flag"
  else
    cat "$tmp/j.err"; bad "the installed JNI path baked into the jar"
  fi
  # The sources jar beside the jar, and the Javadoc in $(docdir)/java.
  src="$(dirname "$jar")/skillcert-sources.jar"
  if [ -f "$src" ] && jar tf "$src" 2>/dev/null | grep -q 'org/skillcert/Database.java' &&
     jar tf "$src" | grep -q 'org/skillcert/ActorKind.java'; then
    ok "installed $(basename "$src") with the Java sources"
  else
    bad "installed skillcert-sources.jar"
  fi
  doc="$root/share/doc/libskillcert/java"
  if [ -f "$doc/index.html" ] && [ -f "$doc/org/skillcert/ActorKind.html" ] &&
     grep -q 'CITY_CENTRE' "$doc/org/skillcert/ActorKind.html"; then
    ok "installed the Javadoc into share/doc/libskillcert/java"
  else
    bad "installed the Javadoc"
  fi
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
