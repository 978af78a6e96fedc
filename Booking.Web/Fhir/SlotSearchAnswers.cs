using System.Collections.Concurrent;
using Booking.Core.Release;
using Booking.Data.Appointments;
using Booking.Data.Configuration;

namespace Booking.Web.Fhir;

/// <summary>
/// Whole slot-search answers, kept while nothing they were made from has changed. An answer is a function of the
/// channel, the query, the FHIR base, the configuration and the channel's offered days; the availability index hands out
/// the same <see cref="OfferedDay"/> objects for as long as a day's judgement stands and new ones the moment a booking,
/// a configuration change or the clock could change it. So an answer is served again only when the index gives the
/// very same configuration and day objects (compared by reference) as when it was made: it cannot outlive the index's
/// own answer. Patient apps and 111 services poll the same windows, so most searches are answered from here.
/// </summary>
internal sealed class SlotSearchAnswers
{
    /// <summary>About 64 MB: a fortnight with every include is 4 MB, a page of 50 about 45 KB. Past it the answers start again.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<Key, Answer> _answers = new();
    private long _bytes;

    public bool TryGet(Channel channel, string fhirBase, string query, OfferedSlots offered, out byte[] body)
    {
        if (_answers.TryGetValue(new Key(channel, fhirBase, query), out var answer) && answer.IsFrom(offered))
        {
            body = answer.Body;
            return true;
        }

        body = [];
        return false;
    }

    public void Keep(Channel channel, string fhirBase, string query, OfferedSlots offered, byte[] body)
    {
        if (Interlocked.Add(ref _bytes, body.Length) > MaxBytes)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _bytes, body.Length);
        }

        _answers[new Key(channel, fhirBase, query)] = new Answer(offered.Configuration, [.. offered.Days], body);
    }

    private readonly record struct Key(Channel Channel, string FhirBase, string Query);

    private sealed record Answer(PracticeConfiguration? Configuration, OfferedDay[] Days, byte[] Body)
    {
        public bool IsFrom(OfferedSlots offered)
        {
            if (!ReferenceEquals(Configuration, offered.Configuration) || Days.Length != offered.Days.Count)
            {
                return false;
            }

            for (var i = 0; i < Days.Length; i++)
            {
                if (!ReferenceEquals(Days[i], offered.Days[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
