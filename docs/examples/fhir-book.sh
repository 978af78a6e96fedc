#!/usr/bin/env bash
# Worked example: register an NHS 111 client, get a SMART Backend Services token, search today's free
# slots a page at a time, book the first one with a description and comment, read the appointment and
# the patient back. Needs openssl, curl and python3. Run it from the repository root against a running
# development app (dotnet run --project Booking.Web), e.g. on a weekday:
#   docs/examples/fhir-book.sh http://localhost:5080
# The client is registered in the database the app uses: when the app was started with another
# connection string, export the same one first (ConnectionStrings__Booking="Data Source=…").
set -euo pipefail
base=${1:-http://localhost:5080}
fhir=$base/fhir
work=$(mktemp -d)
client_name="NHS 111 example"
client_scopes="system/Slot.rs system/Appointment.cru system/Patient.rs"
# 1-4. A key, the client's registration and a token (docs/examples/fhir-client.sh).
. "$(dirname "$0")/fhir-client.sh"

# 5. Today's free slots for this client's channel, with their schedules, two to a page (follow "next" for more).
today=${BOOKING_DAY:-$(date +%F)}
curl -s -H "Authorization: Bearer $token" "$fhir/Slot?status=free&start=ge$today&start=le$today&_include=Slot:schedule&_count=2" > "$work/slots.json"
python3 - "$work/slots.json" <<'PY'
import json, sys
bundle = json.load(open(sys.argv[1]))
print(f"{bundle['total']} free slot(s); this page:")
for entry in bundle.get("entry", []):
    r = entry["resource"]
    if r["resourceType"] == "Slot":
        print(f"  {r['id']}  {r['start']} to {r['end']}  {r['serviceType'][0]['text']}")
for link in bundle["link"]:
    if link["relation"] == "next":
        print(f"  next page: {link['url']}")
PY

# 6. Book the first slot for a patient (NHS number 943 476 5919), with what the call handler noted.
python3 - "$work/slots.json" > "$work/appointment.json" <<'PY'
import json, sys
slot = next(e["resource"] for e in json.load(open(sys.argv[1])).get("entry", []) if e["resource"]["resourceType"] == "Slot")
nhs = {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}
print(json.dumps({
    "resourceType": "Appointment", "status": "booked", "start": slot["start"], "end": slot["end"],
    "slot": [{"reference": "Slot/" + slot["id"]}],
    "description": "Sore throat for 5 days", "comment": "Fever of 38.5C. Prefers a call back after 2pm.",
    "contained": [{"resourceType": "Patient", "id": "patient", "identifier": [nhs],
                   "name": [{"family": "Example", "given": ["Pat"]}], "birthDate": "1980-05-17"}],
    "participant": [{"actor": {"identifier": nhs}, "status": "accepted"}],
}))
PY
curl -s -D "$work/headers.txt" -o "$work/booked.json" -X POST "$fhir/Appointment" -H "Authorization: Bearer $token" \
  -H "Content-Type: application/fhir+json" -H "X-Request-Id: $(openssl rand -hex 8)" --data @"$work/appointment.json"
sed -n '1p;/^[Ll]ocation:/p;/^[Ee][Tt]ag:/p' "$work/headers.txt"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/booked.json")

# 7. Read it back, then the patient's record (a client sees only patients it has booked for).
curl -s -H "Authorization: Bearer $token" "$fhir/Appointment/$id" | python3 -c '
import json, sys
a = json.load(sys.stdin)
print("Appointment/%s: %s, %s, description: %s" % (a["id"], a["status"], a["start"], a.get("description")))'
curl -s -H "Authorization: Bearer $token" "$fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919" | python3 -c '
import json, sys
b = json.load(sys.stdin)
for e in b.get("entry", []):
    p = e["resource"]
    print("Patient/%s: %s, born %s" % (p["id"], p["name"][0]["text"], p["birthDate"]))'
rm -rf "$work"
