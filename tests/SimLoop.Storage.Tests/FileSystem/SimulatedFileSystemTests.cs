using System.IO.Abstractions;
using SimLoop.Networking;
using SimLoop.Storage.Tests.Model;

namespace SimLoop.Storage.Tests.FileSystem;

/// <summary>The IFileSystem surface follows File/Directory's rules on the simulated disk.</summary>
public sealed class SimulatedFileSystemTests
{
    private readonly DiskFixture _disk = new();

    private IFileSystem Fs => _disk.FileSystem;

    [Fact]
    public void EnumerateFileSystemEntries_InAnyCreationOrder_ListsInOrdinalOrder()
    {
        Fs.Directory.CreateDirectory("/d/sub");
        foreach (string name in new[] { "zeta", "Alpha", "beta", "_x" })
        {
            Fs.File.WriteAllText($"/d/{name}", name);
        }

        Fs.Directory.EnumerateFileSystemEntries("/d").ShouldBe(["/d/Alpha", "/d/_x", "/d/beta", "/d/sub", "/d/zeta"]);
        Fs.Directory.GetFiles("/d", "*a").ShouldBe(["/d/Alpha", "/d/beta", "/d/zeta"]);
        Fs.Directory.GetFiles("/d", "b*").ShouldBe(["/d/beta"]);
        Fs.Directory.GetDirectories("/d").ShouldBe(["/d/sub"]);
        Fs.DirectoryInfo.New("/d").GetFiles().Select(f => f.Name).ShouldBe(["Alpha", "_x", "beta", "zeta"]);
    }

    [Fact]
    public void Enumerate_RelativePath_JoinsTheGivenPathAsDotNetDoes()
    {
        Fs.Directory.CreateDirectory("/d");
        Fs.File.WriteAllText("/d/a", "");
        Fs.Directory.SetCurrentDirectory("/d");

        Fs.Directory.GetFiles(".").ShouldBe(["./a"]);
        Fs.Path.GetFullPath("a").ShouldBe("/d/a");
    }

    [Fact]
    public void Move_OntoAnExistingFile_ThrowsUnlessOverwriteIsGiven()
    {
        Fs.File.WriteAllText("/a", "new");
        Fs.File.WriteAllText("/b", "old");

        Should.Throw<IOException>(() => Fs.File.Move("/a", "/b")).HResult.ShouldBe(StorageErrors.FileExists);
        Fs.File.Move("/a", "/b", overwrite: true);

        Fs.File.ReadAllText("/b").ShouldBe("new");
        Fs.File.Exists("/a").ShouldBeFalse();
    }

    [Fact]
    public void DirectoryMove_MovesEverythingUnderIt()
    {
        Fs.Directory.CreateDirectory("/old/inner");
        Fs.File.WriteAllText("/old/inner/f", "x");

        Fs.Directory.Move("/old", "/new");

        Fs.File.ReadAllText("/new/inner/f").ShouldBe("x");
        Fs.Directory.Exists("/old").ShouldBeFalse();
    }

    [Fact]
    public void Open_MissingFileOrParent_ThrowsTheExceptionsFileDoes()
    {
        Should.Throw<FileNotFoundException>(() => Fs.File.ReadAllText("/missing"));
        Should.Throw<DirectoryNotFoundException>(() => Fs.File.WriteAllText("/no/such/dir/f", "x"));
        Fs.File.WriteAllText("/f", "x");
        Should.Throw<IOException>(() => Fs.FileStream.New("/f", FileMode.CreateNew)).HResult.ShouldBe(StorageErrors.FileExists);
        Fs.Directory.CreateDirectory("/dir");
        Should.Throw<UnauthorizedAccessException>(() => Fs.File.ReadAllText("/dir"));
    }

    [Fact]
    public void FileMode_CreateAppendTruncate_BehaveAsFileStreamDoes()
    {
        Fs.File.WriteAllText("/f", "hello");
        Fs.File.AppendAllText("/f", " world");
        Fs.File.ReadAllText("/f").ShouldBe("hello world");

        using (FileSystemStream append = Fs.FileStream.New("/f", FileMode.Append))
        {
            Should.Throw<IOException>(() => append.Seek(0, SeekOrigin.Begin));
            append.Write("!"u8);
        }

        Fs.File.ReadAllText("/f").ShouldBe("hello world!");
        Fs.FileStream.New("/f", FileMode.Truncate, FileAccess.Write).Dispose();
        Fs.FileInfo.New("/f").Length.ShouldBe(0);
    }

    [Fact]
    public void Open_WithBadArguments_ThrowsNamingTheArgumentAndTheFix()
    {
        Should.Throw<ArgumentException>(() => Fs.File.ReadAllText("")).ParamName.ShouldBe("path");
        Should.Throw<ArgumentException>(() => Fs.FileStream.New("/f", FileMode.Create, FileAccess.Read)).Message.ShouldContain("needs FileAccess.Write");
        Should.Throw<NotSupportedException>(() => Fs.FileSystemWatcher.New()).Message.ShouldContain("not supported by the simulated file system");
    }

    [Fact]
    public void Stream_ReadOnly_RefusesWritesWithTheFix()
    {
        Fs.File.WriteAllText("/f", "x");
        using FileSystemStream stream = Fs.File.OpenRead("/f");

        Should.Throw<NotSupportedException>(() => stream.WriteByte(1)).Message.ShouldContain("FileAccess.Write");
    }

    [Fact]
    public void SynchronousMembers_CompleteAtOnceWithoutLatency()
    {
        Fs.File.WriteAllText("/f", "now");
        using (FileSystemStream stream = Fs.File.OpenWrite("/f"))
        {
            stream.Flush(flushToDisk: true);
        }

        _disk.Scheduler.NowTicks.ShouldBe(0);
        Fs.File.ReadAllText("/f").ShouldBe("now");
    }

    [Fact]
    public async Task ReadAsync_CompletesOnlyWhenTheSchedulerReachesTheLatency()
    {
        var disk = new DiskFixture(options: new StorageOptions { ReadLatency = LatencyModel.Fixed(TimeSpan.FromMilliseconds(2)) });
        disk.FileSystem.File.WriteAllText("/f", "abc");

        Task<string> read = disk.FileSystem.File.ReadAllTextAsync("/f", TestContext.Current.CancellationToken);

        read.IsCompleted.ShouldBeFalse();
        disk.Scheduler.RunUntilIdle();
        (await read).ShouldBe("abc");
        disk.Scheduler.NowTicks.ShouldBe(TimeSpan.FromMilliseconds(2).Ticks, "one read of the whole file");
    }

    [Fact]
    public void Delete_UnsyncedOnADurableFile_MayBeUndoneByACrash()
    {
        int undone = 0;
        for (ulong seed = 1; seed <= 32; seed++)
        {
            var disk = new DiskFixture(seed);
            disk.WriteDurable("/f", [1]);
            disk.FileSystem.File.Delete("/f");

            disk.CrashAndRestart();

            undone += disk.FileSystem.File.Exists("/f") ? 1 : 0;
        }

        undone.ShouldBeInRange(1, 31);
    }
}
