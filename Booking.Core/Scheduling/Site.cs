namespace Booking.Core.Scheduling;

/// <summary>A building where the practice sees patients (a FHIR Location), e.g. the main surgery or a branch.</summary>
public sealed record Site
{
    /// <summary>Longest site name accepted; storage reuses it.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Creates a site with a positive id and a 1 to <see cref="MaxNameLength"/> character name.</summary>
    public Site(int id, string name)
    {
        Id = Require.PositiveId(id, nameof(id));
        Name = Require.Text(name, MaxNameLength, nameof(name));
    }

    /// <summary>Storage id; <see cref="Slot.SiteId"/> refers to it.</summary>
    public int Id { get; }

    /// <summary>Display name, trimmed.</summary>
    public string Name { get; }
}
