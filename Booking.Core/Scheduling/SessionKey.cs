using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Booking.Core.Scheduling;

/// <summary>What kind of rota entry a session came from.</summary>
public enum SessionSourceKind
{
    /// <summary>A recurring session template.</summary>
    Template,

    /// <summary>A one-off extra session on a single date.</summary>
    OneOff,
}

/// <summary>The rota entry a session comes from: a recurring template or a one-off session, by id.</summary>
public readonly record struct SessionSource(SessionSourceKind Kind, int Id)
{
    /// <summary>Short stable prefix used inside slot ids: <c>t</c> for templates, <c>o</c> for one-offs.</summary>
    public string Prefix => Kind == SessionSourceKind.Template ? "t" : "o";

    /// <inheritdoc />
    public override string ToString() => Prefix + Id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One occurrence of a session: its source on one local date. Quotas per session count against it.</summary>
public readonly record struct SessionKey(SessionSource Source, LocalDate Date)
{
    /// <inheritdoc />
    public override string ToString() =>
        Source + "-" + LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd").Format(Date);
}

/// <summary>
/// Stable slot identity: <c>{t|o}{sourceId}-{yyyyMMdd}-{HHmm}</c> of the session source, local date and
/// local start time, e.g. <c>t12-20260330-0830</c>. It is a valid FHIR id (<c>[A-Za-z0-9\-\.]{1,64}</c>)
/// and survives regeneration because it depends on nothing but those three facts.
/// </summary>
public readonly record struct SlotId
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HHmm");

    private SlotId(string value) => Value = value;

    /// <summary>Longest id produced; storage reuses it.</summary>
    public const int MaxLength = 32;

    /// <summary>The id text.</summary>
    public string Value { get; }

    /// <summary>The id of the slot starting at <paramref name="localStart"/> in the given session.</summary>
    public static SlotId For(SessionKey session, LocalTime localStart) =>
        new(session + "-" + TimePattern.Format(localStart));

    /// <summary>The <c>HHmm</c> suffix <see cref="For"/> puts on an id; layouts compute it once per slot time.</summary>
    internal static string FormatStart(LocalTime localStart) => TimePattern.Format(localStart);

    /// <summary>
    /// The same id as <see cref="For"/>, from the session's <c>{key}-</c> prefix and a <see cref="FormatStart"/>
    /// suffix, so slot generation formats each session and each start time once rather than once per slot.
    /// </summary>
    internal static SlotId FromParts(string sessionPrefix, string startText) => new(string.Concat(sessionPrefix, startText));

    /// <summary>Parses an id made by <see cref="For"/>; false for anything else.</summary>
    public static bool TryParse(string? text, out SlotId id, out SessionKey session, out LocalTime localStart)
    {
        id = default;
        session = default;
        localStart = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        var parts = text.Split('-');
        if (parts.Length != 3 || parts[0].Length < 2)
        {
            return false;
        }

        var kind = parts[0][0] switch
        {
            't' => SessionSourceKind.Template,
            'o' => SessionSourceKind.OneOff,
            _ => (SessionSourceKind?)null,
        };
        if (kind is null
            || !int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var sourceId)
            || parts[0].Length > 1 + 9)
        {
            return false;
        }

        var date = DatePattern.Parse(parts[1]);
        var time = TimePattern.Parse(parts[2]);
        if (!date.Success || !time.Success)
        {
            return false;
        }

        session = new SessionKey(new SessionSource(kind.Value, sourceId), date.Value);
        localStart = time.Value;
        id = For(session, localStart);
        // Round-trip guards against non-canonical spellings such as leading zeros in the source id.
        return id.Value == text;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
