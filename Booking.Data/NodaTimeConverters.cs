using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Booking.Data;

/// <summary>Stores an <see cref="Instant"/> as a UTC <see cref="DateTime"/>.</summary>
internal sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
    instant => instant.ToDateTimeUtc(),
    dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)));

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
