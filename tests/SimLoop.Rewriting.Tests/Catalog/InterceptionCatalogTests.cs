using Mono.Cecil;
using SimLoop.Rewriting.Catalog;

namespace SimLoop.Rewriting.Tests.Catalog;

public sealed class InterceptionCatalogTests
{
    private static readonly Type[] s_frameworkAnchors =
    [
        typeof(Task), typeof(System.Diagnostics.Stopwatch), typeof(System.Threading.Channels.ChannelReader<>),
        typeof(System.Net.Sockets.TcpClient), typeof(System.Net.Dns), typeof(System.Net.Sockets.Socket),
        typeof(System.Timers.Timer), typeof(System.ComponentModel.Component),
    ];

    [Fact]
    public void EveryInterceptKey_NamesARealFrameworkMember()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (string location in s_frameworkAnchors.Select(t => t.Assembly.Location).Distinct())
        {
            using ModuleDefinition module = ModuleDefinition.ReadModule(location);
            foreach (TypeDefinition type in module.GetTypes())
            {
                keys.UnionWith(type.Methods.Select(MemberKeys.Of));
                keys.UnionWith(type.Fields.Select(MemberKeys.Of));
            }
        }

        InterceptionCatalog.Default.Intercepts.Keys.Where(k => !keys.Contains(k)).ShouldBeEmpty();
        InterceptionCatalog.Default.Intercepts.Count.ShouldBeGreaterThan(60);
    }

    [Fact]
    public void EveryShim_HasTheTargetsStackShape()
    {
        foreach ((string key, MethodDefinition shim) in InterceptionCatalog.Default.Intercepts)
        {
            shim.IsStatic.ShouldBeTrue(key);
            shim.IsPublic.ShouldBeTrue(key);
            shim.DeclaringType.IsPublic.ShouldBeTrue(key);
        }
    }

    [Fact]
    public void Guards_CoverTheRealNetworkTypes()
    {
        InterceptionCatalog.Default.Guards.Keys.Order(StringComparer.Ordinal).ShouldBe(
            ["System.Net.Dns", "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient", "System.Net.Sockets.TcpListener", "System.Net.Sockets.UdpClient"]);
    }
}
