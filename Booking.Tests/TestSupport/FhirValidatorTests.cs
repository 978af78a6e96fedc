using FluentAssertions;
using Xunit;

namespace Booking.Tests.TestSupport;

/// <summary>The validator every FHIR test relies on refuses what is not R4, so "no problems" cannot pass vacuously.</summary>
public sealed class FhirValidatorTests
{
    private const string ValidSlot =
        """{"resourceType":"Slot","id":"t12-20261124-1200","schedule":{"reference":"Schedule/2-1-1"},"status":"free","start":"2026-11-24T12:00:00+00:00","end":"2026-11-24T12:10:00+00:00"}""";

    [Fact]
    public async Task ProblemsAsync_ValidSlot_IsEmpty() =>
        (await FhirValidator.ProblemsAsync([ValidSlot])).Should().BeEmpty();

    [Fact]
    public async Task ProblemsAsync_SlotWithoutStatus_NamesTheMissingElement()
    {
        var problems = await FhirValidator.ProblemsAsync([ValidSlot.Replace("\"status\":\"free\",", "", StringComparison.Ordinal)]);

        problems.Should().Contain("status");
    }

    [Fact]
    public async Task ProblemsAsync_AppointmentWithABadStatusCode_FailsTheRequiredBinding()
    {
        const string appointment =
            """{"resourceType":"Appointment","status":"pencilled-in","start":"2026-11-24T12:00:00+00:00","end":"2026-11-24T12:10:00+00:00","participant":[{"actor":{"reference":"Practitioner/2"},"status":"accepted"}]}""";

        var problems = await FhirValidator.ProblemsAsync([appointment]);

        problems.Should().Contain("pencilled-in");
    }

    [Theory]
    [InlineData("""{"resourceType":"Slot","id":"t1","schedule":{"reference":"Schedule/2-1-1"},"status":"free","start":"2026-11-24T12:00:00+00:00","end":"2026-11-24T12:10:00+00:00","comment":""}""", "empty string")]
    [InlineData("""{"resourceType":"Slot","id":"t1","schedule":{"reference":"Schedule/2-1-1"},"status":"free","start":"2026-11-24T12:00:00+00:00","end":"2026-11-24T12:10:00+00:00","identifier":[]}""", "empty array")]
    [InlineData("""{"resourceType":"Slot","id":"t1","schedule":{"reference":"Schedule/2-1-1"},"status":"free","start":"2026-11-24T12:00:00+00:00","end":"2026-11-24T12:10:00+00:00","comment":null}""", "null")]
    [InlineData("""{"resourceType":"Slot","id":"t1","schedule":{"reference":"Schedule/2-1-1"},"status":"free","start":"2026-11-24T12:00:00+00:00","end":"2026-11-24T12:10:00+00:00","colour":"blue"}""", "colour")]
    public async Task ProblemsAsync_WireRuleOrUnknownElement_IsReported(string slot, string expected) =>
        (await FhirValidator.ProblemsAsync([slot])).Should().Contain(expected);
}
