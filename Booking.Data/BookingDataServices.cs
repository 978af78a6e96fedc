using Booking.Data.Appointments;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Data.Instances;
using Booking.Data.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Data;

/// <summary>Registers the stores the pages and the FHIR facade call. They are stateless apart from the configuration cache.</summary>
public static class BookingDataServices
{
    /// <summary>
    /// Adds <see cref="PracticeConfigurationProvider"/>, an <see cref="AppInstance"/> of its own (each host is an instance), <see cref="AppointmentChangeFeed"/>, <see cref="ConfigurationChangeFeed"/>, <see cref="ChangeNoticeRelay"/> (the app runs it as a hosted service), <see cref="BookingRefusalTally"/>, <see cref="ApiTokenStore"/>, <see cref="BookingService"/>, <see cref="BookingQueries"/>, <see cref="AvailabilityIndex"/>,
    /// <see cref="ConfigurationStore"/>, <see cref="RotaEditorQueries"/>, <see cref="ReportQueries"/>, <see cref="ImpactQueries"/>, <see cref="PatientSearch"/>, <see cref="PatientRecords"/> and <see cref="SharedRateLimits"/> as singletons;
    /// they need an <c>IDbContextFactory&lt;BookingDbContext&gt;</c> and an
    /// <c>IClock</c> registered by the host.
    /// </summary>
    public static IServiceCollection AddBookingStores(this IServiceCollection services) =>
        services
            .AddSingleton<PracticeConfigurationProvider>()
            .AddSingleton<AppInstance>()
            .AddSingleton<AppointmentChangeFeed>()
            .AddSingleton<ConfigurationChangeFeed>()
            .AddSingleton<ChangeNoticeRelay>()
            .AddSingleton<BookingRefusalTally>()
            .AddSingleton<ApiTokenStore>()
            .AddSingleton<BookingService>()
            .AddSingleton<BookingQueries>()
            .AddSingleton<AvailabilityIndex>()
            .AddSingleton<ConfigurationStore>()
            .AddSingleton<RotaEditorQueries>()
            .AddSingleton<ReportQueries>()
            .AddSingleton<ImpactQueries>()
            .AddSingleton<PatientSearch>()
            .AddSingleton<PatientRecords>()
            .AddSingleton<SharedRateLimits>();
}
