using SimLoop.Networking;

namespace SimLoop;

/// <summary>The swarm profile's reshaping of the network's links (see <see cref="SimulationOptions.Swarm"/>).</summary>
public sealed partial class SimulatedEventLoop
{
    // Looked up by the configured settings object, never iterated: its order cannot reach a decision or the trace.
    private Dictionary<LinkSettings, LinkSettings>? _shapedLinks;

    /// <summary>The settings in effect for a link: <paramref name="configured"/> reshaped by the swarm profile, if any.</summary>
    internal LinkSettings ShapeLink(LinkSettings configured)
    {
        if (_options.Swarm is not { } swarm)
        {
            return configured;
        }

        _shapedLinks ??= new Dictionary<LinkSettings, LinkSettings>(ReferenceEqualityComparer.Instance);
        if (!_shapedLinks.TryGetValue(configured, out LinkSettings? shaped))
        {
            shaped = swarm.ShapeLink(configured);
            _shapedLinks.Add(configured, shaped);
        }

        return shaped;
    }
}
