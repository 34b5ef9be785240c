using Xunit.Sdk;
using Xunit.v3;

namespace SimLoop.Xunit.Tests.Support;

/// <summary>Keeps every message a test run sends.</summary>
internal sealed class CollectingMessageBus : IMessageBus
{
    private readonly List<IMessageSinkMessage> _messages = [];

    public IReadOnlyList<IMessageSinkMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        return true;
    }

    public void Dispose()
    {
    }
}
