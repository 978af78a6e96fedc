using System.Security.Claims;
using Booking.Core.Scheduling;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Data.Identity;
using Booking.Load.Harness;
using Booking.Web.Components.Pages.Manage.ApiClients;
using Booking.Web.Components.Pages.Manage.Practitioners;
using Booking.Web.Components.Pages.Manage.Services;
using Booking.Web.Components.Pages.Manage.Shared;
using Booking.Web.Components.Pages.Manage.Sites;
using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web.Manage;

/// <summary>The set-up forms against the demo practice on a real SQLite file: what they say about bad input, and what they store.</summary>
public sealed class SetupFormTests : BunitContext, IAsyncLifetime
{
    private ReceptionPractice _practice = default!;

    public SetupFormTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private ConfigurationStore Store => Services.GetRequiredService<ConfigurationStore>();

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
    }

    [Fact]
    public void ServiceForm_SubmitEmpty_SaysWhatIsMissingNextToEachField()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<ServiceForm>(p => p.Add(f => f.OnSaved, (Service _) => { }).Add(f => f.OnCancel, () => { }));

        form.Find("form").Submit();

        form.Find("#service-name-error").TextContent.Should().Be("Enter the service's name, e.g. \"GP appointment\".");
        form.Find("#service-length-error").TextContent.Should().Be("Enter the usual length in whole minutes, from 1 to 240.");
        form.Find("#service-mode-error").TextContent.Should().Be("Choose how the service is delivered.");
        form.Find("#service-category-error").TextContent.Should().Be("Choose the national appointment category it is reported under.");
        form.Find("#service-roles-error").TextContent.Should().Be("Choose at least one role that may deliver the service.");
        form.Find("#service-name").GetAttribute("aria-invalid").Should().Be("true");
    }

    [Fact]
    public async Task ServiceForm_NameOfAnotherServiceInUse_RefusesAndKeepsWhatWasTyped()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<ServiceForm>(p => p
            .Add(f => f.NamesInUse, ["GP appointment"])
            .Add(f => f.OnSaved, (Service _) => { })
            .Add(f => f.OnCancel, () => { }));

        FillService(form, " gp APPOINTMENT ", "12");
        form.Find("form").Submit();

        form.Find("#service-name-error").TextContent.Should().Be("There is already a service called \"gp APPOINTMENT\". Choose another name.");
        form.Find("#service-length").GetAttribute("value").Should().Be("12");
        form.Find("#service-role-Nurse").HasAttribute("checked").Should().BeTrue();
        (await ServicesNamedAsync("gp APPOINTMENT")).Should().BeEmpty();
    }

    [Fact]
    public async Task ServiceForm_ValidService_StoresItAndRaisesSaved()
    {
        SignIn(StaffRoles.PracticeManager);
        Service? saved = null;
        var form = Render<ServiceForm>(p => p.Add(f => f.OnSaved, (Service s) => saved = s).Add(f => f.OnCancel, () => { }));

        FillService(form, "Travel vaccination", "15");
        form.Find("form").Submit();

        form.WaitForAssertion(() => saved.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        var stored = (await ServicesNamedAsync("Travel vaccination")).Should().ContainSingle().Subject.Service;
        stored.DefaultLength.Minutes.Should().Be(15);
        stored.DeliveryMode.Should().Be(DeliveryMode.Telephone);
        stored.Category.Should().Be(NationalAppointmentCategory.PlannedClinicalProcedure);
        stored.EligibleRoles.Should().Equal(PractitionerRole.Nurse);
        stored.IsBookable.Should().BeFalse();
    }

    [Fact]
    public async Task ServiceForm_UserWithoutManagerRole_IsRefusedAndStoresNothing()
    {
        SignIn(StaffRoles.Receptionist);
        var form = Render<ServiceForm>(p => p.Add(f => f.OnSaved, (Service _) => { }).Add(f => f.OnCancel, () => { }));

        FillService(form, "Sneaky service", "10");
        form.Find("form").Submit();

        form.Find("[data-testid=service-refusal]").TextContent.Should().Contain("may not change the practice set-up");
        (await ServicesNamedAsync("Sneaky service")).Should().BeEmpty();
    }

    [Fact]
    public void PractitionerForm_MalformedIdentifier_ShowsTheRegistersFormatAndKeepsWhatWasTyped()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<PractitionerForm>(p => p.Add(f => f.OnSaved, (Practitioner _) => { }).Add(f => f.OnCancel, () => { }));

        form.Find("#practitioner-name").Input("Dr New Locum");
        form.Find("#practitioner-role").Change(PractitionerRole.Gp.ToString());
        form.Find("#practitioner-id-Gmc").Input("12345");
        form.Find("form").Submit();

        form.Find("#practitioner-id-Gmc-error").TextContent.Should().Be("A GMC number is 7 digits, e.g. 1234567.");
        form.Find("#practitioner-id-Gmc").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#practitioner-id-Gmc").GetAttribute("value").Should().Be("12345");
        form.Find("#practitioner-name").GetAttribute("value").Should().Be("Dr New Locum");
        form.Find("#practitioner-role-error").TextContent.Should().BeEmpty();
    }

    [Fact]
    public async Task PractitionerForm_EditIdentifiers_StoresThemNormalised()
    {
        SignIn(StaffRoles.PracticeManager);
        var clarke = (await ConfigurationAsync()).Practitioners.Single(p => p.Practitioner.Name == "Emma Clarke").Practitioner;
        Practitioner? saved = null;
        var form = Render<PractitionerForm>(p => p
            .Add(f => f.Editing, clarke)
            .Add(f => f.OnSaved, (Practitioner s) => saved = s)
            .Add(f => f.OnCancel, () => { }));

        form.Find("#practitioner-id-Nmc").GetAttribute("value").Should().Be("09A1234E");
        form.Find("#practitioner-id-SdsUserId").Input(" 123456789012 ");
        form.Find("form").Submit();

        form.WaitForAssertion(() => saved.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        var stored = (await ConfigurationAsync()).Practitioner(clarke.Id)!.Practitioner;
        stored.Identifiers.Select(i => (i.Kind, i.Value)).Should().BeEquivalentTo(
            [(PractitionerIdentifierKind.Nmc, "09A1234E"), (PractitionerIdentifierKind.SdsUserId, "123456789012")]);
    }

    [Fact]
    public async Task PractitionerForm_SameNameAndRoleAsAClinicianHere_IsRefusedNextToTheName()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<PractitionerForm>(p => p.Add(f => f.OnSaved, (Practitioner _) => { }).Add(f => f.OnCancel, () => { }));

        form.Find("#practitioner-name").Input("dr anita patel");
        form.Find("#practitioner-role").Change(PractitionerRole.Gp.ToString());
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("#practitioner-name-error").TextContent.Should().StartWith("Dr Anita Patel is already a clinician here in the same role."), TimeSpan.FromSeconds(10));
        form.Find("#practitioner-name").GetAttribute("aria-invalid").Should().Be("true");
        form.FindAll("[data-testid=practitioner-refusal]").Should().BeEmpty("the message is next to the field to change");
        (await ConfigurationAsync()).Practitioners.Count(p => p.Practitioner.Name.Equals("Dr Anita Patel", StringComparison.OrdinalIgnoreCase)).Should().Be(1);
    }

    [Fact]
    public void PractitionerForm_NameTypedAfterTheErrors_LosesItsMessageWhileTheRoleKeepsIts()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<PractitionerForm>(p => p.Add(f => f.OnSaved, (Practitioner _) => { }).Add(f => f.OnCancel, () => { }));
        form.Find("form").Submit();
        form.Find("#practitioner-name-error").TextContent.Should().NotBeEmpty();

        form.Find("#practitioner-name").Input("Dr New Locum");

        form.Find("#practitioner-name-error").TextContent.Should().BeEmpty();
        form.Find("#practitioner-name").HasAttribute("aria-invalid").Should().BeFalse();
        form.Find("#practitioner-role-error").TextContent.Should().NotBeEmpty();
    }

    [Fact]
    public void PractitionerForm_GmcNumberAnotherClinicianHolds_IsRefusedNextToThatNumber()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<PractitionerForm>(p => p.Add(f => f.OnSaved, (Practitioner _) => { }).Add(f => f.OnCancel, () => { }));

        form.Find("#practitioner-name").Input("Dr New Locum");
        form.Find("#practitioner-role").Change(PractitionerRole.Gp.ToString());
        form.Find("#practitioner-id-Gmc").Input("4712345");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("#practitioner-id-Gmc-error").TextContent.Should().StartWith("Dr Anita Patel already has this number"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SiteForm_Rename_StoresTheNewName()
    {
        SignIn(StaffRoles.PracticeManager);
        var riverside = (await ConfigurationAsync()).Sites.Single(s => s.Site.Name == "Riverside branch").Site;
        Site? saved = null;
        var form = Render<SiteForm>(p => p
            .Add(f => f.Editing, riverside)
            .Add(f => f.NamesInUse, ["Main surgery"])
            .Add(f => f.OnSaved, (Site s) => saved = s)
            .Add(f => f.OnCancel, () => { }));

        form.Find("#site-name").Input("Main surgery");
        form.Find("form").Submit();
        form.Find("#site-name-error").TextContent.Should().Be("There is already a site called \"Main surgery\". Choose another name.");

        form.Find("#site-name").Input("Riverside health centre");
        form.Find("form").Submit();

        form.WaitForAssertion(() => saved.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        (await ConfigurationAsync()).Site(riverside.Id)!.Site.Name.Should().Be("Riverside health centre");
    }

    [Fact]
    public async Task ApiClientForm_PrivateKeyInTheKeySet_IsRefusedNextToTheKeys()
    {
        SignIn(StaffRoles.PracticeManager);
        var form = Render<ApiClientForm>(p => p.Add(f => f.OnRegistered, (ApiClient _) => { }).Add(f => f.OnCancel, () => { }));
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var privateJwk = Microsoft.IdentityModel.Tokens.JsonWebKeyConverter.ConvertFromRSASecurityKey(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(key));

        FillClient(form, "Leaky hub", "Y12345", $"{{\"keys\":[{System.Text.Json.JsonSerializer.Serialize(privateJwk)}]}}");
        form.Find("form").Submit();

        form.Find("#client-jwks-error").TextContent.Should().StartWith("The key set contains a private key.");
        form.Find("#client-name").GetAttribute("value").Should().Be("Leaky hub");
        (await Store.ListApiClientsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task ApiClientForm_ValidClient_RegistersItWithTheChosenScopes()
    {
        SignIn(StaffRoles.PracticeManager);
        ApiClient? registered = null;
        var form = Render<ApiClientForm>(p => p.Add(f => f.OnRegistered, (ApiClient c) => registered = c).Add(f => f.OnCancel, () => { }));
        using var consumer = new SmartClient("unused", _practice.Clock);

        FillClient(form, "NHS 111 (Example Trust)", " x26 ", consumer.JwksJson);
        form.Find("#client-org-type").Input("Urgent-Care");
        form.Find("form").Submit();

        form.WaitForAssertion(() => registered.Should().NotBeNull(), TimeSpan.FromSeconds(10));
        var stored = (await Store.ListApiClientsAsync()).Should().ContainSingle().Subject;
        stored.ClientId.Should().MatchRegex("^nhs-111-example-trust-[0-9a-f]{8}$").And.Be(registered!.ClientId);
        stored.OdsCode.Value.Should().Be("X26");
        stored.Channel.OrganisationType.Should().Be("urgent-care");
        stored.Scopes.Should().Equal("system/Slot.rs", "system/Appointment.cru");
    }

    [Fact]
    public async Task ApiClientForm_NameOfAnActiveClient_IsRefusedNextToTheName()
    {
        SignIn(StaffRoles.PracticeManager);
        using var consumer = new SmartClient("unused", _practice.Clock);
        ApiClient? registered = null;
        var first = Render<ApiClientForm>(p => p.Add(f => f.OnRegistered, (ApiClient c) => registered = c).Add(f => f.OnCancel, () => { }));
        FillClient(first, "Hub (Example PCN)", "Y12345", consumer.JwksJson);
        first.Find("form").Submit();
        first.WaitForAssertion(() => registered.Should().NotBeNull(), TimeSpan.FromSeconds(10));

        var second = Render<ApiClientForm>(p => p.Add(f => f.OnRegistered, (ApiClient _) => { }).Add(f => f.OnCancel, () => { }));
        FillClient(second, "hub (example pcn)", "Y12345", consumer.JwksJson);
        second.Find("form").Submit();

        second.WaitForAssertion(() => second.Find("#client-name-error").TextContent.Should().StartWith("An active API client already has this name"), TimeSpan.FromSeconds(10));
        (await Store.ListApiClientsAsync()).Should().ContainSingle();
    }

    [Fact]
    public void RetirePanel_DateBeforeToday_IsRefusedAndNothingIsConfirmed()
    {
        LocalDate? confirmed = null;
        var panel = Render<RetirePanel>(p => p
            .Add(f => f.Title, "Retire Riverside branch")
            .Add(f => f.Explanation, "Explained.")
            .Add(f => f.ConfirmText, "Retire site")
            .Add(f => f.Today, _practice.Today)
            .Add(f => f.OnConfirm, (LocalDate date) => confirmed = date)
            .Add(f => f.OnCancel, () => { }));

        panel.Find("#retire-date").Change("2026-11-23");
        panel.Find("form").Submit();

        panel.Find("#retire-date-error").TextContent.Should().Be("Choose today (Tue 24 Nov 2026) or a later date: retiring cannot be back-dated.");
        confirmed.Should().BeNull();
        panel.FindAll("[data-testid=retire-refusal]").Should().BeEmpty();

        panel.Find("#retire-date").Change("2026-12-01");
        panel.Find("form").Submit();

        confirmed.Should().Be(new LocalDate(2026, 12, 1));
    }

    private async Task<IReadOnlyList<ConfiguredService>> ServicesNamedAsync(string name) =>
        (await ConfigurationAsync()).Services.Where(s => s.Service.Name == name).ToList();

    private async Task<PracticeConfiguration> ConfigurationAsync() =>
        (await _practice.Desk.Queries.GetConfigurationAsync())!;

    private static void FillService(IRenderedComponent<ServiceForm> form, string name, string minutes)
    {
        form.Find("#service-name").Input(name);
        form.Find("#service-length").Change(minutes);
        form.Find("#service-mode").Change(DeliveryMode.Telephone.ToString());
        form.Find("#service-category").Change(NationalAppointmentCategory.PlannedClinicalProcedure.ToString());
        form.Find("#service-role-Nurse").Change(true);
        form.Find("#service-bookable").Change(false);
    }

    private static void FillClient(IRenderedComponent<ApiClientForm> form, string name, string ods, string jwks)
    {
        form.Find("#client-name").Input(name);
        form.Find("#client-ods").Input(ods);
        form.Find("#client-scope-0").Change(true);
        form.Find("#client-scope-2").Change(true);
        form.Find("#client-jwks").Input(jwks);
    }

    private void SignIn(string role)
    {
        var auth = this.AddAuthorization();
        auth.SetAuthorized("manager@demo.practice");
        auth.SetRoles(role);
        // After the roles: bUnit 1.9.8 drops claims set before SetRoles.
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-alex"), new Claim("display_name", "Alex Morgan"), new Claim("amr", "mfa"));
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();
}
