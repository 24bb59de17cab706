#!/usr/bin/env bash
# Walk-through: online admission, from the parent's application to the child ADMITTED with a signed decision, as the
# demo users, against a running service with the demo data (BASE, default http://localhost:8080). It closes the demo
# grade-6 round of THCS Hòa Bình early, so it runs once per fresh demo database. Needs curl, jq, oathtool.
# WalkthroughScriptsTest runs it against the started application, so it cannot drift from the API.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# The open grade-6 round of THCS Hòa Bình; the child turns 11 in its enrolment year, and the 12-digit personal ID
# carries that birth year (digits 5-6) after the province (001) and the century-and-gender digit (2: a boy, 2000s).
ROUND=$(as ht.mai "$B/api/enrolment-rounds?school=THCSHB" | jq -c 'first(.[] | select(.status == "OPEN" and .grade == 6))')
ROUND_ID=$(jq -r .id <<<"$ROUND")
BORN=$(($(jq -r .enrolmentYear <<<"$ROUND") - 11))
PERSONAL_ID=0012${BORN:2:2}$(printf '%06d' $(((RANDOM * 32768 + RANDOM) % 1000000)))

# 1. The parent uploads the birth certificate and the residence confirmation, then applies.
BC=$(as ph.binh -F file=@"$SAMPLES/ke-hoach-bai-day-mau.pdf" -F title="Giấy khai sinh" -F kind=APPLICATION_PAPER \
     "$B/api/documents" | jq -r .id)
RC=$(as ph.binh -F file=@"$SAMPLES/ke-hoach-bai-day-mau.pdf" -F title="Xác nhận cư trú" -F kind=APPLICATION_PAPER \
     "$B/api/documents" | jq -r .id)
APP=$(post ph.binh /api/enrolments '{
  "child": {"fullName": "Đặng Minh Khôi", "birthDate": "'"$BORN"'-05-20", "personalId": "'"$PERSONAL_ID"'", "gender": "MALE"},
  "parent": {"fullName": "Đặng Văn Bình", "phone": "0912345678", "email": "binh@example.com"},
  "address": {"text": "12 Tô Hiệu", "ward": "Hòa Bình", "lat": 21.0280, "lon": 105.8420},
  "schoolCode": "THCSHB", "grade": 6, "priorityGroups": [],
  "papers": [{"documentId": "'"$BC"'", "kind": "BIRTH_CERTIFICATE"}, {"documentId": "'"$RC"'", "kind": "RESIDENCE_CONFIRMATION"}]
}' | jq -r .id)
as ph.binh "$B/api/enrolments/$APP" | jq '{status, eligibility, steps: [.steps[] | {name, actor, endedAt}]}'

# 2. The clerk accepts (or REQUEST_MORE with "inputs": {"deadline": "2026-12-01", "missingPapers": ["BIRTH_CERTIFICATE"]}).
post vt.hoa "/api/tasks/$(task vt.hoa enrolmentRequest "$APP")/complete" '{"decision":"ACCEPT"}' >/dev/null

# 3. The principal closes the window early, reads the ranked list and approves it: one code signs every decision.
post ht.mai "/api/enrolment-rounds/$ROUND_ID/close" '{}' | jq .status
as ht.mai "$B/api/enrolment-rounds/$ROUND_ID/ranking" \
  | jq '.rows[] | {rank, childName, priorityPoints, distanceKm, withinSeats}'
APPROVED=$(post ht.mai "/api/tasks/$(task ht.mai admissionRound "$ROUND_ID")/complete" '{"decision":"APPROVE"}')
jq '{displayText, documents}' <<<"$APPROVED"             # 202: one transaction for the N decisions
confirm ht.mai "$(jq -r .transactionId <<<"$APPROVED")"

# 4. The parent sees ADMITTED and, once the background job has put the signatures in, downloads the signed decision.
FINAL=$(wait_for ph.binh "/api/enrolments/$APP" '.status == "ADMITTED" and .decision.signed')
jq '{status, decision}' <<<"$FINAL"
as ph.binh -o quyet-dinh.pdf "$B/api/enrolments/$APP/decision"

# The end state a user checks: ADMITTED, a numbered decision, signed, and the PDF in hand.
STATUS=$(jq -r .status <<<"$FINAL")
NUMBER=$(jq -r '.decision.number // empty' <<<"$FINAL")
[ "$STATUS" = ADMITTED ] || { echo "FAILED: the application is $STATUS, not ADMITTED" >&2; exit 1; }
[ -n "$NUMBER" ] || { echo "FAILED: the decision has no number" >&2; exit 1; }
[ "$(head -c 5 quyet-dinh.pdf)" = "%PDF-" ] || { echo "FAILED: quyet-dinh.pdf is not a PDF" >&2; exit 1; }
echo "enrolment $APP: $STATUS, decision $NUMBER signed"
