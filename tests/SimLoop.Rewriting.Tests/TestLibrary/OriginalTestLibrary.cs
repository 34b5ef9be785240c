using System.Reflection;
using System.Runtime.Loader;

namespace SimLoop.Rewriting.Tests.TestLibrary;

/// <summary>The test library as it was compiled, before the MSBuild integration rewrote the copy in the output folder.</summary>
internal static class OriginalTestLibrary
{
    private static readonly Lazy<Assembly> s_loaded = new(() =>
        new AssemblyLoadContext("original-test-library").LoadFromAssemblyPath(Location!));

    public static string Location { get; } = typeof(OriginalTestLibrary).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "OriginalTestLibrary").Value!;

    public static T Method<T>(string typeName, string methodName)
        where T : Delegate =>
        s_loaded.Value.GetType("SimLoop.Rewriting.TestLibrary." + typeName, throwOnError: true)!
            .GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)!
            .CreateDelegate<T>();
}
