using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>Crashing and restarting hosts.</summary>
public sealed partial class VirtualNetwork
{
    /// <summary>
    /// Crashes <paramref name="host"/>: its connections are reset at the peers, its listeners and datagram sockets
    /// vanish, pending operations on its side fail (<see cref="SocketError.ConnectionAborted"/> for streams and
    /// connects, <see cref="SocketError.OperationAborted"/> for accepts and receives), messages to it are lost, and it
    /// refuses to be used (<see cref="SocketError.NetworkDown"/>) until <see cref="Restart"/>. Raises <see cref="HostCrashed"/>.
    /// </summary>
    /// <param name="host">The host's name.</param>
    /// <exception cref="InvalidOperationException">The host is already down.</exception>
    public void Crash(string host)
    {
        VirtualHost crashed = GetHost(host);
        if (!crashed.IsUp)
        {
            throw new InvalidOperationException($"The host '{crashed.Name}' is already crashed.");
        }

        RecordFault(NetworkFault.Crash, crashed.Name, string.Empty, "crash");
        var (streams, listeners, datagramSockets) = crashed.Crash();
        foreach (VirtualStream stream in streams)
        {
            stream.OnHostCrashed();
        }

        foreach (VirtualListener listener in listeners)
        {
            listener.OnHostCrashed();
        }

        foreach (VirtualDatagramSocket socket in datagramSockets)
        {
            socket.OnHostCrashed();
        }

        HostCrashed?.Invoke(crashed);
    }

    /// <summary>
    /// Brings a crashed host back with the same name and addresses and no sockets; raises <see cref="HostRestarted"/>
    /// so that the caller can run the host's start function again.
    /// </summary>
    /// <param name="host">The host's name.</param>
    /// <exception cref="InvalidOperationException">The host is not crashed.</exception>
    public void Restart(string host)
    {
        VirtualHost restarted = GetHost(host);
        if (restarted.IsUp)
        {
            throw new InvalidOperationException($"The host '{restarted.Name}' is not crashed.");
        }

        restarted.IsUp = true;
        RecordFault(NetworkFault.Restart, restarted.Name, string.Empty, "restart");
        HostRestarted?.Invoke(restarted);
    }
}
