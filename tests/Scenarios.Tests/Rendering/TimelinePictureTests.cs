using System.Globalization;
using System.Text.RegularExpressions;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scenarios.Rendering;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Rendering;

/// <summary>
/// The HTML timeline explains the bug (issue 13 item 4), checked in the DOM headless Chromium built from it: lanes
/// grouped by host, a linear time axis, message text, non-FIFO picks, and arrows into the lane of the task that
/// received the data, in the minimised double-booking run. A screenshot of that run is kept under artifacts/.
/// </summary>
public sealed partial class TimelinePictureTests
{
    [Fact]
    public void Lanes_are_grouped_under_their_host_and_the_scenario_tasks_are_not_a_host()
    {
        string dom = RenderedMinimisedDoubleBooking(out _);
        HostGroups().Matches(dom).Select(m => m.Groups[1].Value).ShouldBe(["booking", "alice", "bob"]);
        dom.ShouldContain("class=\"lane-group scenario-group\"");
        string booking = GroupMarkup(dom, "booking");
        LaneNames().Matches(booking).Select(m => m.Groups[1].Value).ShouldBe(["booking/accept", "booking/conn-1", "booking/conn-2"]);
        dom.ShouldContain(">host booking</text>");
    }

    [Fact]
    public void The_time_axis_is_linear_in_virtual_time()
    {
        string chromium = ChromiumOrSkip();
        var loop = new SimulatedEventLoop();
        loop.RunUntilComplete(async ct =>
        {
            LoopTask early = loop.CreateTask(async c => await Task.Delay(TimeSpan.FromMilliseconds(1), loop.TimeProvider, c), "early");
            LoopTask late = loop.CreateTask(async c => await Task.Delay(TimeSpan.FromMilliseconds(100), loop.TimeProvider, c), "late");
            await early;
            await late;
        });
        string html = Path.Combine(Cli.TempFolder(), "linear.html");
        File.WriteAllText(html, HtmlTimelineWriter.Write(TraceTimeline.From(new ScenarioOutcome(0, loop.Trace, null, null), "linear")));

        string dom = HeadlessChromium.DumpDom(chromium, html);
        double origin = double.Parse(Origin().Match(dom).Groups[1].Value, CultureInfo.InvariantCulture);
        double oneMs = StepX(dom, TimeSpan.FromMilliseconds(1).Ticks) - origin;
        double hundredMs = StepX(dom, TimeSpan.FromMilliseconds(100).Ticks) - origin;
        oneMs.ShouldBeGreaterThan(0);
        (hundredMs / oneMs).ShouldBeInRange(99, 101);
    }

    [Fact]
    public void Message_text_and_the_non_fifo_pick_are_drawn()
    {
        string dom = RenderedMinimisedDoubleBooking(out _);
        dom.ShouldContain(">BOOK row-1-seat-7 alice\\n</text>");
        dom.ShouldContain(">BOOK row-1-seat-7 bob EARLYBIRD\\n</text>");
        dom.ShouldContain("class=\"step non-fifo\"");
        NonFifoMark().IsMatch(dom).ShouldBeTrue("a non-FIFO pick is marked and explained");
        dom.ShouldContain("class=\"minimised\"");
        dom.ShouldContain("class=\"legend\"");
    }

    [Fact]
    public void Each_request_arrow_goes_into_the_lane_of_the_handler_that_answers_it()
    {
        string dom = RenderedMinimisedDoubleBooking(out _);
        var messages = MessageGroups().Matches(dom).Select(m => (From: m.Groups[1].Value, To: m.Groups[2].Value, Body: m.Groups[3].Value)).ToArray();
        string aliceLane = LaneId(dom, "alice/book");
        string bobLane = LaneId(dom, "bob/book");
        var aliceRequest = messages.Single(m => m.Body.Contains("BOOK row-1-seat-7 alice", StringComparison.Ordinal));
        var bobRequest = messages.Single(m => m.Body.Contains("BOOK row-1-seat-7 bob", StringComparison.Ordinal));
        aliceRequest.From.ShouldBe(aliceLane);
        bobRequest.From.ShouldBe(bobLane);

        // The handler that received a fan's request is the one that answers that fan.
        var aliceAnswer = messages.Single(m => m.To == aliceLane && m.Body.Contains(": Data #", StringComparison.Ordinal));
        var bobAnswer = messages.Single(m => m.To == bobLane && m.Body.Contains(": Data #", StringComparison.Ordinal));
        aliceRequest.To.ShouldBe(aliceAnswer.From);
        bobRequest.To.ShouldBe(bobAnswer.From);
        aliceRequest.To.ShouldNotBe(bobRequest.To);
    }

