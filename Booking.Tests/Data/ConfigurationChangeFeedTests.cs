using Booking.Data.Configuration;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>The configuration change feed: what an open appointment book hears when a rota or release rule edit commits.</summary>
public sealed class ConfigurationChangeFeedTests : IAsyncLifetime
{
    private readonly List<ConfigurationChangeNotice> _notices = [];
    private DataStores _stores = null!;
    private TestPractice _practice = null!;
    private IDisposable _subscription = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _practice = await TestPractice.CreateAsync(_stores.Store);
        _subscription = _stores.ConfigurationChanges.Subscribe(_notices.Add);
    }

    public Task DisposeAsync()
    {
        _subscription.Dispose();
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddLeave_Committed_PublishesOneNoticeWithTheVersionItRaised()
    {
        var monday = new DateInterval(TestPractice.Monday, TestPractice.Monday);

        var leave = await _stores.Store.AddLeaveAsync(_practice.PractitionerId, monday, DataStores.Setup);

        leave.Succeeded.Should().BeTrue(leave.Message);
        var version = (await _stores.Configuration.GetAsync())!.Version;
        _notices.Should().ContainSingle().Which.Version.Should().Be(version);
    }

    [Fact]
    public async Task AddLeave_Refused_PublishesNothing()
    {
        var unknown = await _stores.Store.AddLeaveAsync(-1, new DateInterval(TestPractice.Monday, TestPractice.Monday), DataStores.Setup);

        unknown.Succeeded.Should().BeFalse();
        _notices.Should().BeEmpty("nothing committed, so no book needs to re-read");
    }
}
