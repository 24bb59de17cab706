# Shared by the walk-throughs (sourced, not run): where the service is, curl as a demo user, the signer's phone, and
# waiting for what the service finishes in the background. Needs curl, jq and oathtool (Debian package oathtool).

B=${BASE:-http://localhost:8080}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SAMPLES=$ROOT/docs/samples
# Every demo signer's authenticator secret: public, demo data only, never in production.
DEMO_TOTP_SECRET=JBSWY3DPEHPK3PXP

for tool in curl jq oathtool; do
  command -v "$tool" >/dev/null || { echo "this walk-through needs $tool: apt-get install -y $tool" >&2; exit 1; }
done

# curl as a demo user (password demo); an HTTP error stops the walk-through with the problem+json it answered.
as() {
  local user=$1 out
  shift
  if ! out=$(curl -sS --fail-with-body -u "$user:demo" "$@"); then
    echo "FAILED as $user: ${*: -1}: $out" >&2
    return 1
  fi
  printf '%s\n' "$out"
}

# POST JSON as a demo user: post USER PATH JSON
post() { as "$1" -H 'Content-Type: application/json' -d "$3" "$B$2"; }

# Polls (up to a minute) until the JSON at PATH, read as USER, passes the jq test; prints it.
wait_for() {
  local user=$1 path=$2 test=$3 out
  for _ in $(seq 1 60); do
    out=$(as "$user" "$B$path")
    if jq -e "$test" >/dev/null <<<"$out"; then
      printf '%s\n' "$out"
      return 0
    fi
    sleep 1
  done
  echo "FAILED: still not ($test) at $path: $out" >&2
  return 1
}

# The id of USER's open task of PROCESS for BUSINESS_KEY (a plan, a campaign, an application, a round), once it is
# there: task USER PROCESS BUSINESS_KEY
task() {
  wait_for "$1" "/api/tasks?process=$2&size=200" "any(.items[]; .businessKey == \"$3\")" \
    | jq -r --arg k "$3" 'first(.items[] | select(.businessKey == $k)) | .id'
}

# The signer's phone: confirm sign transaction TX with the authenticator app's current code. A code is good once, so
# when this 30-second step's code was used already (OTP_REUSED), wait for the next step's: confirm USER TX
confirm() {
  local user=$1 tx=$2 out
  for attempt in 1 2; do
    out=$(curl -sS -u "$user:demo" -H 'Content-Type: application/json' \
      -d "{\"otp\":\"$(oathtool --totp -b "$DEMO_TOTP_SECRET")\"}" "$B/api/sign-transactions/$tx/confirm")
    if [ "$attempt" = 1 ] && [ "$(jq -r '.code // empty' <<<"$out")" = OTP_REUSED ]; then
      sleep $((31 - $(date +%s) % 30))
      continue
    fi
    break
  done
  jq '{status, displayText}' <<<"$out"
  [ "$(jq -r .status <<<"$out")" = SIGNED ] || { echo "FAILED: not signed: $out" >&2; return 1; }
}
