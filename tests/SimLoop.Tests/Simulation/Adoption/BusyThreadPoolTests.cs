using SimLoop.Tests.RealLibraries.Cases;
using Shouldly;
using SimLoop.Tests.RealLibraries;
using SimLoop.Tests.Simulation;
using Xunit;

namespace SimLoop.Tests.Simulation.Adoption;

/// <summary>Runs alone: it fills the process's thread pool on purpose.</summary>
[CollectionDefinition(nameof(BusyThreadPoolCollection), DisableParallelization = true)]
public sealed class BusyThreadPoolCollection;

/// <summary>
/// With 64 long-running items of other code occupying the thread pool, adopted programs still complete with the
/// same trace as on an idle pool, and what is uncontrolled is still reported the same way on every run (no
/// misreported deadlock, no wait on real time).
/// </summary>
[Collection(nameof(BusyThreadPoolCollection))]
public sealed class BusyThreadPoolTests
{
    private const int BusyItems = 64;

    public static TheoryData<string> AllPrograms => new(UncontrolledPrograms.All.Keys.Concat(UncontrolledPrograms.OwnThreads.Keys));

    public static TheoryData<string> CaseNames => new(RealLibraryCases.All.Where(c => c.HopsThroughThePool).Select(c => c.Name));

    [Theory]
    [MemberData(nameof(AllPrograms))]
    public void Uncontrolled_WithABusyPool_IsReportedAsWithAnIdleOne(string name)
    {
        string idle = UncontrolledWorkReportTests.OneReport(name, maskThreadIds: true);
        BusyThreadPool busy = BusyThreadPool.Occupy(BusyItems);
        try
        {
            UncontrolledWorkReportTests.OneReport(name, maskThreadIds: true).ShouldBe(idle);
        }
        finally
        {
            busy.Dispose();
        }
    }

    [Fact]
    public void QueueUserWorkItem_WithAdoptionOffAndABusyPool_IsReportedAsWithAnIdleOne()
    {
        string idle = SimulatedEventLoopEscapeTests.QueueUserWorkItemReports(20).ShouldHaveSingleItem();
        idle.ShouldStartWith(SimulatedEventLoopEscapeTests.QueueUserWorkItemReport + " | ");
        BusyThreadPool busy = BusyThreadPool.Occupy(BusyItems);
        try
        {
            SimulatedEventLoopEscapeTests.QueueUserWorkItemReports(20).ShouldHaveSingleItem().ShouldBe(idle);
        }
        finally
        {
            busy.Dispose();
        }
    }

    [Fact]
    public void AdoptedMix_WithABusyPool_CompletesWithTheTraceOfAnIdlePool()
    {
        string idle = UncontrolledWorkReportTests.OneReportOf(UncontrolledPrograms.AdoptedMixAsync);
        BusyThreadPool busy = BusyThreadPool.Occupy(BusyItems);
        try
        {
            UncontrolledWorkReportTests.OneReportOf(UncontrolledPrograms.AdoptedMixAsync).ShouldBe(idle);
        }
        finally
        {
            busy.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void RealLibraryCase_WithABusyPool_GivesTheResultAndTraceOfAnIdlePool(string name)
    {
        RealLibraryCase realCase = RealLibraryCases.Named(name);
        string idle = realCase.Run(seed: 9).Run.Trace.Hash();
        BusyThreadPool busy = BusyThreadPool.Occupy(BusyItems);
        try
        {
            for (int run = 0; run < 5; run++)
            {
                var (simulation, result, _) = realCase.Run(seed: 9);
                simulation.Failure.ShouldBeNull(simulation.Failure?.ToString());
                result.ShouldBe(realCase.Expected);
                simulation.Trace.Hash().ShouldBe(idle);
            }
        }
        finally
        {
            busy.Dispose();
        }
    }
}
