using System.Diagnostics;
using System.Globalization;
using Booking.Core.Appointments;
using Booking.Core.Release;
using Booking.Core.Time;
using Booking.Data.Appointments;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Data.Reporting;
using Booking.Load.Harness;
using Booking.Load.Practices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using NodaTime;

namespace Booking.Load.Runners;

/// <summary>The size of a circuit run.</summary>
/// <param name="ClinicianSessions">Receptionist sessions held open at once, each on one clinician's busy day.</param>
/// <param name="WholeDaySessions">Sessions then added on top, each on the whole busy day (every clinician).</param>
/// <param name="RenderSamples">How many times the busy day is opened, and how many day changes are timed each way.</param>
/// <param name="IdleSeconds">How long the app's CPU is watched with the clinician sessions open and nobody clicking.</param>
/// <param name="ChangeSamples">How many bookings at another desk are timed until an open book shows them.</param>
public sealed record CircuitOptions(int ClinicianSessions, int WholeDaySessions, int RenderSamples, int IdleSeconds, int ChangeSamples);

/// <summary>Time on Chromium's main thread: all of it, and its script, layout and style recalculation parts.</summary>
public sealed record BrowserTime(double Total, double Script, double Layout, double Style)
{
    public BrowserTime Since(BrowserTime earlier) => new(Total - earlier.Total, Script - earlier.Script, Layout - earlier.Layout, Style - earlier.Style);

    /// <summary>Seconds over <paramref name="count"/> events as milliseconds per event.</summary>
    public BrowserTime MillisecondsEach(int count) => new(Total * 1000 / count, Script * 1000 / count, Layout * 1000 / count, Style * 1000 / count);

    public override string ToString() =>
        FormattableString.Invariant($"{Total:0} ms (script {Script:0}, layout {Layout:0}, style {Style:0}, other {Total - Script - Layout - Style:0})");
}

/// <summary>The resident memory of the app after <paramref name="Sessions"/> sessions were open.</summary>
public sealed record MemoryPoint(int Sessions, long ResidentBytes);

/// <summary>Sessions of one kind opened in steps, with the app's resident memory after each step.</summary>
/// <param name="View">Which appointment book view the sessions show.</param>
/// <param name="Memory">The app's resident memory, from before the first of these sessions to after the last.</param>
/// <param name="Drawn">Sessions that reached the drawn day (should be all of them).</param>
public sealed record SessionGrowth(string View, IReadOnlyList<MemoryPoint> Memory, int Drawn)
{
    public int Opened => Memory[^1].Sessions;

    /// <summary>Memory per session: the least-squares slope of resident memory over open sessions.</summary>
    public double BytesPerSession
    {
        get
        {
            var meanX = Memory.Average(p => (double)p.Sessions);
            var meanY = Memory.Average(p => (double)p.ResidentBytes);
            var spread = Memory.Sum(p => (p.Sessions - meanX) * (p.Sessions - meanX));
            return spread == 0 ? 0 : Memory.Sum(p => (p.Sessions - meanX) * (p.ResidentBytes - meanY)) / spread;
        }
    }

    public override string ToString() =>
        FormattableString.Invariant($"{View}: {Drawn}/{Opened} drawn, {BytesPerSession / 1024:0} KiB each; resident memory ") +
        string.Join(", ", Memory.Select(p => FormattableString.Invariant($"{p.Sessions}: {p.ResidentBytes / 1_048_576.0:0} MiB")));
}

/// <summary>What the circuit run measured.</summary>
/// <param name="DaySlots">Slots the busy day's appointment book holds.</param>
/// <param name="DayBooked">How many of them are booked.</param>
/// <param name="FirstLoad">Opening the busy day: from navigation until the grid's cells on screen are drawn and the page is interactive.</param>
/// <param name="DayChange">Next or previous day on an open book: from the click until the other busy day is drawn.</param>
/// <param name="DayChangeAppCpu">The app's CPU time per day change, in milliseconds.</param>
/// <param name="DayChangeBrowserBusy">Chromium's main-thread time per day change, in milliseconds.</param>
/// <param name="ClinicianSessions">The sessions on one clinician's day each.</param>
/// <param name="IdleCpuPercent">The app's CPU with the clinician sessions open and nobody clicking, in % of one core.</param>
/// <param name="WholeDaySessions">The sessions on the whole busy day, added on top.</param>
/// <param name="ChangeShown">A booking at another desk: from its click on "Book appointment" until a watching book, with every session still open, draws the cell booked.</param>
public sealed record CircuitResult(
    int DaySlots,
    int DayBooked,
    LatencyStats FirstLoad,
    LatencyStats DayChange,
    double DayChangeAppCpu,
    BrowserTime DayChangeBrowserBusy,
    SessionGrowth ClinicianSessions,
    double IdleCpuPercent,
    SessionGrowth WholeDaySessions,
    LatencyStats ChangeShown);

