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
                case OperationCanceledException cancelled:
                    return cancelled;
                case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                    // The SDK's retry handler throws one exception per attempt; the last says how it ended.
                    return Translate(aggregate.InnerExceptions[aggregate.InnerExceptions.Count - 1], operation);
                case ODataError odata:
                    return FromStatus(odata.ResponseStatusCode, operation, odata.Error?.Message ?? odata.Message, odata.Error?.Code, odata);
                case ApiException api:
                    return FromStatus(api.ResponseStatusCode, operation, api.Message, null, api);
                case CredentialUnavailableException unavailable:
                    return new SocialToolkitException("GraphCredentialUnavailable", FailureKind.AuthenticationFailed, $"No credential available while {operation}: {FirstLine(unavailable.Message)}", operation, unavailable);
                case AuthenticationFailedException auth:
                    return new SocialToolkitException("GraphAuthenticationFailed", FailureKind.AuthenticationFailed, $"Sign-in failed while {operation}: {FirstLine(auth.Message)}", operation, auth)
                    {
                        RecommendedAction = "Check the tenant id, the client id and the credential (certificate, secret or identity) of the app registration.",
                    };
                case HttpRequestException http:
                    return new SocialToolkitException("GraphUnreachable", FailureKind.ConnectionFailed, $"Microsoft Graph could not be reached while {operation}: {http.Message}", operation, http);
                default:
                    return failure;
            }
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
