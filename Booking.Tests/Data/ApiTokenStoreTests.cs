using Booking.Data.Clients;
using FluentAssertions;
using NodaTime;
using Xunit;

namespace Booking.Tests.Data;

/// <summary>
/// What the FHIR token endpoint shares between app instances through the database, on a real database: the one
/// signing key, and the client assertions already used. A second store over the same database stands for a second
/// instance.
/// </summary>
public sealed class ApiTokenStoreTests : IAsyncLifetime
{
    private DataStores _stores = null!;
    private ApiTokenStore _first = null!;
    private ApiTokenStore _second = null!;

    public async Task InitializeAsync()
    {
        _stores = await DataStores.CreateAsync(TestPractice.Clock());
        _first = new ApiTokenStore(_stores.Factory, _stores.Clock);
        _second = new ApiTokenStore(_stores.Database.CreateFactory(), _stores.Clock);
    }

    public Task DisposeAsync()
    {
        _stores.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task GetOrCreateSigningKey_SecondInstance_ReadsTheKeyTheFirstMade()
    {
        var made = 0;
        (string, string) Create() => ($"key-{++made}", $"protected-{made}");

        var first = await _first.GetOrCreateSigningKeyAsync(Create, _ => true);
        var second = await _second.GetOrCreateSigningKeyAsync(Create, _ => true);

        second.KeyId.Should().Be(first.KeyId).And.Be("key-1");
        second.ProtectedKey.Should().Be("protected-1");
        made.Should().Be(1);
    }

    [Fact]
    public async Task GetOrCreateSigningKey_TwoInstancesStartingTogether_MakeOneKey()
    {
        var made = 0;
        (string, string) Create() => ($"key-{Interlocked.Increment(ref made)}", "protected");

        var keys = await Task.WhenAll(
            Task.Run(() => _first.GetOrCreateSigningKeyAsync(Create, _ => true)),
            Task.Run(() => _second.GetOrCreateSigningKeyAsync(Create, _ => true)));

        keys[0].KeyId.Should().Be(keys[1].KeyId);
        made.Should().Be(1, "the second waited for the lock and found the first's key");
        (await _stores.CountAsync(db => db.TokenSigningKeys)).Should().Be(1);
    }

    [Fact]
    public async Task GetOrCreateSigningKey_StoredKeyUnreadable_IsReplaced()
    {
        await _first.GetOrCreateSigningKeyAsync(() => ("old", "protected-under-lost-keys"), _ => true);

        var replaced = await _second.GetOrCreateSigningKeyAsync(() => ("new", "protected-now"), row => row.KeyId != "old");

        replaced.KeyId.Should().Be("new");
        (await _first.GetOrCreateSigningKeyAsync(() => ("unused", ""), _ => true)).KeyId.Should().Be("new");
        (await _stores.CountAsync(db => db.TokenSigningKeys)).Should().Be(1);
    }

    [Fact]
    public async Task TryUseAssertion_SameJtiAtAnotherInstance_IsRefused()
    {
        var expires = _stores.Clock.GetCurrentInstant() + Duration.FromMinutes(5);

        (await _first.TryUseAssertionAsync("client-a", "jti-1", expires)).Should().BeTrue();
        (await _second.TryUseAssertionAsync("client-a", "jti-1", expires)).Should().BeFalse("the assertion was used at the first instance");
        (await _second.TryUseAssertionAsync("client-b", "jti-1", expires)).Should().BeTrue("another client's ids are its own");
        (await _first.TryUseAssertionAsync("client-a", "jti-2", expires)).Should().BeTrue();
    }

    [Fact]
    public async Task TryUseAssertion_AfterOthersExpire_ForgetsThem()
    {
        var now = _stores.Clock.GetCurrentInstant();
        await _first.TryUseAssertionAsync("client-a", "soon", now + Duration.FromMinutes(1));
        await _first.TryUseAssertionAsync("client-a", "later", now + Duration.FromMinutes(5));

        _stores.Clock.Advance(Duration.FromMinutes(2));
        (await _second.TryUseAssertionAsync("client-a", "new", now + Duration.FromMinutes(7))).Should().BeTrue();

        await using var db = await _stores.Factory.CreateDbContextAsync();
        db.UsedClientAssertions.Select(a => a.Jti).Should().BeEquivalentTo(["later", "new"]);
    }

    [Fact]
    public async Task TryUseAssertion_JtiLongerThanStored_IsRefusedNotCut()
    {
        var expires = _stores.Clock.GetCurrentInstant() + Duration.FromMinutes(5);

        (await _first.TryUseAssertionAsync("client-a", new string('j', UsedClientAssertionRow.JtiMaxLength + 1), expires)).Should().BeFalse();
    }
}
