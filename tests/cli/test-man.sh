#!/bin/sh
# tests/cli/test-man.sh — the skillcert(1) manual page holds every command and
# option that `skillcert help` lists, and man(1) renders it without a warning.
#
# The page is written at build time by `skillcert --help-man` from the same
# command tables; this test is what makes a drift between the two fail. It
# reads doc/skillcert.1 of the build tree (the file that is installed) and
# checks it against a fresh `--help-man` too.

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
SKILLCERT="$top_builddir/tools/skillcert"
PAGE="$top_builddir/doc/skillcert.1"
PAGE3="$top_srcdir/doc/libskillcert.3"

if [ ! -x "$SKILLCERT" ] || [ ! -f "$PAGE" ]; then
    echo "test-man: $SKILLCERT or $PAGE not found (build first, or set top_builddir)" >&2
    exit 99
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-man.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM
unset SKILLCERT_DB
passed=0
failed=0
n=0
ok() { n=$((n + 1)); passed=$((passed + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "#   $2"; }

# The section headings of the page (.SS "catalog check CODE ..."), as plain
# text: man(7) escapes removed.
unman() { sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g' -e 's/\\f[BIRP]//g'; }
grep '^\.SS ' "$PAGE" | sed -e 's/^\.SS "//' -e 's/"$//' | unman >"$T/headings"

# 1. The built page is what the tool writes now.
if "$SKILLCERT" --help-man >"$T/fresh.1" 2>"$T/err" && cmp -s "$T/fresh.1" "$PAGE"; then
    ok "doc/skillcert.1 is the output of 'skillcert --help-man'"
else
    not_ok "doc/skillcert.1 is the output of 'skillcert --help-man'" "$(cat "$T/err")"
fi

# 2. Every command of `skillcert help` ("  NAME [SUB]   summary" lines under
#    "commands:" and "GROUP subcommands:") has its section in the page.
"$SKILLCERT" help >"$T/help" 2>&1
#    A top-level command is one word, a subcommand two (the summary may follow
#    after a single blank when the name is long).
awk '/^commands:$/ { on = 1; words = 1; next }
     /^[a-z-]+ subcommands:$/ { on = 1; words = 2; next }
     /^$/ { on = 0 }
     on && /^  [a-z]/ { print (words == 1 ? $1 : $1 " " $2) }' \
    "$T/help" >"$T/commands"
count=$(wc -l <"$T/commands")
if [ "$count" -ge 20 ]; then
    ok "'skillcert help' lists $count commands"
else
    not_ok "'skillcert help' lists at least 20 commands" "found $count"
fi
missing=""
while IFS= read -r cmd; do
    # The heading is the command itself, or it followed by its synopsis.
    if ! grep -q -x -F -e "$cmd" "$T/headings" && ! grep -q -F -e "$cmd " "$T/headings"; then
        missing="$missing '$cmd'"
    fi
done <"$T/commands"
if [ -z "$missing" ]; then
    ok "every command of 'skillcert help' has a section in skillcert(1)"
else
    not_ok "every command of 'skillcert help' has a section in skillcert(1)" "missing:$missing"
fi

# 3. Every option of every leaf command (`skillcert help CMD`, "  --name ..."
#    lines under "options:") is in that command's section of the page.
missing=""
options=0
while IFS= read -r cmd; do
    # shellcheck disable=SC2086
    "$SKILLCERT" help $cmd >"$T/cmdhelp" 2>&1 || { missing="$missing '$cmd'(help failed)"; continue; }
    awk '/^options:$/ { on = 1; next } /^$/ { on = 0 }
         on && /^  --/ { o = substr($0, 3); sub(/[ ].*/, "", o); print o }' \
        "$T/cmdhelp" >"$T/opts"
    [ -s "$T/opts" ] || continue
    # The section: from its heading to the next one.
    awk -v cmd="$cmd" '
        /^\.SS / { h = $0; sub(/^\.SS "/, "", h); sub(/"$/, "", h); gsub(/\\-/, "-", h)
                   on = (h == cmd || index(h, cmd " ") == 1); next }
        on' "$PAGE" | unman >"$T/section"
    while IFS= read -r opt; do
        options=$((options + 1))
        grep -q -F -e "$opt" "$T/section" || missing="$missing '$cmd $opt'"
    done <"$T/opts"
done <"$T/commands"
if [ -z "$missing" ] && [ "$options" -ge 20 ]; then
    ok "all $options options of the commands are in their sections of skillcert(1)"
else
    not_ok "every option of every command is in its section of skillcert(1)" \
        "options seen: $options; missing:$missing"
fi

# 4. The global options and the exit statuses are in the page.
missing=""
for word in "--db" "--json" "--actor" "SKILLCERT_DB" "EXIT STATUS"; do
    unman <"$PAGE" | grep -q -F -e "$word" || missing="$missing '$word'"
done
if [ -z "$missing" ]; then
    ok "skillcert(1) documents the global options, the environment and the exit statuses"
else
    not_ok "skillcert(1) documents the global options and exit statuses" "missing:$missing"
fi

# 5. Both pages render with no warning (groff via man(1), UTF-8).
for page in "$PAGE" "$PAGE3"; do
    if ! command -v man >/dev/null 2>&1; then
        not_ok "man(1) renders $(basename "$page")" "man is not installed (package man-db)"
        continue
    fi
    LC_ALL=C.UTF-8 MANWIDTH=80 MAN_KEEP_FORMATTING= man --warnings -E UTF-8 -l "$page" \
        >"$T/rendered" 2>"$T/warn"
    if [ -s "$T/rendered" ] && [ ! -s "$T/warn" ]; then
        ok "man(1) renders $(basename "$page") without a warning"
    else
        not_ok "man(1) renders $(basename "$page") without a warning" "$(head -5 "$T/warn")"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
