using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Booking.Data;

/// <summary>
/// Stores an <see cref="Instant"/> as a UTC <see cref="DateTime"/> to the whole microsecond, the finest every
/// provider keeps (PostgreSQL's <c>timestamp with time zone</c> has microseconds; SQLite's text and SQL Server's
/// <c>datetime2</c> would keep a tenth of one). Cut the same way everywhere, an instant reads back, compares and
/// filters alike on every provider, and a value compared in a query is cut as the stored one was.
/// </summary>
internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => ToWholeMicroseconds(instant.ToDateTimeUtc()),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)))
{
    private static DateTime ToWholeMicroseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
}

/// <summary>Stores a <see cref="LocalDate"/> as a <see cref="DateOnly"/>.</summary>
internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    date => date.ToDateOnly(),
    dateOnly => LocalDate.FromDateOnly(dateOnly));

/// <summary>Stores a <see cref="LocalTime"/> as a <see cref="TimeOnly"/>.</summary>
internal sealed class LocalTimeConverter() : ValueConverter<LocalTime, TimeOnly>(
    time => time.ToTimeOnly(),
    timeOnly => LocalTime.FromTimeOnly(timeOnly));

/// <summary>Stores a <see cref="LocalDateTime"/> as a <see cref="DateTime"/> of unspecified kind: a wall-clock reading, not an instant.</summary>
internal sealed class LocalDateTimeConverter() : ValueConverter<LocalDateTime, DateTime>(
    local => local.ToDateTimeUnspecified(),
    dateTime => LocalDateTime.FromDateTime(dateTime));
