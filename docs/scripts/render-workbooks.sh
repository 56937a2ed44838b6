#!/usr/bin/env bash
# Builds a sample store, exports both report workbooks and renders their first page (the Summary sheet) to PNG for the
# documentation: docs/images/participation-report.png (English), participation-report-fr.png (French),
# training-effect-report.png and the training-effect workbook's second page, its Event Study sheet:
# docs/images/training-effect-event-study.png.
# Needs the .NET SDK, LibreOffice (soffice) and poppler-utils (pdftoppm):
#   apt-get install -y libreoffice-calc-nogui poppler-utils
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
images="$repo/docs/images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in dotnet soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render-workbooks: '$tool' is not installed" >&2; exit 1; }
done

# The same engine the cmdlets use (New-SocialSampleStore, Export-Social*Report), seed 42, period ending 2026-05-31.
dotnet run -c Release --project "$repo/benchmarks/SocialToolkit.Benchmarks.Reports" -- samples "$work"

mkdir -p "$images"
for report in participation-report participation-report-fr training-effect-report; do
  soffice --headless --norestore "-env:UserInstallation=file://$work/lo-profile" \
    --convert-to pdf --outdir "$work" "$work/$report.xlsx" >/dev/null
  pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$work/$report.pdf" "$images/$report"
  echo "$images/$report.png"
done

# The Event Study sheet is the training-effect workbook's second page (the Summary fits on one).
pdftoppm -png -r 110 -f 2 -l 2 -x 0 -y 40 -W 1286 -H 300 -singlefile "$work/training-effect-report.pdf" "$images/training-effect-event-study"
echo "$images/training-effect-event-study.png"
