"""Given names and the gender they say, as data: `reports/analysis/lang/given_names.tsv`.

    .venv/bin/pip install --no-deps nomquamgender==0.1.4   # its data only (MIT); its code needs pandas
    .venv/bin/python bench/given_names.py                  # writes the file

The quotations of French and German articles need to know whom "il", "elle" or "er" stands
for; a title ("Mme") or a role ("la directrice") says it when the article gives one, a given
name ("Catherine Hill", "Olivier Véran") when it does not. nomquamgender (Van Buskirk et al.)
pools many public name lists into a share of women per name; a name goes in the file when it
is common (counted `MIN_COUNT` times or more) and that share leaves little doubt (at most
`DOUBT` from 0 or 1): "Jean", "Dominique", "Camille" say nothing, and are left out. Names are
kept as the package keeps them, lower case without accents ("jurgen"); the reader folds a
name the same way.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "reports" / "analysis" / "lang" / "given_names.tsv"
MIN_COUNT = 1000
DOUBT = 0.05
VERSION = "0.1.4"


def main() -> None:
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps nomquamgender==0.1.4 first")
    folder = Path(list(spec.submodule_search_locations)[0])
    data = json.loads((folder / "name_data.json").read_text(encoding="utf-8"))
    rows = sorted((name, "f" if share >= 1 - DOUBT else "m") for name, (sources, count, share, *_) in data.items()
                  if count >= MIN_COUNT and (share <= DOUBT or share >= 1 - DOUBT) and name.isalpha() and name.isascii())
    notice = (folder.parent / f"nomquamgender-{VERSION}.dist-info" / "LICENSE").read_text(encoding="utf-8")
    header = ("# Given names (lower case, no accents) and the gender they say: f or m. Built by bench/given_names.py\n"
              f"# from nomquamgender {VERSION}'s name data, under its licence:\n"
              + "".join(f"# {line}".rstrip() + "\n" for line in notice.splitlines()))
    OUT.write_text(header + "".join(f"{name}\t{gender}\n" for name, gender in rows), encoding="utf-8")
    print(f"{len(rows)} names -> {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
