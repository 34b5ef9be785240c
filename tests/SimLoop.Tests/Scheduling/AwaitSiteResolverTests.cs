using System.Runtime.CompilerServices;
using Shouldly;
using SimLoop.Exploration;
using SimLoop.Scheduling;
using Xunit;

namespace SimLoop.Tests.Scheduling;

using Simulation = SimLoop.Simulation;

/// <summary>
/// Each task step is labelled with where it runs: the first step with the line of the async method's first statement, every other
/// step with the line of the await it resumes after. Expected lines come from this file via [CallerLineNumber].
/// </summary>
public sealed class AwaitSiteResolverTests
{
    private static readonly TimeSpan s_oneMs = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Steps_OfAMethodWithTwoAwaits_ResumeAtEachAwaitsLine()
    {
        var lines = new Lines();
        SimulationRun run = Simulation.Run(seed: 0, (loop, ct) => TwoAwaits(loop, lines, ct));

        AwaitSite[] sites = SitesOf(run, taskId: 1);
        sites.Select(s => (s.Method, s.Line, s.IsStart)).ShouldBe(
        [
            ("AwaitSiteResolverTests.TwoAwaits", lines.Entry, true), // the first statement, in debug and release builds
            ("AwaitSiteResolverTests.TwoAwaits", lines.First, false),
            ("AwaitSiteResolverTests.TwoAwaits", lines.Second, false),
        ]);
        sites[1].Label.ShouldBe($"AwaitSiteResolverTests.TwoAwaits:{lines.First}");
        sites[2].ToString().ShouldBe($"resumes at AwaitSiteResolverTests.TwoAwaits:{lines.Second}");
    }

    [Fact]
    public void Steps_OfAwaitsInALoopAndInAFinallyBlock_ResumeAtTheirOwnLines()
    {
        var lines = new Lines();
        SimulationRun run = Simulation.Run(seed: 0, (loop, ct) => LoopAndFinally(loop, lines, ct));

        int[] resumed = SitesOf(run, taskId: 1).Where(s => !s.IsStart).Select(s => s.Line).ToArray();
        resumed.ShouldBe([lines.First, lines.First, lines.Second, lines.Third]);
    }

    [Fact]
    public void Steps_OfALocalFunctionTask_AreNamedAfterTheLocalFunction()
    {
        int awaitLine = 0;
        async Task Worker(SimulatedEventLoop loop, CancellationToken ct)
        {
            awaitLine = Here(); await Task.Delay(s_oneMs, loop.TimeProvider, ct);
        }

        SimulationRun run = Simulation.Run(seed: 0, async (loop, ct) => await loop.CreateTask(_ => Worker(loop, ct)));

        AwaitSite[] sites = run.Trace.Entries.Where(e => e.Kind == TraceEntryKind.Enter).Select(e => e.Event).OfType<AwaitSite>()
            .Where(s => s.Method.EndsWith(".Worker", StringComparison.Ordinal)).ToArray();
        sites.Select(s => s.Method).Distinct().ShouldBe(["AwaitSiteResolverTests.Steps_OfALocalFunctionTask_AreNamedAfterTheLocalFunction.Worker"]);
        sites.ShouldContain(s => !s.IsStart && s.Line == awaitLine);
    }

    [Fact]
    public void FirstStep_OfAnAsyncBodyThatNeverSuspends_IsTheBodysFirstLine()
    {
        int line = 0;
        SimulationRun run = Simulation.Run(seed: 0, async (loop, ct) => await loop.CreateTask(async _ =>
        {
            line = Here(); await Task.CompletedTask;
        }, "quick"));

        AwaitSite start = SitesOf(run, taskId: 2).ShouldHaveSingleItem();
        (start.Method, start.Line, start.IsStart).ShouldBe(("AwaitSiteResolverTests.FirstStep_OfAnAsyncBodyThatNeverSuspends_IsTheBodysFirstLine (lambda)", line, true));
    }

    [Fact]
    public void Sites_AreTheSameOnEveryRun_AndStayOutOfTheTraceText()
    {
        static SimulationRun Run() => Simulation.Run(seed: 3, (loop, ct) => LoopAndFinally(loop, new Lines(), ct));
        static string[] Labels(SimulationRun run) =>
            run.Trace.Entries.Where(e => e.Kind == TraceEntryKind.Enter).Select(e => e.Text ?? "-").ToArray();

        SimulationRun first = Run(), second = Run();
        Labels(first).ShouldContain(l => l.StartsWith("resumes at AwaitSiteResolverTests.LoopAndFinally:", StringComparison.Ordinal));
        Labels(second).ShouldBe(Labels(first));
        second.Trace.Hash().ShouldBe(first.Trace.Hash());
        first.Trace.ToText().ShouldNotContain("AwaitSiteResolverTests");
    }

    [Fact]
    public void Steps_WithoutATrace_AreNotResolved()
    {
        var options = new SimulationOptions { RecordTrace = false };
        SimulationRun run = Simulation.Run(seed: 0, (loop, ct) => TwoAwaits(loop, new Lines(), ct), options);
        run.Trace.Entries.ShouldBeEmpty();
    }

    private static AwaitSite[] SitesOf(SimulationRun run, long taskId) =>
        run.Trace.Entries.Where(e => e.Kind == TraceEntryKind.Enter && e.TaskId == taskId).Select(e => e.Event).OfType<AwaitSite>().ToArray();

    private static async Task TwoAwaits(SimulatedEventLoop loop, Lines lines, CancellationToken ct)
    {
        lines.Entry = Here();
        lines.First = Here(); await Task.Delay(s_oneMs, loop.TimeProvider, ct);
        lines.Second = Here(); await Task.Yield();
    }

    private static async Task LoopAndFinally(SimulatedEventLoop loop, Lines lines, CancellationToken ct)
    {
        try
        {
            for (int i = 0; i < 2; i++)
            {
                lines.First = Here(); await Task.Delay(s_oneMs, loop.TimeProvider, ct);
            }
        }
        finally
        {
            lines.Second = Here(); await Task.Yield();
            lines.Third = Here(); await Task.Delay(s_oneMs, loop.TimeProvider, ct);
        }
    }

    private static int Here([CallerLineNumber] int line = 0) => line;

    private sealed class Lines
    {
        public int Entry { get; set; }

        public int First { get; set; }

        public int Second { get; set; }

        public int Third { get; set; }
    }
}
