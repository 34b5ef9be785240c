using SimLoop.Networking;

namespace SimLoop.Scenarios.Catalogue.Wire;

/// <summary>
/// The tasks one simulated host runs, so that crashing the host can cancel them (a stand-in for the loop's host
/// model). Task names are <c>host/role</c>, which the trace pictures use to put a task in its host's lane.
/// </summary>
internal sealed class HostTasks(SimulatedEventLoop loop, string host)
{
    private readonly List<LoopTask> _tasks = new();

    public string Host => host;

    public LoopTask Spawn(string role, Func<CancellationToken, Task> body)
    {
        LoopTask task = loop.CreateTask(body, $"{host}/{role}");
        _tasks.Add(task);
        return task;
    }

    /// <summary>Listens on <paramref name="port"/> and serves each accepted connection on its own task, <c>conn-N</c>.</summary>
    public void ServeLines(VirtualNetwork network, int port, Func<LineStream, CancellationToken, Task> serve)
    {
        VirtualListener listener = network.Listen(host, port);
        _ = Spawn("accept", async ct =>
        {
            for (int n = 1; ; n++)
            {
                var connection = new LineStream(await listener.AcceptAsync(ct));
                _ = Spawn($"conn-{n}", t => serve(connection, t));
            }
        });
    }

    /// <summary>Cancels every task of the host that is still running (what a crash does to a process).</summary>
    public void CancelAll()
    {
        foreach (LoopTask task in _tasks)
        {
            task.Cancel($"{host} crashed");
        }

        _tasks.Clear();
    }
}