/// <summary>
/// Blazor circuits (issue 7, part 5): <see cref="LargePractice"/>'s 30 clinicians with two days
/// <see cref="BookedPercent"/>% booked, the app on loopback and Debian's Chromium driven by Playwright, signed in as the
/// demo receptionist. It times opening the busy day's appointment book (the grid: a column per clinician, rows and
/// columns off screen not drawn) and stepping between the two busy days. Then
/// it opens sessions in four steps, reading the app's resident memory after each, so memory per session is a slope
/// and not one noisy reading: first <see cref="CircuitOptions.ClinicianSessions"/> on one clinician's day each (the
/// 100 the issue asks for; 100 whole-day pages would need more than this machine's two cores to draw), then
/// <see cref="CircuitOptions.WholeDaySessions"/> on the whole day. Last, with all of them open, it books at one desk and
/// times until another desk's open book shows the booking (every open book on that day hears the change).
/// </summary>
public static class CircuitScenario
{
    public const int BookedPercent = 85;

    /// <summary>The demo receptionist the app seeds in Development (listed in the README).</summary>
    private static readonly string ReceptionistEmail = StaffDesk.DemoReceptionists[0];
    private const string ReceptionistPassword = StaffDesk.DemoReceptionistPassword;

    private const int Steps = 4;
    private const int OpeningInParallel = 4;
    private static readonly TimeSpan DrawTimeout = TimeSpan.FromSeconds(120);
    private static readonly LocalDate BusyDay = LargePractice.SearchFrom;
    private static readonly LocalDate NextBusyDay = BusyDay.PlusDays(1);

    // Drawn means: the circuit is up, the heading names the day, the grid holds all the day's slots, every row on screen
    // (down to the bottom of the grid's scroll area, or the day's last row) is drawn with all the clinician columns the
    // window shows, and no load is in flight. Rows below the fold are not drawn by design (Virtualize).
    private const string DayDrawn = """
        ([heading, slots]) => {
            const grid = document.querySelector('[data-testid=day-view]');
            if (document.querySelector('[data-circuit=ready]') === null
                || document.querySelector('#book-heading')?.textContent !== heading
                || grid === null || grid.dataset.slotCount !== String(slots)
                || !(document.querySelector('.reception-updated')?.textContent ?? '').includes('Updated')) {
                return false;
            }
            const rows = grid.querySelectorAll('tbody tr[data-row]');
            if (rows.length === 0 || rows[0].querySelectorAll('td[data-c]').length !== Number(grid.dataset.shownColumns)) {
                return false;
            }
            const scroller = grid.parentElement;
            const last = rows[rows.length - 1];
            return Number(last.dataset.row) === Number(grid.dataset.rowCount) - 1
                || last.offsetTop + last.offsetHeight >= scroller.scrollTop + scroller.clientHeight;
        }
        """;

