using System.CommandLine;
using Booking.Core.Release;
using Booking.Data.Configuration;
using Booking.Web.Fhir.Security;

namespace Booking.Web.Infrastructure;

/// <summary>
/// <c>clients add --name &lt;name&gt; --ods &lt;ODS code&gt; [--org-type urgent-care] [--channel organisation|online]
/// --scopes "&lt;scopes&gt;" --jwks &lt;file&gt;</c>: registers a FHIR consumer in the database the app uses,
/// without the UI, and prints <c>client_id: &lt;id&gt;</c>. A running app accepts the client at once: the token
/// endpoint reads registrations from the database on every request. Input the registration refuses exits 2, as a
/// usage error does; a registration the store refuses exits 1.
/// </summary>
internal static class ClientCommands
{
    public static Command Create(CommandContext context)
    {
        var name = new Option<string>("--name") { Description = "The consumer's name as staff and the audit log see it, e.g. \"NHS 111\".", Required = true };
        var ods = new Option<string>("--ods") { Description = "The consumer's ODS code.", Required = true };
        var orgType = new Option<string>("--org-type") { Description = "The organisation type, e.g. urgent-care (organisation channel).", DefaultValueFactory = _ => "" };
        var channel = new Option<string>("--channel")
        {
            Description = "organisation (NHS 111, a hub) or online (a patient app).",
            DefaultValueFactory = _ => "organisation",
        };
        channel.AcceptOnlyFromAmong("organisation", "online");
        var scopes = new Option<string>("--scopes") { Description = "SMART system scopes, space separated, e.g. \"system/Slot.rs system/Appointment.cru\".", Required = true };
        var jwks = new Option<string>("--jwks") { Description = "A file holding the consumer's public JSON Web Key Set.", Required = true };

        var add = new Command("add", "Registers a FHIR consumer and prints its client_id; a running app accepts it at once.")
        {
            name, ods, orgType, channel, scopes, jwks,
        };
        add.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var jwksFile = parse.GetRequiredValue(jwks);
            if (!File.Exists(jwksFile))
            {
                await error.WriteLineAsync($"The key set file '{jwksFile}' does not exist.");
                return 2;
            }

            var input = new ApiClientInput
            {
                Name = parse.GetRequiredValue(name),
                OdsCode = parse.GetRequiredValue(ods),
                Channel = parse.GetRequiredValue(channel) == "online" ? ChannelKind.Online : ChannelKind.Organisation,
                OrganisationType = parse.GetValue(orgType) ?? "",
                Scopes = parse.GetRequiredValue(scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                JwksJson = await File.ReadAllTextAsync(jwksFile, cancellationToken),
            };
            if (input.Check(out var problems) is not { } registration)
            {
                foreach (var problem in problems.Values)
                {
                    await error.WriteLineAsync(problem);
                }

                return 2;
            }

            await using var host = context.BuildHost();
            await DatabaseStartup.MigrateAsync(host.Services, cancellationToken);
            var result = await host.Services.GetRequiredService<ConfigurationStore>()
                .RegisterApiClientAsync(registration, AdminCommands.Operator, cancellationToken);
            if (result.Value is null)
            {
                await error.WriteLineAsync("Not registered: " + result.Message);
                return 1;
            }

            await output.WriteLineAsync($"client_id: {result.Value.ClientId}");
            return 0;
        });

        return new Command("clients", "FHIR consumers (API clients).") { add };
    }
}
