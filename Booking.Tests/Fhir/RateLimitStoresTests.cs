using Booking.Web.Fhir.Security;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Booking.Tests.Fhir;

/// <summary>Where the API's rate limits are counted: by provider unless forced, and never by a guess.</summary>
public sealed class RateLimitStoresTests
{
    [Theory]
    [InlineData(null, null, "Memory")]
    [InlineData("Sqlite", null, "Memory")]
    [InlineData("PostgreSql", null, "Database")]
    [InlineData("SqlServer", null, "Database")]
    [InlineData("Sqlite", "database", "Database")]
    [InlineData("PostgreSql", "Memory", "Memory")]
    public void Choose_ProviderAndSetting_IsTheSettingOrElseByProvider(string? provider, string? store, string expected) =>
        RateLimitStores.Choose(Configuration(provider, store)).ToString().Should().Be(expected);

    [Theory]
    [InlineData("Redis")]
    [InlineData("1")]
    public void Choose_UnknownStore_IsRefusedWithTheChoices(string store)
    {
        var choose = () => RateLimitStores.Choose(Configuration("PostgreSql", store));

        choose.Should().Throw<InvalidOperationException>().WithMessage($"Fhir:RateLimit:Store is '{store}'; it must be one of Memory, Database*");
    }

    private static IConfiguration Configuration(string? provider, string? store) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            [RateLimitStores.Setting] = store,
        }).Build();
}
