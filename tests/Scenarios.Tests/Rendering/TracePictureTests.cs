using System.Globalization;
using System.Text.RegularExpressions;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Rendering;

/// <summary>trace --html and --mermaid draw a failing run; the HTML renders in headless Chromium.</summary>
public sealed partial class TracePictureTests
{
    [Fact]
    public void The_html_timeline_renders_lanes_arrows_the_crash_and_the_failure_in_chromium()
    {
        string chromium = HeadlessChromium.Find() ?? "";
        if (chromium.Length == 0)
        {
            Assert.Skip(HeadlessChromium.SkipReason);
        }

        (string html, _) = DrawFailingReplicationRun();
        string dom = HeadlessChromium.DumpDom(chromium, html);
        dom.ShouldContain("<svg");
        LaneCount(dom).ShouldBeGreaterThanOrEqualTo(4);
        ArrowCount(dom).ShouldBeGreaterThan(5);
        dom.ShouldContain("fault fault-crash");
        dom.ShouldContain("class=\"failure\"");
        dom.ShouldContain("primary/serve");
        dom.ShouldContain("InvariantViolationException");
    }

    [Fact]
    public void The_mermaid_diagram_has_a_participant_per_host_and_the_messages()
    {
        (_, string mermaid) = DrawFailingReplicationRun();
        string text = File.ReadAllText(mermaid);
        text.ShouldStartWith("sequenceDiagram\n");
        text.ShouldContain(" as primary");
        text.ShouldContain(" as backup");
        text.ShouldContain("->>");
        text.ShouldContain("crash at");
        text.ShouldContain("FAILED InvariantViolationException");
    }

    private static (string Html, string Mermaid) DrawFailingReplicationRun()
    {
        string folder = Cli.TempFolder();
        var found = Cli.Json("explore", "kv-replication", "--failure-folder", folder);
        string seed = found.GetProperty("failingSeeds")[0].GetUInt64().ToString(CultureInfo.InvariantCulture);
        string html = Path.Combine(folder, "run.html");
        string mermaid = Path.Combine(folder, "run.mmd");
        (int code, string output, string error) = Cli.Run("trace", "kv-replication", "--seed", seed, "--html", html, "--mermaid", mermaid);
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        output.ShouldContain("wrote ");
        return (html, mermaid);
    }

    private static int LaneCount(string dom) => LanePattern().Matches(dom).Count;

    private static int ArrowCount(string dom) => ArrowPattern().Matches(dom).Count;

    [GeneratedRegex("<g class=\"lane\"")]
    private static partial Regex LanePattern();

    [GeneratedRegex("<line class=\"arrow")]
    private static partial Regex ArrowPattern();
}
