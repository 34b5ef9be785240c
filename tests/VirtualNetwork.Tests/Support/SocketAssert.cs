using System.Net.Sockets;

namespace SimLoop.Networking.Tests.Support;

/// <summary>Assertions on the exceptions simulated sockets throw.</summary>
public static class SocketAssert
{
    /// <summary>Asserts that <paramref name="task"/> faulted with a SocketException carrying <paramref name="expected"/>.</summary>
    public static void FailsWithSocketError(Task task, SocketError expected)
    {
        task.IsFaulted.ShouldBeTrue($"the task should have faulted but is {task.Status}");
        SocketException e = task.Exception!.InnerException.ShouldBeOfType<SocketException>();
        e.SocketErrorCode.ShouldBe(expected);
    }

    /// <summary>Asserts that <paramref name="task"/> faulted with an IOException wrapping a SocketException carrying <paramref name="expected"/>.</summary>
    public static void FailsWithIOError(Task task, SocketError expected)
    {
        task.IsFaulted.ShouldBeTrue($"the task should have faulted but is {task.Status}");
        IOException e = task.Exception!.InnerException.ShouldBeOfType<IOException>();
        e.InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(expected);
    }
}
