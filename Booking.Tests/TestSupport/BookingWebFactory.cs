using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Booking.Tests.TestSupport;

/// <summary>
/// The real app, in-process, on its own SQLite file, in Development so the demo practice and logins are seeded.
/// </summary>
public sealed class BookingWebFactory : WebApplicationFactory<Program>
{
    private readonly TempDatabase _database = new();

    public TempDatabase Database => _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Booking", _database.ConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}
