using Microsoft.Extensions.Logging;

namespace SimLoop;

/// <summary>The loop's log messages.</summary>
internal static partial class LoggerMessages
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Message}")]
    public static partial void LogLoopError(this ILogger logger, Exception? exception, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Executing {Handle} took {Seconds:0.000} seconds")]
    public static partial void LogSlowCallback(this ILogger logger, string handle, double seconds);
}
