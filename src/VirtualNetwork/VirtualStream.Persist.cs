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
    private IScheduledCallback? _persistTimer;
    private int _persistBackOff;
    private int _probesUnanswered;
    private Action? _onPersistTimeout;

    /// <summary>The bytes the peer's receive window still takes.</summary>
    private long PeerWindow => _network.Options.ReceiveBufferSize - (_nextSequence - _peerConsumed);

    private bool IsWaitingForWindow => CanTransmit && Peer is not null && _sendBuffer.Count > 0 && PeerWindow <= 0;

    /// <summary>Arms the persist timer when bytes wait for a closed window; disarms it when the window opened.</summary>
    private void UpdatePersistTimer()
    {
        if (IsWaitingForWindow)
        {
            if (_persistTimer is null)
            {
                long deadline = _network.RetransmissionDeadline(_network.NowTicks, _network.Options.RetransmissionTimeout.Ticks, _persistBackOff);
                _persistTimer = _network.ScheduleAt(deadline, _onPersistTimeout ??= OnPersistTimeout);
            }
        }
        else if (_persistTimer is not null)
        {
            VirtualNetwork.CancelScheduled(_persistTimer);
            _persistTimer = null;
            _persistBackOff = 0;
            _probesUnanswered = 0;
        }
    }

    /// <summary>The peer answered (a window update): the probes so far count as answered.</summary>
    private void OnWindowAnswer() => _probesUnanswered = 0;

    private void OnPersistTimeout()
    {
        _persistTimer = null;
        if (!IsWaitingForWindow)
        {
            _persistBackOff = 0;
            _probesUnanswered = 0;
            return;
        }

        if (_probesUnanswered > _network.Options.MaxRetransmissions)
        {
            Fail(SocketError.TimedOut);
            return;
        }

        _probesUnanswered++;
        _persistBackOff++;
        VirtualStream peer = Peer!;
        _network.Transmit(Host, peer.Host, MessageKind.WindowProbe, 0, new MessageDetail(Label, "seq", _nextSequence), new Delivery(null, peer, _nextSequence), reliability: null, link: LinkToPeer);
        UpdatePersistTimer();
    }
}
