using SimLoop.Checking.Tests.Models;

namespace SimLoop.Checking.Tests.Systems;

/// <summary>
/// A register with a primary and an asynchronously updated replica. The buggy variant serves reads from the replica
/// (stale reads: not linearizable); the fixed one reads the primary.
/// </summary>
internal sealed class ReplicatedRegister(SimulatedEventLoop loop, bool readFromReplica)
{
    private int _primary;
    private int _replica;

    public async Task<int> WriteAsync(int value, CancellationToken ct)
    {
        await Delay(1 + loop.Random.Next(3), ct);
        _primary = value;
        _ = loop.CreateTask(async c =>
        {
            await Delay(5, c);
            _replica = value;
        }, "replicate");
        await Delay(1, ct);
        return 0;
    }

    public async Task<int> ReadAsync(CancellationToken ct)
    {
        await Delay(1 + loop.Random.Next(3), ct);
        return readFromReplica ? _replica : _primary;
    }

    /// <summary>Three clients run four random operations each; the history is then checked.</summary>
    public static async Task RunAndCheckAsync(SimulatedEventLoop loop, bool readFromReplica, CancellationToken ct)
    {
        var register = new ReplicatedRegister(loop, readFromReplica);
        // README-BEGIN record-on-loop
        var history = new HistoryRecorder<RegisterInput, int>(loop);
        LoopTask[] clients = Enumerable.Range(0, 3).Select(process => loop.CreateTask(async c =>
        {
            for (int k = 0; k < 4; k++)
            {
                if (loop.Random.Next(2) == 0)
                {
                    int value = loop.Random.Next(1, 10);
                    await history.RecordAsync(process, RegisterInput.Write(value), () => register.WriteAsync(value, c));
                }
                else
                {
                    await history.RecordAsync(process, RegisterInput.Read(), () => register.ReadAsync(c));
                }
            }
        }, $"client {process}")).ToArray();
        foreach (LoopTask client in clients)
        {
            await client;
        }

        LinearizabilityChecker.Check(history.ToHistory(), Register.Model).ThrowIfNotLinearizable();
        // README-END record-on-loop
    }

    private Task Delay(int milliseconds, CancellationToken ct) => Task.Delay(TimeSpan.FromMilliseconds(milliseconds), loop.TimeProvider, ct);
}
