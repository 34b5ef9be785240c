using System.ComponentModel;

namespace SimLoop.Interception.Networking;

/// <summary>
/// Guards in front of real network APIs (<c>Socket</c>, <c>TcpClient</c>, <c>TcpListener</c>, <c>UdpClient</c>,
/// <c>Dns</c>): inside a simulation they would do real I/O on the machine, outside the loop's control, so the guard
/// throws a clear <see cref="NotSupportedException"/> before the call; outside a simulation it does nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by rewritten code, not by people
public static class RealNetworkGuard
{
    /// <summary>Throws inside a simulation; returns outside.</summary>
    /// <param name="api">The guarded API, as the rewriter names it (e.g. <c>System.Net.Sockets.TcpClient::.ctor()</c>).</param>
    /// <exception cref="NotSupportedException">Called inside a simulation.</exception>
    [GuardsType("System.Net.Sockets.Socket", true)]
    [GuardsType("System.Net.Sockets.TcpClient", true)]
    [GuardsType("System.Net.Sockets.TcpListener", true)]
    [GuardsType("System.Net.Sockets.UdpClient", true)]
    [GuardsType("System.Net.Dns", false)]
    public static void ThrowInsideSimulation(string api)
    {
        if (SimulationScope.IsActive)
        {
            throw new NotSupportedException(
                $"{api} would do real network I/O inside a simulation, outside SimLoop's control. Use the simulated " +
                "network instead: host.OpenConnectionAsync(...) / host.StartServerAsync(...) on a SimulatedHost " +
                "(loop.AddHost), or SimulatedHost.CreateHttpClient() for HTTP.");
        }
    }
}
