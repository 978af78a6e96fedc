namespace Booking.Data.Identity;

/// <summary>The staff roles. Names are stored in the database and used in authorization attributes.</summary>
public static class StaffRoles
{
    /// <summary>Sets up services, clinicians, sites, rotas, release rules; reads reports and the audit log.</summary>
    public const string PracticeManager = "PracticeManager";

    /// <summary>Runs the day: books, moves, cancels, marks arrivals and did-not-attend.</summary>
    public const string Receptionist = "Receptionist";

    /// <summary>Every role, for seeding.</summary>
    public static readonly IReadOnlyList<string> All = [PracticeManager, Receptionist];
}
