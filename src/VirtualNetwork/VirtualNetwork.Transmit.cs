namespace SimLoop.Networking;

/// <summary>Putting messages on links: serialisation, latency, loss, partitions, holds, clogs, delivery.</summary>
public sealed partial class VirtualNetwork
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private Transmission? _firstInTransit; // the undelivered messages, a list in id order (the order they were sent)
    private Transmission? _lastInTransit;
    private long _nextMessageId;
    private Random? _latencyRandom;
    private Random? _lossRandom;

    private static readonly Action<object?> s_arrive = static m => ((Transmission)m!).Network.Arrive((Transmission)m!);
    private static readonly Action<object?> s_retransmit = static m => ((Transmission)m!).Network.Retransmit((Transmission)m!);
    private static readonly Action<object?> s_giveUp = static r =>
    {
        var reliability = (Reliability)r!;
        if (reliability.IsWanted())
        {
            reliability.OnGiveUp();
        }
    };

    /// <summary>
    /// Sends one message from <paramref name="from"/> to <paramref name="to"/>; it may be lost. <paramref name="extraDelayTicks"/>
    /// serves datagram reordering; <paramref name="evenFromDownHost"/> lets the resets a crash causes leave the crashed host.
    /// </summary>
    internal Transmission Transmit(
        VirtualHost from, VirtualHost to, MessageKind kind, int size, MessageDetail detail,
        Delivery delivery, Reliability? reliability, long extraDelayTicks = 0, bool evenFromDownHost = false, LinkState? link = null)
    {
        long now = NowTicks;
        var message = new Transmission(this, ++_nextMessageId, from, to, kind, size, detail, now) { Delivery = delivery, Reliability = reliability };
        link ??= LinkStateOf(from, to);
        LinkSettings settings = SettingsOf(link);
        message.Link = link;
        long start = now;
        long serialisation = 0;
        if (settings.BandwidthBytesPerSecond > 0)
        {
            start = Math.Max(now, link.BusyUntilTicks);
            serialisation = ((size * TicksPerSecond) + settings.BandwidthBytesPerSecond - 1) / settings.BandwidthBytesPerSecond;
            link.BusyUntilTicks = start + serialisation;
        }

        long latency = settings.Latency.SampleTicks(_latencyRandom ??= RandomFor(NetworkRandomStreams.Latency));
        long arrival = VirtualDeadline.After(VirtualDeadline.After(start + serialisation, latency), extraDelayTicks);
        Record(NetworkEventKind.Sent, message);
        if (!from.IsUp && !evenFromDownHost)
        {
            Lose(message, "sender down");
        }
        else if (IsPartitioned(from, to))
        {
            Lose(message, "partition");
        }
        else if (settings.LossRate > 0 && (_lossRandom ??= RandomFor(NetworkRandomStreams.Loss)).NextDouble() >= 1 - settings.LossRate)
        {
            Lose(message, "loss");
        }
        else
        {
            // A message due past the last representable instant travels forever (InFlight lists it; Deliver or Drop it).
            AddInTransit(message);
            message.ArrivalCallback = arrival == VirtualDeadline.Never ? null : ScheduleArrival(arrival, message);
        }

        return message;
    }

    /// <summary>
    /// Sends a stream message that is retransmitted, after a doubling timeout, each time it is lost, while
    /// <see cref="Reliability.IsWanted"/> says so; after too many retries, <see cref="Reliability.OnGiveUp"/> runs.
    /// </summary>
    internal void TransmitReliably(
        VirtualHost from, VirtualHost to, MessageKind kind, int size, MessageDetail detail, Delivery delivery, Reliability reliability, LinkState? link = null) =>
        Transmit(from, to, kind, size, detail, delivery, reliability, link: link);

    /// <summary>
    /// A reliable message was lost: schedules its next attempt, or, after the last one, gives up when that attempt's
    /// timeout expires (as a sender that waits for an acknowledgement would).
    /// </summary>
    private void OnReliableLost(Transmission lost, Reliability reliability)
    {
        if (!reliability.IsWanted())
        {
            return;
        }

        int attempt = lost.Detail.Attempt;
        long at = Math.Max(NowTicks, RetransmissionDeadline(lost.SentAtTicks, reliability.FirstTimeoutTicks, attempt));
        if (at == VirtualDeadline.Never)
        {
            return;
        }

        if (attempt >= reliability.MaxRetries)
        {
            _scheduler.ScheduleAt(at, s_giveUp, reliability);
            return;
        }

        _scheduler.ScheduleAt(at, s_retransmit, lost);
    }

    private void Retransmit(Transmission lost)
    {
        if (lost.Reliability!.IsWanted())
        {
            Transmit(lost.From, lost.To, lost.Kind, lost.Size, lost.Detail with { Attempt = lost.Detail.Attempt + 1 }, lost.Delivery, lost.Reliability, link: lost.Link);
        }
    }

    internal void Arrive(Transmission message)
    {
        message.ArrivalCallback = null;
        if (IsPartitioned(message.From, message.To))
        {
            Lose(message, "partition");
        }
        else if (message.Link!.IsHeld)
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
        RemoveInTransit(message);
        if (!message.To.IsUp)
        {
            Lose(message, "receiver down");
            return;
        }

        string? rejection = message.Delivery.Deliver(message);
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
        RemoveInTransit(message);
        Record(NetworkEventKind.Dropped, message, reason);
        if (message.Reliability is { } reliability)
        {
            OnReliableLost(message, reliability);
        }
    }

    /// <summary>Schedules <paramref name="message"/>'s arrival: without a callback object when the scheduler can (<see cref="IDirectNetworkScheduling"/>).</summary>
    private object? ScheduleArrival(long atTicks, Transmission message) =>
        _direct is { } direct ? direct.ScheduleArrival(atTicks, message) : _scheduler.ScheduleAt(atTicks, s_arrive, message);

    /// <summary>Cancels a scheduled arrival (see <see cref="ScheduleArrival"/>).</summary>
    private void CancelArrival(object? token)
    {
        if (token is IScheduledCallback callback)
        {
            callback.Cancel();
        }
        else if (token is not null)
        {
            _direct!.CancelArrival(token);
        }
    }

    private void AddInTransit(Transmission message)
    {
        message.PreviousInTransit = _lastInTransit;
        if (_lastInTransit is null)
        {
            _firstInTransit = message;
        }
        else
        {
            _lastInTransit.NextInTransit = message;
        }

        _lastInTransit = message;
    }

    private void RemoveInTransit(Transmission message)
    {
        if (message.PreviousInTransit is null && _firstInTransit != message)
        {
            return; // not in the list (lost before it travelled, or already taken out)
        }

        Transmission? previous = message.PreviousInTransit;
        Transmission? next = message.NextInTransit;
        if (previous is null)
        {
            _firstInTransit = next;
        }
        else
        {
            previous.NextInTransit = next;
        }

        if (next is null)
        {
            _lastInTransit = previous;
        }
        else
        {
            next.PreviousInTransit = previous;
        }

        message.PreviousInTransit = null;
        message.NextInTransit = null;
    }
}
