using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Booking.Core.Organisations;
using Booking.Core.Release;
using Booking.Data.Auditing;
using Booking.Data.Clients;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Security;

namespace Booking.Web.Infrastructure;

/// <summary>
/// <c>clients add --name &lt;name&gt; --ods &lt;ODS code&gt; [--org-type urgent-care] [--channel organisation|online]
/// --scopes "&lt;scopes&gt;" --jwks &lt;file&gt;</c>: registers a FHIR consumer in the database the app uses,
/// without the UI, and prints <c>client_id: &lt;id&gt;</c>. A running app accepts the client at once: the token
/// endpoint reads registrations from the database on every request.
/// </summary>
internal static partial class ClientCommands
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

        if (!OdsCode.TryParse(odsText, out var ods))
        {
            await Console.Error.WriteLineAsync($"'{odsText}' is not an ODS code (3 to 10 letters and digits).");
            return 2;
        }

        var scopes = scopesText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length == 0 || !scopes.All(FhirScopes.IsWellFormed))
        {
            await Console.Error.WriteLineAsync($"Scopes are SMART system scopes such as system/Slot.rs or system/Appointment.cru; '{scopesText}' is not.");
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

        var clientId = NewClientId(name);
        var result = await store.RegisterApiClientAsync(
            new ApiClientRegistration(clientId, name, ods.Value, channel.Value, values.GetValueOrDefault("--org-type"), scopes, await File.ReadAllTextAsync(jwksFile)),
            ActingParty.System("command line"));
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

    /// <summary>A readable, unguessable id: the name as a slug plus 8 random hex digits, e.g. <c>nhs-111-3fa2b1c4</c>.</summary>
    private static string NewClientId(string name)
    {
        var slug = NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
        return (slug.Length == 0 ? "client" : slug) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
