using Microsoft.Extensions.Hosting;

namespace SimLoop.AspNetCore.Hosting;

/// <summary>
/// The generic host's lifetime on a simulated host: starts at once and listens to no process signals (the default
/// ConsoleLifetime registers Ctrl+C and SIGTERM handlers for the whole process). The simulated host's crash and
/// restart are its lifetime.
/// </summary>
internal sealed class SimulatedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
