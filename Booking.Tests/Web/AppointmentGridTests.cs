using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Tests.TestSupport;
using Booking.Web.Components.Pages.Appointments;
using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

/// <summary>
/// The appointment book's day grid on the demo practice at 10:05 on a Tuesday, rendered with bUnit against the real
/// stores: each cell's state in words and colour, the panel a cell opens, Escape, the column window, and the push that
/// redraws only the cell a booking elsewhere touched. (Arrow keys are the grid's script; the browser journey covers them.)
/// </summary>
public sealed class AppointmentGridTests : IAsyncLifetime
{
    private const string Okafor = "Dr James Okafor";
    private static readonly ActingParty Desk = ActingParty.Staff("user-2", "Other Desk");
    private ReceptionPractice _practice = default!;

    public async Task InitializeAsync() => _practice = await ReceptionPractice.CreateAsync();

    Task IAsyncLifetime.DisposeAsync() => _practice.DisposeAsync().AsTask();

    [Fact]
    public async Task Render_DayWithEveryState_EachCellSaysItsStateAndTimeAndClinician()
    {
        // Booked before the day started, so 09:00 can be a did-not-attend and 09:10 an arrival by 10:05.
        var early = new DirectBooking(_practice.Database, _practice.Today.At(new LocalTime(8, 0)));
        var missed = await early.BookAsync(Okafor, At(9, 0), Patient("4010232137", "Dana Missed"));
        var arrived = await early.BookAsync(Okafor, At(9, 10), Patient("9434765919", "Ari Here"));
        await _practice.Desk.BookAsync(Okafor, At(11, 0), Patient("9000000009", "Jane Example"));
        (await _practice.Desk.Bookings.MarkDidNotAttendAsync(missed.Appointment.Id, Desk)).Succeeded.Should().BeTrue();
        (await _practice.Desk.Bookings.MarkArrivedAsync(arrived.Appointment.Id, Desk)).Succeeded.Should().BeTrue();
        await using var context = await ContextAsync();

        var book = await RenderBookAsync(context, Okafor);

        Cell(book, 10, 50).GetAttribute("data-state").Should().Be("free");
        Cell(book, 10, 50).ClassList.Should().Contain("book-cell-free");
        Label(book, 10, 50).Should().Be($"Book Tue 24 Nov 10:50 {Okafor}, free, GP appointment");
        Cell(book, 11, 0).GetAttribute("data-state").Should().Be("booked");
        Cell(book, 11, 0).TextContent.Should().Contain("Jane Example").And.Contain("Booked");
        Label(book, 11, 0).Should().Be($"Open appointment Tue 24 Nov 11:00 {Okafor}, Jane Example, booked, GP appointment");
        Cell(book, 9, 10).GetAttribute("data-state").Should().Be("arrived");
        Cell(book, 9, 10).TextContent.Should().Contain("Arrived");
        Cell(book, 9, 0).GetAttribute("data-state").Should().Be("dna");
        Cell(book, 9, 0).TextContent.Should().Contain("Did not attend");
        Cell(book, 12, 0).GetAttribute("data-state").Should().Be("reserved");
        Cell(book, 12, 0).TextContent.Should().Contain("Reserved").And.Contain("for 111");
        Label(book, 12, 0).Should().StartWith($"Why not offered: Tue 24 Nov 12:00 {Okafor}, reserved for 111: Held for 111 until 11:00 today");
        Cell(book, 9, 20).GetAttribute("data-state").Should().Be("withheld");
        Cell(book, 9, 20).TextContent.Should().Contain("Started");
        Label(book, 9, 20).Should().StartWith($"Why not offered: Tue 24 Nov 09:20 {Okafor}, started:");
        book.Find("[data-testid=day-view]").GetAttribute("role").Should().Be("grid");
        book.FindAll("[data-testid=day-view] thead th").Select(th => th.TextContent).Should().Contain(h => h.Contains(Okafor));
    }

    [Fact]
    public async Task Open_FreeCell_BooksInTheSidePanelAndEscapeClosesIt()
    {
        await using var context = await ContextAsync();
        var book = await RenderBookAsync(context, Okafor);

        Cell(book, 10, 50).QuerySelector("button")!.Click();

        book.Find("#panel-heading").TextContent.Should().Be("Book a patient");
        book.Find("form[aria-label='Book a patient']").Should().NotBeNull();
        Cell(book, 10, 50).GetAttribute("aria-selected").Should().Be("true");

        var grid = book.FindComponent<AppointmentGrid>();
        (await grid.InvokeAsync(() => grid.Instance.CloseAsync())).Should().BeTrue();
        book.WaitForAssertion(() => book.Find("#panel-heading").TextContent.Should().Be("Slot"));
        (await grid.InvokeAsync(() => grid.Instance.CloseAsync())).Should().BeFalse("nothing was open the second time");
    }

    [Fact]
    public async Task Open_BookedCell_OpensItsActions()
    {
        await _practice.Desk.BookAsync(Okafor, At(11, 0), Patient("9000000009", "Jane Example"));
        await using var context = await ContextAsync();
        var book = await RenderBookAsync(context, Okafor);

        Cell(book, 11, 0).QuerySelector("button")!.Click();

        book.Find("#panel-heading").TextContent.Should().Be("Appointment");
        book.FindAll("button").Select(b => b.TextContent.Trim()).Should().Contain("Mark arrived");
    }

