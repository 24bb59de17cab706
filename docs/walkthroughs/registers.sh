#!/usr/bin/env bash
# Walk-through: a document into the outgoing register and found again, as the demo users, against a running service
# with the demo data (BASE, default http://localhost:8080): the clerk uploads a report, the principal issues it with
# the next outgoing number (Decree 30/2020), and the clerk finds it in the register and by its number among the
# documents. Needs curl and jq (and oathtool, which lib.sh asks for). WalkthroughScriptsTest runs it against the
# started application, so it cannot drift from the API.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
TITLE="Báo cáo sơ kết học kỳ I"

# 1. The clerk of THCS Hòa Bình uploads the report.
DOC=$(as vt.hoa -F file=@"$SAMPLES/ke-hoach-bai-day-mau.pdf" -F title="$TITLE" -F kind=REPORT "$B/api/documents" \
      | jq -r .id)

# 2. The principal issues it: the year's next number in the outgoing register, type code BC (báo cáo), e.g.
#    "Số: 01/BC-THCSHB"; the signer defaults to herself.
ISSUED=$(post ht.mai /api/registers/outgoing "{\"documentId\":\"$DOC\",\"typeCode\":\"BC\"}")
jq '{formatted, symbol, issuedAt}' <<<"$ISSUED"
SYMBOL=$(jq -r .symbol <<<"$ISSUED")

# 3. The clerk finds it in the register (q matches number, symbol, title, signer, recipients, with or without
#    diacritics) and among the documents by its number, with where it is now.
REGISTER=$(as vt.hoa -G --data-urlencode "q=$SYMBOL" "$B/api/registers/outgoing")
jq '.items[] | {symbol, title, signer, issuedAt}' <<<"$REGISTER"
FOUND=$(as vt.hoa -G --data-urlencode "q=$SYMBOL" "$B/api/documents")
jq '.items[] | {title, registerSymbol, status, currentStep}' <<<"$FOUND"

# The end state a user checks: the register holds the entry for this document, and searching the documents by the
# number finds this one, carrying that symbol.
ENTRY=$(jq -c --arg d "$DOC" 'first(.items[] | select(.documentId == $d)) // empty' <<<"$REGISTER")
[ -n "$ENTRY" ] || { echo "FAILED: the register has no entry for $DOC: $REGISTER" >&2; exit 1; }
[ "$(jq -r .title <<<"$ENTRY")" = "$TITLE" ] && [ "$(jq -r .symbol <<<"$ENTRY")" = "$SYMBOL" ] \
  || { echo "FAILED: the register's entry is $ENTRY" >&2; exit 1; }
[[ "$SYMBOL" =~ ^[0-9]+/BC-THCSHB$ ]] || { echo "FAILED: symbol $SYMBOL is not NN/BC-THCSHB" >&2; exit 1; }
[ "$(jq -r --arg d "$DOC" 'first(.items[] | select(.id == $d)) | .registerSymbol' <<<"$FOUND")" = "$SYMBOL" ] \
  || { echo "FAILED: searching the documents for $SYMBOL does not find $DOC: $FOUND" >&2; exit 1; }
echo "outgoing register: document $DOC issued as $(jq -r .formatted <<<"$ISSUED"), found by its number"
