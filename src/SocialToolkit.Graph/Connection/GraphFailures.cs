using System;
using System.Net.Http;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Connection
{
    /// <summary>
    /// Maps what the Graph SDK and Azure.Identity throw to failures with stable ids and the service's own
    /// message. Messages never include headers, so no token can leak through them.
    /// </summary>
    public static class GraphFailures
    {
        public static Exception Translate(Exception failure, string operation)
        {
            switch (failure)
            {
                case SocialToolkitException known:
                    return known;
                case OperationCanceledException timedOut when timedOut.InnerException is TimeoutException:
                    return Unreachable("Microsoft Graph", operation, "the request timed out", timedOut);
                case OperationCanceledException cancelled:
                    return cancelled;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    // The SDK's retry handler throws one exception per attempt; the last says how it ended.
                    return Translate(aggregate.InnerExceptions[aggregate.InnerExceptions.Count - 1], operation);
                case ODataError odata:
                    return FromStatus(odata.ResponseStatusCode, operation, odata.Error?.Message ?? odata.Message, odata.Error?.Code, odata);
                case ApiException api:
                    return FromStatus(api.ResponseStatusCode, operation, api.Message, null, api);
                case AuthenticationFailedException _:
                    // Offline, Azure.Identity reports a DNS or connection failure as a failed sign-in, with its retry
                    // text once per attempt: say what really happened, once, and do not blame the credentials.
                    var network = NetworkCause(failure);
                    if (network != null)
                    {
                        return Unreachable("Microsoft's sign-in service", operation, network, failure);
                    }

                    return SignInFailure(failure, operation);
                case HttpRequestException http:
                    return Unreachable("Microsoft Graph", operation, FirstLine(http.Message), http);
                case System.IO.IOException io:
                    return Unreachable("Microsoft Graph", operation, FirstLine(io.Message), io);
                default:
                    return failure;
            }
        }

        private static SocialToolkitException SignInFailure(Exception failure, string operation)
        {
            switch (failure)
            {
                case CredentialUnavailableException unavailable:
                    return new SocialToolkitException("GraphCredentialUnavailable", FailureKind.AuthenticationFailed, $"No credential available while {operation}: {FirstLine(unavailable.Message)}", operation, unavailable);
                case AuthenticationFailedException auth:
                    return new SocialToolkitException("GraphAuthenticationFailed", FailureKind.AuthenticationFailed, $"Sign-in failed while {operation}: {FirstLine(auth.Message)}", operation, auth)
                    {
                        RecommendedAction = "Check the tenant id, the client id and the credential (certificate, secret or identity) of the app registration.",
                    };
                default:
                    return new SocialToolkitException("GraphAuthenticationFailed", FailureKind.AuthenticationFailed, $"Sign-in failed while {operation}: {FirstLine(failure.Message)}", operation, failure);
            }
        }

        private static SocialToolkitException Unreachable(string service, string operation, string cause, Exception inner) =>
            new SocialToolkitException("GraphUnreachable", FailureKind.ConnectionFailed, $"{service} could not be reached while {operation}: {cause}. This is a network failure; the credentials were not checked.", operation, inner)
            {
                RecommendedAction = "Check the network connection, the DNS, and any proxy or firewall between this machine and Microsoft Graph and its sign-in service; then run the command again.",
            };

        /// <summary>
        /// The network failure under a failure, if any: a name that does not resolve, a refused or reset connection,
        /// a TLS failure. Azure.Identity nests it under its own exceptions and one AggregateException per retry.
        /// </summary>
        internal static string? NetworkCause(Exception failure)
        {
            var pending = new System.Collections.Generic.Stack<Exception>();
            pending.Push(failure);
            string? socket = null;
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                switch (current)
                {
                    case HttpRequestException http:
                        // Its message names the host and port ("Connection refused (127.0.0.1:443)").
                        return FirstLine(http.Message);
                    case System.Net.Sockets.SocketException found:
                        socket ??= $"{found.Message} ({found.SocketErrorCode})";
                        break;
                }

                if (current is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        pending.Push(inner);
                    }
                }
                else if (current.InnerException != null)
                {
                    pending.Push(current.InnerException);
                }
            }

            return socket;
        }

        private static SocialToolkitException FromStatus(int status, string operation, string serviceMessage, string? serviceCode, Exception inner)
        {
            var (id, kind) = status switch
            {
                401 => ("GraphUnauthorized", FailureKind.AuthenticationFailed),
                403 => ("GraphForbidden", FailureKind.PermissionDenied),
                404 => ("GraphNotFound", FailureKind.NotFound),
                429 => ("GraphThrottled", FailureKind.Throttled),
                _ when status >= 500 => ("GraphServiceUnavailable", FailureKind.ServiceUnavailable),
                _ => ("GraphRequestFailed", FailureKind.InvalidOperation),
            };
            var code = string.IsNullOrEmpty(serviceCode) ? string.Empty : $" ({serviceCode})";
            return new SocialToolkitException(id, kind, $"Microsoft Graph answered {status}{code} while {operation}: {serviceMessage}", operation, inner)
            {
                ServiceMessage = serviceMessage,
                RecommendedAction = status switch
                {
                    401 => "Run Connect-SocialToolkit again; the token may have expired.",
                    403 => "Grant the app the permission this command documents, with admin consent.",
                    429 => "Wait and run the command again; Graph limits report requests per app and tenant.",
                    _ => null,
                },
            };
        }

        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
