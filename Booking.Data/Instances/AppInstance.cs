namespace Booking.Data.Instances;

/// <summary>
/// This app process among the instances sharing a database: the id its change notices carry, so that the relay of
/// each instance passes on the others' changes and not its own (its own screens heard them at commit).
/// </summary>
public sealed class AppInstance
{
    /// <summary>The instance of this process, used wherever none is registered (tools and tests that build stores by hand).</summary>
    public static AppInstance ThisProcess { get; } = new();

    /// <summary>Made afresh at start: a restarted process is a new instance, and hears what it missed by being rebuilt.</summary>
    public Guid Id { get; } = Guid.NewGuid();
}
