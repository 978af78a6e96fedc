using Booking.Web.Fhir.Security;

namespace Booking.Web.Fhir;

/// <summary>Maps the FHIR R4 facade under <c>/fhir</c>.</summary>
internal static class FhirEndpoints
{
    public static IServiceCollection AddFhirFacade(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFhirSecurity();
        services.AddFhirRateLimiting(configuration);
        services.AddSingleton<TokenRateLimits>();
        services.AddSingleton<FhirRequestAudit>();
        services.AddSingleton<SlotJsonCache>();
        services.AddSingleton<IncludeJsonCache>();
        services.AddSingleton<SlotSearchAnswers>();
        services.AddSingleton<ActiveClients>();
        services.AddHostedService(provider => provider.GetRequiredService<FhirRequestAudit>());
        services.AddSingleton<ApiRequestLogRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<ApiRequestLogRetention>());
        return services;
    }

    public static IApplicationBuilder UseFhirPipeline(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(FhirPipeline.BasePath),
            fhir => fhir.UseMiddleware<FhirPipeline>());

    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder endpoints)
    {
        var fhir = endpoints.MapGroup(FhirPipeline.BasePath).RequireRateLimiting(FhirRateLimiting.Policy);

        // Public by design (docs/fhir-contract.md, Security): the capability statement and how to get a token.
        fhir.MapGet("/metadata", CapabilityEndpoint.Get).AllowAnonymous();
        fhir.MapGet(SmartConfigurationEndpoint.Path, SmartConfigurationEndpoint.Get).AllowAnonymous();
        // The token endpoint counts its own requests (TokenRateLimits), so anonymous calls elsewhere cannot starve it.
        fhir.MapPost(TokenEndpoint.Path, TokenEndpoint.PostAsync).AllowAnonymous().DisableAntiforgery().DisableRateLimiting();
        fhir.MapMethods(AuthorizeEndpoint.Path, [HttpMethods.Get, HttpMethods.Post], AuthorizeEndpoint.Refuse).AllowAnonymous().DisableAntiforgery();
        fhir.MapGet(BulkPublishEndpoints.Path, BulkPublishEndpoints.ManifestAsync).AllowAnonymous();
        fhir.MapGet(BulkPublishEndpoints.Path + "/{type}", BulkPublishEndpoints.FileAsync).AllowAnonymous();

        // Everything below needs a token whose client is still registered and not revoked, checked on every request.
        var clients = fhir.MapGroup("").RequireActiveClient();
        clients.MapGet("/Slot", SlotSearch.GetAsync).RequireAuthorization(FhirSecurity.Requires("Slot", 's'));
        clients.MapGet("/Slot/{id}", DirectoryEndpoints.GetSlotAsync).RequireAuthorization(FhirSecurity.Requires("Slot", 'r'));
        clients.MapGet("/Schedule/{id}", DirectoryEndpoints.GetScheduleAsync).RequireAuthorization(FhirSecurity.Requires("Schedule", 'r'));
        clients.MapGet("/HealthcareService/{id}", DirectoryEndpoints.GetHealthcareServiceAsync).RequireAuthorization(FhirSecurity.Requires("HealthcareService", 'r'));
        clients.MapGet("/Location/{id}", DirectoryEndpoints.GetLocationAsync).RequireAuthorization(FhirSecurity.Requires("Location", 'r'));
        clients.MapGet("/Practitioner/{id}", DirectoryEndpoints.GetPractitionerAsync).RequireAuthorization(FhirSecurity.Requires("Practitioner", 'r'));
        clients.MapGet("/PractitionerRole/{id}", DirectoryEndpoints.GetPractitionerRoleAsync).RequireAuthorization(FhirSecurity.Requires("PractitionerRole", 'r'));
        clients.MapPost("/Appointment", AppointmentEndpoints.CreateAsync).RequireAuthorization(FhirSecurity.Requires("Appointment", 'c'));
        clients.MapGet("/Appointment", AppointmentEndpoints.SearchAsync).RequireAuthorization(FhirSecurity.Requires("Appointment", 's'));
        clients.MapGet("/Appointment/{id}", AppointmentEndpoints.ReadAsync).RequireAuthorization(FhirSecurity.Requires("Appointment", 'r'));
        clients.MapPut("/Appointment/{id}", AppointmentEndpoints.UpdateAsync).RequireAuthorization(FhirSecurity.Requires("Appointment", 'u'));
        clients.MapGet("/Patient", PatientEndpoints.SearchAsync).RequireAuthorization(FhirSecurity.Requires("Patient", 's'));
        clients.MapGet("/Patient/{id}", PatientEndpoints.ReadAsync).RequireAuthorization(FhirSecurity.Requires("Patient", 'r'));
        clients.MapGet("/Organization/{id}", DirectoryEndpoints.GetOrganizationAsync).RequireAuthorization(FhirSecurity.Requires("Organization", 'r'));

        // Anything else under /fhir is an unknown endpoint: a FHIR 404, never the staff sign-in redirect.
        fhir.Map("/{**rest}", () => OperationOutcomes.NotFound("No such FHIR endpoint or resource.")).AllowAnonymous();
        return endpoints;
    }
}
