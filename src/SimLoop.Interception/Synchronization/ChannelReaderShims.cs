using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SimLoop.Interception.Synchronization;

/// <summary>
/// Shims for <see cref="ChannelReader{T}"/>'s asynchronous reads. Inside a simulation, in a loop task's step, each
/// read starts with an explicit scheduling point of the reading task (so a race behind the read can be reordered)
/// and awaits the channel on the task's context; <c>ReadAllAsync</c> is the same loop of <c>WaitToReadAsync</c> and
/// <c>TryRead</c> as the framework's, without its <c>ConfigureAwait(false)</c> hop. Values, order, completion and
/// cancellation are the original's. Outside a simulation (or in a loop callback) each is exactly the original.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class ChannelReaderShims
{
    /// <summary>Shim for <see cref="ChannelReader{T}.ReadAsync(CancellationToken)"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The item read.</returns>
    [Intercepts("System.Threading.Channels.ChannelReader`1::ReadAsync(System.Threading.CancellationToken)")]
    public static ValueTask<T> ReadAsync<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        return reader is not null && SimulationScope.TryGet(out SimulatedEventLoop? loop) && SimulationScope.InTaskStep(loop)
            ? ReadOnLoopAsync(reader, cancellationToken)
            : reader!.ReadAsync(cancellationToken);
    }

    /// <summary>Shim for <see cref="ChannelReader{T}.WaitToReadAsync(CancellationToken)"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when an item is available, false when the channel is completed.</returns>
    [Intercepts("System.Threading.Channels.ChannelReader`1::WaitToReadAsync(System.Threading.CancellationToken)")]
    public static ValueTask<bool> WaitToReadAsync<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        return reader is not null && SimulationScope.TryGet(out SimulatedEventLoop? loop) && SimulationScope.InTaskStep(loop)
            ? WaitOnLoopAsync(reader, cancellationToken)
            : reader!.WaitToReadAsync(cancellationToken);
    }

    /// <summary>Shim for <see cref="ChannelReader{T}.ReadAllAsync(CancellationToken)"/>.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="reader">The reader.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>Every item, until the channel completes.</returns>
    [Intercepts("System.Threading.Channels.ChannelReader`1::ReadAllAsync(System.Threading.CancellationToken)")]
    public static IAsyncEnumerable<T> ReadAllAsync<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        return reader is not null && SimulationScope.IsActive ? ReadAllOnLoopAsync(reader, cancellationToken) : reader!.ReadAllAsync(cancellationToken);
    }

    private static async ValueTask<T> ReadOnLoopAsync<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(true);
    }

    private static async ValueTask<bool> WaitOnLoopAsync<T>(ChannelReader<T> reader, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(true);
    }

    private static async IAsyncEnumerable<T> ReadAllOnLoopAsync<T>(ChannelReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await WaitToReadAsync(reader, cancellationToken).ConfigureAwait(true))
        {
            while (reader.TryRead(out T? item))
            {
                yield return item;
            }
        }
    }
}
