using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace SocialToolkit.Graph.Connection
{
    public enum GraphAuthMode
    {
        CertificateThumbprint,
        CertificateFile,
        ClientSecret,
        DeviceCode,
        ManagedIdentity,
        AccessToken,
    }

    public enum GraphEnvironment
    {
        Global,
        USGov,
        USGovDoD,
        China,
    }

    /// <summary>Everything needed to sign in; secrets stay in SecureStrings until the moment they are used.</summary>
    public sealed class GraphConnectionOptions
    {
        public GraphAuthMode AuthMode { get; set; }

        public string? TenantId { get; set; }

        public string? ClientId { get; set; }

        public string? CertificateThumbprint { get; set; }

        public string? CertificatePath { get; set; }

        public SecureString? CertificatePassword { get; set; }

        /// <summary>A certificate already loaded by the caller (tests, or a pipeline that has one).</summary>
        public X509Certificate2? Certificate { get; set; }

        public SecureString? ClientSecret { get; set; }

        public SecureString? AccessToken { get; set; }

        public GraphEnvironment Environment { get; set; } = GraphEnvironment.Global;

        /// <summary>Overrides the environment's Graph root, e.g. a proxy or a test server (…/v1.0; a bare host gets /v1.0).</summary>
        public Uri? GraphEndpoint { get; set; }

        /// <summary>Extra handler placed last in the HTTP pipeline (tests inject latency or faults).</summary>
        public Func<System.Net.Http.HttpMessageHandler>? InnerHandlerFactory { get; set; }
    }
}
