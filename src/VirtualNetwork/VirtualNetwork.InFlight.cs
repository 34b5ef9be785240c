namespace SimLoop.Networking;

/// <summary>Holding, inspecting, releasing, delivering and dropping messages in flight.</summary>
public sealed partial class VirtualNetwork
{
    /// <summary>Holds messages that arrive on the direction <paramref name="from"/> to <paramref name="to"/> until released.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <exception cref="ArgumentException">A name is unknown, or both are the same host (a link joins two different hosts).</exception>
    public void Hold(string from, string to)
    {
        VirtualHost source = GetHost(from);
        VirtualHost destination = GetHost(to);
        ThrowIfSameHost(source, destination);
        LinkStateOf(source, destination).IsHeld = true;
        RecordFault(NetworkFault.Hold, source.Name, destination.Name, "hold");
    }

    /// <summary>The undelivered messages from <paramref name="from"/> to <paramref name="to"/>, oldest first.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <returns>The messages travelling, held or waiting for a clogged host.</returns>
    public IReadOnlyList<InFlightMessage> InFlight(string from, string to)
    {
        VirtualHost source = GetHost(from);
        VirtualHost destination = GetHost(to);
        return [.. InTransitInOrder().Where(m => m.From == source && m.To == destination).Select(m => m.ToInFlightMessage())];
    }

    /// <summary>Stops holding the direction <paramref name="from"/> to <paramref name="to"/> and delivers its held messages, in order.</summary>
    /// <param name="from">The sending host's name.</param>
    /// <param name="to">The receiving host's name.</param>
    /// <exception cref="ArgumentException">A name is unknown, or both are the same host (a link joins two different hosts).</exception>
    public void Release(string from, string to)
    {
        VirtualHost source = GetHost(from);
        VirtualHost destination = GetHost(to);
        ThrowIfSameHost(source, destination);
        LinkStateOf(source, destination).IsHeld = false;
        RecordFault(NetworkFault.Release, source.Name, destination.Name, "release");
        foreach (Transmission message in InTransitInOrder().Where(m => m.From == source && m.To == destination && m.State == InFlightState.Held))
        {
            Resume(message, "released");
        }
    }

    /// <summary>Delivers one undelivered message now, even if its link is held or a host is clogged.</summary>
    /// <param name="id">The message's id, from <see cref="InFlight"/>.</param>
    /// <exception cref="ArgumentException">No undelivered message has that id.</exception>
    public void Deliver(long id)
    {
        Transmission message = TakeInFlight(id);
        Record(NetworkEventKind.Released, message, "delivered on request");
        message.State = InFlightState.Travelling;
        Post(() => Complete(message));
    }

    /// <summary>Loses one undelivered message now (a stream message is then retransmitted, like any lost one).</summary>
    /// <param name="id">The message's id, from <see cref="InFlight"/>.</param>
    /// <exception cref="ArgumentException">No undelivered message has that id.</exception>
    public void Drop(long id)
    {
        Transmission message = TakeInFlight(id);
        Lose(message, "dropped on request");
    }

    /// <summary>Sends a held or clogged message on towards its receiver at the current instant (re-checking faults).</summary>
    private void Resume(Transmission message, string why)
    {
        message.State = InFlightState.Travelling;
        Record(NetworkEventKind.Released, message, why);
        message.ArrivalCallback = ScheduleArrival(NowTicks, message);
    }

    /// <summary>The undelivered messages, oldest (lowest id) first: a copy, so callers may change the set meanwhile.</summary>
    private List<Transmission> InTransitInOrder()
    {
        var messages = new List<Transmission>();
        for (Transmission? m = _firstInTransit; m is not null; m = m.NextInTransit)
        {
            messages.Add(m);
        }

        return messages;
    }

    private Transmission TakeInFlight(long id)
    {
        Transmission? message = _firstInTransit;
        while (message is not null && message.Id != id)
        {
            message = message.NextInTransit;
        }

        if (message is null)
        {
            throw new ArgumentException($"No undelivered message has the id {id}.", nameof(id));
        }

        CancelArrival(message.ArrivalCallback);
        message.ArrivalCallback = null;

        return message;
    }
}
