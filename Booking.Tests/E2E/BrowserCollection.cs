using Booking.Tests.TestSupport;
using Xunit;

namespace Booking.Tests.E2E;

/// <summary>All browser journeys share one app process and one Chromium, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
