using Booking.Core.Appointments;
using Booking.Core.Scheduling;
using Booking.Data.Identity;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

public sealed class BookPatientFormTests : BunitContext, IAsyncLifetime
{
    private const string Patel = "Dr Anita Patel";
    private ReceptionPractice _practice = default!;
    private Slot _slot = default!;

    public BookPatientFormTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    public async Task InitializeAsync()
    {
        _practice = await ReceptionPractice.CreateAsync();
        _practice.AddTo(this);
        _slot = await _practice.Desk.SlotAsync(Patel, _practice.Today.At(new LocalTime(11, 0)));
    }

    [Fact]
    public void Submit_InvalidNhsNumber_ShowsTheMessageNextToTheFieldAndKeepsEverythingTyped()
    {
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();

        Fill(form, "943 476 5918", "John Typo", "1975-01-02", "07700 900123");
        form.Find("form").Submit();

        form.Find("#book-nhs-error").TextContent.Should().Be(NhsNumber.Describe(NhsNumberProblem.CheckDigitMismatch));
        form.Find("#book-nhs").GetAttribute("aria-invalid").Should().Be("true");
        form.Find("#book-nhs").GetAttribute("value").Should().Be("943 476 5918");
        form.Find("#book-name").GetAttribute("value").Should().Be("John Typo");
        form.Find("#book-dob").GetAttribute("value").Should().Be("1975-01-02");
        form.Find("#book-phone").GetAttribute("value").Should().Be("07700 900123");
        form.FindAll("[data-testid=booking-confirmation]").Should().BeEmpty();
    }

    [Fact]
    public void Submit_MissingNameAndDateOfBirth_SaysWhatIsMissingForEach()
    {
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();

        Fill(form, "943 476 5919", "", "", "");
        form.Find("form").Submit();

        form.Find("#book-nhs-error").TextContent.Should().BeEmpty();
        form.Find("#book-name-error").TextContent.Should().Be("Enter the patient's full name.");
        form.Find("#book-dob-error").TextContent.Should().Be("Enter the date of birth.");
    }

