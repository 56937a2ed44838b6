using System;
using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.Graph;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Connection
{
    /// <summary>A signed-in Graph client and what is known about it.</summary>
    public sealed class GraphSession : IDisposable
    {
        internal GraphSession(GraphServiceClient client, ConnectionInfo info, TokenCredential credential, GraphConnectionOptions options)
        {
            Client = client;
            Info = info;
            Credential = credential;
            Options = options;
        }

        public GraphServiceClient Client { get; }

        public ConnectionInfo Info { get; }

        internal TokenCredential Credential { get; }

        internal GraphConnectionOptions Options { get; }

        public void Dispose() => Client.Dispose();
    }

    /// <summary>
    /// One session per PowerShell runspace, so two runspaces in one process (jobs, tests, hosted automation)
    /// can be connected to different tenants.
    /// </summary>
    public static class GraphSessions
    {
        private static readonly ConcurrentDictionary<Guid, GraphSession> Sessions = new ConcurrentDictionary<Guid, GraphSession>();

        public static void Set(Guid scope, GraphSession session)
        {
            if (Sessions.TryRemove(scope, out var previous))
            {
                previous.Dispose();
            }

            Sessions[scope] = session;
        }

        public static GraphSession Require(Guid scope) =>
            Sessions.TryGetValue(scope, out var session)
                ? session
                : throw new SocialToolkitException(
                    "NotConnected",
                    FailureKind.NotConnected,
                    "Not connected to Microsoft Graph. Run Connect-SocialToolkit first.")
                {
                    RecommendedAction = "Connect-SocialToolkit -TenantId <tenant> -ClientId <app> -CertificateThumbprint <thumbprint>",
                };

        public static ConnectionInfo? Current(Guid scope) => Sessions.TryGetValue(scope, out var session) ? session.Info : null;

        /// <summary>Forgets the session; returns false when there was none.</summary>
        public static bool Remove(Guid scope)
        {
            if (Sessions.TryRemove(scope, out var session))
            {
                session.Dispose();
                return true;
            }

            return false;
        }
    }
}
