using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scenarios.Rendering;
using SimLoop.Exploration;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Rendering;

/// <summary>
/// Each step is labelled with its await site (issue 13 item 4): the HTML step box (tooltip, and a visible label where
/// the lane has room), the step-by-step text and the Mermaid notes name the method and the line of the await the step
/// resumes after. Lines come from this file via [CallerLineNumber].
/// </summary>
public sealed partial class AwaitSitePictureTests
{
    [Fact]
    public void Html_step_boxes_show_method_and_line_in_chromium()
    {
        string chromium = HeadlessChromium.Find() ?? "";
        if (chromium.Length == 0)
        {
            Assert.Skip(HeadlessChromium.SkipReason);
        }

        (ScenarioOutcome outcome, int first, int second) = Run();
        string html = Path.Combine(Cli.TempFolder(), "await-sites.html");
        File.WriteAllText(html, HtmlTimelineWriter.Write(TraceTimeline.From(outcome, "await-sites")));

        string dom = HeadlessChromium.DumpDom(chromium, html);
        VisibleLabels().Matches(dom).Select(m => m.Groups[1].Value).Where(l => l.Contains(".Worker:", StringComparison.Ordinal)).ShouldBe(
            ["AwaitSitePictureTests.Worker:" + first, "AwaitSitePictureTests.Worker:" + first, "AwaitSitePictureTests.Worker:" + second],
            "the start (the first statement) and each resume, 10 ms apart, have room for their labels");
        dom.ShouldContain($"worker runs a step: resumes at AwaitSitePictureTests.Worker:{second}</title>");
        dom.ShouldContain($"data-site=\"AwaitSitePictureTests.Worker:{first}\"");
        HeadlessChromium.Screenshot(chromium, html, Path.Combine(HeadlessChromium.ArtifactsFolder(), "pictures", "await-sites.png"), width: 1000, height: 520);
    }

    [Fact]
    public void Step_by_step_text_and_mermaid_notes_name_the_await_site()
    {
        (ScenarioOutcome outcome, int first, int second) = Run();
        var text = new StringWriter();
        StepByStepWriter.Write(text, outcome);
        text.ToString().ShouldContain($"worker runs a step: resumes at AwaitSitePictureTests.Worker:{first}");
        text.ToString().ShouldContain($"worker runs a step: starts AwaitSitePictureTests.Worker:{first}");

        string mermaid = MermaidSequenceWriter.Write(TraceTimeline.From(outcome, "await-sites"));
        mermaid.ShouldContain($"worker runs (starts AwaitSitePictureTests.Worker#58;{first}, resumes at AwaitSitePictureTests.Worker#58;{first}, resumes at AwaitSitePictureTests.Worker#58;{second})");
    }

    [Fact]
    public void Labels_are_the_same_on_every_run()
    {
        string Html() => HtmlTimelineWriter.Write(TraceTimeline.From(Run().Outcome, "await-sites"));
        string first = Html();
        first.ShouldContain("class=\"step-site\"");
        Html().ShouldBe(first);
    }

    public static readonly TheoryData<string> Scenarios = new(Catalogue.CatalogueTests.Catalog().All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Sites_of_every_scenario_name_methods_and_lines_never_compiler_generated_names(string name)
    {
        RunSettings settings = Catalogue.CatalogueTests.Settings(name, fixedVariant: false);
        SimulationOptions options = settings.ExplorationOptions().Simulation.Clone();
        options.RecordTrace = true;
        SimulationRun run = Simulation.Run(seed: 7, settings.Scenario.Body(false), options);

        string[] labels = run.Trace.Entries.Select(e => e.Event).OfType<SimLoop.Scheduling.AwaitSite>().Select(s => s.ToString()).Distinct().ToArray();
        labels.ShouldNotBeEmpty();
        labels.Where(l => CompilerGenerated().IsMatch(l)).ShouldBeEmpty();
        labels.ShouldContain(l => LineNumber().IsMatch(l), "the scenarios' PDB gives lines");
    }

    private static (ScenarioOutcome Outcome, int First, int Second) Run()
    {
        int first = 0, second = 0;
        var loop = new SimulatedEventLoop();
        loop.RunUntilComplete(async ct => await loop.CreateTask(c => Worker(loop, l => first = l, l => second = l, c), "worker"));
        return (new ScenarioOutcome(0, loop.Trace, null, null), first, second);
    }

    private static async Task Worker(SimulatedEventLoop loop, Action<int> first, Action<int> second, CancellationToken ct)
    {
        first(Here()); await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, ct);
        second(Here()); await Task.Delay(TimeSpan.FromMilliseconds(10), loop.TimeProvider, ct);
    }

    private static int Here([CallerLineNumber] int line = 0) => line;

    [GeneratedRegex(@"<[^>\s]*>[a-zA-Z]__|<>c|DisplayClass|\(not started\)")]
    private static partial Regex CompilerGenerated();

    [GeneratedRegex(@":[0-9]+$")]
    private static partial Regex LineNumber();

    [GeneratedRegex("<text class=\"step-site\"[^>]*display=\"inline\"[^>]*>([^<]+)</text>")]
    private static partial Regex VisibleLabels();
}
