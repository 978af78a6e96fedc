using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Booking.Tests.Operations;

/// <summary>
/// The reverse proxy of a deployment, in the test process: HTTPS on a loopback port (a self-signed certificate made
/// here), each request passed on over plain HTTP to <see cref="Target"/> as the README's "Going live" asks of a proxy:
/// the browser's Host header kept, <c>X-Forwarded-Proto: https</c> and <c>X-Forwarded-For</c> set (overwriting any the
/// browser sent), WebSocket upgrades passed through. YARP's forwarder does the forwarding.
/// </summary>
public sealed class TlsProxy : IAsyncDisposable
{
    private readonly WebApplication _proxy;
    private readonly HttpMessageInvoker _toApp;
    private readonly X509Certificate2 _certificate;

    private TlsProxy(WebApplication proxy, HttpMessageInvoker toApp, X509Certificate2 certificate, Uri target)
    {
        _proxy = proxy;
        _toApp = toApp;
        _certificate = certificate;
        Target = target;
    }

    /// <summary>The app behind the proxy (plain HTTP); may change, as when the app restarts on another port.</summary>
    public Uri Target { get; set; }

    /// <summary>The public address: <c>https://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress => new(_proxy.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());

    public static async Task<TlsProxy> StartAsync(Uri target)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHttpForwarder();
        using var certificate = SelfSignedCertificate();
        var serving = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            // HTTP/1.1 as nginx speaks to its upstream; the browser's WebSocket is then a plain upgrade.
            listen.Protocols = HttpProtocols.Http1;
            listen.UseHttps(serving);
        }));
        var toApp = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        });
        var proxy = builder.Build();
        var tls = new TlsProxy(proxy, toApp, serving, target);
        proxy.Map("/{**path}", async (HttpContext context, IHttpForwarder forwarder) =>
        {
            var error = await forwarder.SendAsync(context, tls.Target.ToString(), toApp, ForwarderRequestConfig.Empty, ForwardedAsHttps.Instance);
            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
        });
        await proxy.StartAsync();
        return tls;
    }

    public async ValueTask DisposeAsync()
    {
        await _proxy.StopAsync();
        await _proxy.DisposeAsync();
        _toApp.Dispose();
        _certificate.Dispose();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=booking-test-proxy", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>What a TLS-terminating proxy tells the app: the scheme the browser used, who the browser is, its Host.</summary>
    private sealed class ForwardedAsHttps : HttpTransformer
    {
        public static readonly ForwardedAsHttps Instance = new();

        public override async ValueTask TransformRequestAsync(
            HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Host = httpContext.Request.Host.Value;
            proxyRequest.Headers.Remove("X-Forwarded-Proto");
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", httpContext.Request.Scheme);
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString());
        }
    }
}
