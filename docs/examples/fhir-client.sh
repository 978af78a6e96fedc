# Sourced by the docs/examples/fhir-*.sh scripts: registers a client with a fresh key and gets it a SMART Backend
# Services token. Set base, fhir, work, client_name and client_scopes first; sets client_id, assertion and token.
# The client is registered in the database the app uses: when the app was started with another connection string,
# export the same one first (ConnectionStrings__Booking="Data Source=…").
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# A key pair for the client; the practice registers only the public half (as a JWKS).
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
modulus=$(openssl rsa -in "$work/key.pem" -noout -modulus | cut -d= -f2 | xxd -r -p | b64url)
printf '{"keys":[{"kty":"RSA","kid":"example-key","use":"sig","alg":"RS384","n":"%s","e":"AQAB"}]}' "$modulus" > "$work/jwks.json"

# Register it with the app's command (the same database the running app uses); it prints client_id.
client_id=$(dotnet run --project Booking.Web --no-launch-profile -- clients add --name "$client_name" --ods X26 \
  --org-type urgent-care --scopes "$client_scopes" --jwks "$work/jwks.json" \
  | sed -n 's/^client_id: //p')
echo "registered client_id: $client_id"

# A client assertion: a JWT signed with RS384, about and by the client, for the token endpoint, 5 minutes at most.
# An app started with Booking:FixedNow lives at another time: pass its time as BOOKING_NOW_EPOCH.
now=${BOOKING_NOW_EPOCH:-$(date +%s)}
header=$(printf '{"alg":"RS384","typ":"JWT","kid":"example-key"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","aud":"%s/auth/token","exp":%d,"jti":"%s"}' \
  "$client_id" "$client_id" "$fhir" $((now + 240)) "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha384 -sign "$work/key.pem" -binary | b64url)
assertion="$header.$payload.$signature"

# The token (valid for 5 minutes).
curl -s "$fhir/auth/token" -d grant_type=client_credentials \
  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer -d "client_assertion=$assertion" \
  > "$work/token.json"
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$work/token.json")
