namespace Booking.Data.Storage;

/// <summary>
/// A database this version of Booking will not touch (made by a newer version, or not by Booking at all). The message
/// is for the operator: what the file is and why; nothing in it was changed. The app stops on it with exit code 1.
/// </summary>
public sealed class DatabaseRefusedException : InvalidOperationException
{
    public DatabaseRefusedException(string message)
        : base(message)
    {
    }

    public DatabaseRefusedException()
    {
    }

    public DatabaseRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
