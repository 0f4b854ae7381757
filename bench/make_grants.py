"""A large 360Giving file for the import benchmarks (bench/import.sh, bench/import_concurrency.sh).

    python3 bench/make_grants.py DATA SIZE_MB PACKAGE [LINES]

Repeats the real grants of DATA/360giving (Trafford Council, Power to Change, the mixed funders)
with fresh identifiers until about SIZE_MB megabytes are written, as a 360Giving package
({"grants": [...]}) at PACKAGE and, when LINES is given, the same records as JSON lines there.
Prints how many grants it wrote.
"""
import json
import sys

FILES = ("360giving/trafford_council/trafford_council_voluntary_sector_grants.json",
         "360giving/grantnav_test_data/a002400000nO46WAAS.json",
         "360giving/grantnav_test_data/awefw001p00000zgyHZAAY.json")


def main(data, size_mb, package, lines_path=None):
    grants = []
    for f in FILES:
        with open(f"{data}/{f}", encoding="utf-8") as fh:
            grants += json.load(fh)["grants"]
    target, written, copies, records = size_mb << 20, 0, 0, 0
    lines = open(lines_path, "w", encoding="utf-8") if lines_path else None
    with open(package, "w", encoding="utf-8") as pkg:
        pkg.write('{"grants": [\n')
        while written < target:
            for g in grants:
                g = dict(g, id=f"{g['id']}-copy{copies}")
                text = json.dumps(g, ensure_ascii=False)
                pkg.write((",\n" if records else "") + text)
                if lines:
                    lines.write(text + "\n")
                written += len(text.encode("utf-8")) + 2
                records += 1
            copies += 1
        pkg.write("\n]}\n")
    if lines:
        lines.close()
    print(records)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], *sys.argv[4:])
