using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.Catalogue;

/// <summary>
/// Every scenario's first failure (the explorer's defaults) shrinks its whole choice sequence to a non-empty one,
/// replays from the trace file alone, says what the minimal run contains, and has its counts in docs/scenarios.md;
/// the simplest run (every choice at 0) passes.
/// </summary>
public sealed class ChoiceMinimisationTests
{
    public static readonly TheoryData<string> All = new(CatalogueTests.Catalog().All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(All))]
    public void The_minimised_choices_are_fewer_replay_from_the_file_alone_and_are_in_the_doc(string name)
    {
        RunSettings settings = CatalogueTests.Settings(name, fixedVariant: false);
        string folder = Path.Combine(Path.GetTempPath(), "simloop-choices-" + name + "-" + Environment.ProcessId);
        ExplorationOptions options = settings.ExplorationOptions();
        options.Iterations = settings.Scenario.Budget;
        options.DegreeOfParallelism = 2;
        options.ThrowOnFailure = false;
        options.FailureFolder = folder;
        try
        {
            FailureReport failure = Simulation.Explore(settings.Scenario.Body(false), options, name).Failures.ShouldHaveSingleItem();

            failure.MinimizedChoiceSequence.Count.ShouldBeLessThan((int)failure.OriginalChoiceCount, name);
            ScheduleTraceFile file = ScheduleTraceFile.Read(failure.TraceFilePath!);
            SimulationOptions otherSeed = settings.ExplorationOptions().Simulation.Clone();
            otherSeed.Seed = failure.Seed + 1; // the file's choices alone replay the run
            SimulationRun replay = Simulation.Replay(file, settings.Scenario.Body(false), otherSeed);
            replay.Failure.ShouldNotBeNull(name).GetType().ShouldBe(failure.Exception.GetType());
            replay.Trace.Hash().ShouldBe(file.TraceHash);
            failure.ToString().ShouldContain($"choices: minimised from {failure.OriginalChoiceCount} to {failure.MinimizedChoiceSequence.Count}; the bug needs ");
            // Non-empty: no catalogue bug fails on the simplest run (FIFO, minimum latencies, no faults, zero data),
            // so the minimised run names what the bug needs.
            failure.MinimizedChoiceSequence.ShouldNotBeEmpty(name);
            failure.NeededChoiceClasses.ShouldNotBeEmpty(name);
            failure.MinimizedContents.ShouldNotBeEmpty(name);
            Simulation.ReplayChoices([], settings.Scenario.Body(false), otherSeed).Failure.ShouldBeNull(name);

            string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scenarios.md"));
            doc.ShouldContain($"| {name} | {failure.OriginalChoiceCount} → {failure.MinimizedChoiceSequence.Count} |", Case.Sensitive,
                "docs/scenarios.md lists each scenario's original → minimised choice counts (re-measure with explore --json)");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SimLoop.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("SimLoop.sln not found above " + AppContext.BaseDirectory);
    }
}
