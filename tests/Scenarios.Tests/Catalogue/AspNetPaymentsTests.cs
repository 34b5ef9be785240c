using System.Text.Json;
using SimLoop.Exploration;
using SimLoop.Scenarios.CommandLine;
using SimLoop.Scenarios.Tests.CommandLine;

namespace SimLoop.Scenarios.Tests.Catalogue;

/// <summary>
/// aspnet-payments: two real ASP.NET Core apps on simulated hosts. CatalogueTests covers its budget (base seeds 1-10)
/// and its fixed variant's 2,000 iterations; this class covers the documented seed and determinism across processes.
/// </summary>
public sealed class AspNetPaymentsTests
{
    [Fact]
    public void Explore_seed_11_finds_the_double_charge_and_exits_1()
    {
        string folder = Cli.TempFolder();
        (int code, string output, string error) = Cli.Run("explore", "aspnet-payments", "--seed", "11", "--failure-folder", folder);
        error.ShouldBeEmpty();
        code.ShouldBe(1);
        output.ShouldContain("InvariantViolationException");
        output.ShouldContain("charged");
    }

    [Fact]
    public void The_seed_run_records_the_order_services_attempts_and_the_payment_services_charges()
    {
        RunSettings settings = CatalogueTests.Settings("aspnet-payments", fixedVariant: false);
        SimulationRun first = Simulation.Run(11, settings.Scenario.Body(false), settings.ExplorationOptions().Simulation);
        SimulationRun second = Simulation.Run(11, settings.Scenario.Body(false), settings.ExplorationOptions().Simulation);

        second.Trace.Hash().ShouldBe(first.Trace.Hash());
        first.Failure.ShouldBeOfType<InvariantViolationException>();
        first.Trace.Entries.ShouldContain(e => e.Text != null && e.Text.Contains("orders", StringComparison.Ordinal));
        first.Trace.Entries.ShouldContain(e => e.Text != null && e.Text.Contains("payments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_hundred_seeds_in_two_new_processes_fail_on_the_same_seeds_with_the_same_trace()
    {
        string[] results = new string[2];
        for (int i = 0; i < results.Length; i++)
        {
            string folder = Cli.TempFolder();
            (int code, string output, string error) = await Task.Run(() => Cli.RunProcess(
                    "explore", "aspnet-payments", "--iterations", "100", "--seed", "5", "--keep-going", "--json", "--failure-folder", folder))
                .WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
            error.ShouldBeEmpty();
            code.ShouldBe(1);
            JsonElement json = JsonDocument.Parse(output).RootElement;
            json.GetProperty("iterationsRun").GetInt32().ShouldBe(100);
            results[i] = json.GetProperty("failingSeeds").GetRawText() + " " + json.GetProperty("traceHash").GetString();
        }

        results[1].ShouldBe(results[0]);
    }
}