    public static async Task<CircuitResult> RunAsync(CircuitOptions options, Report report, CancellationToken cancellationToken = default)
    {
        using var database = new LoadDatabase();
        await database.MigrateAsync();
        await LargePractice.SeedAsync(database.Factory, cancellationToken);
        var fill = Stopwatch.StartNew();
        var patients = new NhsNumberSource(700_000);
        var busy = await FillAsync(database, BusyDay, patients, cancellationToken);
        var nextBusy = await FillAsync(database, NextBusyDay, patients, cancellationToken);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"circuits: {LargePractice.Clinicians} clinicians; {Heading(BusyDay)} {busy.Booked}/{busy.Slots} booked, {Heading(NextBusyDay)} {nextBusy.Booked}/{nextBusy.Slots} (filled through BookingService in {fill.Elapsed.TotalSeconds:0} s)"));

        await using var app = await AppProcess.StartAsync(database.AppOptions(BusyDay.At(new LocalTime(7, 45)), LoadSettings.ForApp));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var signedIn = await SignInAsync(browser, app.BaseAddress);

        var rendering = await TimeRenderingAsync(browser, app, signedIn, busy, nextBusy, options.RenderSamples, cancellationToken);
        report.Note($"busy day ({busy.Slots} slots, {busy.Booked} booked; {rendering.Drawn}): opening {rendering.FirstLoad}; next/previous day {rendering.DayChange}");
        report.Note(FormattableString.Invariant(
            $"busy day: each day change costs the app {rendering.AppCpuPerChange:0} ms of CPU and Chromium's main thread {rendering.BrowserBusyPerChange}"));

        var sessions = new List<IBrowserContext>();
        try
        {
            var clinicians = busy.RowsByPractitioner.Keys.Order().ToList();
            var clinicianSessions = await GrowAsync("one clinician's day", options.ClinicianSessions, index =>
            {
                var practitioner = clinicians[index % clinicians.Count];
                return OpenSessionAsync(browser, app.BaseAddress, signedIn, BookPath(BusyDay) + "&practitioner=" + practitioner, busy.RowsByPractitioner[practitioner]);
            }, sessions, app, cancellationToken);
            report.Note("circuits: " + clinicianSessions);

            var cpuBefore = app.CpuTime();
            var idle = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken);
            var idleCpu = (app.CpuTime() - cpuBefore) / idle.Elapsed * 100;
            report.Note(FormattableString.Invariant($"circuits: with {sessions.Count} sessions open and idle the app used {idleCpu:0} % of one core over {idle.Elapsed.TotalSeconds:0} s"));

            var wholeDaySessions = await GrowAsync(
                "the whole day", options.WholeDaySessions, _ => OpenSessionAsync(browser, app.BaseAddress, signedIn, BookPath(BusyDay), busy.Slots), sessions, app, cancellationToken);
            report.Note("circuits: " + wholeDaySessions);

            var changeShown = await TimeChangeShownAsync(browser, app.BaseAddress, signedIn, clinicians[0], busy.RowsByPractitioner[clinicians[0]], patients, options.ChangeSamples);
            report.Note($"circuits: a booking at another desk, with {sessions.Count} sessions open, shown on a watching book {changeShown}");
            return new CircuitResult(
                busy.Slots, busy.Booked, rendering.FirstLoad, rendering.DayChange, rendering.AppCpuPerChange, rendering.BrowserBusyPerChange,
                clinicianSessions, idleCpu, wholeDaySessions, changeShown);
        }
        finally
        {
            foreach (var context in sessions)
            {
                await context.CloseAsync();
            }
        }
    }

    /// <summary>
    /// Opens <paramref name="count"/> more sessions in <see cref="Steps"/> steps (a few at a time, as staff arriving) and
    /// reads the app's resident memory before the first step and after each.
    /// </summary>
    private static async Task<SessionGrowth> GrowAsync(
        string view,
        int count,
        Func<int, Task<(IBrowserContext Context, bool Drawn)>> open,
        List<IBrowserContext> sessions,
        AppProcess app,
        CancellationToken cancellationToken)
    {
        var memory = new List<MemoryPoint> { new(0, await SettledResidentBytesAsync(app, cancellationToken)) };
        var opened = 0;
        var drawn = 0;
        using var gate = new SemaphoreSlim(OpeningInParallel);
        for (var step = 1; step <= Steps; step++)
        {
            var target = count * step / Steps;
            var opening = Enumerable.Range(opened, target - opened).Select(async index =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    return await open(index);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            foreach (var session in await Task.WhenAll(opening))
            {
                sessions.Add(session.Context);
                drawn += session.Drawn ? 1 : 0;
            }

            opened = target;
            memory.Add(new MemoryPoint(opened, await SettledResidentBytesAsync(app, cancellationToken)));
        }

        return new SessionGrowth(view, memory, drawn);
    }

    private sealed record FilledDay(int Slots, int Booked, IReadOnlyDictionary<int, int> RowsByPractitioner);

    /// <summary>Books <see cref="BookedPercent"/>% of <paramref name="day"/>'s free slots through the booking service, as reception would.</summary>
    private static async Task<FilledDay> FillAsync(LoadDatabase database, LocalDate day, NhsNumberSource patients, CancellationToken cancellationToken)
    {
        var clock = RunningClock.At(day.PlusDays(-1).At(new LocalTime(18, 30)), PracticeTime.Zone);
        var configuration = new PracticeConfigurationProvider(database.Factory, clock);
        var queries = new BookingQueries(database.Factory, configuration, clock);
        var bookings = new BookingService(
            database.Factory, configuration, new AppointmentChangeFeed(NullLogger<AppointmentChangeFeed>.Instance),
            new BookingRefusalTally(database.Factory, NullLogger<BookingRefusalTally>.Instance), clock, NullLogger<BookingService>.Instance);
        var availability = await queries.GetAvailabilityAsync(new Caller(Channel.Reception), new DateInterval(day, day), cancellationToken);
        var desk = ActingParty.Staff("load-fill", "Receptionist Fill");
        var booked = 0;
        for (var index = 0; index < availability.Offered.Count; index++)
        {
            // Every slot but three in each twenty, so the free ones are spread over the day as a real book's are.
            if (index % 20 >= 20 * BookedPercent / 100)
            {
                continue;
            }

            var patient = new PatientDetails(NhsNumber.Parse(patients.Next()), $"Busy Patient {day.Day}-{index}", new LocalDate(1960 + index % 50, 1 + index % 12, 1 + index % 28));
            var outcome = await bookings.BookAsync(new NewBooking(availability.Offered[index].Id, patient, Channel.Reception), desk, cancellationToken);
            booked += outcome.Succeeded ? 1 : throw new InvalidOperationException($"Filling {day} was refused: {outcome.Message}");
        }

        return new FilledDay(
            availability.Verdicts.Count, booked, availability.Verdicts.GroupBy(v => v.Slot.PractitionerId).ToDictionary(g => g.Key, g => g.Count()));
    }

    private static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await NewContextAsync(browser, baseAddress, storageState: null);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(ReceptionistEmail);
        await page.GetByLabel("Password").FillAsync(ReceptionistPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        return await context.StorageStateAsync();
    }

    private sealed record Rendering(LatencyStats FirstLoad, LatencyStats DayChange, double AppCpuPerChange, BrowserTime BrowserBusyPerChange, string Drawn);

    private static async Task<Rendering> TimeRenderingAsync(
        IBrowser browser, AppProcess app, string signedIn, FilledDay busy, FilledDay nextBusy, int samples, CancellationToken cancellationToken)
    {
        await using var context = await NewContextAsync(browser, app.BaseAddress, signedIn);
        var page = await context.NewPageAsync();
        var firstLoads = new List<TimeSpan>();
        var dayChanges = new List<TimeSpan>();

        // One untimed opening first: the app's first request JIT-compiles and fills its configuration cache.
        for (var sample = -1; sample < samples; sample++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var timer = Stopwatch.StartNew();
            await page.GotoAsync(BookPath(BusyDay));
            await WaitForDayAsync(page, BusyDay, busy.Slots);
            if (sample >= 0)
            {
                firstLoads.Add(timer.Elapsed);
            }
        }

        // Where a day change's time goes: the app's CPU, and Chromium's main thread (Performance.getMetrics' TaskDuration).
        var devTools = await context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Performance.enable");
        var browserBefore = await BrowserTimeAsync(devTools);
        var appBefore = app.CpuTime();
        for (var sample = 0; sample < samples; sample++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            dayChanges.Add(await StepAsync(page, "Next day", NextBusyDay, nextBusy.Slots));
            dayChanges.Add(await StepAsync(page, "Previous day", BusyDay, busy.Slots));
        }

        var appCpu = (app.CpuTime() - appBefore).TotalMilliseconds / dayChanges.Count;
        var browserBusy = (await BrowserTimeAsync(devTools)).Since(browserBefore).MillisecondsEach(dayChanges.Count);
        var drawn = await page.EvaluateAsync<string>("""
            () => {
                const grid = document.querySelector('[data-testid=day-view]');
                return `a grid of ${grid.dataset.rowCount} rows by ${grid.dataset.columnCount} clinicians, ${grid.querySelectorAll('td[data-c]').length} cells drawn`;
            }
            """);
        return new Rendering(new LatencyStats(firstLoads), new LatencyStats(dayChanges), appCpu, browserBusy, drawn);
    }

    /// <summary>Chromium's main-thread time so far by kind, in seconds (<c>Performance.getMetrics</c>).</summary>
    private static async Task<BrowserTime> BrowserTimeAsync(ICDPSession devTools)
    {
        var metrics = await devTools.SendAsync("Performance.getMetrics") ?? throw new InvalidOperationException("Chromium returned no performance metrics.");
        var values = metrics.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        return new BrowserTime(values["TaskDuration"], values["ScriptDuration"], values["LayoutDuration"], values["RecalcStyleDuration"]);
    }

    private static async Task<TimeSpan> StepAsync(IPage page, string button, LocalDate to, int slots)
    {
        var timer = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await WaitForDayAsync(page, to, slots);
        return timer.Elapsed;
    }

    private static async Task<(IBrowserContext Context, bool Drawn)> OpenSessionAsync(IBrowser browser, Uri baseAddress, string signedIn, string path, int slots)
    {
        var context = await NewContextAsync(browser, baseAddress, signedIn);
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(path);
            await WaitForDayAsync(page, BusyDay, slots);
            return (context, true);
        }
        catch (TimeoutException)
        {
            return (context, false);
        }
    }

    /// <summary>
    /// Two desks on one clinician's busy day: one books a free slot through the side panel, the other only watches. Each
    /// sample is the time from the click on "Book appointment" until the watching book draws that cell as booked, so it
    /// includes the booking itself.
    /// </summary>
    private static async Task<LatencyStats> TimeChangeShownAsync(
        IBrowser browser, Uri baseAddress, string signedIn, int practitioner, int slots, NhsNumberSource patients, int samples)
    {
        var path = BookPath(BusyDay) + "&practitioner=" + practitioner;
        var (watching, watchingDrawn) = await OpenSessionAsync(browser, baseAddress, signedIn, path, slots);
        var (booking, bookingDrawn) = await OpenSessionAsync(browser, baseAddress, signedIn, path, slots);
        await using var watchingContext = watching;
        await using var bookingContext = booking;
        if (!watchingDrawn || !bookingDrawn)
        {
            throw new InvalidOperationException("The two desks' books were not drawn.");
        }

        var watcher = watching.Pages[0];
        var desk = booking.Pages[0];
        var shown = new List<TimeSpan>();
        for (var sample = 0; sample < samples; sample++)
        {
            var slotId = await ScrollToFreeSlotAsync(desk, watcher);
            var free = desk.Locator($"[data-testid=day-view] td[data-slot='{slotId}']");
            await free.Locator("button").ClickAsync();
            await desk.GetByLabel("NHS number").FillAsync(patients.Next());
            await desk.GetByLabel("Full name").FillAsync($"Other Desk {sample}");
            await desk.GetByLabel("Date of birth").FillAsync("1970-01-01");
            var timer = Stopwatch.StartNew();
            await desk.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
            await watcher.WaitForSelectorAsync($"[data-testid=day-view] td[data-slot='{slotId}'][data-state=booked]", new() { Timeout = 30_000 });
            shown.Add(timer.Elapsed);
            await desk.WaitForSelectorAsync($"[data-testid=day-view] td[data-slot='{slotId}'][data-state=booked]", new() { Timeout = 30_000 });
        }

        return new LatencyStats(shown);
    }

    /// <summary>
    /// Scrolls both desks' grids down together until the desk's shows a free slot (rows off screen are not drawn), and
    /// answers its id once the watcher has drawn that cell too.
    /// </summary>
    private static async Task<string> ScrollToFreeSlotAsync(IPage desk, IPage watcher)
    {
        const string FirstFree = "() => document.querySelector('[data-testid=day-view] td[data-state=free]')?.dataset.slot ?? null";
        const string ScrollTop = "() => document.querySelector('[data-testid=day-view]').parentElement.scrollTop";
        const string ScrollTo = "top => { document.querySelector('[data-testid=day-view]').parentElement.scrollTop = top; }";
        const string PageDown = "() => { const s = document.querySelector('[data-testid=day-view]').parentElement; s.scrollTop += s.clientHeight; }";
        for (var page = 0; page < 40; page++)
        {
            if (await desk.EvaluateAsync<string?>(FirstFree) is { } slotId)
            {
                await watcher.EvaluateAsync(ScrollTo, await desk.EvaluateAsync<double>(ScrollTop));
                await watcher.WaitForSelectorAsync($"[data-testid=day-view] td[data-slot='{slotId}']", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
                return slotId;
            }

            await desk.EvaluateAsync(PageDown);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new InvalidOperationException("No free slot is left on the clinician's busy day.");
    }

    private static Task WaitForDayAsync(IPage page, LocalDate day, int slots) =>
        page.WaitForFunctionAsync(DayDrawn, new object[] { Heading(day), slots }, new() { Timeout = (float)DrawTimeout.TotalMilliseconds });

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, string? storageState) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-GB",
            StorageState = storageState,
        });

    private static string BookPath(LocalDate day) => "/appointments?date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The book's heading for a day, as Booking.Web's <c>Formats.Day</c> writes it.</summary>
    private static string Heading(LocalDate day) => day.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The median of five readings a second apart: one reading can land just before or after a collection.</summary>
    private static async Task<long> SettledResidentBytesAsync(AppProcess app, CancellationToken cancellationToken)
    {
        var readings = new List<long>();
        for (var reading = 0; reading < 5; reading++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            readings.Add(app.WorkingSetBytes());
        }

        return readings.Order().ElementAt(readings.Count / 2);
    }
}
