using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Booking.Data.Storage;
using NodaTime;
using NodaTime.Text;

namespace Booking.Data.Auditing;

/// <summary>
/// Adds audit entries to a context, to be saved in the same transaction as the change they describe (rule 5):
/// either both are committed or neither is. Subjects are JSON snapshots taken when recorded; they may hold patient
/// details (the audit log is evidence and is access-controlled), which is why they never go to the application log.
/// </summary>
internal static class AuditLog
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new JsonStringEnumConverter(),
            new PatternConverter<Instant>(InstantPattern.ExtendedIso),
            new PatternConverter<LocalDate>(LocalDatePattern.Iso),
            new PatternConverter<LocalTime>(LocalTimePattern.CreateWithInvariantCulture("HH:mm")),
            new PatternConverter<LocalDateTime>(LocalDateTimePattern.GeneralIso),
        },
        // A row's version is bumped when it is saved, after the snapshot is taken; leave it out rather than show a stale one.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    if (typeof(IVersionedRow).IsAssignableFrom(info.Type) && info.Kind == JsonTypeInfoKind.Object)
                    {
                        var version = info.Properties.FirstOrDefault(p => p.Name == "version");
                        if (version is not null)
                        {
                            info.Properties.Remove(version);
                        }
                    }
                },
            },
        },
    };

    /// <summary>Records a change; <paramref name="before"/> is a snapshot taken with <see cref="Snapshot"/> before changing.</summary>
    public static void Record(
        BookingDbContext db, Instant at, ActingParty by, string action, string subjectType, string subjectId, string? before, object? after) =>
        db.AuditEntries.Add(AuditEntry.Record(at, by.Kind, by.Name, action, subjectType, subjectId, before, Snapshot(after)));

    /// <summary>The JSON the audit log keeps of <paramref name="subject"/> as it is now.</summary>
    public static string? Snapshot(object? subject) =>
        subject is null ? null : JsonSerializer.Serialize(subject, subject.GetType(), Options);

    private sealed class PatternConverter<T>(IPattern<T> pattern) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            pattern.Parse(reader.GetString() ?? "").GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(pattern.Format(value));
    }
}
