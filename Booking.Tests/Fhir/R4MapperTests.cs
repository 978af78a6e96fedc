using System.Text;
using System.Text.Json;
using Booking.Core.Organisations;
using Booking.Core.Scheduling;
using Booking.Tests.TestSupport;
using Booking.Web.Fhir;
using Booking.Web.Fhir.Mapping;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NodaTime;
using Xunit;
using CorePractitioner = Booking.Core.Scheduling.Practitioner;
using R4 = Hl7.Fhir.Model;

namespace Booking.Tests.Fhir;

public sealed class R4MapperTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Practice Practice = new(OdsCode.Parse("Y12345"), "Riverside Medical Practice", 9_000);
    private static readonly Site MainSite = new(1, "Main surgery");
    private static readonly CorePractitioner DrPatel = new(
        3, "Dr Asha Patel", Booking.Core.Scheduling.PractitionerRole.Gp,
        [new PractitionerIdentifier(PractitionerIdentifierKind.Gmc, "1234567")]);
    private static readonly Service GpTelephone = new(
        2, "GP telephone appointment", SlotLength.FromMinutes(10), DeliveryMode.Telephone,
        NationalAppointmentCategory.GeneralConsultationRoutine, [Booking.Core.Scheduling.PractitionerRole.Gp]);

    [Fact]
    public void ToFhir_SlotAfterSpringClockChange_HasBritishSummerTimeOffsetAndSeconds()
    {
        var slot = FirstSlotOn(new LocalDate(2026, 3, 30));

        var json = Wire(R4Mapper.ToFhir(slot, GpTelephone, isBooked: false, London));

        json.GetProperty("start").GetString().Should().Be("2026-03-30T08:30:00+01:00");
        json.GetProperty("end").GetString().Should().Be("2026-03-30T08:40:00+01:00");
        json.GetProperty("status").GetString().Should().Be("free");
        json.GetProperty("id").GetString().Should().Be(slot.Id.Value).And.MatchRegex("^[A-Za-z0-9\\-\\.]{1,64}$");
        json.GetProperty("schedule").GetProperty("reference").GetString().Should().Be("Schedule/3-1-2");
        json.GetProperty("extension")[0].GetProperty("valueCode").GetString().Should().Be("Telephone");
    }

    [Fact]
    public void ToFhir_SlotInWinter_HasZeroOffset()
    {
        var json = Wire(R4Mapper.ToFhir(FirstSlotOn(new LocalDate(2026, 11, 23)), GpTelephone, isBooked: true, London));

        json.GetProperty("start").GetString().Should().Be("2026-11-23T08:30:00+00:00");
        json.GetProperty("status").GetString().Should().Be("busy");
    }

    [Fact]
    public async Task Serialize_EveryMappedResourceAndABundleOfThem_IsValidR4()
    {
        var slot = FirstSlotOn(new LocalDate(2026, 3, 30));
        var horizon = new Interval(slot.Start, slot.Start + Duration.FromDays(14));
        R4.Resource[] resources =
        [
            R4Mapper.ToFhir(slot, GpTelephone, isBooked: false, London),
            R4Mapper.ToSchedule(DrPatel, MainSite, GpTelephone, horizon, London),
            R4Mapper.ToOrganization(Practice),
            R4Mapper.ToLocation(MainSite, Practice),
            R4Mapper.ToHealthcareService(GpTelephone, Practice),
            R4Mapper.ToPractitioner(DrPatel),
            R4Mapper.ToPractitionerRole(DrPatel, Practice),
        ];
        var bundle = SlotSearch.Searchset(
            1,
            "http://localhost/fhir/Slot?status=free",
            resources.Select((r, i) => SlotSearch.Entry(
                "http://localhost/fhir", r, i == 0 ? R4.Bundle.SearchEntryMode.Match : R4.Bundle.SearchEntryMode.Include)).ToList());

        var json = resources.Append(bundle).Select(r => Encoding.UTF8.GetString(FhirJson.Serialize(r))).ToArray();

        json[^1].Should().StartWith("{\"resourceType\":\"Bundle\"").And.Contain("\"resourceType\":\"Slot\"");
        (await FhirValidator.ProblemsAsync(json)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SlotSearchsetResult_WritesTheBytesTheSdkWritesForTheSameBundle(bool withEntries)
    {
        const string fhirBase = "http://localhost/fhir";
        const string self = fhirBase + "/Slot?status=free&start=ge2026-03-30&start=le2026-11-23";
        var slots = withEntries ? new[] { FirstSlotOn(new LocalDate(2026, 3, 30)), FirstSlotOn(new LocalDate(2026, 11, 23)) } : [];
        R4.Resource[] includes = withEntries
            ? [R4Mapper.ToSchedule(DrPatel, MainSite, GpTelephone, new Interval(slots[0].Start, slots[1].End), London), R4Mapper.ToOrganization(Practice)]
            : [];
        var sdkBundle = SlotSearch.Searchset(
            slots.Length,
            self,
            slots.Select(s => SlotSearch.Entry(fhirBase, R4Mapper.ToFhir(s, GpTelephone, isBooked: false, London), R4.Bundle.SearchEntryMode.Match))
                .Concat(includes.Select(r => SlotSearch.Entry(fhirBase, r, R4.Bundle.SearchEntryMode.Include)))
                .ToList());
        var next = withEntries ? self + "&_count=2&_cursor=opaque" : null;
        if (next is not null)
        {
            sdkBundle.Link.Add(new R4.Bundle.LinkComponent { Relation = "next", Url = next });
        }

        var cache = new SlotJsonCache();
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;

        await new SlotSearchsetResult(
            slots.Length,
            self,
            next,
            fhirBase,
            slots.Select(s => new SearchsetEntry("Slot/" + s.Id.Value, cache.Get(s, GpTelephone, isBooked: false, London))).ToList(),
            includes.Select(r => new SearchsetEntry(r.TypeName + "/" + r.Id, FhirJson.Serialize(r))).ToList())
            .ExecuteAsync(context);

        Encoding.UTF8.GetString(body.ToArray()).Should().Be(Encoding.UTF8.GetString(FhirJson.Serialize(sdkBundle)));
    }

    [Fact]
    public void SlotJsonCache_SameSlotAndService_IsWrittenOnceButAnotherServiceNameIsWrittenAfresh()
    {
        var cache = new SlotJsonCache();
        var slot = FirstSlotOn(new LocalDate(2026, 3, 30));
        var renamed = new Service(
            GpTelephone.Id, "GP phone call", SlotLength.FromMinutes(10), DeliveryMode.Telephone,
            NationalAppointmentCategory.GeneralConsultationRoutine, [Booking.Core.Scheduling.PractitionerRole.Gp]);

        var first = cache.Get(slot, GpTelephone, isBooked: false, London);

        cache.Get(slot, GpTelephone, isBooked: false, London).Should().BeSameAs(first);
        Encoding.UTF8.GetString(cache.Get(slot, renamed, isBooked: false, London)).Should().Contain("GP phone call");
        Encoding.UTF8.GetString(cache.Get(slot, GpTelephone, isBooked: true, London)).Should().Contain("\"busy\"");
    }

    [Fact]
    public void ToPractitioner_WithoutIdentifiers_OmitsTheElementRatherThanAnEmptyArray()
    {
        var practitioner = new CorePractitioner(9, "Jo Bennett", Booking.Core.Scheduling.PractitionerRole.Nurse);

        var json = Encoding.UTF8.GetString(FhirJson.Serialize(R4Mapper.ToPractitioner(practitioner)));

        json.Should().NotContain("identifier").And.NotContain("null").And.NotContain("[]");
    }

    [Theory]
    [InlineData("3-1-2", true)]
    [InlineData("03-1-2", false)]
    [InlineData("3-1", false)]
    [InlineData("3-1-2-4", false)]
    [InlineData("a-1-2", false)]
    public void TryParseSchedule_OnlyCanonicalIds(string id, bool valid) =>
        FhirIds.TryParseSchedule(id, out _, out _, out _).Should().Be(valid);

    private static JsonElement Wire(R4.Resource resource) => JsonDocument.Parse(FhirJson.Serialize(resource)).RootElement.Clone();

    private static Booking.Core.Scheduling.Slot FirstSlotOn(LocalDate date)
    {
        var layout = SessionLayout.Uniform(new LocalTimeRange(new LocalTime(8, 30), new LocalTime(11, 30)), GpTelephone.Id, SlotLength.FromMinutes(10));
        var template = new SessionTemplate(7, DrPatel.Id, MainSite.Id, date.DayOfWeek, layout, date.PlusWeeks(-4));
        var rota = new Rota(templates: [template], zone: London);
        return SlotGenerator.Generate(rota, new DateInterval(date, date)).Slots[0];
    }
}
