#!/usr/bin/env bash
# Every interaction of docs/fhir.md once, printing each request and the response it got (docs/fhir.md's examples
# are trimmed from a run of this script): the public documents (metadata, SMART configuration, $bulk-publish),
# the token request, a slot search with its includes, each directory read, a booking, the appointment's read and
# search, its cancel, and the patient's read and search. Needs openssl, curl and python3. Run it from the
# repository root against a running development app on a weekday (the demo releases each weekday's 12:00
# urgent-care slots to NHS 111 on the day and the day before), e.g.:
#   docs/examples/fhir-tour.sh http://localhost:5080
# The client is registered in the database the app uses: when the app was started with another connection string,
# export the same one first (ConnectionStrings__Booking="Data Source=…").
set -euo pipefail
base=${1:-http://localhost:5080}
fhir=$base/fhir
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pretty() { python3 -m json.tool --indent 2; }
show() { printf '\n### %s\n' "$*"; }
get() { show "GET $1"; curl -s -D "$work/h" -H "Authorization: Bearer $token" "$fhir$1" > "$work/body"; sed -n '1p;/^[Ee][Tt]ag:/p' "$work/h"; pretty < "$work/body"; }

show "GET /metadata"; curl -s "$fhir/metadata" | pretty
show "GET /.well-known/smart-configuration"; curl -s "$fhir/.well-known/smart-configuration" | pretty

client_name="NHS 111 tour"
client_scopes="system/*.rs system/Appointment.cru"
. "$(dirname "$0")/fhir-client.sh"
show "POST /auth/token (client_assertion header and payload, decoded)"
python3 -c 'import base64,sys; [print(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()) for part in sys.argv[1:]]' "$header" "$payload"
pretty < "$work/token.json"

today=${BOOKING_DAY:-$(date +%F)}
get "/Slot?status=free&start=ge$today&start=le$today&_include=Slot:schedule&_include:iterate=Schedule:actor:Practitioner&_include:iterate=Schedule:actor:PractitionerRole&_include:iterate=Schedule:actor:Location&_include:iterate=Schedule:actor:HealthcareService&_count=1"
cp "$work/body" "$work/slots.json"
slot=$(python3 -c 'import json,sys; print(next(e["resource"]["id"] for e in json.load(open(sys.argv[1]))["entry"] if e["resource"]["resourceType"]=="Slot"))' "$work/slots.json")
get "/Slot/$slot"
schedule=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["schedule"]["reference"])' "$work/body")
get "/$schedule"
for actor in $(python3 -c 'import json,sys; print(" ".join(a["reference"] for a in json.load(open(sys.argv[1]))["actor"]))' "$work/body"); do
  get "/$actor"
  cp "$work/body" "$work/${actor%%/*}.json"
done
organization=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["providedBy"]["reference"])' "$work/HealthcareService.json")
get "/$organization"

nhs=9434765919
python3 - "$work/slots.json" "$nhs" > "$work/appointment.json" <<'PY'
import json, sys
slot = next(e["resource"] for e in json.load(open(sys.argv[1]))["entry"] if e["resource"]["resourceType"] == "Slot")
nhs = {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": sys.argv[2]}
print(json.dumps({
    "resourceType": "Appointment", "status": "booked", "start": slot["start"], "end": slot["end"],
    "slot": [{"reference": "Slot/" + slot["id"]}],
    "description": "Sore throat for 5 days",
    "contained": [{"resourceType": "Patient", "id": "patient", "identifier": [nhs],
                   "name": [{"family": "Example", "given": ["Pat"]}], "birthDate": "1980-05-17"}],
    "participant": [{"actor": {"identifier": nhs}, "status": "accepted"}],
}))
PY
show "POST /Appointment"; pretty < "$work/appointment.json"
curl -s -D "$work/h" -o "$work/booked.json" -X POST "$fhir/Appointment" -H "Authorization: Bearer $token" \
  -H "Content-Type: application/fhir+json" --data @"$work/appointment.json"
sed -n '1p;/^[Ll]ocation:/p;/^[Ee][Tt]ag:/p' "$work/h"; pretty < "$work/booked.json"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/booked.json")

get "/Appointment/$id"
cp "$work/body" "$work/read.json"
get "/Appointment?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|$nhs&date=ge$today&_count=1"
get "/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|$nhs"
patient=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entry"][0]["resource"]["id"])' "$work/body")
get "/Patient/$patient"

python3 - "$work/read.json" > "$work/cancel.json" <<'PY'
import json, sys
appointment = json.load(open(sys.argv[1]))
appointment["status"] = "cancelled"
appointment["cancelationReason"] = {"text": "Patient feels better"}
print(json.dumps(appointment))
PY
show "PUT /Appointment/$id (If-Match: W/\"1\", the read with status cancelled and a cancelationReason)"
curl -s -D "$work/h" -o "$work/cancelled.json" -X PUT "$fhir/Appointment/$id" -H "Authorization: Bearer $token" \
  -H "Content-Type: application/fhir+json" -H 'If-Match: W/"1"' --data @"$work/cancel.json"
sed -n '1p;/^[Ee][Tt]ag:/p' "$work/h"; pretty < "$work/cancelled.json"
show "PUT /Appointment/$id again with the stale If-Match: W/\"1\""
curl -s -D "$work/h" -o "$work/stale.json" -X PUT "$fhir/Appointment/$id" -H "Authorization: Bearer $token" \
  -H "Content-Type: application/fhir+json" -H 'If-Match: W/"1"' --data @"$work/cancel.json"
sed -n '1p' "$work/h"; pretty < "$work/stale.json"

show 'GET /$bulk-publish'; curl -s "$fhir/\$bulk-publish" | tee "$work/manifest.json" | pretty
for url in $(python3 -c 'import json,sys; print(" ".join(o["url"] for o in json.load(open(sys.argv[1]))["output"]))' "$work/manifest.json"); do
  show "GET $url (first 2 lines)"; curl -s "$url" > "$work/file.ndjson"; head -2 "$work/file.ndjson"
done
