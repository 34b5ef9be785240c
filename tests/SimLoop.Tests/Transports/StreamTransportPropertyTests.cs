using FsCheck;
using FsCheck.Fluent;
using Shouldly;
using SimLoop.Networking;
using SimLoop.Transports;
using Xunit;

namespace SimLoop.Tests.Transports;

public sealed class StreamTransportPropertyTests
{
    [Fact]
    public void AnyWrites_ArriveInOrder_AndEveryPauseIsFollowedByOneResume()
    {
        Arbitrary<int[]> chunks = ArbMap.Default.ArbFor<int[]>();
        Property property = Prop.ForAll(chunks, sizes =>
        {
            int[] lengths = sizes.Select(s => Math.Abs(s % 5000) + 1).ToArray();
            var loop = TwoHostLoop.Create(new VirtualNetworkOptions { SendBufferSize = 2048, ReceiveBufferSize = 2048 });
            var server = new RecordingProtocol(loop);
            RecordingProtocol client = loop.RunUntilComplete(async ct =>
            {
                await loop.CreateServerAsync(() => server, "server", 7000, cancellationToken: ct);
                var (transport, protocol) = await loop.CreateConnectionAsync(() => new RecordingProtocol(loop), "server", 7000, TwoHostLoop.FromClient, ct);
                transport.SetWriteBufferLimits(high: 3000);
                char next = 'a';
                foreach (int length in lengths)
                {
                    transport.Write(System.Text.Encoding.ASCII.GetBytes(new string(next, length)));
                    next = next == 'z' ? 'a' : (char)(next + 1);
                    (protocol.Pauses - protocol.Resumes).ShouldBeInRange(0, 1);
                }

                transport.Close();
                await server.Lost;
                return protocol;
            });
            string expected = string.Concat(lengths.Select((l, i) => new string((char)('a' + (i % 26)), l)));
            return server.Received.ToString() == expected && client.Pauses == client.Resumes;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }
}
