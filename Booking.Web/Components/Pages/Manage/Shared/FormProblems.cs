namespace Booking.Web.Components.Pages.Manage.Shared;

/// <summary>
/// How the manager forms update their messages between submits: each input rechecks the form, and only the messages
/// already shown are kept (reworded if still wrong), so a field put right loses its message at once while a field not
/// reached yet gains none before the next submit.
/// </summary>
internal static class FormProblems
{
    public static Dictionary<string, string> StillShown(IReadOnlyDictionary<string, string> shown, IReadOnlyDictionary<string, string> now)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(now);
        return now.Where(problem => shown.ContainsKey(problem.Key)).ToDictionary();
    }
}
