namespace Booking.Web.Infrastructure;

/// <summary>
/// The process's arguments split into host settings, which go to the host's configuration wherever they stand, and
/// the rest, which names an operator command and its options. A host setting is <c>--key=value</c> or
/// <c>--key value</c> where the key is a configuration key (a path with a colon, <c>--ConnectionStrings:Booking=...</c>,
/// <c>--Fhir:RateLimit:RequestsPerMinute 600</c>, or a section name, which starts with a capital letter:
/// <c>--ConnectionStrings=</c> as WebApplicationFactory passes it) or one of the host's own keys
/// (<see cref="HostKeys"/>: <c>--contentRoot DIR</c>, <c>--environment Production</c>, <c>--urls ...</c>). Command
/// options are lower-case words without a colon and never use those names, so neither side can take the other's
/// words, and a mistyped option stays with the command, which refuses it.
/// </summary>
internal sealed record HostArguments
{
    /// <summary>The keys the web host reads from the command line itself (<c>HostDefaults</c>, <c>WebHostDefaults</c>, Kestrel's).</summary>
    public static readonly IReadOnlySet<string> HostKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "applicationName", "environment", "contentRoot", "webroot", "urls", "http_ports", "https_ports", "https_port",
        "detailedErrors", "captureStartupErrors", "hostingStartupAssemblies", "hostingStartupExcludeAssemblies",
        "preventHostingStartup", "suppressStatusMessages", "shutdownTimeoutSeconds", "AllowedHosts",
    };

    private HostArguments(IReadOnlyList<string> hostSettings, IReadOnlyList<string> command, string? problem)
    {
        HostSettings = hostSettings;
        Command = command;
        Problem = problem;
    }

    /// <summary>The host settings, each as one <c>--key=value</c> token, in the order given.</summary>
    public IReadOnlyList<string> HostSettings { get; }

    /// <summary>Everything else, in the order given: empty when the web app is to start.</summary>
    public IReadOnlyList<string> Command { get; }

    /// <summary>
    /// A host setting without its value (<c>--contentRoot</c> last, or followed by another <c>--</c> word); null when the split is sound.
    /// </summary>
    public string? Problem { get; }

    /// <summary>True when something other than host settings was given: an operator command, or a word that is an error.</summary>
    public bool IsCommand => Command.Count > 0 || Problem is not null;

    public static HostArguments Split(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new List<string>();
        var command = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (HostKey(argument) is not { } key)
            {
                command.Add(argument);
            }
            else if (argument.Contains('=', StringComparison.Ordinal))
            {
                host.Add(argument);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                host.Add($"--{key}={args[++i]}");
            }
            else
            {
                return new HostArguments(host, command, $"The host setting {argument} needs a value: {argument}=<value> or {argument} <value>.");
            }
        }

        return new HostArguments(host, command, null);
    }

    /// <summary>The configuration key when <paramref name="argument"/> is a host setting, else null.</summary>
    private static string? HostKey(string argument)
    {
        if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
        {
            return null;
        }

        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        var key = equals < 0 ? argument[2..] : argument[2..equals];
        return key.Length > 0 && (key.Contains(':', StringComparison.Ordinal) || char.IsUpper(key[0]) || HostKeys.Contains(key)) ? key : null;
    }
}
