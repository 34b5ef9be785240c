using Xunit.Sdk;

namespace SimLoop.Xunit.Tests.Support;

/// <summary>Discovery options with every value at its default (pre-enumerated theories).</summary>
internal sealed class DiscoveryOptions : ITestFrameworkDiscoveryOptions
{
    private readonly Dictionary<string, object?> _values = [];

    public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out object? value) ? (TValue)value! : default!;

    public void SetValue<TValue>(string name, TValue value) => _values[name] = value;

    public string ToJson() => "{}";
}
