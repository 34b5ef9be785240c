namespace SimLoop;

/// <summary>The result of a task whose body returns a plain <see cref="Task"/>.</summary>
public readonly record struct VoidResult;
