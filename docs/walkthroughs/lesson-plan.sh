#!/usr/bin/env bash
# Walk-through: a lesson plan from upload to APPROVED, as the demo users, against a running service with the demo
# data (BASE, default http://localhost:8080). Every signature waits for its signer's one-time code, as with Smart CA:
# the step answers 202 with a sign transaction, and confirm with the code signs. Needs curl, jq, oathtool; the last
# step also poppler's pdfsig and NSS's certutil/crlutil (Debian: poppler-utils, libnss3-tools).
# WalkthroughScriptsTest runs this script against the started application, so it cannot drift from the API.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
TITLE="Bài 5: Phương trình bậc nhất một ẩn"

# 1. The teacher uploads her lesson plan and submits it (202: her author's signature waits), then confirms it.
DOC=$(as gv.lan -F file=@"$SAMPLES/ke-hoach-bai-day-mau.pdf" -F title="$TITLE" -F kind=LESSON_PLAN \
      "$B/api/documents" | jq -r .id)
SUBMITTED=$(post gv.lan /api/lesson-plans \
  "{\"documentId\":\"$DOC\",\"subject\":\"Toán\",\"grade\":8,\"lessonTitle\":\"$TITLE\",\"week\":12}")
PLAN=$(jq -r .id <<<"$SUBMITTED")
jq '{status, signTransaction: .signTransaction.displayText}' <<<"$SUBMITTED"   # AWAITING_SIGNATURE
confirm gv.lan "$(jq -r .signTransaction.transactionId <<<"$SUBMITTED")"
# The confirmation moves the plan at once; a background job puts the signature into the PDF (version 2).
wait_for gv.lan "/api/lesson-plans/$PLAN" '(.versions | length) == 2' | jq '{status, statusText, currentStep}'

# 2. The head of the subject group finds it in the inbox and returns it with a comment.
post tt.hung "/api/tasks/$(task tt.hung lessonPlanApproval "$PLAN")/complete" \
  '{"decision":"RETURN","comment":"Bổ sung phần luyện tập"}' >/dev/null

# 3. The teacher uploads a revised version and resubmits; she signs again with the next code.
as gv.lan -F file=@"$SAMPLES/ke-hoach-bai-day-mau-ban-sua.pdf" -F note="Bổ sung luyện tập" \
   "$B/api/documents/$DOC/versions" | jq '{version, sha256}'
TX=$(post gv.lan "/api/tasks/$(task gv.lan lessonPlanApproval "$PLAN")/complete" '{"decision":"RESUBMIT"}' \
     | jq -r .transactionId)
confirm gv.lan "$TX"                          # a code is good once: confirm waits for the next one if need be
wait_for gv.lan "/api/lesson-plans/$PLAN" '(.versions | length) == 4' >/dev/null

# 4. The head approves; he signed the printed copy, so the step counts as PAPER and nothing is e-signed.
post tt.hung "/api/tasks/$(task tt.hung lessonPlanApproval "$PLAN")/complete" \
  '{"decision":"APPROVE","channel":"PAPER"}' >/dev/null

# 5. The principal approves and confirms on her phone. (Many at once: POST /api/tasks/approve-batch
#    {"taskIds":[...]} answers one sign transaction, "Ký duyệt 12 kế hoạch bài dạy", confirmed with one code.)
TX=$(post ht.mai "/api/tasks/$(task ht.mai lessonPlanApproval "$PLAN")/complete" \
     '{"decision":"APPROVE","comment":"Đồng ý"}' | jq -r .transactionId)
confirm ht.mai "$TX"

# 6. APPROVED once her signature is in, with the full history, the paperless share and every version (each
#    signature is one); filed in the teacher's professional records, and she is told.
FINAL=$(wait_for gv.lan "/api/lesson-plans/$PLAN" \
  '.status == "APPROVED" and (.versions | last | .note // "" | contains("Phạm Thị Mai"))')
jq '{status, approvedAt, signatureNote, paperless,
     history: [.history[] | {step, actor, decision, channel, comment}]}' <<<"$FINAL"
as gv.lan "$B/api/professional-records" | jq '.[0]'
as gv.lan "$B/api/notifications" | jq '.items[].message'

# 7. The signed plan: two valid PAdES B-LTA signatures, the teacher's on the revised version and the principal's
#    (the head signed on paper).
REPORT=$(as gv.lan "$B/api/documents/$DOC/verification")
jq '{verdict, summary, signers: [.signatures[] | select(.kind == "SIGNATURE") | .signer]}' <<<"$REPORT"
as gv.lan -o ke-hoach-da-ky.pdf "$B/api/documents/$DOC/content"
# pdfsig (poppler) checks it independently, trusting the sample root, with the service's current CRLs (no OCSP: the
# sample certificates name http://localhost:8080, which need not be where this service runs).
NSS=$(mktemp -d)
certutil -N --empty-password -d "sql:$NSS"
certutil -A -n truongso-sample-root -t "CT,C,C" -i "$ROOT/certs-sample/root-ca.pem" -d "sql:$NSS"
certutil -A -n truongso-sample-issuing-ca -t ",," -i "$ROOT/certs-sample/issuing-ca.pem" -d "sql:$NSS"
for crl in issuing-ca root-ca; do
  curl -sS --fail -o "$NSS/$crl.crl" "$B/pki/crl/$crl.crl"
  crlutil -I -i "$NSS/$crl.crl" -d "sql:$NSS"
done
PDFSIG=$(pdfsig -nssdir "sql:$NSS" -no-ocsp ke-hoach-da-ky.pdf)
echo "$PDFSIG"

# The end state a user checks: APPROVED, the service's verdict VALID with exactly those two signers, and pdfsig
# finding every signature valid.
STATUS=$(jq -r .status <<<"$FINAL")
VERDICT=$(jq -r .verdict <<<"$REPORT")
SIGNERS=$(jq -r '[.signatures[] | select(.kind == "SIGNATURE") | .signer] | join(", ")' <<<"$REPORT")
[ "$STATUS" = APPROVED ] || { echo "FAILED: the plan is $STATUS, not APPROVED" >&2; exit 1; }
[ "$VERDICT" = VALID ] || { echo "FAILED: verification says $VERDICT" >&2; exit 1; }
[ "$SIGNERS" = "Nguyễn Thị Lan, Phạm Thị Mai" ] || { echo "FAILED: signed by $SIGNERS" >&2; exit 1; }
grep -q 'Signature is Valid' <<<"$PDFSIG" && ! grep -qE 'Signature is Invalid|Digest Mismatch|Revoked' <<<"$PDFSIG" \
  || { echo "FAILED: pdfsig does not find the signatures valid" >&2; exit 1; }
echo "lesson plan $PLAN: $STATUS, verification $VERDICT, signed by $SIGNERS"
