using System.Globalization;

namespace SimLoop.Networking;

/// <summary>
/// Collects every problem found in one options object, so that a single <see cref="OptionsValidationException"/> names
/// them all ("options.Mtu must be at least 1 (it is 0); options.ConnectTimeout must be positive ...") instead of the
/// first. The one collector of the three options types (<c>SimulationOptions</c>, <c>ExplorationOptions</c>,
/// <see cref="VirtualNetworkOptions"/>).
/// </summary>
/// <remarks>
/// Properties are given relative to the argument (<c>"Mtu"</c>, <c>"DefaultLink.LossRate"</c>); the argument's name
/// is prefixed when the exception is built, so nested options add their problems with a prefix of their own.
/// </remarks>
internal sealed class OptionsProblems
{
    private readonly List<OptionsProblem> _problems = [];

    /// <summary>How many problems were found.</summary>
    public int Count => _problems.Count;

    /// <summary>Records that <paramref name="property"/> <paramref name="problem"/> (for example "must be at least 1").</summary>
    /// <param name="property">The property's path below the argument.</param>
    /// <param name="problem">What is wrong and, ideally, what to do instead; it follows the property's name in the message.</param>
    public void Add(string property, string problem) => _problems.Add(new OptionsProblem(property, problem));

    /// <summary>Records a problem when <paramref name="value"/> is below <paramref name="minimum"/>.</summary>
    public void AtLeast(string property, long value, long minimum)
    {
        if (value < minimum)
        {
            Add(property, string.Create(CultureInfo.InvariantCulture, $"must be at least {minimum} (it is {value})"));
        }
    }

    /// <summary>Records a problem when <paramref name="value"/> is not a probability.</summary>
    public void Probability(string property, double value)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            Add(property, string.Create(CultureInfo.InvariantCulture, $"must be a probability between 0 and 1 (it is {value})"));
        }
    }

    /// <summary>Records a problem when <paramref name="value"/> is set and not positive.</summary>
    /// <param name="property">The property's path below the argument.</param>
    /// <param name="value">The value; null is accepted.</param>
    /// <param name="whatNullMeans">What null means, for the message ("for no bound").</param>
    public void PositiveOrNull(string property, TimeSpan? value, string whatNullMeans)
    {
        if (value is { } v && v <= TimeSpan.Zero)
        {
            Add(property, $"must be positive, or null {whatNullMeans} (it is {v})");
        }
    }

    /// <summary>Records a problem when <paramref name="value"/> is negative.</summary>
    public void NotNegative(string property, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            Add(property, $"cannot be negative (TimeSpan.Zero for none; it is {value})");
        }
    }

    /// <summary>Throws one <see cref="OptionsValidationException"/> for <paramref name="argumentName"/> listing every problem, if there is any.</summary>
    /// <param name="argumentName">The name of the argument the options came from (the exception's <see cref="ArgumentException.ParamName"/>).</param>
    /// <exception cref="OptionsValidationException">At least one problem was recorded.</exception>
    public void ThrowIfAny(string argumentName)
    {
        if (_problems.Count > 0)
        {
            throw new OptionsValidationException(argumentName, _problems.ToArray());
        }
    }
}
