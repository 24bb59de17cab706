#!/usr/bin/env bash
# Walk-through: a report campaign, from the office's request to the report ACCEPTED into the office's incoming
# register, as the demo users, against a running service with the demo data (BASE, default http://localhost:8080).
# Needs curl, jq, oathtool. WalkthroughScriptsTest runs it against the started application, so it cannot drift.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# 1. The office's officer asks both demo schools (schoolCodes left out: every school under the office).
CAMPAIGN=$(post cv.nam /api/report-campaigns \
  "{\"title\":\"Báo cáo sơ kết học kỳ I\",\"period\":\"SEMI_ANNUAL\",\"deadline\":\"$(date -d '+10 days' +%F)\"}" \
  | jq -r .id)

# 2. The clerk of THCS Hòa Bình uploads the report and hands it to the principal.
DOC=$(as vt.hoa -F file=@"$SAMPLES/ke-hoach-bai-day-mau.pdf" -F title="Báo cáo sơ kết học kỳ I" -F kind=REPORT \
      "$B/api/documents" | jq -r .id)
post vt.hoa "/api/tasks/$(task vt.hoa schoolReport "$CAMPAIGN")/complete" \
  "{\"decision\":\"SUBMIT\",\"inputs\":{\"documentId\":\"$DOC\"}}" >/dev/null

# 3. The principal signs: 202 with a sign transaction, confirmed with the code from her phone.
TX=$(post ht.mai "/api/tasks/$(task ht.mai schoolReport "$CAMPAIGN")/complete" '{"decision":"APPROVE"}' \
     | jq -r .transactionId)
confirm ht.mai "$TX"

# 4. Signed, the report takes its outgoing number and goes to the office. The officer sees it sent and accepts it
#    into the incoming register (or: {"decision":"RETURN","comment":"…"} sends it back to the clerk).
SENT=$(wait_for cv.nam "/api/report-campaigns/$CAMPAIGN" \
  '.rows[] | select(.schoolCode == "THCSHB") | .status == "SUBMITTED" and .receiveTaskId != null')
jq '{counts, rows: [.rows[] | {schoolCode, status, outgoingNumber, late}]}' <<<"$SENT"
RECEIVE=$(jq -r '.rows[] | select(.schoolCode == "THCSHB") | .receiveTaskId' <<<"$SENT")
post cv.nam "/api/tasks/$RECEIVE/complete" '{"decision":"ACCEPT"}' >/dev/null
DONE=$(wait_for cv.nam "/api/report-campaigns/$CAMPAIGN" \
  '.rows[] | select(.schoolCode == "THCSHB") | .status == "ACCEPTED"')
jq '.rows[] | {schoolCode, status, outgoingNumber, arrivalNumber}' <<<"$DONE"
as cv.nam -o bao-cao.pdf "$B/api/documents/$DOC/content"

# The end state a user checks: THCS Hòa Bình's report ACCEPTED, with its outgoing and arrival numbers.
ROW=$(jq -c '.rows[] | select(.schoolCode == "THCSHB")' <<<"$DONE")
STATUS=$(jq -r .status <<<"$ROW")
OUTGOING=$(jq -r '.outgoingNumber // empty' <<<"$ROW")
ARRIVAL=$(jq -r '.arrivalNumber // empty' <<<"$ROW")
[ "$STATUS" = ACCEPTED ] || { echo "FAILED: the report is $STATUS, not ACCEPTED" >&2; exit 1; }
[ -n "$OUTGOING" ] && [ -n "$ARRIVAL" ] || { echo "FAILED: numbers missing: $ROW" >&2; exit 1; }
[ "$(head -c 5 bao-cao.pdf)" = "%PDF-" ] || { echo "FAILED: bao-cao.pdf is not a PDF" >&2; exit 1; }
echo "report campaign $CAMPAIGN: THCSHB $STATUS, outgoing number $OUTGOING, arrival number $ARRIVAL"
