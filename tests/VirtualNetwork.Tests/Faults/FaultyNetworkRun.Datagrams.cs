using System.Buffers.Binary;
using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Faults;

/// <summary>The datagram half of a fault property case: each client pings the server's echo every 300 ms.</summary>
internal sealed partial class FaultyNetworkRun
{
    private async Task DatagramEcho(VirtualDatagramSocket socket)
    {
        while (true)
        {
            try
            {
                VirtualDatagram datagram = await socket.ReceiveFromAsync();
                await socket.SendToAsync(datagram.Data, datagram.RemoteEndPoint);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.NetworkDown)
            {
                return;
            }
            catch (Exception e)
            {
                _violations.Add($"datagram echo failed with {Describe(e)}");
                return;
            }
        }
    }

    private async Task DatagramClient(string client, int life)
    {
        VirtualDatagramSocket socket = _network.Bind(client, 0);
        _ = DatagramReceiver(client, socket);
        try
        {
            for (int k = 0; Now < HealTicks + LivenessBound.Ticks; k++)
            {
                await socket.SendToAsync(DatagramPayload(client, k), ServerEndPoint(DatagramPort));
                await _scheduler.Delay(TimeSpan.FromMilliseconds(300));
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.NetworkDown && Crashed(client, life))
        {
        }
        catch (Exception e)
        {
            _violations.Add($"{client} datagram send failed with {Describe(e)}");
        }
    }

    private async Task DatagramReceiver(string client, VirtualDatagramSocket socket)
    {
        while (true)
        {
            VirtualDatagram datagram;
            try
            {
                datagram = await socket.ReceiveFromAsync();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.NetworkDown)
            {
                return;
            }

            int k = datagram.Data.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(datagram.Data.Span) : -1;
            if (k < 0 || !datagram.Data.Span.SequenceEqual(DatagramPayload(client, k)))
            {
                _violations.Add($"{client} received a datagram it never sent ({datagram.Data.Length} bytes)");
            }
        }
    }

    private static byte[] DatagramPayload(string client, int k)
    {
        byte[] payload = new byte[4 + client.Length];
        BinaryPrimitives.WriteInt32LittleEndian(payload, k);
        System.Text.Encoding.ASCII.GetBytes(client).CopyTo(payload, 4);
        return payload;
    }
}
