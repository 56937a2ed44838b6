using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Model
{
    /// <summary>What Connect-SocialToolkit established: never holds a secret or a token.</summary>
    public sealed class ConnectionInfo
    {
        public string TenantId { get; set; } = string.Empty;

        public string? TenantName { get; set; }

        public string? ClientId { get; set; }

        /// <summary>CertificateThumbprint, CertificateFile, ClientSecret, DeviceCode, ManagedIdentity or AccessToken.</summary>
        public string AuthMode { get; set; } = string.Empty;

        /// <summary>Global, USGov, USGovDoD or China.</summary>
        public string Environment { get; set; } = string.Empty;

        public Uri GraphEndpoint { get; set; } = new Uri("https://graph.microsoft.com/v1.0");

        /// <summary>Application roles or delegated scopes found in the access token, when it could be read.</summary>
        public IReadOnlyList<string> Permissions { get; set; } = Array.Empty<string>();

        /// <summary>True when the token carries delegated scopes (a signed-in user) rather than application roles.</summary>
        public bool IsDelegated { get; set; }

        public DateTimeOffset ConnectedAt { get; set; }

        public override string ToString() => $"{TenantName ?? TenantId} ({AuthMode})";
    }
}
