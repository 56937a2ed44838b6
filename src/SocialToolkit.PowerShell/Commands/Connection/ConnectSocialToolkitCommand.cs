using System;
using System.Management.Automation;
using System.Security;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Signs in to Microsoft Graph for the Get-Social* and Sync-SocialData commands.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "SocialToolkit", DefaultParameterSetName = ParameterSets.CertificateThumbprint, HelpUri = HelpLinks.Cmdlets + "Connect-SocialToolkit.md")]
    [OutputType(typeof(ConnectionInfo))]
    public sealed class ConnectSocialToolkitCommand : SocialCmdlet
    {
        /// <summary>Parameter-set names, one per sign-in mode.</summary>
        public static class ParameterSets
        {
            public const string CertificateThumbprint = "CertificateThumbprint";
            public const string CertificateFile = "CertificateFile";
            public const string ClientSecret = "ClientSecret";
            public const string DeviceCode = "DeviceCode";
            public const string ManagedIdentity = "ManagedIdentity";
            public const string AccessToken = "AccessToken";
        }

        /// <summary>The directory (tenant) id or a verified domain.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.CertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.CertificateFile)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.DeviceCode)]
        [Parameter(ParameterSetName = ParameterSets.AccessToken)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>The application (client) id of the app registration, or of a user-assigned managed identity.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.CertificateThumbprint)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.CertificateFile)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ClientSecret)]
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.DeviceCode)]
        [Parameter(ParameterSetName = ParameterSets.ManagedIdentity)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>Thumbprint of a certificate with private key in the CurrentUser or LocalMachine 'My' store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.CertificateThumbprint)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        /// <summary>Path of a .pfx/.p12 file holding the certificate and its private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.CertificateFile)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>Password of the certificate file, if it has one.</summary>
        [Parameter(ParameterSetName = ParameterSets.CertificateFile)]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>A client secret of the app registration.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ClientSecret)]
        public SecureString? ClientSecret { get; set; }

        /// <summary>Signs in as a user with a device code (needed for Viva Learning, which is delegated only).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.DeviceCode)]
        public SwitchParameter DeviceCode { get; set; }

        /// <summary>Signs in with the Azure managed identity of the machine or automation account.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.ManagedIdentity)]
        public SwitchParameter ManagedIdentity { get; set; }

        /// <summary>An access token obtained elsewhere; it is used as is and cannot be refreshed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.AccessToken)]
        public SecureString? AccessToken { get; set; }

        /// <summary>The Microsoft cloud: Global, USGov, USGovDoD or China.</summary>
        [Parameter]
        [ValidateSet("Global", "USGov", "USGovDoD", "China")]
        public string Environment { get; set; } = "Global";

        /// <summary>Sends Graph requests to this root instead (a proxy or a test server), e.g. https://graph.contoso.net/v1.0; a root without a version (https://graph.microsoft.com) gets /v1.0.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? GraphEndpoint { get; set; }

        private static SocialToolkitException CertificateNotFound(string fullPath) =>
            new SocialToolkitException("CertificateFileNotFound", FailureKind.NotFound, $"Certificate file not found: {fullPath}", "CertificatePath");

        protected override void ProcessRecord()
        {
            var options = new GraphConnectionOptions
            {
                AuthMode = (GraphAuthMode)Enum.Parse(typeof(GraphAuthMode), ParameterSetName),
                TenantId = TenantId,
                ClientId = ClientId,
                CertificateThumbprint = CertificateThumbprint,
                CertificatePath = CertificatePath == null ? null : RequireInputFile(CertificatePath, nameof(CertificatePath), CertificateNotFound),
                CertificatePassword = CertificatePassword,
                ClientSecret = ClientSecret,
                AccessToken = AccessToken,
                Environment = (GraphEnvironment)Enum.Parse(typeof(GraphEnvironment), Environment, ignoreCase: true),
                GraphEndpoint = GraphEndpoint,
            };
            var scope = SessionScope;
            var session = RunEngine("Connecting to Microsoft Graph", (reporter, token) => GraphConnector.ConnectAsync(options, reporter, token));
            GraphSessions.Set(scope, session);
            WriteObject(session.Info);
        }
    }
}
