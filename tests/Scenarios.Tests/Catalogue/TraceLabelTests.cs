using System.Text.RegularExpressions;
using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;

namespace SimLoop.Scenarios.Tests.Catalogue;

/// <summary>Trace text names callbacks by stable labels, never by compiler-generated names that change after unrelated edits.</summary>
public sealed partial class TraceLabelTests
{
    public static readonly TheoryData<string> All = new(CatalogueTests.Catalog().All.Select(s => s.Name));

    [Theory]
    [MemberData(nameof(All))]
    public void Trace_OfEveryScenario_HasNoCompilerGeneratedNames(string name)
    {
        RunSettings settings = CatalogueTests.Settings(name, fixedVariant: false);
        SimulationOptions options = settings.ExplorationOptions().Simulation.Clone();
        options.RecordTrace = true;
        SimulationRun run = Simulation.Run(seed: 7, settings.Scenario.Body(false), options);
        string text = run.Trace.ToText();
        text.Length.ShouldBeGreaterThan(0);
        CompilerGenerated().Matches(text).Select(m => m.Value).Distinct().ShouldBeEmpty();
    }

    [GeneratedRegex(@"<[^>\s]*>[a-zA-Z]__|<>c|DisplayClass")]
    private static partial Regex CompilerGenerated();
}
