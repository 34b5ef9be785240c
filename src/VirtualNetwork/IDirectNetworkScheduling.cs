namespace SimLoop.Networking;

/// <summary>
/// A scheduler that runs a message's arrival (<see cref="Transmission.Arrive"/>) without a callback object of its own
/// per message: the token it returns is its own timer, cancelled through <see cref="CancelArrival"/>. What runs, when
/// and in which order is the same as <see cref="INetworkScheduler.ScheduleAt"/> with the message as the state.
/// </summary>
internal interface IDirectNetworkScheduling
{
    /// <summary>Schedules <paramref name="message"/>'s arrival at <paramref name="atTicks"/>; returns a token, or null when nothing will run (a closed loop).</summary>
    object? ScheduleArrival(long atTicks, Transmission message);

    /// <summary>Cancels an arrival scheduled by <see cref="ScheduleArrival"/> that has not run yet.</summary>
    void CancelArrival(object token);
}
