namespace SimLoop.Networking;

/// <summary>Putting messages on links: serialisation, latency, loss, partitions, holds, clogs, delivery.</summary>
public sealed partial class VirtualNetwork
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private readonly Dictionary<long, Transmission> inTransit = [];
    private long nextMessageId;

    /// <summary>
    /// Sends one message from <paramref name="from"/> to <paramref name="to"/>; it may be lost. <paramref name="extraDelayTicks"/>
    /// serves datagram reordering; <paramref name="evenFromDownHost"/> lets the resets a crash causes leave the crashed host.
    /// </summary>
    internal Transmission Transmit(
        VirtualHost from, VirtualHost to, MessageKind kind, int size, MessageDetail detail,
        Func<string?> onArrive, Action<Transmission>? onLost, long extraDelayTicks = 0, bool evenFromDownHost = false)
    {
        long now = NowTicks;
        var message = new Transmission(++nextMessageId, from, to, kind, size, detail, now) { OnArrive = onArrive, OnLost = onLost };
        LinkSettings settings = SettingsOf(from, to);
        LinkState link = LinkStateOf(from, to);
        long start = now;
        long serialisation = 0;
        if (settings.BandwidthBytesPerSecond > 0)
        {
            start = Math.Max(now, link.BusyUntilTicks);
            serialisation = ((size * TicksPerSecond) + settings.BandwidthBytesPerSecond - 1) / settings.BandwidthBytesPerSecond;
            link.BusyUntilTicks = start + serialisation;
        }

        long arrival = start + serialisation + settings.Latency.SampleTicks(RandomFor("net.latency")) + extraDelayTicks;
        Record(NetworkEventKind.Sent, message);
        if (!from.IsUp && !evenFromDownHost)
        {
            Lose(message, "sender down");
        }
        else if (IsPartitioned(from, to))
        {
            Lose(message, "partition");
        }
        else if (settings.LossRate > 0 && RandomFor("net.loss").NextDouble() < settings.LossRate)
        {
            Lose(message, "loss");
        }
        else
        {
            inTransit.Add(message.Id, message);
            message.ArrivalCallbackId = ScheduleAt(arrival, () => Arrive(message));
        }

        return message;
    }

    /// <summary>
    /// Sends a stream message that is retransmitted, after a doubling timeout, each time it is lost, while
    /// <paramref name="isWanted"/> says so; after too many retries, <paramref name="onGiveUp"/> runs.
    /// </summary>
    internal void TransmitReliably(
        VirtualHost from, VirtualHost to, MessageKind kind, int size, MessageDetail detail,
        Func<string?> onArrive, Func<bool> isWanted, Action onGiveUp, int? maxRetries, int attempt = 0)
    {
        Transmit(from, to, kind, size, detail with { Attempt = attempt }, onArrive, lost =>
        {
            if (!isWanted())
            {
                return;
            }

            if (attempt >= maxRetries)
            {
                onGiveUp();
                return;
            }

            long timeout = Math.Min(Options.RetransmissionTimeout.Ticks << Math.Min(attempt, 30), Options.MaxRetransmissionTimeout.Ticks);
            ScheduleAt(Math.Max(NowTicks, lost.SentAtTicks + timeout), () =>
            {
                if (isWanted())
                {
                    TransmitReliably(from, to, kind, size, detail, onArrive, isWanted, onGiveUp, maxRetries, attempt + 1);
                }
            });
        });
    }

    private void Arrive(Transmission message)
    {
        message.ArrivalCallbackId = -1;
        if (IsPartitioned(message.From, message.To))
        {
            Lose(message, "partition");
        }
        else if (LinkStateOf(message.From, message.To).IsHeld)
        {
            message.State = InFlightState.Held;
            Record(NetworkEventKind.Held, message);
        }
        else if (message.From.IsClogged || message.To.IsClogged)
        {
            message.State = InFlightState.Clogged;
            Record(NetworkEventKind.Held, message, "clogged");
        }
        else
        {
            Complete(message);
        }
    }

    /// <summary>Hands a message to its receiver, or loses it when the receiver is down or rejects it.</summary>
    private void Complete(Transmission message)
    {
        inTransit.Remove(message.Id);
        if (!message.To.IsUp)
        {
            Lose(message, "receiver down");
            return;
        }

        string? rejection = message.OnArrive();
        if (rejection is null)
        {
            Record(NetworkEventKind.Delivered, message);
        }
        else
        {
            Lose(message, rejection);
        }
    }

    private void Lose(Transmission message, string reason)
    {
        inTransit.Remove(message.Id);
        Record(NetworkEventKind.Dropped, message, reason);
        message.OnLost?.Invoke(message);
    }
}
