#!/usr/bin/env bash
# Regenerate the README's pictures of the seed's briefing (docs/briefing-page-N.png).
# Run after changing the default templates: tests/test_docs.py checks they match the render.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/inbox"
cp seeds/000_b8909ad496ca7278.txt "$work/inbox/"
SOURCE_DATE_EPOCH=1764028800 .venv/bin/reports run --inbox "$work/inbox" --out "$work/out" --date 2026-11-25 --workers 1
rm -f docs/briefing-page-*.png
briefing=$(ls "$work"/out/2026-11-25/*.pdf | grep -v '/digest[^/]*\.pdf$')  # not the day's digest
pdftoppm -png -r 80 "$briefing" docs/briefing-page
for f in docs/briefing-page-*.png; do mv "$f" "${f/-0/-}"; done 2>/dev/null || true
ls docs/briefing-page-*.png
