namespace SimLoop.Storage.Tests.Model;

/// <summary>The crash rules of the README, one test each, checked over many seeds.</summary>
public sealed class SimulatedDiskCrashTests
{
    private const int Seeds = 64;

    [Fact]
    public void Crash_UnsyncedAppend_IsLostOnSomeSeedsAndNeverInvented()
    {
        int lostAll = 0;
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var disk = new DiskFixture(seed);
            disk.WriteDurable("/log", DiskFixture.Bytes(100));
            disk.FileSystem.File.AppendAllBytes("/log", DiskFixture.Bytes(300, salt: 9));

            disk.CrashAndRestart();

            byte[] recovered = disk.FileSystem.File.ReadAllBytes("/log");
            byte[] full = [.. DiskFixture.Bytes(100), .. DiskFixture.Bytes(300, salt: 9)];
            recovered.ShouldBe(full[..recovered.Length], $"seed {seed}: recovery must read a prefix of what was written");
            recovered.Length.ShouldBeGreaterThanOrEqualTo(100, $"seed {seed}: fsynced bytes are lost");
            lostAll += recovered.Length == 100 ? 1 : 0;
        }

        lostAll.ShouldBeGreaterThan(0, "no seed lost the unsynced append");
    }

    [Fact]
    public void Crash_TornWrite_KeepsAPrefixOfWholeSectors()
    {
        var keptLengths = new HashSet<long>();
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var disk = new DiskFixture(seed, new StorageOptions { SectorSize = 512 });
            disk.WriteDurable("/data", []);
            byte[] record = DiskFixture.Bytes(2048);
            disk.FileSystem.File.AppendAllBytes("/data", record);

            disk.CrashAndRestart();

            byte[] recovered = disk.FileSystem.File.ReadAllBytes("/data");
            (recovered.Length % 512).ShouldBe(0, $"seed {seed}: a torn write keeps whole sectors");
            recovered.ShouldBe(record[..recovered.Length]);
            keptLengths.Add(recovered.Length);
        }

        keptLengths.ShouldContain(l => l > 0 && l < 2048, "no seed tore the write");
    }

    [Fact]
    public void Crash_TornWriteAcrossASectorBoundary_CanKeepTheFirstSectorOnly()
    {
        var seen = new HashSet<long>();
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var disk = new DiskFixture(seed);
            disk.WriteDurable("/data", DiskFixture.Bytes(400));
            disk.FileSystem.File.AppendAllBytes("/data", DiskFixture.Bytes(300, salt: 3));

            disk.CrashAndRestart();

            seen.Add(disk.FileSystem.FileInfo.New("/data").Length);
        }

        seen.ShouldBe(new HashSet<long> { 400, 512, 700 }, ignoreOrder: true);
    }

    [Fact]
    public void Crash_FsyncedDataAndSyncedDirectory_SurviveOnEverySeed()
    {
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var disk = new DiskFixture(seed);
            disk.FileSystem.Directory.CreateDirectory("/db");
            disk.WriteDurable("/db/state", DiskFixture.Bytes(1500));

            disk.CrashAndRestart();

            disk.FileSystem.File.ReadAllBytes("/db/state").ShouldBe(DiskFixture.Bytes(1500), $"seed {seed}");
        }
    }

    [Fact]
    public void Crash_UnsyncedRename_MayVanishButNeverLosesTheFile()
    {
        int vanished = 0;
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var disk = new DiskFixture(seed);
            disk.WriteDurable("/state.tmp", DiskFixture.Bytes(10));
            disk.FileSystem.File.Move("/state.tmp", "/state");

            disk.CrashAndRestart();

            bool old = disk.FileSystem.File.Exists("/state.tmp");
            bool renamed = disk.FileSystem.File.Exists("/state");
            (old ^ renamed).ShouldBeTrue($"seed {seed}: the file must be under exactly one of its names");
            disk.FileSystem.File.ReadAllBytes(old ? "/state.tmp" : "/state").ShouldBe(DiskFixture.Bytes(10));
            vanished += old ? 1 : 0;
        }

        vanished.ShouldBeGreaterThan(0, "no seed undid the unsynced rename");
    }

    [Fact]
    public void Crash_FsyncedFileInAnUnsyncedDirectory_MayVanish()
    {
        int vanished = 0;
        for (ulong seed = 1; seed <= Seeds; seed++)
        {
            var disk = new DiskFixture(seed);
            using (var stream = disk.FileSystem.File.Create("/new"))
            {
                stream.Write(DiskFixture.Bytes(10));
                stream.Flush(flushToDisk: true);
            }

            disk.CrashAndRestart();

            vanished += disk.FileSystem.File.Exists("/new") ? 0 : 1;
        }

        vanished.ShouldBeGreaterThan(0);
        vanished.ShouldBeLessThan(Seeds);
    }

    [Fact]
    public void Crash_StreamOpenedBeforeTheCrash_FailsWithEio()
    {
        var disk = new DiskFixture();
        var stream = disk.FileSystem.File.Create("/f");

        disk.CrashAndRestart();

        Should.Throw<IOException>(() => stream.Write([1])).HResult.ShouldBe(StorageErrors.InputOutputError);
    }

    [Fact]
    public void Crash_WhileDown_EveryOperationFailsWithEio()
    {
        var disk = new DiskFixture();
        disk.Disk.Crash();

        Should.Throw<IOException>(() => disk.FileSystem.File.WriteAllText("/f", "x")).HResult.ShouldBe(StorageErrors.InputOutputError);
        disk.FileSystem.File.Exists("/f").ShouldBeFalse();
    }

    [Fact]
    public void Crash_RecordsWhatItKeptInTheEvents()
    {
        var disk = new DiskFixture();
        disk.FileSystem.File.WriteAllText("/f", "hello");

        disk.CrashAndRestart();

        disk.Scheduler.Events.Select(e => e.ToString()).ShouldContain(t => t.StartsWith("storage db crash / keeps ", StringComparison.Ordinal));
        disk.Scheduler.Events.Select(e => e.ToString()).ShouldContain("storage db restart / generation 1");
    }
}
