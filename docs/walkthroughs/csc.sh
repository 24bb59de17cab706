#!/usr/bin/env bash
# Walk-through: a standard remote-signing client signs a file's SHA-256 through the CSC API v2 (Cloud Signature
# Consortium, 2.0.0.2) as the demo teacher gv.lan, against a running service with the demo data (BASE, default
# http://localhost:8080): log in, find her credential, authorise the hash with the code from her authenticator app,
# sign it, check the signature with openssl and end the token. Needs curl, jq, oathtool and openssl.
# WalkthroughScriptsTest runs it against the started application, so it cannot drift from the API.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v openssl >/dev/null || { echo "this walk-through needs openssl: apt-get install -y openssl" >&2; exit 1; }
SHA256=2.16.840.1.101.3.4.2.1                 # hashAlgorithmOID
SHA256_WITH_RSA=1.2.840.113549.1.1.11         # signAlgo: PKCS#1 v1.5 over DigestInfo(SHA-256, hash)

# A CSC method with the bearer token; a CSC error ({"error", "error_description"}) stops the walk-through and shows
# it: csc METHOD JSON
csc() {
  local out
  if ! out=$(curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "$2" "$B/csc/v2/$1"); then
    echo "FAILED: $1: $out" >&2
    return 1
  fi
  printf '%s\n' "$out"
}

# 1. What the service offers (no authentication); then log in with the same account as /api: a bearer token.
curl -sS --fail-with-body -X POST "$B/csc/v2/info" | jq '{specs, name, authType, methods}'
TOKEN=$(as gv.lan -X POST "$B/csc/v2/auth/login" | jq -r .access_token)

# 2. Her credentials (only her own ever show), and the first one's key, certificate chain and how a signature is
#    authorised: explicitly, with an OTP of type offline (the authenticator app).
CRED=$(csc credentials/list '{}' | jq -r '.credentialIDs[0]')
INFO=$(csc credentials/info \
  "{\"credentialID\":\"$CRED\",\"certificates\":\"chain\",\"certInfo\":true,\"authInfo\":true}")
jq '{key, subject: .cert.subjectDN, chain: (.cert.certificates | length), authMode, otp: .OTP.type}' <<<"$INFO"

# 3. Sign the SHA-256 of a file: authorise that very hash with the code from her app (the SAD signs only the hashes
#    it was given, once each), then sign it. A code is good once: when this 30-second step's code was used already
#    (e.g. by another walk-through a moment ago), the answer is invalid_otp and the next step's code is the one.
printf 'Kế hoạch bài dạy tuần 12' > khbd.txt
HASH=$(openssl dgst -sha256 -binary khbd.txt | base64)
for attempt in 1 2; do
  AUTHORIZED=$(curl -sS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"credentialID\":\"$CRED\",\"numSignatures\":1,\"hashes\":[\"$HASH\"],\"hashAlgorithmOID\":\"$SHA256\",
         \"OTP\":\"$(oathtool --totp -b "$DEMO_TOTP_SECRET")\"}" "$B/csc/v2/credentials/authorize")
  if [ "$attempt" = 1 ] && [ "$(jq -r '.error // empty' <<<"$AUTHORIZED")" = invalid_otp ]; then
    sleep $((31 - $(date +%s) % 30))
    continue
  fi
  break
done
SAD=$(jq -r '.SAD // empty' <<<"$AUTHORIZED")
[ -n "$SAD" ] || { echo "FAILED: credentials/authorize: $AUTHORIZED" >&2; exit 1; }
csc signatures/signHash "{\"credentialID\":\"$CRED\",\"SAD\":\"$SAD\",\"hashes\":[\"$HASH\"],
    \"hashAlgorithmOID\":\"$SHA256\",\"signAlgo\":\"$SHA256_WITH_RSA\"}" | jq -r '.signatures[0]' | base64 -d > khbd.sig
# (The SAD is used up now: signing again needs a new code.)

# 4. Check it as anyone can, with openssl alone: the certificate (the chain's first) is the school PKI's, its public
#    key verifies the signature over the file, and the token ends.
jq -r '.cert.certificates[]' <<<"$INFO" | while read -r der; do
  base64 -d <<<"$der" | openssl x509 -inform der
done > chain.pem
openssl x509 -in chain.pem -out gv.lan.pem                       # the first certificate: hers
openssl x509 -in gv.lan.pem -pubkey -noout > gv.lan.pub.pem
CHAIN=$(openssl verify -CAfile "$ROOT/certs-sample/root-ca.pem" -untrusted chain.pem gv.lan.pem 2>&1) || true
echo "$CHAIN"
VERIFIED=$(openssl dgst -sha256 -verify gv.lan.pub.pem -signature khbd.sig khbd.txt 2>&1) || true
echo "$VERIFIED"                                                 # Verified OK
REVOKED=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -X POST "$B/csc/v2/auth/revoke")
echo "auth/revoke: $REVOKED"                                     # 204: the token ends
AFTER=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{}' "$B/csc/v2/credentials/list")
echo "credentials/list with it: $(tail -n 1 <<<"$AFTER") $(head -n 1 <<<"$AFTER")"   # 401 invalid_token

# The end state a user checks: the certificate chains to the sample root, openssl verifies the signature over the
# file's hash with its key, and the revoked token is refused.
SUBJECT=$(jq -r .cert.subjectDN <<<"$INFO")
[ "$CHAIN" = "gv.lan.pem: OK" ] || { echo "FAILED: the certificate is not the school PKI's: $CHAIN" >&2; exit 1; }
[ "$VERIFIED" = "Verified OK" ] || { echo "FAILED: openssl does not verify the signature: $VERIFIED" >&2; exit 1; }
[ "$REVOKED" = 204 ] || { echo "FAILED: auth/revoke answered $REVOKED, not 204" >&2; exit 1; }
[ "$(tail -n 1 <<<"$AFTER")" = 401 ] && [ "$(head -n 1 <<<"$AFTER" | jq -r .error)" = invalid_token ] \
  || { echo "FAILED: the revoked token is not refused: $AFTER" >&2; exit 1; }
echo "CSC credential $CRED ($SUBJECT): signHash verified by openssl, revoked token refused"
