using Booking.Web.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Xunit;

namespace Booking.Tests.Web;

public sealed class ShiftedClockTests
{
    [Fact]
    public void FromConfiguration_DevelopmentWithFixedNow_StartsAtThatPracticeTime()
    {
        var clock = ShiftedClock.FromConfiguration(Settings("2026-11-24T10:05:00"), new Environment(Environments.Development));

        var now = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).LocalDateTime;

        now.Should().BeGreaterThanOrEqualTo(new LocalDateTime(2026, 11, 24, 10, 5)).And.BeLessThan(new LocalDateTime(2026, 11, 24, 10, 6));
    }

    [Fact]
    public void FromConfiguration_ProductionWithFixedNow_KeepsTheSystemClock()
    {
        var clock = ShiftedClock.FromConfiguration(Settings("2026-11-24T10:05:00"), new Environment(Environments.Production));

        clock.Should().BeSameAs(SystemClock.Instance);
    }

    [Fact]
    public void FromConfiguration_Unparseable_FailsAtStartWithTheExpectedForm()
    {
        var start = () => ShiftedClock.FromConfiguration(Settings("24/11/2026"), new Environment(Environments.Development));

        start.Should().Throw<InvalidOperationException>().WithMessage("*2026-11-24T10:05:00*");
    }

    private static IConfiguration Settings(string fixedNow) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ShiftedClock.SettingName] = fixedNow }).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Booking.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
