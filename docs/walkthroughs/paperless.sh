#!/usr/bin/env bash
# Walk-through: the paperless figures, as the demo users, against a running service with the demo data (BASE, default
# http://localhost:8080): a principal's figures for her school against the targets, the office's per school, the CSV,
# and the school's report as a PDF signed by the principal with the code from her phone. Needs curl, jq, oathtool.
# WalkthroughScriptsTest runs it against the started application, so it cannot drift from the API.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# 1. The principal of THCS Hòa Bình: her school's figures for a school year against the targets (and one row per
#    teacher who submitted).
MINE=$(as ht.mai "$B/api/paperless/summary?from=2026-08-01&to=2027-05-31")
jq '.overall.figures[] | {key, value, target, onTrack, note}' <<<"$MINE"

# 2. The office's officer: one row per school under the office, best digital share first; the same as CSV for Excel.
OFFICE=$(as cv.nam "$B/api/paperless/summary?sort=digitalShare,desc")
jq '.rows[] | {code, name}' <<<"$OFFICE"
as cv.nam -o so-lieu.csv "$B/api/paperless/summary.csv"

# 3. The principal makes the school's report (a Vietnamese PDF, table and chart against the targets): 202 with a sign
#    transaction, confirmed with the code from her phone; the report's next version carries her signature.
REPORT=$(post ht.mai /api/paperless/report '{}')
jq '{documentId, title, pages, signTransaction: .signTransaction.displayText}' <<<"$REPORT"
DOC=$(jq -r .documentId <<<"$REPORT")
confirm ht.mai "$(jq -r .signTransaction.transactionId <<<"$REPORT")"
VERIFIED=$(wait_for ht.mai "/api/documents/$DOC/verification" '.verdict == "VALID"')
jq '{verdict, summary, signers: [.signatures[] | select(.kind == "SIGNATURE") | .signer]}' <<<"$VERIFIED"
as ht.mai -o bao-cao-khong-giay.pdf "$B/api/documents/$DOC/content"

# The end state a user checks: the figures there (the school's share of digital steps among them), THCS Hòa Bình a
# row of the office's, the CSV opens in Excel (UTF-8 with BOM), and the report a PDF signed by the principal, VALID.
FIGURES=$(jq '.overall.figures | length' <<<"$MINE")
jq -e '.overall.figures | any(.key == "digitalShare")' >/dev/null <<<"$MINE" \
  || { echo "FAILED: no digitalShare among the principal's figures: $MINE" >&2; exit 1; }
jq -e '.rows | any(.code == "THCSHB")' >/dev/null <<<"$OFFICE" \
  || { echo "FAILED: THCSHB is not a row of the office's figures: $OFFICE" >&2; exit 1; }
[ "$(head -c 3 so-lieu.csv | od -An -tx1 | tr -d ' \n')" = efbbbf ] && [ "$(wc -l < so-lieu.csv)" -gt 1 ] \
  || { echo "FAILED: so-lieu.csv is not a UTF-8 CSV with BOM and lines" >&2; exit 1; }
SIGNERS=$(jq -r '[.signatures[] | select(.kind == "SIGNATURE") | .signer] | join(", ")' <<<"$VERIFIED")
[ "$SIGNERS" = "Phạm Thị Mai" ] || { echo "FAILED: the report is signed by $SIGNERS" >&2; exit 1; }
[ "$(head -c 5 bao-cao-khong-giay.pdf)" = "%PDF-" ] || { echo "FAILED: the report is not a PDF" >&2; exit 1; }
echo "paperless: $FIGURES figures for THCSHB, $(jq '.rows | length' <<<"$OFFICE") schools for the office, \
report $DOC VALID, signed by $SIGNERS"
