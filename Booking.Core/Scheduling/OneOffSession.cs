using NodaTime;

namespace Booking.Core.Scheduling;

/// <summary>
/// An extra session on a single date, e.g. a Saturday flu clinic. Bank holidays do not suppress it: a
/// one-off is how a practice deliberately opens on a bank holiday. Practice closures and leave still do.
/// </summary>
public sealed class OneOffSession
{
    /// <summary>Creates a one-off session.</summary>
    public OneOffSession(int id, int practitionerId, int siteId, LocalDate date, SessionLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Id = Require.PositiveId(id, nameof(id));
        PractitionerId = Require.PositiveId(practitionerId, nameof(practitionerId));
        SiteId = Require.PositiveId(siteId, nameof(siteId));
        Date = date;
        Layout = layout;
    }

    /// <summary>Storage id; part of every slot id the session produces.</summary>
    public int Id { get; }

    /// <summary>Who runs the session.</summary>
    public int PractitionerId { get; }

    /// <summary>Where the session runs.</summary>
    public int SiteId { get; }

    /// <summary>The date it runs.</summary>
    public LocalDate Date { get; }

    /// <summary>Times and segments.</summary>
    public SessionLayout Layout { get; }

    /// <summary>The source every slot of this session carries.</summary>
    public SessionSource Source => new(SessionSourceKind.OneOff, Id);
}
