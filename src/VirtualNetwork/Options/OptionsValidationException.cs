namespace SimLoop;

/// <summary>
/// Options were found invalid where they are used (a run, an exploration or a network starts): one exception lists
/// every invalid setting, each named with its path from the argument, instead of the first only.
/// </summary>
/// <remarks>
/// Thrown for <c>SimulationOptions</c>, <c>ExplorationOptions</c> and <c>VirtualNetworkOptions</c> (and the network's
/// <c>LinkSettings</c>) alike: their properties are plain, checked together by their <c>Validate()</c>, never by a
/// setter. <see cref="ArgumentException.ParamName"/> is the argument the options came from.
/// </remarks>
public sealed class OptionsValidationException : ArgumentException
{
    /// <summary>Creates the exception for the options given as <paramref name="argumentName"/>.</summary>
    /// <param name="argumentName">The name of the argument the options came from (<c>"options"</c>).</param>
    /// <param name="problems">Every invalid setting, in the order they were checked (at least one).</param>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public OptionsValidationException(string argumentName, IReadOnlyList<OptionsProblem> problems)
        : base(Describe(argumentName, problems), argumentName)
    {
        Problems = problems;
    }

    /// <summary>Every invalid setting, in the order they were checked.</summary>
    public IReadOnlyList<OptionsProblem> Problems { get; }

    /// <summary>The problems as one sentence without the parameter suffix ("options.Mtu must be at least 1 (it is 0); ...").</summary>
    public string Summary => Describe(ParamName ?? "options", Problems);

    private static string Describe(string argumentName, IReadOnlyList<OptionsProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("An OptionsValidationException needs at least one problem.", nameof(problems));
        }

        return string.Join("; ", problems.Select(p => $"{argumentName}.{p}")) + ".";
    }
}
