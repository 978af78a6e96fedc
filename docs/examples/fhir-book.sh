#!/usr/bin/env bash
# Worked example: register an NHS 111 client, get a SMART Backend Services token, search today's free
# slots and book the first one. Needs openssl, curl and python3. Run it from the repository root against
# a running development app (dotnet run --project Booking.Web), e.g. on a weekday morning:
#   docs/examples/fhir-book.sh http://localhost:5080
set -euo pipefail
base=${1:-http://localhost:5080}
fhir=$base/fhir
work=$(mktemp -d)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# 1. A key pair for the client; the practice registers only the public half (as a JWKS).
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
modulus=$(openssl rsa -in "$work/key.pem" -noout -modulus | cut -d= -f2 | xxd -r -p | b64url)
printf '{"keys":[{"kty":"RSA","kid":"example-key","use":"sig","alg":"RS384","n":"%s","e":"AQAB"}]}' "$modulus" > "$work/jwks.json"

# 2. Register it with the app's command (the same database the running app uses); it prints client_id.
client_id=$(dotnet run --project Booking.Web --no-launch-profile -- clients add --name "NHS 111 example" --ods X26 \
  --org-type urgent-care --scopes "system/Slot.rs system/Appointment.cru" --jwks "$work/jwks.json" \
  | sed -n 's/^client_id: //p')
echo "registered client_id: $client_id"

# 3. A client assertion: a JWT signed with RS384, about and by the client, for the token endpoint, 5 minutes at most.
# An app started with Booking:FixedNow lives at another time: pass its time as BOOKING_NOW_EPOCH.
now=${BOOKING_NOW_EPOCH:-$(date +%s)}
header=$(printf '{"alg":"RS384","typ":"JWT","kid":"example-key"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","aud":"%s/auth/token","exp":%d,"jti":"%s"}' \
  "$client_id" "$client_id" "$fhir" $((now + 240)) "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha384 -sign "$work/key.pem" -binary | b64url)
assertion="$header.$payload.$signature"

# 4. The token (valid for 5 minutes).
token=$(curl -s "$fhir/auth/token" -d grant_type=client_credentials \
  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer -d "client_assertion=$assertion" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

# 5. Today's free slots for this client's channel, with their schedules.
today=${BOOKING_DAY:-$(date +%F)}
curl -s -H "Authorization: Bearer $token" "$fhir/Slot?status=free&start=ge$today&start=le$today&_include=Slot:schedule" > "$work/slots.json"
python3 - "$work/slots.json" <<'PY'
import json, sys
bundle = json.load(open(sys.argv[1]))
print(f"{bundle['total']} free slot(s)")
for entry in bundle.get("entry", []):
    r = entry["resource"]
    if r["resourceType"] == "Slot":
        print(f"  {r['id']}  {r['start']} to {r['end']}  {r['serviceType'][0]['text']}")
PY

# 6. Book the first slot for a patient (NHS number 943 476 5919) and show the status code.
python3 - "$work/slots.json" > "$work/appointment.json" <<'PY'
import json, sys
slot = next(e["resource"] for e in json.load(open(sys.argv[1])).get("entry", []) if e["resource"]["resourceType"] == "Slot")
nhs = {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}
print(json.dumps({
    "resourceType": "Appointment", "status": "booked", "start": slot["start"], "end": slot["end"],
    "slot": [{"reference": "Slot/" + slot["id"]}],
    "contained": [{"resourceType": "Patient", "id": "patient", "identifier": [nhs],
                   "name": [{"family": "Example", "given": ["Pat"]}], "birthDate": "1980-05-17"}],
    "participant": [{"actor": {"identifier": nhs}, "status": "accepted"}],
}))
PY
curl -s -i -X POST "$fhir/Appointment" -H "Authorization: Bearer $token" -H "Content-Type: application/fhir+json" \
  -H "X-Request-Id: $(openssl rand -hex 8)" --data @"$work/appointment.json" | sed -n '1p;/^[Ll]ocation:/p;/^[Ee][Tt]ag:/p'
rm -rf "$work"
