using System;

namespace SocialToolkit.Core.Operations
{
    /// <summary>What kind of failure an engine met; the cmdlet base maps it to a PowerShell error category.</summary>
    public enum FailureKind
    {
        InvalidArgument,
        InvalidData,
        NotFound,
        AlreadyExists,
        AuthenticationFailed,
        PermissionDenied,
        Throttled,
        ServiceUnavailable,
        ConnectionFailed,
        NotEnabled,
        NotConnected,
        WriteFailed,
        InvalidOperation,
    }

    /// <summary>
    /// A failure the user can act on. <see cref="ErrorId"/> is stable so scripts can test for it;
    /// the message names the culprit (file, row, column, parameter) and never contains a secret.
    /// </summary>
    public class SocialToolkitException : Exception
    {
        public SocialToolkitException(string errorId, FailureKind kind, string message, object? target = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }

        public FailureKind Kind { get; }

        /// <summary>The object the failure is about (a path, a parameter name, a user), shown as the error's target.</summary>
        public object? Target { get; }

        /// <summary>What the remote service said, when the failure came from one.</summary>
        public string? ServiceMessage { get; set; }

        /// <summary>A suggestion shown under the error.</summary>
        public string? RecommendedAction { get; set; }
    }
}
