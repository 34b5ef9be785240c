using System.Globalization;

namespace SimLoop.Tests.RealLibraries.Cases;

/// <summary>
/// <c>SemaphoreSlim.WaitAsync(token)</c> and <c>WaitAsync(timeout, token)</c> hand-offs between loop tasks: a server
/// task waits for requests on one semaphore and answers each on the caller's own semaphore. Released from another
/// task's step, both waits resume through the BCL's internal <c>ConfigureAwait(false)</c>: adopted work.
/// </summary>
internal static class SemaphoreHandOffCase
{
    public static RealLibraryCase Case { get; } = new(
        "semaphore",
        RunAsync,
        "a=[a0,a1,a2] b=[b0,b1,b2] served=6 elapsed=00:00:00.0060000");

    private static async Task<string> RunAsync(SimulatedEventLoop loop, CancellationToken cancellationToken)
    {
        var service = new SemaphoreService(loop);
        LoopTask server = loop.CreateTask(ct => service.ServeAsync(6, ct), "server");
        LoopTask<string> a = loop.CreateTask(ct => CallerAsync(service, "a", useTimeout: false, ct), "caller a");
        LoopTask<string> b = loop.CreateTask(ct => CallerAsync(service, "b", useTimeout: true, ct), "caller b");
        string first = await a, second = await b;
        await server;
        return string.Create(CultureInfo.InvariantCulture, $"a=[{first}] b=[{second}] served={service.Served} elapsed={loop.Clock.Elapsed}");
    }

    private static async Task<string> CallerAsync(SemaphoreService service, string name, bool useTimeout, CancellationToken cancellationToken)
    {
        var replies = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            replies.Add(await service.CallAsync(string.Create(CultureInfo.InvariantCulture, $"{name}{i}"), useTimeout, cancellationToken));
        }

        return string.Join(",", replies);
    }
}

/// <summary>A request/reply service built only from <see cref="SemaphoreSlim"/>s waited on with a cancellable token.</summary>
internal sealed class SemaphoreService(SimulatedEventLoop loop)
{
    private readonly SemaphoreSlim _requests = new(0);
    private readonly Queue<(string Request, SemaphoreSlim Done, string[] Reply)> _pending = new();

    public int Served { get; private set; }

    /// <summary>Sends a request and waits for its reply (with a one-minute timeout when <paramref name="useTimeout"/>).</summary>
    public async Task<string> CallAsync(string request, bool useTimeout, CancellationToken cancellationToken)
    {
        var done = new SemaphoreSlim(0);
        string[] reply = new string[1];
        _pending.Enqueue((request, done, reply));
        _requests.Release();
        if (useTimeout)
        {
            if (!await done.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken))
            {
                throw new TimeoutException($"no reply to {request}");
            }
        }
        else
        {
            await done.WaitAsync(cancellationToken);
        }

        return reply[0];
    }

    /// <summary>Makes <see cref="ServeAsync(CancellationToken)"/> return after the requests sent before this call.</summary>
    public void Stop()
    {
        _pending.Enqueue((string.Empty, new SemaphoreSlim(0), []));
        _requests.Release();
    }

    /// <summary>Answers requests, each a millisecond after it arrives, until <see cref="Stop"/>.</summary>
    public Task ServeAsync(CancellationToken cancellationToken) => ServeAsync(int.MaxValue, cancellationToken);

    /// <summary>Answers <paramref name="count"/> requests (or until <see cref="Stop"/>), each a millisecond after it arrives.</summary>
    public async Task ServeAsync(int count, CancellationToken cancellationToken)
    {
        for (int i = 0; i < count; i++)
        {
            await _requests.WaitAsync(cancellationToken);
            if (_pending.Peek().Reply.Length == 0)
            {
                _pending.Dequeue();
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, cancellationToken);
            (string request, SemaphoreSlim done, string[] reply) = _pending.Dequeue();
            reply[0] = request;
            Served++;
            done.Release();
        }
    }
}
