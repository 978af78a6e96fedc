using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Clients;
using Microsoft.IdentityModel.Tokens;

namespace Booking.Web.Fhir.Security;

/// <summary>
/// A new FHIR consumer as an operator types it, on the API clients page or with <c>clients add</c>. Kept as typed;
/// <see cref="Check"/> turns it into an <see cref="ApiClientRegistration"/> with a fresh client id or says what is
/// wrong with each field. The key set is read the way the token endpoint reads it, so a set accepted here is one
/// the token endpoint can verify assertions with.
/// </summary>
internal sealed partial class ApiClientInput
{
    public string Name { get; set; } = "";

    public string OdsCode { get; set; } = "";

    /// <summary>Online or Organisation; an API client never books as reception.</summary>
    public ChannelKind Channel { get; set; } = ChannelKind.Organisation;

    /// <summary>Optional label for an organisation, e.g. <c>urgent-care</c>; release rules can address every organisation of a type.</summary>
    public string OrganisationType { get; set; } = "";

    public IReadOnlyCollection<string> Scopes { get; set; } = [];

    /// <summary>The client's public keys as a JSON Web Key Set.</summary>
    public string JwksJson { get; set; } = "";

    /// <summary>The registration, or null with one message per wrong field (keys are the property names).</summary>
    public ApiClientRegistration? Check(out IReadOnlyDictionary<string, string> problems)
    {
        var found = new Dictionary<string, string>();
        var name = Name.Trim();
        if (name.Length == 0)
        {
            found[nameof(Name)] = "Enter the client's name, e.g. \"NHS 111 (Example Trust)\".";
        }
        else if (name.Length > ApiClientRow.NameMaxLength)
        {
            found[nameof(Name)] = $"A name has at most {ApiClientRow.NameMaxLength} characters.";
        }

        if (!Core.Organisations.OdsCode.TryParse(OdsCode, out var ods))
        {
            found[nameof(OdsCode)] = string.IsNullOrWhiteSpace(OdsCode)
                ? "Enter the organisation's ODS code."
                : $"'{OdsCode.Trim()}' is not an ODS code (3 to 10 letters and digits).";
        }

        if (Channel is not (ChannelKind.Online or ChannelKind.Organisation))
        {
            found[nameof(Channel)] = "A client books as an organisation (NHS 111, a hub) or online (a patient app).";
        }

        var organisationType = Channel == ChannelKind.Organisation && !string.IsNullOrWhiteSpace(OrganisationType) ? OrganisationType.Trim() : null;
        if (organisationType?.Length > AppointmentRow.OrganisationTypeMaxLength)
        {
            found[nameof(OrganisationType)] = $"An organisation type has at most {AppointmentRow.OrganisationTypeMaxLength} characters.";
        }

        var scopes = Scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (ProblemWithScopes(scopes) is { } scopeProblem)
        {
            found[nameof(Scopes)] = scopeProblem;
        }

        if (ProblemWithKeys(JwksJson) is { } keyProblem)
        {
            found[nameof(JwksJson)] = keyProblem;
        }

        problems = found;
        return found.Count == 0
            ? new ApiClientRegistration(NewClientId(name), name, ods!.Value, Channel, organisationType, scopes, JwksJson.Trim())
            : null;
    }

    private static string? ProblemWithScopes(IReadOnlyList<string> scopes)
    {
        if (scopes.Count == 0)
        {
            return "Choose at least one scope.";
        }

        if (scopes.FirstOrDefault(s => !FhirScopes.IsWellFormed(s)) is { } bad)
        {
            return $"Scopes are SMART system scopes such as system/Slot.rs or system/Appointment.cru; '{bad}' is not.";
        }

        return string.Join(' ', scopes).Length > ApiClientRow.ScopesMaxLength
            ? $"Scopes take at most {ApiClientRow.ScopesMaxLength} characters."
            : null;
    }

    private static string? ProblemWithKeys(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "Paste the client's public keys as a JSON Web Key Set: {\"keys\": [ ... ]}.";
        }

        JsonWebKeySet keys;
        try
        {
            keys = new JsonWebKeySet(json);
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException)
        {
            return "This is not a JSON Web Key Set: it must be JSON like {\"keys\": [ {\"kty\": \"RSA\", ...} ]}.";
        }

        if (keys.Keys.Count == 0)
        {
            return "The key set has no keys: add the client's public signing key to its \"keys\" array.";
        }

        if (keys.Keys.Any(key => !string.IsNullOrEmpty(key.D)))
        {
            return "The key set contains a private key. Register only the public keys; the private key stays with the client.";
        }

        if (keys.Keys.FirstOrDefault(key => key.Kty is not (JsonWebAlgorithmsKeyTypes.RSA or JsonWebAlgorithmsKeyTypes.EllipticCurve)) is { } other)
        {
            return $"Key '{other.Kid}' is of type '{other.Kty}'; client assertions are verified with RSA or EC keys (RS384, ES384).";
        }

        return null;
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
