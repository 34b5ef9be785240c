using System.Runtime.CompilerServices;

namespace SimLoop.Tests;

/// <summary>
/// Escape tests need work that leaves the loop to start promptly, so that it is reported as an escape; test classes
/// run in parallel and each blocks a pool thread with its loop, so give the pool enough threads up front.
/// </summary>
internal static class TestAssemblySetup
{
    [ModuleInitializer]
    internal static void RaiseThreadPoolMinimum() => ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount * 8), 32);
}
