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
        services.AddSingleton<ValidatedTokens>();
        services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<AccessTokens, ValidatedTokens>((options, tokens, validated) =>
            {
                options.TokenValidationParameters = tokens.ValidationParameters();
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(validated);
            });
        return services;
    }

    /// <summary>A policy that needs a valid FHIR bearer token whose scopes allow <paramref name="permission"/> on the type.</summary>
    public static AuthorizationPolicy Requires(string resourceType, char permission) =>
        new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new FhirScopeRequirement(resourceType, permission))
            .Build();
}

/// <summary>
/// The granted scopes must allow <see cref="Permission"/> on <see cref="ResourceType"/>. A requirement of its own (not an
/// assertion) so the SMART configuration can read off the endpoints which scopes the server enforces.
/// </summary>
internal sealed class FhirScopeRequirement(string resourceType, char permission)
    : AuthorizationHandler<FhirScopeRequirement>, IAuthorizationRequirement
{
    public string ResourceType { get; } = resourceType;

    public char Permission { get; } = permission;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FhirScopeRequirement requirement)
    {
        if (FhirScopes.Allows(context.User.FindFirst(FhirScopes.Claim)?.Value.Split(' ') ?? [], requirement.ResourceType, requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
