using Xunit;

namespace Booking.Tests.TestSupport;

/// <summary>
/// The browser journeys and the load and fault runs: one app process and one Chromium shared by the journeys,
/// and every test run one after another, after the parallel tests have finished, so that no timing-sensitive
/// run competes with the rest of the suite for the two cores. Each class in it also carries
/// <c>[Trait(SerialCollection.Trait, SerialCollection.Serial)]</c>, which <c>./test.sh --fast</c> leaves out
/// (<see cref="SerialCollectionTests"/> checks that none forgets it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser and load, serial";

    public const string Trait = "Category";

    public const string Serial = "Serial";
}
