using SimLoop.Networking;

namespace SimLoop.Storage.Tests.Model;

/// <summary>Each fault of the profile: what user code sees (exception type and HResult) and what it leaves on disk.</summary>
public sealed class SimulatedDiskFaultTests
{
    [Fact]
    public void Fsync_WithSyncFailure_ThrowsEioAndMakesNothingDurable()
    {
        var disk = new DiskFixture(options: new StorageOptions { Faults = new StorageFaults { SyncFailureProbability = 1.0 } });
        disk.FileSystem.SyncDirectory("/");
        var stream = disk.FileSystem.File.Create("/f");
        disk.FileSystem.SyncDirectory("/");
        stream.Write(DiskFixture.Bytes(100));

        IOException failure = Should.Throw<IOException>(() => stream.Flush(flushToDisk: true));

        failure.HResult.ShouldBe(StorageErrors.InputOutputError);
        failure.HResult.ShouldBe(5);
        disk.Disk.FindFile("/f")!.Pending.Count.ShouldBe(1, "a failed fsync leaves the data unsynced");
        disk.Disk.FindFile("/f")!.Durable.ShouldBeEmpty();
    }

    [Fact]
    public void Fsync_ThatFailed_LeavesTheDataToTheCrashRules()
    {
        int lost = 0;
        for (ulong seed = 1; seed <= 32; seed++)
        {
            var disk = new DiskFixture(seed, new StorageOptions { Faults = new StorageFaults { SyncFailureProbability = 1.0 } });
            disk.FileSystem.File.Create("/f").Dispose();
            disk.FileSystem.SyncDirectory("/");
            using (var stream = disk.FileSystem.File.OpenWrite("/f"))
            {
                stream.Write(DiskFixture.Bytes(10));
                Should.Throw<IOException>(() => stream.Flush(flushToDisk: true));
            }

            disk.CrashAndRestart();

            lost += disk.FileSystem.FileInfo.New("/f").Length == 0 ? 1 : 0;
        }

        lost.ShouldBeGreaterThan(0, "a failed fsync must not make the data durable");
    }

    [Fact]
    public void Write_PastTheCapacity_ThrowsDiskFullAndWritesNothing()
    {
        var disk = new DiskFixture(options: new StorageOptions { CapacityBytes = 1000 });
        disk.FileSystem.File.WriteAllBytes("/a", DiskFixture.Bytes(600));

        IOException failure = Should.Throw<IOException>(() => disk.FileSystem.File.AppendAllBytes("/a", DiskFixture.Bytes(401)));

        failure.HResult.ShouldBe(StorageErrors.NoSpaceLeft);
        failure.HResult.ShouldBe(28);
        disk.FileSystem.FileInfo.New("/a").Length.ShouldBe(600);
        disk.FileSystem.File.AppendAllBytes("/a", DiskFixture.Bytes(400));
        disk.FileSystem.FileInfo.New("/a").Length.ShouldBe(1000);
    }

    [Fact]
    public void Write_PastTheCapacityAcrossFiles_ThrowsDiskFull()
    {
        var disk = new DiskFixture(options: new StorageOptions { CapacityBytes = 1000 });
        disk.FileSystem.File.WriteAllBytes("/a", DiskFixture.Bytes(900));

        Should.Throw<IOException>(() => disk.FileSystem.File.WriteAllBytes("/b", DiskFixture.Bytes(101))).HResult.ShouldBe(StorageErrors.NoSpaceLeft);
    }

    [Fact]
    public void Read_WithReadCorruption_FlipsExactlyOneBitAndLeavesTheStoredBytes()
    {
        var disk = new DiskFixture(options: new StorageOptions { Faults = new StorageFaults { ReadCorruptionProbability = 1.0 } });
        byte[] written = DiskFixture.Bytes(1024);
        disk.FileSystem.File.WriteAllBytes("/blob", written);

        byte[] read = disk.FileSystem.File.ReadAllBytes("/blob");

        int flippedBits = written.Zip(read, (a, b) => System.Numerics.BitOperations.PopCount((uint)(a ^ b))).Sum();
        flippedBits.ShouldBe(1);
        disk.Disk.FindFile("/blob")!.Cached.ToArray().ShouldBe(written);
        disk.Scheduler.Events.ShouldContain(e => e.Kind == Storage.Seam.StorageEventKind.Fault && e.Detail.StartsWith("corrupt read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_WithLatencySpike_CompletesAfterTheSpike()
    {
        var disk = new DiskFixture(options: new StorageOptions
        {
            WriteLatency = LatencyModel.Fixed(TimeSpan.FromMilliseconds(1)),
            Faults = new StorageFaults { LatencySpikeProbability = 1.0, SpikeLatency = TimeSpan.FromMilliseconds(30) },
        });
        var stream = disk.FileSystem.File.Create("/f");

        Task write = stream.WriteAsync(DiskFixture.Bytes(10), TestContext.Current.CancellationToken).AsTask();
        write.IsCompleted.ShouldBeFalse();
        disk.Scheduler.RunUntilIdle();

        await write;
        disk.Scheduler.NowTicks.ShouldBe(TimeSpan.FromMilliseconds(31).Ticks);
    }

    [Fact]
    public async Task FlushAsync_WithSyncFailure_FaultsTheTaskWithEio()
    {
        var disk = new DiskFixture(options: new StorageOptions { Faults = new StorageFaults { SyncFailureProbability = 1.0 } });
        var stream = disk.FileSystem.File.Create("/f");
        stream.Write([1, 2, 3]);

        Task flush = stream.FlushAsync(TestContext.Current.CancellationToken);
        disk.Scheduler.RunUntilIdle();

        (await Should.ThrowAsync<IOException>(flush)).HResult.ShouldBe(StorageErrors.InputOutputError);
    }

    [Fact]
    public void StorageFaults_WithAProbabilityOutOfRange_ThrowsNamingIt()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new StorageFaults { SyncFailureProbability = 1.5 }).ParamName.ShouldBe("SyncFailureProbability");
        Should.Throw<ArgumentOutOfRangeException>(() => new StorageOptions { SectorSize = 0 }).ParamName.ShouldBe("SectorSize");
        Should.Throw<ArgumentOutOfRangeException>(() => new StorageOptions { CapacityBytes = -1 }).ParamName.ShouldBe("CapacityBytes");
    }
}
