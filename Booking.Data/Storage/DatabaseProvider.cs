namespace Booking.Data.Storage;

/// <summary>
/// The database engines Booking stores a practice in, chosen by <see cref="BookingDatabase.ProviderSetting"/>. One
/// model serves all three; each has its own migration set and its own folder of provider code (Sqlite, PostgreSql,
/// SqlServer under Booking.Data).
/// </summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file per practice, backed up and restored by the app's own commands.</summary>
    Sqlite,

    /// <summary>Microsoft SQL Server, as the design asks; built and script-checked, not run, on our machines.</summary>
    SqlServer,

    /// <summary>PostgreSQL: the server database the tests run on, and the one several app instances share.</summary>
    PostgreSql,
}
