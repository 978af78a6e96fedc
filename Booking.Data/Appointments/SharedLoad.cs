namespace Booking.Data.Appointments;

/// <summary>
/// One value loaded at a time and shared by every reader while it is current. A reader never gets a value whose load
/// began before the reader asked unless the value is still current: so a change committed before a call is always in
/// what the call returns (a manager saving a rule sees it on the next page), and a load that a change overtakes while
/// it runs is used by nobody who asked after the change.
/// </summary>
/// <typeparam name="T">What is loaded.</typeparam>
internal sealed class SharedLoad<T>
    where T : class
{
    private Task<T>? _held;

    /// <summary>The value, when it is still <paramref name="isCurrent"/>; otherwise the result of a load begun after this call.</summary>
    public async Task<T> GetAsync(Func<T, bool> isCurrent, Func<Task<T>> load)
    {
        var first = Volatile.Read(ref _held);
        if (first is { IsCompletedSuccessfully: true } && isCurrent(first.Result))
        {
            return first.Result;
        }

        if (first is { IsCompleted: false })
        {
            try
            {
                var loaded = await first.ConfigureAwait(false);
                if (isCurrent(loaded))
                {
                    return loaded;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Another reader's load failed; this reader tries once for itself below and reports its own failure.
            }
        }

        while (true)
        {
            var held = Volatile.Read(ref _held);
            if (held is not null && held != first)
            {
                // Installed after this call began, so its load began after it too.
                return await held.ConfigureAwait(false);
            }

            var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _held, source.Task, held) != held)
            {
                continue; // another reader installed a load first: use it
            }

            try
            {
                source.SetResult(await load().ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                source.SetException(exception);
            }

            return await source.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The value last loaded, current or not; null while none has loaded.</summary>
    public T? Peek() => Volatile.Read(ref _held) is { IsCompletedSuccessfully: true } held ? held.Result : null;
}
