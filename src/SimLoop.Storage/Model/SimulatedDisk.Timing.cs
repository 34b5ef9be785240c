using SimLoop.Networking;
using SimLoop.Storage.Seam;

namespace SimLoop.Storage.Model;

internal sealed partial class SimulatedDisk
{
    /// <summary>
    /// Runs <paramref name="operation"/> now and returns a task that completes with its result (or exception) after a
    /// latency drawn from <paramref name="latency"/>, from a scheduler callback (so the awaiting code resumes as an
    /// ordinary step of its loop task). The task's continuations are not forced asynchronous: the network does the same.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "The callback comes last so that call sites read as a block; internal.")]
    public Task<T> CompleteLater<T>(string path, LatencyModel latency, CancellationToken cancellationToken, Func<T> operation)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var completion = new TaskCompletionSource<T>();
        Exception? failure = null;
        T result = default!;
        try
        {
            result = operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException or ArgumentException)
        {
            failure = ex;
        }

        long delay = SampleTicks(latency, path);
        var pending = new PendingCompletion<T>(completion, result, failure);
        _scheduler.ScheduleAt(NowTicks + delay, static s => ((PendingCompletion<T>)s!).Complete(), pending);
        return completion.Task;
    }

    private long SampleTicks(LatencyModel model, string path)
    {
        long range = model.Max.Ticks - model.Min.Ticks;
        long ticks = model.Shape switch
        {
            LatencyShape.Uniform => model.Min.Ticks + Latency.NextInt64(range + 1),
            LatencyShape.Exponential => model.Min.Ticks + Math.Min(range, (long)(-Math.Log(1.0 - Latency.NextDouble()) * range / 4.0)),
            _ => model.Min.Ticks,
        };
        double p = Options.Faults.LatencySpikeProbability;
        if (p > 0 && Latency.NextDouble() >= 1 - p)
        {
            ticks += Options.Faults.SpikeLatency.Ticks;
            Record(StorageEventKind.Fault, path, $"latency spike +{Options.Faults.SpikeLatency.TotalMilliseconds}ms");
        }

        return ticks;
    }

    private sealed class PendingCompletion<T>(TaskCompletionSource<T> completion, T result, Exception? failure)
    {
        public void Complete()
        {
            if (failure is null)
            {
                completion.TrySetResult(result);
            }
            else
            {
                completion.TrySetException(failure);
            }
        }
    }
}
