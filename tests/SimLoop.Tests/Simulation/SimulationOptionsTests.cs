using Shouldly;
using SimLoop.Exploration;
using SimLoop.Scheduling;
using SimLoop.Tests.Scheduling;
using Xunit;

namespace SimLoop.Tests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void OneOptionsObject_TwoLoops_GiveIdenticalTraces()
    {
        var options = new SimulationOptions { Seed = 7, StrategyFactory = seed => new RandomStrategy(seed) };

        string first = SimLoop.Simulation.Run(7, ChoiceListStrategyTests.Workers(3), options).Trace.Hash();
        string second = SimLoop.Simulation.Run(7, ChoiceListStrategyTests.Workers(3), options).Trace.Hash();

        second.ShouldBe(first);
    }

    [Fact]
    public void StrategyFactory_GetsTheRunsSeed_OncePerLoop()
    {
        var seeds = new List<ulong>();
        var options = new SimulationOptions { StrategyFactory = seed => { seeds.Add(seed); return new RandomStrategy(seed); } };

        SimLoop.Simulation.Run(11, ChoiceListStrategyTests.Workers(2), options);
        SimLoop.Simulation.Run(12, ChoiceListStrategyTests.Workers(2), options);

        seeds.ShouldBe([11UL, 12UL]);
    }

    [Fact]
    public void StrategyFactory_ReturningNull_IsRejectedSayingWhatToDo()
    {
        var options = new SimulationOptions { StrategyFactory = _ => null! };

        Should.Throw<InvalidOperationException>(() => new SimulatedEventLoop(options)).Message.ShouldContain("set the factory to null for FIFO");
    }

    [Fact]
    public void NewLoop_EveryBadValue_OneExceptionNamesEachPropertyAndItsFix()
    {
        var options = new SimulationOptions
        {
            StartTime = DateTimeOffset.MaxValue,
            MaxSteps = 0,
            MaxVirtualTime = TimeSpan.Zero,
            EscapeGracePeriod = TimeSpan.FromSeconds(-1),
            BlockingStepTimeout = TimeSpan.FromTicks(-1),
            TimerJitter = TimeSpan.FromMilliseconds(-1),
        };

        var error = Should.Throw<OptionsValidationException>(() => new SimulatedEventLoop(options));

        error.ParamName.ShouldBe("options");
        error.Problems.Select(p => p.Property).ShouldBe(["StartTime", "MaxSteps", "MaxVirtualTime", "EscapeGracePeriod", "BlockingStepTimeout", "TimerJitter"]);
        error.Message.ShouldContain("options.MaxSteps must be positive, or null for no bound (it is 0)");
        error.Message.ShouldContain("options.MaxVirtualTime must be positive, or null for no bound (it is 00:00:00)");
        error.Message.ShouldContain("options.EscapeGracePeriod cannot be negative (TimeSpan.Zero for none; it is -00:00:01)");
        error.Message.ShouldContain("options.BlockingStepTimeout must be positive, or null to never interrupt a step");
        error.Summary.ShouldStartWith("options.StartTime must leave the virtual clock room to move");
    }

    [Fact]
    public void Run_BadValue_ThrowsInsteadOfRunningTheBody()
    {
        bool ran = false;
        var options = new SimulationOptions { MaxSteps = -1 };

        Should.Throw<OptionsValidationException>(() => SimLoop.Simulation.Run(1, (_, _) => { ran = true; return Task.CompletedTask; }, options));

        ran.ShouldBeFalse();
    }

    [Fact]
    public void Setters_AcceptAnyValue_TheCheckIsValidate()
    {
        var options = new SimulationOptions { MaxSteps = 0 };

        options.MaxSteps = 5;

        Should.NotThrow(options.Validate);
        Should.NotThrow(new SimulationOptions().Validate);
    }
}
