namespace Booking.Core.Appointments;

/// <summary>The part of the supporting information a <see cref="SupportingInformationProblem"/> is about.</summary>
public enum SupportingInformationElement
{
    /// <summary>The short description of the appointment.</summary>
    Description,

    /// <summary>The free-text comment.</summary>
    Comment,
}

/// <summary>Which text is refused, and why, in a sentence for the sender.</summary>
/// <param name="Element">Which text.</param>
/// <param name="Message">Why it is refused.</param>
public sealed record SupportingInformationProblem(SupportingInformationElement Element, string Message);

/// <summary>
/// What the booking party tells the practice with a booking (the NHS Booking Standard's supporting information, e.g. NHS
/// 111's reason for the call): a short description and a longer comment, each optional, trimmed, and bounded so a
/// consumer cannot fill the database. Shown to staff on the appointment; never changed after booking.
/// </summary>
public sealed record SupportingInformation
{
    /// <summary>Longest description (docs/fhir.md promises 100 to consumers).</summary>
    public const int DescriptionMaxLength = 100;

    /// <summary>Longest comment.</summary>
    public const int CommentMaxLength = 2000;

    private SupportingInformation(string? description, string? comment)
    {
        Description = description;
        Comment = comment;
    }

    /// <summary>Nothing was sent.</summary>
    public static SupportingInformation None { get; } = new(null, null);

    /// <summary>The short description, or null.</summary>
    public string? Description { get; }

    /// <summary>The comment, or null.</summary>
    public string? Comment { get; }

    /// <summary>Whether there is anything to show.</summary>
    public bool IsEmpty => Description is null && Comment is null;

    /// <summary>
    /// The supporting information from what was sent, blank texts taken as absent; null with <paramref name="problem"/>
    /// set when a text is over its limit.
    /// </summary>
    public static SupportingInformation? Create(string? description, string? comment, out SupportingInformationProblem? problem)
    {
        var trimmedDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        var trimmedComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        problem = trimmedDescription?.Length > DescriptionMaxLength
            ? new SupportingInformationProblem(SupportingInformationElement.Description, $"description has at most {DescriptionMaxLength} characters.")
            : trimmedComment?.Length > CommentMaxLength
                ? new SupportingInformationProblem(SupportingInformationElement.Comment, $"comment has at most {CommentMaxLength} characters.")
                : null;
        return problem is null ? new SupportingInformation(trimmedDescription, trimmedComment) : null;
    }

    /// <summary>Rebuilds what was stored (already checked when booked).</summary>
    public static SupportingInformation Restore(string? description, string? comment) =>
        description is null && comment is null ? None : new SupportingInformation(description, comment);
}
