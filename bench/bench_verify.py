"""The Python half of `make bench-python` (run by bench/bench_verify --python).

    python3 bench/bench_verify.py REGISTRY LOOKUPS

Opens REGISTRY through the binding and times Database.certificate_verify()
over every line "NUMBER<TAB>NAME" of LOOKUPS, as bench_verify's api round
does in C over the same lookups. Prints one line
    python per_s=N valid=V
(V: the answers VERIFY_VALID, which bench_verify checks against its own).
"""

import sys
import time

import skillcert


def main(registry, lookups):
    with open(lookups, encoding="utf-8") as f:
        pairs = [tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()]
    valid_status = skillcert.VERIFY_VALID
    with skillcert.Database(registry) as db:
        verify = db.certificate_verify
        verify(*pairs[0])            # warm: statements prepared, pages cached
        t0 = time.perf_counter()
        valid = 0
        for number, name in pairs:
            if verify(number, name).status == valid_status:
                valid += 1
        secs = time.perf_counter() - t0
    print("python per_s=%.0f valid=%d" % (len(pairs) / secs, valid))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: bench_verify.py REGISTRY LOOKUPS")
    sys.exit(main(sys.argv[1], sys.argv[2]))
