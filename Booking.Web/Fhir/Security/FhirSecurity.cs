using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Booking.Web.Fhir.Security;

/// <summary>Bearer tokens and scope policies of the FHIR API, apart from the staff cookie scheme.</summary>
internal static class FhirSecurity
{
    public const string Scheme = "FhirBearer";

    public static IServiceCollection AddFhirSecurity(this IServiceCollection services)
    {
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<AssertionReplayCache>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddAuthentication().AddJwtBearer(Scheme, options => options.MapInboundClaims = false);
        services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<AccessTokens>((options, tokens) => options.TokenValidationParameters = tokens.ValidationParameters());
        return services;
    }

    /// <summary>A policy that needs a valid FHIR bearer token whose scopes allow <paramref name="permission"/> on the type.</summary>
    public static AuthorizationPolicy Requires(string resourceType, char permission) =>
        new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => FhirScopes.Allows(
                context.User.FindFirst(FhirScopes.Claim)?.Value.Split(' ') ?? [], resourceType, permission))
            .Build();
}
