namespace SimLoop.Networking;

/// <summary>An opaque handle to a callback scheduled by <see cref="INetworkScheduler.ScheduleAt"/>.</summary>
public interface IScheduledCallback
{
    /// <summary>Cancels the callback; returns false if it already ran or was cancelled.</summary>
    /// <returns>Whether this call cancelled it.</returns>
    bool Cancel();
}
