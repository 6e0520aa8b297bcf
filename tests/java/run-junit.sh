#!/bin/sh
# Run the Java binding's tests (JUnit 4) against the jar and JNI library in
# the build tree, with -Xcheck:jni.
#
# Called by `make check` with top_builddir, top_srcdir, JAVA and JUNIT_CP in
# the environment (TESTS_ENVIRONMENT); also runnable by hand from the build
# directory:  top_srcdir=/path/to/src tests/java/run-junit.sh
# javac is taken from $JAVAC, else from the JDK of $JAVA.
# Exit status: 0 when every test passed and the JVM reported no JNI misuse;
# 1 on failure; 77 (skip) without JUnit; 99 when the tests do not compile.

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(dirname "$0")/../..}
JAVA=${JAVA:-java}
JUNIT_CP=${JUNIT_CP:-/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar}

builddir=$(cd "$top_builddir" && pwd) || exit 99
srcdir=$(cd "$top_srcdir" && pwd) || exit 99

if test -z "${JAVAC:-}"; then
    java_path=$(command -v "$JAVA") || { echo "run-junit.sh: no $JAVA" >&2; exit 99; }
    JAVAC=$(dirname "$(readlink -f "$java_path")")/javac
fi

junit_jar=${JUNIT_CP%%:*}
if ! test -f "$junit_jar"; then
    echo "run-junit.sh: $junit_jar not found; skipping the Java tests" >&2
    exit 77
fi

jar=$builddir/bindings/java/skillcert.jar
libs=$builddir/bindings/java/.libs
tests=$srcdir/tests/java
classes=$builddir/tests/java/classes
if ! test -f "$jar"; then
    echo "run-junit.sh: $jar is missing (run make)" >&2
    exit 99
fi

rm -rf "$classes" && mkdir -p "$classes" || exit 99
"$JAVAC" -encoding UTF-8 -Xlint:all -d "$classes" -cp "$jar:$JUNIT_CP" \
    "$tests"/org/skillcert/test/*.java || exit 99

# Every Test*.java is a test class.
test_classes=
for f in "$tests"/org/skillcert/test/Test*.java; do
    name=$(basename "$f" .java)
    test_classes="$test_classes org.skillcert.test.$name"
done

log=$classes/junit.out
# shellcheck disable=SC2086
# The build tree's library by name, before any installed copy.
"$JAVA" -Xcheck:jni -Dorg.skillcert.library="$libs/libskillcert_jni.so" -Dfile.encoding=UTF-8 \
    -cp "$classes:$jar:$JUNIT_CP" org.junit.runner.JUnitCore $test_classes \
    > "$log" 2>&1
status=$?
cat "$log"

# -Xcheck:jni only warns: a warning about JNI use is a failure here.
if grep -q -e 'WARNING in native method' -e 'FATAL ERROR in native method' "$log"; then
    echo "run-junit.sh: the JVM reported JNI misuse (see above)" >&2
    status=1
fi
exit $status
