using Booking.Web.Fhir;
using Microsoft.AspNetCore.HostFiltering;

namespace Booking.Web.Infrastructure;

/// <summary>
/// The address consumers and browsers use to reach the app (<c>PublicBaseUrl</c>, e.g.
/// <c>https://booking.example-practice.nhs.uk</c>), configured rather than read from the request: the SMART token
/// audience, the SMART configuration, bundle links and <c>Location</c> headers are built from it, so a request that
/// names another <c>Host</c> cannot get a token minted for that host or links that point there. Outside Development it is
/// required and it sets <c>AllowedHosts</c> when that is left at <c>*</c>, so a request for any other host is refused
/// with 400 before it reaches the app. In Development, when it is not set, the request's own address is used, so the
/// README's run command needs nothing.
/// </summary>
internal sealed class PublicAddress
{
    public const string Setting = "PublicBaseUrl";

    private readonly string? _baseUrl;

    private PublicAddress(Uri? configured) => _baseUrl = configured?.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>The public base, without a trailing slash, e.g. <c>https://booking.example.nhs.uk</c>.</summary>
    public string BaseUrl(HttpRequest request) => _baseUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>The FHIR base: <c>{public base}/fhir</c>.</summary>
    public string FhirBase(HttpRequest request) => BaseUrl(request) + FhirPipeline.BasePath;

    /// <summary>Why the configured address cannot be used (or is missing where it is required); null when it is fine.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return environment.IsDevelopment()
                ? null
                : $"{Setting} is not set. Set it to the address browsers and FHIR consumers use, e.g. " +
                  $"{Setting}=https://booking.example-practice.nhs.uk (environment variable {Setting}); see README, Going live.";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return $"{Setting} '{value}' must be an absolute http(s) address without a query, fragment or user name, e.g. https://booking.example-practice.nhs.uk.";
        }

        return uri.Scheme == "http" && !environment.IsDevelopment() && !uri.IsLoopback
            ? $"{Setting} '{value}' must be https outside Development: browsers and consumers reach the app through a TLS proxy."
            : null;
    }

    /// <summary>Registers the address (call after <see cref="Problem"/> found none) and the host filter it implies.</summary>
    public static void AddPublicAddress(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[Setting] is { Length: > 0 } value ? new Uri(value) : null;
        builder.Services.AddSingleton(new PublicAddress(configured));
        if (configured is not null && !builder.Environment.IsDevelopment())
        {
            // Runs after the host's own binding of AllowedHosts; an explicit list (not "*") is the operator's and is kept.
            builder.Services.PostConfigure<HostFilteringOptions>(options =>
            {
                if (options.AllowedHosts.Count == 0 || options.AllowedHosts.Contains("*"))
                {
                    options.AllowedHosts = [configured.IdnHost];
                }
            });
        }
    }
}
