using Booking.Core.Release;
using Booking.Data.Auditing;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Security;

namespace Booking.Web.Infrastructure;

/// <summary>
/// <c>clients add --name &lt;name&gt; --ods &lt;ODS code&gt; [--org-type urgent-care] [--channel organisation|online]
/// --scopes "&lt;scopes&gt;" --jwks &lt;file&gt;</c>: registers a FHIR consumer in the database the app uses,
/// without the UI, and prints <c>client_id: &lt;id&gt;</c>. A running app accepts the client at once: the token
/// endpoint reads registrations from the database on every request.
/// </summary>
internal static class ClientCommands
{
    public const string Usage =
        "Usage: Booking.Web clients add --name <name> --ods <ODS code> [--org-type <type>] [--channel organisation|online] --scopes \"<scopes>\" --jwks <file>";

    public static async Task<int> AddAsync(string[] options, ConfigurationStore store)
    {
        var values = Parse(options);
        if (values is null
            || !values.TryGetValue("--name", out var name)
            || !values.TryGetValue("--ods", out var odsText)
            || !values.TryGetValue("--scopes", out var scopesText)
            || !values.TryGetValue("--jwks", out var jwksFile))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        if (!File.Exists(jwksFile))
        {
            await Console.Error.WriteLineAsync($"The key set file '{jwksFile}' does not exist.");
            return 2;
        }

        var channel = values.GetValueOrDefault("--channel", "organisation") switch
        {
            "online" => ChannelKind.Online,
            "organisation" => ChannelKind.Organisation,
            _ => (ChannelKind?)null,
        };
        if (channel is null)
        {
            await Console.Error.WriteLineAsync("--channel is organisation (NHS 111, a hub) or online (a patient app).");
            return 2;
        }

        var input = new ApiClientInput
        {
            Name = name,
            OdsCode = odsText,
            Channel = channel.Value,
            OrganisationType = values.GetValueOrDefault("--org-type", ""),
            Scopes = scopesText.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            JwksJson = await File.ReadAllTextAsync(jwksFile),
        };
        if (input.Check(out var problems) is not { } registration)
        {
            foreach (var problem in problems.Values)
            {
                await Console.Error.WriteLineAsync(problem);
            }

            return 2;
        }

        var result = await store.RegisterApiClientAsync(registration, ActingParty.System("command line"));
        if (result.Value is null)
        {
            await Console.Error.WriteLineAsync("Not registered: " + result.Message);
            return 1;
        }

        Console.WriteLine($"client_id: {result.Value.ClientId}");
        return 0;
    }

    private static Dictionary<string, string>? Parse(string[] options)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i += 2)
        {
            if (!options[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= options.Length)
            {
                return null;
            }

            values[options[i]] = options[i + 1];
        }

        return values;
    }
}
