using System.Net.Sockets;

namespace SimLoop.Networking;

/// <summary>
/// TCP's persist timer: while bytes wait for a closed receive window, this end probes the peer with a doubling
/// timeout (the retransmission back-off). A probe answered by a window update keeps the connection alive (a live peer
/// that does not read may stall a writer forever, as in TCP); a peer that no longer knows the connection answers with
/// a reset; when a probe and <see cref="VirtualNetworkOptions.MaxRetransmissions"/> more in a row go unanswered, the
/// connection fails with <see cref="SocketError.TimedOut"/> at the time the next probe would be due.
/// </summary>
public sealed partial class VirtualStream
{
    private IScheduledCallback? persistTimer;
    private int persistBackOff;
    private int probesUnanswered;
    private Action? onPersistTimeout;

    /// <summary>The bytes the peer's receive window still takes.</summary>
    private long PeerWindow => network.Options.ReceiveBufferSize - (nextSequence - peerConsumed);

    private bool IsWaitingForWindow => CanTransmit && Peer is not null && sendBuffer.Count > 0 && PeerWindow <= 0;

    /// <summary>Arms the persist timer when bytes wait for a closed window; disarms it when the window opened.</summary>
    private void UpdatePersistTimer()
    {
        if (IsWaitingForWindow)
        {
            if (persistTimer is null)
            {
                long deadline = network.RetransmissionDeadline(network.NowTicks, network.Options.RetransmissionTimeout.Ticks, persistBackOff);
                persistTimer = network.ScheduleAt(deadline, onPersistTimeout ??= OnPersistTimeout);
            }
        }
        else if (persistTimer is not null)
        {
            VirtualNetwork.CancelScheduled(persistTimer);
            persistTimer = null;
            persistBackOff = 0;
            probesUnanswered = 0;
        }
    }

    /// <summary>The peer answered (a window update): the probes so far count as answered.</summary>
    private void OnWindowAnswer() => probesUnanswered = 0;

    private void OnPersistTimeout()
    {
        persistTimer = null;
        if (!IsWaitingForWindow)
        {
            persistBackOff = 0;
            probesUnanswered = 0;
            return;
        }

        if (probesUnanswered > network.Options.MaxRetransmissions)
        {
            Fail(SocketError.TimedOut);
            return;
        }

        probesUnanswered++;
        persistBackOff++;
        VirtualStream peer = Peer!;
        network.Transmit(Host, peer.Host, MessageKind.WindowProbe, 0, new MessageDetail(Label, "seq", nextSequence), new Delivery(null, peer, nextSequence), reliability: null);
        UpdatePersistTimer();
    }
}