    [Fact]
    public void The_mermaid_diagram_keeps_the_failure_text_shows_steps_and_puts_the_server_between_its_clients()
    {
        string mermaid = Path.Combine(Cli.TempFolder(), "run.mmd");
        (int code, _, string error) = Cli.Run("trace", "double-booking", "--trace", MinimisedTraceFile(), "--mermaid", mermaid);
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        string text = File.ReadAllText(mermaid);
        Participants().Matches(text).Select(m => m.Groups[1].Value).ShouldBe(["alice", "booking", "bob", "scenario (no host)"]);
        text.ShouldContain("FAILED InvariantViolationException#58; double booking#58; row-1-seat-7 was sold to alice and bob");
        text.ShouldContain("booking/conn-1 runs");
        text.ShouldContain("(scheduler pick #");
        text.ShouldContain("minimised schedule");
    }

    private static string RenderedMinimisedDoubleBooking(out string html)
    {
        string chromium = ChromiumOrSkip();
        html = Path.Combine(Cli.TempFolder(), "double-booking.html");
        (int code, _, string error) = Cli.Run("trace", "double-booking", "--trace", MinimisedTraceFile(), "--html", html);
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        HeadlessChromium.Screenshot(chromium, html, Path.Combine(HeadlessChromium.ArtifactsFolder(), "pictures", "double-booking-minimised.png"));
        return HeadlessChromium.DumpDom(chromium, html);
    }

    /// <summary>The trace file explore writes for double-booking: the minimised schedule.</summary>
    private static string MinimisedTraceFile()
    {
        string folder = Cli.TempFolder();
        Cli.Json("explore", "double-booking", "--failure-folder", folder).GetProperty("failingSeeds").GetArrayLength().ShouldBeGreaterThan(0);
        return Directory.GetFiles(folder, "double-booking-*.json").ShouldHaveSingleItem();
    }

    private static string ChromiumOrSkip()
    {
        string chromium = HeadlessChromium.Find() ?? "";
        if (chromium.Length == 0)
        {
            Assert.Skip(HeadlessChromium.SkipReason);
        }

        return chromium;
    }

    private static double StepX(string dom, long ticks)
    {
        Match step = Regex.Match(dom, $"<rect class=\"step[^\"]*\" data-t=\"{ticks}\" data-dx=\"-3\"[^>]* x=\"([0-9.]+)\"");
        step.Success.ShouldBeTrue($"a step at {ticks} ticks is drawn");
        return double.Parse(step.Groups[1].Value, CultureInfo.InvariantCulture) + 3;
    }

    private static string LaneId(string dom, string lane)
    {
        Match match = Regex.Match(dom, $"<g class=\"lane\" data-host=\"[^\"]*\" data-task=\"(-?\\d+)\" data-lane=\"{Regex.Escape(lane)}\"");
        match.Success.ShouldBeTrue($"a lane {lane} is drawn");
        return match.Groups[1].Value;
    }

    private static string GroupMarkup(string dom, string host)
    {
        int start = dom.IndexOf($"<g class=\"lane-group host-group\" data-host=\"{host}\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0);
        int end = dom.IndexOf("<g class=\"lane-group", start + 10, StringComparison.Ordinal);
        return end < 0 ? dom[start..] : dom[start..end];
    }

    [GeneratedRegex("<g class=\"lane-group host-group\" data-host=\"([^\"]+)\">")]
    private static partial Regex HostGroups();

    [GeneratedRegex("data-lane=\"([^\"]+)\"")]
    private static partial Regex LaneNames();

    [GeneratedRegex("<svg id=\"timeline\"[^>]* data-origin=\"([0-9.]+)\"")]
    private static partial Regex Origin();

    [GeneratedRegex("<path class=\"non-fifo-mark\"[^>]*><title>[^<]*FIFO would have run [^<]+</title>")]
    private static partial Regex NonFifoMark();

    [GeneratedRegex("<g class=\"message\" data-message=\"\\d+\" data-from-task=\"(-?\\d+)\" data-to-task=\"(-?\\d+)\">(.*?)</g>", RegexOptions.Singleline)]
    private static partial Regex MessageGroups();

    [GeneratedRegex("participant p\\d+ as (.+)\n")]
    private static partial Regex Participants();
}
