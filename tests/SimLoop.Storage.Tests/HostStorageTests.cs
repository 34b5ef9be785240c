using System.IO.Abstractions;
using SimLoop.Hosts;
using SimLoop.Networking;
using SimLoop.Exploration;
using SimLoop.Scheduling;

namespace SimLoop.Storage.Tests;

/// <summary>The host's file system on a real simulated loop: unchanged IFileSystem code, virtual-time I/O, crashes, traces.</summary>
public sealed class HostStorageTests
{
    /// <summary>Code written against the abstraction only, as a library would be.</summary>
    private static async Task<string[]> SaveAndListAsync(IFileSystem fs, CancellationToken ct)
    {
        fs.Directory.CreateDirectory("/data/logs");
        await fs.File.WriteAllTextAsync("/data/b.txt", "bravo", ct);
        await using (FileSystemStream stream = fs.FileStream.New("/data/a.txt", FileMode.Create, FileAccess.Write, FileShare.None, 4096, useAsync: true))
        {
            await stream.WriteAsync("alpha"u8.ToArray(), ct);
            await stream.FlushAsync(ct);
        }

        await fs.File.WriteAllTextAsync("/data/logs/c.txt", "charlie", ct);
        string text = await fs.File.ReadAllTextAsync("/data/a.txt", ct);
        return [text, .. fs.Directory.EnumerateFiles("/data", "*.txt", SearchOption.AllDirectories)];
    }

    [Fact]
    public void FileSystem_CodeWrittenAgainstIFileSystem_RunsUnchangedInVirtualTime()
    {
        string[]? result = null;
        TimeSpan elapsed = TimeSpan.Zero;
        SimulationRun run = Simulation.Run(3, async (loop, ct) =>
        {
            SimulatedHost host = loop.AddHost("db");
            long start = loop.NowTicks;
            result = await host.Spawn(t => SaveAndListAsync(host.FileSystem(), t));
            elapsed = TimeSpan.FromTicks(loop.NowTicks - start);
        });

        run.Failure.ShouldBeNull();
        result.ShouldBe(["alpha", "/data/a.txt", "/data/b.txt", "/data/logs/c.txt"]);
        elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(1), "the fsync of FlushAsync takes at least 1 ms of virtual time");
    }

    [Fact]
    public void FileSystem_OperationsAndCrashes_AreInTheTraceAsStorageEntries()
    {
        SimulationRun run = Simulation.Run(5, async (loop, ct) =>
        {
            SimulatedHost host = loop.AddHost("db");
            await host.Spawn(t => host.FileSystem().File.WriteAllTextAsync("/x", "1", t));
            host.Crash();
            host.Restart();
        });

        string[] storage = run.Trace.Entries.Where(e => e.Kind == TraceEntryKind.Storage).Select(e => e.Text!).ToArray();
        storage.ShouldContain(t => t.StartsWith("storage db create /x", StringComparison.Ordinal));
        storage.ShouldContain(t => t.StartsWith("storage db write /x", StringComparison.Ordinal));
        storage.ShouldContain(t => t.StartsWith("storage db crash", StringComparison.Ordinal));
        storage.ShouldContain("storage db restart / generation 1");
    }

    [Fact]
    public void FileSystem_AfterRestart_TheStartFunctionSeesOnlyTheDurableImage()
    {
        var seen = new List<string>();
        Simulation.Run(7, async (loop, ct) =>
        {
            SimulatedHost host = loop.AddHost("db", (h, t) =>
            {
                IFileSystem fs = h.FileSystem();
                seen.Add($"boot {h.BootCount}: synced={fs.File.Exists("/synced")}");
                return Task.CompletedTask;
            });
            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct);
            IFileSystem fs = host.FileSystem();
            using (FileSystemStream stream = fs.File.Create("/synced"))
            {
                stream.Write([1, 2, 3]);
                stream.Flush(flushToDisk: true);
            }

            fs.SyncDirectory("/");
            host.Crash();
            host.Restart();
            await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, ct);
            fs.File.ReadAllBytes("/synced").ShouldBe([1, 2, 3]);
        }).Failure.ShouldBeNull();

        seen.ShouldBe(["boot 1: synced=False", "boot 2: synced=True"]);
    }

    [Fact]
    public void FileSystem_SameSeed_GivesTheSameTraceTwice()
    {
        static SimulationRun Once() => Simulation.Run(11, async (loop, ct) =>
        {
            SimulatedHost host = loop.AddHost("db");
            host.ConfigureStorage(new StorageOptions { Faults = new StorageFaults { LatencySpikeProbability = 0.3 } });
            IFileSystem fs = host.FileSystem();
            for (int i = 0; i < 5; i++)
            {
                await host.Spawn(t => fs.File.AppendAllTextAsync("/log", $"record {i}\n", t));
            }

            host.Crash();
            host.Restart();
        });

        Once().Trace.Hash().ShouldBe(Once().Trace.Hash());
    }

    [Fact]
    public void ConfigureStorage_AfterFirstUse_ThrowsNamingTheFix()
    {
        Simulation.Run(1, (loop, ct) =>
        {
            SimulatedHost host = loop.AddHost("db");
            host.FileSystem();
            Should.Throw<InvalidOperationException>(() => host.ConfigureStorage(new StorageOptions())).Message.ShouldContain("before the first call");
            return Task.CompletedTask;
        }).Failure.ShouldBeNull();
    }

    [Fact]
    public void FileSystem_OfTwoHosts_AreSeparateDisks()
    {
        Simulation.Run(1, (loop, ct) =>
        {
            SimulatedHost a = loop.AddHost("a"), b = loop.AddHost("b");
            a.FileSystem().File.WriteAllText("/f", "a");
            b.FileSystem().File.Exists("/f").ShouldBeFalse();
            a.FileSystem().ShouldBeSameAs(a.FileSystem());
            return Task.CompletedTask;
        }).Failure.ShouldBeNull();
    }
}
