namespace SimLoop.Choices;

/// <summary>What a stream's choices decide about a run: the classes a minimised failure is explained by.</summary>
public enum ChoiceClass
{
    /// <summary>The order of work at one instant: scheduler picks and the order of simultaneous timers.</summary>
    Ordering,

    /// <summary>When things happen: network and storage latency, reordering delays, timer jitter.</summary>
    Timing,

    /// <summary>Injected faults: message loss and duplication, clogging, Buggify, torn writes, storage faults.</summary>
    Fault,

    /// <summary>Values handed to the code under test: <c>loop.Random</c>, rewritten <c>Random</c> and <c>Guid</c>, file names.</summary>
    Data,
}