    [Fact]
    public async Task Submit_ValidPatient_BooksAsTheSignedInStaffAndConfirms()
    {
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();

        Fill(form, "943 476 5919", "Jane Example", "1980-05-17", "");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=booking-confirmation]").TextContent.Should().Contain("Jane Example"), TimeSpan.FromSeconds(10));
        var appointments = await _practice.Desk.Queries.GetPatientAppointmentsAsync(NhsNumber.Parse("9434765919"));
        appointments.Should().ContainSingle().Which.Appointment.CreatedBy.Should().Be(new Actor("user-sam", "Sam Taylor"));
    }

    [Fact]
    public async Task Submit_SlotBookedMeanwhile_ShowsTheServicesReason()
    {
        await _practice.Desk.BookAsync(Patel, _slot.LocalStart, new PatientDetails(NhsNumber.Parse("4010232137"), "First Come", new LocalDate(1990, 3, 4)));
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();

        Fill(form, "943 476 5919", "Jane Example", "1980-05-17", "");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find("[data-testid=booking-refusal]").TextContent.Should().Contain("Slot already booked"), TimeSpan.FromSeconds(10));
        form.Find("#book-name").GetAttribute("value").Should().Be("Jane Example");
    }

    [Fact]
    public async Task SlotChanged_AfterAnotherDeskTookTheFirst_KeepsEverythingTypedAndBooksTheNewSlot()
    {
        await _practice.Desk.BookAsync(Patel, _slot.LocalStart, new PatientDetails(NhsNumber.Parse("4010232137"), "First Come", new LocalDate(1990, 3, 4)));
        var next = await _practice.Desk.SlotAsync(Patel, _practice.Today.At(new LocalTime(11, 10)));
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();
        Fill(form, "943 476 5919", "Jane Example", "1980-05-17", "07700 900123");
        form.Find("form").Submit();
        form.WaitForAssertion(() => form.Find("[data-testid=booking-refusal]").TextContent.Should().Contain("Slot already booked"), TimeSpan.FromSeconds(10));

        form.Render(parameters => parameters.Add(f => f.Slot, next));

        form.Find("#book-nhs").GetAttribute("value").Should().Be("943 476 5919");
        form.Find("#book-name").GetAttribute("value").Should().Be("Jane Example");
        form.Find("#book-dob").GetAttribute("value").Should().Be("1980-05-17");
        form.Find("#book-phone").GetAttribute("value").Should().Be("07700 900123");
        form.FindAll("[data-testid=booking-refusal]").Should().BeEmpty("the refusal was about the other slot");
        form.Find("form").Submit();
        form.WaitForAssertion(() => form.Find("[data-testid=booking-confirmation]").TextContent.Should().Contain("Jane Example"), TimeSpan.FromSeconds(10));
        var booked = await _practice.Desk.Queries.GetPatientAppointmentsAsync(NhsNumber.Parse("9434765919"));
        booked.Should().ContainSingle().Which.Appointment.Slot.Id.Should().Be(next.Id);
    }

    [Fact]
    public async Task SlotChanged_AfterABooking_StartsEmptyForTheNextPatient()
    {
        var next = await _practice.Desk.SlotAsync(Patel, _practice.Today.At(new LocalTime(11, 10)));
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();
        Fill(form, "943 476 5919", "Jane Example", "1980-05-17", "");
        form.Find("form").Submit();
        form.WaitForAssertion(() => form.Find("[data-testid=booking-confirmation]"), TimeSpan.FromSeconds(10));

        form.Render(parameters => parameters.Add(f => f.Slot, next));

        form.Find("#book-name").GetAttribute("value").Should().BeNullOrEmpty();
    }

    [Fact]
    public async Task Submit_UserWithoutReceptionRole_IsRefusedAndBooksNothing()
    {
        SignIn();
        var form = RenderForm();

        Fill(form, "943 476 5919", "Jane Example", "1980-05-17", "");
        form.Find("form").Submit();

        form.Find("[data-testid=booking-refusal]").TextContent.Should().Contain("may not do reception work");
        (await _practice.Desk.Queries.GetPatientAppointmentsAsync(NhsNumber.Parse("9434765919"))).Should().BeEmpty();
    }

    [Fact]
    public async Task KnownNhsNumber_FillsInTheStoredDetailsReadOnlyAndBooksUnderThem()
    {
        await BookKnownPatientAsync();
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();

        form.Find("#book-nhs").Input("401 023 2137");

        form.WaitForAssertion(() => form.Find("[data-testid=known-patient]").TextContent.Should().Contain("Known patient"), TimeSpan.FromSeconds(10));
        form.Find("#book-name").GetAttribute("value").Should().Be("First Come");
        form.Find("#book-name").HasAttribute("readonly").Should().BeTrue();
        form.Find("#book-dob").GetAttribute("value").Should().Be("1990-03-04");
        form.Find("#book-dob").HasAttribute("readonly").Should().BeTrue();
        form.Find("#book-phone").GetAttribute("value").Should().Be("01632 960555");
        form.FindAll("[data-testid=typed-differs]").Should().BeEmpty("nothing was typed before the number");
        form.Find("form").Submit();
        form.WaitForAssertion(() => form.Find("[data-testid=booking-confirmation]").TextContent.Should().Contain("First Come"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task KnownNhsNumber_AfterOtherDetailsWereTyped_SaysWhatDiffersAndTheNumberChangedBackRestoresThem()
    {
        await BookKnownPatientAsync();
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();
        form.Find("#book-name").Input("Fiona Comer");
        form.Find("#book-dob").Change("1990-04-03");

        form.Find("#book-nhs").Input("4010232137");

        form.WaitForAssertion(() => form.Find("[data-testid=typed-differs]"), TimeSpan.FromSeconds(10));
        var warning = form.Find("[data-testid=typed-differs]").TextContent;
        warning.Should().Contain("Name: typed “Fiona Comer”, the record has “First Come”");
        warning.Should().Contain("Date of birth: typed “3 Apr 1990”, the record has “4 Mar 1990”");
        warning.Should().Contain("mistyped");
        form.Find("#book-name").GetAttribute("value").Should().Be("First Come");

        form.Find("#book-nhs").Input("401023213");

        form.FindAll("[data-testid=known-patient]").Should().BeEmpty();
        form.Find("#book-name").GetAttribute("value").Should().Be("Fiona Comer", "one patient's details never stay beside another number");
        form.Find("#book-name").HasAttribute("readonly").Should().BeFalse();
        form.Find("#book-dob").GetAttribute("value").Should().Be("1990-04-03");
    }

    [Fact]
    public async Task UpdateDetails_ShowsTheRecordAndTheCorrectionSideBySideThenSavesAndBooksUnderTheNewName()
    {
        await BookKnownPatientAsync();
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();
        form.Find("#book-name").Input("Fiona Comer");
        form.Find("#book-nhs").Input("4010232137");
        form.WaitForAssertion(() => form.Find("[data-testid=correct-patient]"), TimeSpan.FromSeconds(10));

        form.Find("[data-testid=correct-patient]").Click();
        form.Find("#correct-name").GetAttribute("value").Should().Be("Fiona Comer", "the correction starts from what was typed where it differs");
        form.Find("#correct-dob").GetAttribute("value").Should().Be("1990-03-04");
        form.Find("[data-testid=patient-correction] form").Submit();

        var rows = form.FindAll("[data-testid=correction-review] tbody tr");
        rows.Select(r => r.TextContent.Trim()).Should().HaveCount(3);
        rows[0].TextContent.Should().Contain("First Come").And.Contain("Fiona Comer").And.Contain("(changed)");
        rows[1].TextContent.Should().NotContain("(changed)");
        (await KnownNameAsync()).Should().Be("First Come", "nothing is saved before the side-by-side check");
        form.FindAll("[data-testid=correction-review] ~ div button").Single(b => b.TextContent.Trim() == "Save new details").Click();

        form.WaitForAssertion(() => form.Find("[data-testid=correction-notice]").TextContent.Should().Contain("updated"), TimeSpan.FromSeconds(10));
        form.Find("#book-name").GetAttribute("value").Should().Be("Fiona Comer");
        form.FindAll("[data-testid=typed-differs]").Should().BeEmpty("what was typed is now the record");
        (await KnownNameAsync()).Should().Be("Fiona Comer");
        form.Find("form").Submit();
        form.WaitForAssertion(() => form.Find("[data-testid=booking-confirmation]").TextContent.Should().Contain("Fiona Comer"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task UpdateDetails_InvalidOrUnchanged_SaysSoNextToTheFieldsAndSavesNothing()
    {
        await BookKnownPatientAsync();
        SignIn(StaffRoles.Receptionist);
        var form = RenderForm();
        form.Find("#book-nhs").Input("4010232137");
        form.WaitForAssertion(() => form.Find("[data-testid=correct-patient]"), TimeSpan.FromSeconds(10));
        form.Find("[data-testid=correct-patient]").Click();

        form.Find("[data-testid=patient-correction] form").Submit();
        form.Find("[data-testid=patient-correction]").TextContent.Should().Contain("already has");

        form.Find("#correct-name").Input("");
        form.Find("[data-testid=patient-correction] form").Submit();
        form.Find("#correct-name-error").TextContent.Should().Be("Enter the patient's full name.");
        form.FindAll("[data-testid=correction-review]").Should().BeEmpty();
        (await KnownNameAsync()).Should().Be("First Come");
    }

    private async Task BookKnownPatientAsync() =>
        await _practice.Desk.BookAsync(
            Patel, _practice.Today.At(new LocalTime(11, 10)), new PatientDetails(NhsNumber.Parse("4010232137"), "First Come", new LocalDate(1990, 3, 4), "01632 960555"));

    private async Task<string> KnownNameAsync() =>
        (await _practice.Desk.Queries.GetPatientAppointmentsAsync(NhsNumber.Parse("4010232137"))).Single().Appointment.Patient.Name;

    private IRenderedComponent<BookPatientForm> RenderForm() =>
        Render<BookPatientForm>(parameters => parameters
            .Add(f => f.Slot, _slot)
            .Add(f => f.SlotDescription, "Dr Anita Patel, Main surgery, GP appointment"));

    private void SignIn(params string[] roles)
    {
        var auth = this.AddAuthorization();
        auth.SetAuthorized("reception@demo.practice");
        auth.SetRoles(roles);
        // After the roles: bUnit 1.9.8 drops claims set before SetRoles.
        auth.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-sam"),
            new System.Security.Claims.Claim("display_name", "Sam Taylor"));
    }

    private static void Fill(IRenderedComponent<BookPatientForm> form, string nhsNumber, string name, string dateOfBirth, string phone)
    {
        form.Find("#book-nhs").Input(nhsNumber);
        form.Find("#book-name").Input(name);
        form.Find("#book-dob").Change(dateOfBirth);
        form.Find("#book-phone").Input(phone);
    }

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();
}
