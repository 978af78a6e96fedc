using System.Security.Claims;
using Booking.Core.Appointments;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Manage.Practitioners;
using Bunit;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>Retiring from the set-up pages against the demo practice: what the manager is shown first, and what the list shows after.</summary>
public sealed class SetupPageTests : BunitContext, IAsyncLifetime
{
    private const string Patel = "Dr Anita Patel";
    private ReceptionPractice _practice = default!;

    public SetupPageTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        var auth = this.AddAuthorization();
        auth.SetAuthorized("manager@demo.practice");
        auth.SetRoles(StaffRoles.PracticeManager);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-alex"), new Claim("display_name", "Alex Morgan"), new Claim("amr", "mfa"));
    }

    [Fact]
    public async Task RetirePractitioner_WithSessionsAndBookings_ListsThemThenShowsTheClinicianRetiredUnderShowRetired()
    {
        await _practice.Desk.BookAsync(Patel, _practice.Today.PlusDays(1).At(new LocalTime(9, 0)),
            new PatientDetails(NhsNumber.Parse("9434765919"), "Jane Affected", new LocalDate(1980, 5, 17)));
        var page = Render<PractitionersPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=practitioner-row]").Should().NotBeEmpty(), TimeSpan.FromSeconds(10));

        page.Find($"button[aria-label='Retire {Patel}']").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=retire-impact]").TextContent.Should().Contain("Jane Affected"), TimeSpan.FromSeconds(10));
        var impact = page.Find("[data-testid=retire-impact]").TextContent;
        impact.Should().Contain("Wed 25 Nov 2026 at 09:00: Jane Affected");
        impact.Should().Contain($"Tuesdays 08:30–11:30, {Patel} at Main surgery, with no end date");

        page.Find("[data-testid=retire-panel] form").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=setup-notice]").TextContent.Should().Be(
            $"Retired {Patel} from Tue 24 Nov 2026. They are listed under \"Show retired clinicians\"."), TimeSpan.FromSeconds(10));
        page.FindAll("[data-testid=practitioner-row]").Should().NotContain(row => row.TextContent.Contains(Patel));
        page.Find("#show-retired").Change(true);
        page.FindAll("[data-testid=practitioner-row]").Single(row => row.TextContent.Contains(Patel)).TextContent.Should().Contain("Retired on Tue 24 Nov 2026");
        (await _practice.Desk.Queries.GetConfigurationAsync())!.Practitioners.Single(p => p.Practitioner.Name == Patel).RetiredOn.Should().Be(_practice.Today);
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();
}
