using System.Diagnostics;
using System.Net;
using SimLoop.Networking;
using SimLoop.Scheduling;

namespace SimLoop.Hosts;

/// <summary>
/// A machine on the loop's simulated network (turmoil's host): a name and addresses, a start function that runs as
/// a task of the host when it boots and again after each restart, and the tasks spawned on it. Code running in a
/// host task finds its host in <see cref="Current"/>, so it needs no host argument. A crash cancels every task of
/// the host (their in-memory state is gone with them), resets its connections at the peers and removes its listeners.
/// </summary>
[DebuggerDisplay("SimulatedHost {Name} up={IsUp} tasks={TaskCount}")]
public sealed partial class SimulatedHost
{
    private static readonly AsyncLocal<SimulatedHost?> s_current = new();

    private readonly SimulatedEventLoop _loop;
    private readonly VirtualHost _virtualHost;
    private readonly Func<SimulatedHost, CancellationToken, Task>? _start;
    private readonly List<LoopFuture> _tasks = new();

    internal SimulatedHost(SimulatedEventLoop loop, VirtualHost virtualHost, Func<SimulatedHost, CancellationToken, Task>? start)
    {
        _loop = loop;
        _virtualHost = virtualHost;
        _start = start;
    }

    /// <summary>The host whose task is running now (it flows into everything that task awaits or spawns), or null.</summary>
    public static SimulatedHost? Current => s_current.Value;

    /// <summary>The host whose task is running now.</summary>
    /// <exception cref="InvalidOperationException">The caller does not run on a host.</exception>
    public static SimulatedHost RequiredCurrent => s_current.Value
        ?? throw new InvalidOperationException("This code does not run on a simulated host: start it with host.Spawn(...) or from a host's start function, or pass the host explicitly.");

    /// <summary>The host's name (resolvable through the network's DNS).</summary>
    public string Name => _virtualHost.Name;

    /// <summary>The host's addresses.</summary>
    public IReadOnlyList<IPAddress> Addresses => _virtualHost.Addresses;

    /// <summary>Whether the host is up (not crashed).</summary>
    public bool IsUp => _virtualHost.IsUp;

    /// <summary>The loop the host runs on.</summary>
    public SimulatedEventLoop Loop => _loop;

    /// <summary>How many times the host booted (1 after <see cref="SimulatedEventLoop.AddHost"/>, +1 per restart).</summary>
    public int BootCount { get; private set; }

    /// <summary>How many tasks of the host are still running.</summary>
    public int TaskCount => _tasks.Count;

    /// <summary>The network the host is on.</summary>
    internal VirtualNetwork Network => _loop.Network;

    /// <summary>
    /// Runs <paramref name="body"/> as a loop task that belongs to this host: <see cref="Current"/> is this host in
    /// it, and the host's crash cancels it.
    /// </summary>
    /// <param name="body">The async function.</param>
    /// <param name="name">A name for the task (prefixed with the host's name), or null.</param>
    /// <returns>The task.</returns>
    /// <exception cref="InvalidOperationException">The host is crashed.</exception>
    public LoopTask Spawn(Func<CancellationToken, Task> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        string taskName = SpawnName(name);
        LoopTask task = _loop.CreateTask(body, taskName, CaptureContextOnThisHost());
        Adopt(task, task.Id, taskName);
        return task;
    }

    /// <summary>Like <see cref="Spawn(Func{CancellationToken, Task}, string?)"/>, for a body with a result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="body">The async function.</param>
    /// <param name="name">A name for the task (prefixed with the host's name), or null.</param>
    /// <returns>The task.</returns>
    /// <exception cref="InvalidOperationException">The host is crashed.</exception>
    public LoopTask<TResult> Spawn<TResult>(Func<CancellationToken, Task<TResult>> body, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        string taskName = SpawnName(name);
        LoopTask<TResult> task = _loop.CreateTask(body, taskName, CaptureContextOnThisHost());
        Adopt(task, task.Id, taskName);
        return task;
    }

    /// <summary>Crashes the host (see <see cref="VirtualNetwork.Crash"/>): its tasks are cancelled, its connections reset, its listeners gone.</summary>
    /// <exception cref="InvalidOperationException">The host is already crashed.</exception>
    public void Crash() => Network.Crash(Name);

    /// <summary>Restarts the crashed host: it comes back with no sockets and runs its start function again.</summary>
    /// <exception cref="InvalidOperationException">The host is not crashed.</exception>
    public void Restart() => Network.Restart(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private string SpawnName(string? name) => IsUp
        ? $"{Name}/{name ?? "task"}"
        : throw new InvalidOperationException($"The host '{Name}' is crashed: restart it before spawning tasks on it.");

    private void Adopt(LoopFuture task, long id, string taskName)
    {
        _tasks.Add(task);
        task.AddDoneCallback(static (f, s) => ((SimulatedHost)s!)._tasks.Remove(f), this);
        _loop.RecordHostEvent(id, new HostEvent(HostEventKind.Spawn, Name, Name: taskName));
    }

    internal void Boot()
    {
        BootCount++;
        _loop.RecordHostEvent(0, new HostEvent(HostEventKind.Boot, Name, BootCount));
        if (_start is { } start)
        {
            Spawn(ct => start(this, ct), "start");
        }
    }

    internal void OnCrashed()
    {
        NotifyFeaturesCrashed();
        _loop.RecordHostEvent(0, new HostEvent(HostEventKind.Crash, Name, _tasks.Count));
        LoopFuture[] tasks = _tasks.ToArray();
        _tasks.Clear();
        foreach (LoopFuture task in tasks)
        {
            task.Cancel($"host {Name} crashed");

            // Whatever a crashed host's task ends with (cancelled, or an error its clean-up met on the dead host) is
            // the crash's doing, which no one in a real system observes: it is not an unretrieved task exception.
            task.AddDoneCallback(static (f, _) => f.MarkExceptionRetrieved(), null);
        }
    }

    internal void OnRestarted()
    {
        _loop.RecordHostEvent(0, new HostEvent(HostEventKind.Restart, Name));
        NotifyFeaturesRestarting();
        Boot();
    }

    /// <summary>The caller's execution context with <see cref="Current"/> set to this host.</summary>
    private ExecutionContext? CaptureContextOnThisHost()
    {
        ExecutionContext? context = ExecutionContext.Capture();
        if (context is null)
        {
            return null;
        }

        var state = new ContextState(this);
        ExecutionContext.Run(context, static s =>
        {
            var st = (ContextState)s!;
            s_current.Value = st.Host;
            st.Result = ExecutionContext.Capture();
        }, state);
        return state.Result;
    }

    private sealed class ContextState(SimulatedHost host)
    {
        public SimulatedHost Host { get; } = host;

        public ExecutionContext? Result { get; set; }
    }
}
