using System.Reflection;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace SimLoop.Xunit.Tests.Support;

/// <summary>
/// Runs one attributed method the way xunit does (its discoverer, then SimLoop's test case runner, messages on a
/// bus), with the environment read from a dictionary, so tests can run simulation tests that are expected to fail.
/// </summary>
internal static class AttributeRun
{
    public static async Task<IReadOnlyList<IMessageSinkMessage>> RunAsync(Type type, string methodName, IReadOnlyDictionary<string, string> environment, IFactAttribute? attribute = null)
    {
        MethodInfo method = type.GetMethod(methodName) ?? throw new ArgumentException($"{type.Name} has no method {methodName}.", nameof(methodName));
        var assembly = new XunitTestAssembly(type.Assembly, null, null, "assembly");
        var collection = new XunitTestCollection(assembly, null, false, "collection", "collection");
        var testClass = new XunitTestClass(type, collection, "class-" + type.Name);
        var testMethod = new XunitTestMethod(testClass, method, [], "method-" + methodName);
        attribute ??= method.GetCustomAttributes().OfType<IFactAttribute>().Single();
        IXunitTestCaseDiscoverer discoverer = attribute is SimulationTheoryAttribute ? new SimulationTheoryDiscoverer() : new SimulationFactDiscoverer();
        IReadOnlyCollection<IXunitTestCase> testCases = await discoverer.Discover(new DiscoveryOptions(), testMethod, attribute);

        using var bus = new CollectingMessageBus();
        var runner = new SimulationTestCaseRunner(new SimulationTestRunner(name => environment.GetValueOrDefault(name)));
        foreach (IXunitTestCase testCase in testCases)
        {
            await runner.RunAsync(testCase, ExplicitOption.On, bus, [], new ExceptionAggregator(), new CancellationTokenSource());
        }

        return bus.Messages;
    }
}
