namespace SimLoop.Hosts;

/// <summary>
/// A per-host extension (for example a simulated disk) that must hear of the host's crash and restart. Features are
/// notified on the loop thread, in the order they were first registered with <see cref="SimulatedHost.GetFeature{T}"/>.
/// </summary>
public interface IHostFeature
{
    /// <summary>The host crashed: called before the host's tasks are cancelled.</summary>
    void OnCrashed();

    /// <summary>The host is restarting: called before its start function runs again.</summary>
    void OnRestarting();
}

public sealed partial class SimulatedHost
{
    private readonly List<KeyValuePair<Type, object>> _features = new();

    /// <summary>
    /// The host's feature of type <typeparamref name="T"/>, created by <paramref name="create"/> on first use; one per
    /// host and type, kept across crashes and restarts. A feature that implements <see cref="IHostFeature"/> is told of
    /// every later crash and restart, in registration order.
    /// </summary>
    /// <typeparam name="T">The feature's exact type (the key: one instance per type).</typeparam>
    /// <param name="create">Creates the feature for this host; called at most once per host and type.</param>
    /// <returns>The feature.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="create"/> returned null.</exception>
    public T GetFeature<T>(Func<SimulatedHost, T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        foreach (KeyValuePair<Type, object> feature in _features)
        {
            if (feature.Key == typeof(T))
            {
                return (T)feature.Value;
            }
        }

        T created = create(this) ?? throw new InvalidOperationException($"The factory for the host feature {typeof(T).Name} returned null: return an instance.");
        _features.Add(new KeyValuePair<Type, object>(typeof(T), created));
        return created;
    }

    private void NotifyFeaturesCrashed()
    {
        foreach (KeyValuePair<Type, object> feature in _features.ToArray())
        {
            (feature.Value as IHostFeature)?.OnCrashed();
        }
    }

    private void NotifyFeaturesRestarting()
    {
        foreach (KeyValuePair<Type, object> feature in _features.ToArray())
        {
            (feature.Value as IHostFeature)?.OnRestarting();
        }
    }
}
