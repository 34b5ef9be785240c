using System.Text.RegularExpressions;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Rendering;

/// <summary>trace --html draws every storage operation and fault of a host's simulated disk in a storage lane of its own.</summary>
public sealed partial class StorageLaneTests
{
    [Fact]
    public void The_html_timeline_has_a_storage_lane_per_host_with_every_storage_event()
    {
        string folder = Cli.TempFolder();
        string html = Path.Combine(folder, "wal-kv.html");
        (int code, string output, string error) = Cli.Run("trace", "wal-kv", "--seed", "11", "--html", html);
        error.ShouldBeEmpty();
        code.ShouldBeOneOf(0, 1); // drawn whether this seed's run fails or passes
        output.ShouldContain("wrote ");
        string page = File.ReadAllText(html);

        StorageLane().Matches(page).Count.ShouldBe(1); // one host with a disk: one storage lane, grouped under it
        int drawn = StorageMark().Matches(page).Count;
        drawn.ShouldBeGreaterThan(5);
        page.ShouldContain("storage storage-fault"); // the crash, drawn as a fault of the disk
        StorageTitle().Matches(page).Count.ShouldBe(drawn);
    }

    [GeneratedRegex(@"<text [^>]*>[^<]*/\(storage\)</text>")]
    private static partial Regex StorageLane();

    [GeneratedRegex(@"<rect class=""storage[^""]*""")]
    private static partial Regex StorageMark();

    [GeneratedRegex(@"<title>[0-9.]+ ms: [^<]* storage [^<]+</title>")]
    private static partial Regex StorageTitle();
}