    [Fact]
    public async Task ShowColumn_PastTheWindowsEdge_ShiftsTheWindowTheLeast()
    {
        await using var context = await ContextAsync();
        var book = await RenderBookAsync(context, practitioner: null);
        var grid = book.FindComponent<AppointmentGrid>();
        var clinicians = grid.Instance.Grid.Columns.Select(c => c.Name).ToList();
        clinicians.Should().HaveCountGreaterThan(2);

        await grid.InvokeAsync(() => grid.Instance.SetColumnCapacity(2));
        Headers(book).Should().Equal(clinicians[0], clinicians[1]);
        await grid.InvokeAsync(() => grid.Instance.ShowColumnAsync(2));

        Headers(book).Should().Equal(clinicians[1], clinicians[2]);
        book.Find("[data-testid=day-view]").GetAttribute("data-first-column").Should().Be("1");
        book.Find(".book-grid-paging").TextContent.Should().Contain($"Clinicians 2–3 of {clinicians.Count}");
    }

    [Fact]
    public async Task BookingElsewhere_ThroughTheService_RedrawsOnlyTheCellItTouched()
    {
        await using var context = await ContextAsync();
        var book = await RenderBookAsync(context, Okafor);
        var cells = book.FindComponents<AppointmentGridCell>();
        var before = cells.ToDictionary(c => c.Instance, c => c.RenderCount);
        var slot = await _practice.Desk.SlotAsync(Okafor, At(10, 50));

        var outcome = await context.Services.GetRequiredService<BookingService>()
            .BookAsync(new NewBooking(slot.Id, Patient("9000000009", "Robin Elsewhere"), Channel.Reception), Desk);

        outcome.Succeeded.Should().BeTrue(outcome.Message);
        book.WaitForAssertion(() => Cell(book, 10, 50).GetAttribute("data-state").Should().Be("booked"), TimeSpan.FromSeconds(5));
        Cell(book, 10, 50).TextContent.Should().Contain("Robin Elsewhere");
        var redrawn = cells.Where(c => c.RenderCount != before[c.Instance]).Select(c => c.Instance.View.SlotId).ToList();
        redrawn.Should().Equal(slot.Id.Value);
    }

    [Fact]
    public async Task ConfigurationChange_ClosureCommitted_BookReReadsWithoutPolling()
    {
        await using var context = await ContextAsync();
        var book = await RenderBookAsync(context, Okafor);
        Cell(book, 10, 50).GetAttribute("data-state").Should().Be("free");
        var okafor = await _practice.Desk.PractitionerIdAsync(Okafor);
        var store = context.Services.GetRequiredService<Booking.Data.Configuration.ConfigurationStore>();

        var leave = await store.AddLeaveAsync(okafor, new DateInterval(_practice.Today, _practice.Today), ActingParty.Staff("manager", "Pat Manager"));

        leave.Succeeded.Should().BeTrue(leave.Message);
        book.WaitForAssertion(() => Cell(book, 10, 50).GetAttribute("data-state").Should().Be("withheld"), TimeSpan.FromSeconds(5));
        Label(book, 10, 50).Should().Contain("leave");
    }

    private Task<BunitContext> ContextAsync()
    {
        var context = new BunitContext();
        _practice.AddTo(context);
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.AddAuthorization().SetAuthorized("reception@demo.practice");
        return Task.FromResult(context);
    }

    private async Task<IRenderedComponent<AppointmentBookPage>> RenderBookAsync(BunitContext context, string? practitioner)
    {
        var query = practitioner is null ? "" : $"&practitioner={await _practice.Desk.PractitionerIdAsync(practitioner)}";
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo($"appointments?date={Formats.Iso(_practice.Today)}{query}");
        var book = context.Render<AppointmentBookPage>();
        book.WaitForAssertion(() => book.FindAll("[data-testid=day-view] td[data-slot]").Should().NotBeEmpty(), TimeSpan.FromSeconds(10));
        return book;
    }

    private static List<string> Headers(IRenderedComponent<AppointmentBookPage> book) =>
        book.FindAll("[data-testid=day-view] thead .book-grid-clinician").Select(h => h.TextContent).ToList();

    private AngleSharp.Dom.IElement Cell(IRenderedComponent<AppointmentBookPage> book, int hour, int minute) =>
        book.FindAll("[data-testid=day-view] td[data-slot]")
            .Single(td => td.GetAttribute("data-slot")!.EndsWith($"-{_practice.Today:yyyyMMdd}-{hour:00}{minute:00}", StringComparison.Ordinal));

    private string Label(IRenderedComponent<AppointmentBookPage> book, int hour, int minute) =>
        Cell(book, hour, minute).QuerySelector("button")!.GetAttribute("aria-label")!;

    private LocalDateTime At(int hour, int minute) => _practice.Today.At(new LocalTime(hour, minute));

    private static PatientDetails Patient(string nhsNumber, string name) => new(NhsNumber.Parse(nhsNumber), name, new LocalDate(1980, 5, 17));
}
