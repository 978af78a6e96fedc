// Drives Booking's FHIR API with fhir-kit-client, a published FHIR client, the way a consumer would:
// search slots with includes, book one, race several bookings for another, read, cancel with If-Match.
// Input (environment): BOOKING_FHIR_BASE, BOOKING_TOKEN, BOOKING_DAY (yyyy-MM-dd), BOOKING_NHS_NUMBERS (comma list).
// Output: one JSON object on stdout with what happened; exit code 1 when any step misbehaved.
import { Client } from 'fhir-kit-client';

const client = new Client({
  baseUrl: process.env.BOOKING_FHIR_BASE,
  customHeaders: { Authorization: `Bearer ${process.env.BOOKING_TOKEN}`, Accept: 'application/fhir+json' },
});
const day = process.env.BOOKING_DAY;
const nhsNumbers = process.env.BOOKING_NHS_NUMBERS.split(',');

function appointmentFor(slot, nhsNumber) {
  return {
    resourceType: 'Appointment',
    status: 'booked',
    start: slot.start,
    end: slot.end,
    slot: [{ reference: `Slot/${slot.id}` }],
    contained: [{
      resourceType: 'Patient', id: 'p',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber }],
      name: [{ family: 'Client', given: ['Fhir'] }], birthDate: '1975-02-03',
    }],
    participant: [{ actor: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber } }, status: 'accepted' }],
  };
}

async function statusOf(promise) {
  try {
    const body = await promise;
    return { ok: true, body };
  } catch (error) {
    return { ok: false, status: error.response && error.response.status, body: error.response && error.response.data };
  }
}

(async () => {
  const result = {};
  const bundle = await client.search({
    resourceType: 'Slot',
    searchParams: {
      status: 'free',
      start: [`ge${day}`, `le${day}`],
      _include: 'Slot:schedule',
      '_include:iterate': ['Schedule:actor:Practitioner', 'Schedule:actor:Location'],
    },
  });
  const slots = (bundle.entry || []).filter((e) => e.search.mode === 'match').map((e) => e.resource);
  result.slotsFound = slots.length;
  result.includedTypes = [...new Set((bundle.entry || []).filter((e) => e.search.mode === 'include').map((e) => e.resource.resourceType))].sort();
  if (slots.length < 2) {
    throw new Error(`expected at least two free slots on ${day}, found ${slots.length}`);
  }

  const booked = await client.create({ resourceType: 'Appointment', body: appointmentFor(slots[0], nhsNumbers[0]) });
  result.bookedStatus = booked.status;

  const race = await Promise.all(nhsNumbers.slice(1).map((nhs) =>
    statusOf(client.create({ resourceType: 'Appointment', body: appointmentFor(slots[1], nhs) }))));
  result.raceWinners = race.filter((r) => r.ok).length;
  result.raceLosers409 = race.filter((r) => !r.ok && r.status === 409).length;

  const read = await client.read({ resourceType: 'Appointment', id: booked.id });
  result.readStatus = read.status;

  const cancelled = await client.update({
    resourceType: 'Appointment',
    id: booked.id,
    body: { ...read, status: 'cancelled', cancelationReason: { text: 'Patient recovered' } },
    options: { headers: { 'If-Match': `W/"${read.meta.versionId}"` } },
  });
  result.cancelledStatus = cancelled.status;

  const slotAfter = await client.read({ resourceType: 'Slot', id: slots[0].id });
  result.slotAfterCancel = slotAfter.status;

  process.stdout.write(JSON.stringify(result) + '\n');
})().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.message || error), details: error.response && error.response.data }) + '\n');
  process.exit(1);
});
