using Booking.Core.Appointments;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Booking.Data.Appointments;

/// <summary>A patient whose name matched a search.</summary>
/// <param name="NhsNumber">Their NHS number.</param>
/// <param name="Name">The name given at their latest booking.</param>
/// <param name="DateOfBirth">Their date of birth.</param>
public sealed record PatientMatch(NhsNumber NhsNumber, string Name, LocalDate DateOfBirth);

/// <summary>The patients a search found, by name then date of birth.</summary>
/// <param name="Patients">At most <see cref="PatientSearch.MaxResults"/> matches.</param>
/// <param name="HasMore">More patients matched than are listed: the caller should narrow the search.</param>
public sealed record PatientMatches(IReadOnlyList<PatientMatch> Patients, bool HasMore);

/// <summary>
/// Finds patients (anyone ever booked) by part of their name, optionally narrowed by date of birth, for reception when
/// the patient does not know their NHS number. Every word typed must appear somewhere in the name, in any order and
/// case, so "smi jan" finds Jane Smith.
/// </summary>
public sealed class PatientSearch(IDbContextFactory<BookingDbContext> dbFactory)
{
    /// <summary>Most patients one search lists.</summary>
    public const int MaxResults = 50;

    /// <summary>Fewest letters a search needs, so one letter does not list half the practice.</summary>
    public const int MinLength = 2;

    /// <summary>Patients whose name holds every word of <paramref name="nameText"/>, born on <paramref name="dateOfBirth"/> when given.</summary>
    /// <exception cref="ArgumentException"><paramref name="nameText"/> has fewer than <see cref="MinLength"/> letters.</exception>
    public async Task<PatientMatches> FindByNameAsync(string nameText, LocalDate? dateOfBirth = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameText);
        var words = nameText.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Sum(w => w.Length) < MinLength)
        {
            throw new ArgumentException($"Type at least {MinLength} letters of the name.", nameof(nameText));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Patients.AsNoTracking();
        foreach (var word in words)
        {
            query = query.Where(p => p.Name.ToLower().Contains(word));
        }

        if (dateOfBirth is { } born)
        {
            query = query.Where(p => p.DateOfBirth == born);
        }

        var rows = await query
            .OrderBy(p => p.Name).ThenBy(p => p.DateOfBirth).ThenBy(p => p.NhsNumber)
            .Take(MaxResults + 1)
            .Select(p => new { p.NhsNumber, p.Name, p.DateOfBirth })
            .ToListAsync(cancellationToken);
        var matches = rows.Take(MaxResults).Select(p => new PatientMatch(NhsNumber.Parse(p.NhsNumber), p.Name, p.DateOfBirth)).ToList();
        return new PatientMatches(matches, rows.Count > MaxResults);
    }
}
