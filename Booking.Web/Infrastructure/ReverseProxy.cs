using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Booking.Web.Infrastructure;

/// <summary>
/// Production runs behind a reverse proxy that terminates TLS (nginx, Caddy, IIS, a load balancer) and talks plain
/// HTTP to Kestrel. The proxy says what the browser used in <c>X-Forwarded-Proto</c> and who the browser is in
/// <c>X-Forwarded-For</c>; the app believes those headers only from the proxies it knows: loopback always (a proxy on
/// the same machine), plus <c>ReverseProxy:KnownProxies</c> (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR,
/// e.g. <c>10.0.0.0/24</c>). Then a request that came in over HTTPS is HTTPS to the app: no redirect loop, Secure
/// cookies, HSTS, and the SMART token endpoint's audience is the public <c>https://</c> address. The same headers
/// from anyone else are ignored, so a client that reaches Kestrel directly cannot pretend.
/// </summary>
internal static class ReverseProxy
{
    public const string KnownProxiesSetting = "ReverseProxy:KnownProxies";
    public const string KnownNetworksSetting = "ReverseProxy:KnownNetworks";

    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = Values(configuration, KnownProxiesSetting).Select(IPAddress.Parse).ToList();
        var networks = Values(configuration, KnownNetworksSetting).Select(System.Net.IPNetwork.Parse).ToList();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // The host is left alone: the proxy passes the browser's Host header through (README, Going live).
            options.ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedFor;

            // The defaults already trust 127.0.0.0/8 and ::1.
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>A list setting: array entries (<c>KnownProxies:0</c>, <c>__0</c>) or one comma-separated value.</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        var values = section.Value is { } single ? new[] { single } : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
