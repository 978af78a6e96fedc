using System.Net;
using System.Net.Http.Headers;
using Booking.Load.Harness;
using Booking.Tests.TestSupport;
using Booking.Web.Fhir.Security;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>
/// Two app instances on one database, as behind a load balancer: each accepts the access tokens the other issued (the
/// signing key is in the database), and a client assertion used at one cannot be replayed at the other.
/// </summary>
public sealed class TokensAcrossInstancesTests : IDisposable
{
    private readonly string _keysFolder = Directory.CreateTempSubdirectory("booking-keys-").FullName;
    private readonly InstanceFactory _first;
    private readonly InstanceFactory _second;

    public TokensAcrossInstancesTests()
    {
        _first = new InstanceFactory(_keysFolder, database: null);
        _second = new InstanceFactory(_keysFolder, _first.Database.ConnectionString);
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
        Directory.Delete(_keysFolder, recursive: true);
    }

    [Fact]
    public async Task TokenIssuedByOneInstance_IsAcceptedByTheOther()
    {
        using var consumer = await RegisteredAsync();
        using var first = _first.CreateClient();
        using var second = _second.CreateClient();

        var token = await consumer.GetTokenAsync(first);
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await second.GetAsync("/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-23&_count=1");

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(10, HttpStatusCode.OK)]
    [InlineData(60, HttpStatusCode.Unauthorized)]
    public async Task TokenFromAnInstanceWhoseClockIsAhead_IsAcceptedWithinTheTolerance(int secondsAhead, HttpStatusCode expected)
    {
        using var consumer = await RegisteredAsync();
        using var first = _first.CreateClient();
        using var second = _second.CreateClient();
        _second.Clock.Reset(_first.Clock.GetCurrentInstant() - NodaTime.Duration.FromSeconds(secondsAhead));

        var token = await consumer.GetTokenAsync(first);
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await second.GetAsync("/fhir/Slot?status=free&start=ge2026-11-23&start=le2026-11-23&_count=1");

        response.StatusCode.Should().Be(expected, $"a peer {secondsAhead} s ahead is {(expected == HttpStatusCode.OK ? "within" : "past")} the {AccessTokens.PeerClockTolerance} tolerance");
    }

    [Fact]
    public async Task AssertionUsedAtOneInstance_IsRefusedAtTheOther()
    {
        using var consumer = await RegisteredAsync();
        using var first = _first.CreateClient();
        using var second = _second.CreateClient();
        var assertion = consumer.Assertion(new Uri(first.BaseAddress!, "/fhir/auth/token").ToString());

        using var used = await first.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(assertion));
        using var replayed = await second.PostAsync("/fhir/auth/token", SmartClient.TokenRequest(assertion));

        used.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await replayed.Content.ReadAsStringAsync()).Should().Contain("invalid_client").And.Contain("jti was already used");
    }

    private async Task<SmartClient> RegisteredAsync()
    {
        // Both hosts are started (migrated, seeded, key made) before the client is registered in their one database.
        _first.CreateClient().Dispose();
        _second.CreateClient().Dispose();
        var consumer = new SmartClient("two-instances-" + Guid.NewGuid().ToString("N")[..8], _first.Clock);
        await using var db = _first.Database.CreateContext();
        await consumer.RegisterAsync(db, "system/Slot.rs");
        return consumer;
    }

    /// <summary>An app instance whose Data Protection keys are in a folder it shares, on its own or another's database.</summary>
    private sealed class InstanceFactory(string keysFolder, string? database) : BookingWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:KeysFolder", keysFolder);
            if (database is not null)
            {
                builder.UseSetting("ConnectionStrings:Booking", database);
            }
        }
    }
}
