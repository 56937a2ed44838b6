using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Connection
{
    /// <summary>Signs in with one of the supported modes and proves the session with one cheap call.</summary>
    public static class GraphConnector
    {
        public static async Task<GraphSession> ConnectAsync(GraphConnectionOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var endpoint = options.GraphEndpoint == null ? GraphCloud.GraphRoot(options.Environment) : GraphCloud.VersionedEndpoint(options.GraphEndpoint);
            if (endpoint.Scheme != Uri.UriSchemeHttps && !endpoint.IsLoopback)
            {
                throw new SocialToolkitException("GraphEndpointNotHttps", FailureKind.InvalidArgument, $"-GraphEndpoint must use https (loopback test servers excepted): {endpoint}", "GraphEndpoint");
            }

            var credential = CreateCredential(options, reporter);
            var scopes = options.AuthMode == GraphAuthMode.DeviceCode ? GraphCloud.DelegatedScopes(options.Environment) : new[] { GraphCloud.DefaultScope(options.Environment) };

            // The provider only attaches the token to hosts it is told about; a proxy or test endpoint must be
            // listed or Graph calls would go out without an Authorization header.
            var allowedHosts = new[] { endpoint.Host, GraphCloud.GraphRoot(options.Environment).Host }.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var authProvider = new AzureIdentityAuthenticationProvider(credential, allowedHosts, null, true, scopes);

            var handlers = GraphClientFactory.CreateDefaultHandlers();
            var finalHandler = options.InnerHandlerFactory?.Invoke() ?? new HttpClientHandler { AllowAutoRedirect = false };
            var httpClient = GraphClientFactory.Create(handlers, "v1.0", GraphClientFactory.Global_Cloud, null, finalHandler);
            var client = new GraphServiceClient(httpClient, authProvider, endpoint.ToString().TrimEnd('/'));

            reporter.Progress("Connecting to Microsoft Graph", $"Signing in ({options.AuthMode}) to {endpoint.Host}");
            AccessTokenClaims? claims;
            try
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext(scopes), cancellationToken).ConfigureAwait(false);
                claims = AccessTokenClaims.TryRead(token.Token);
            }
            catch (Exception e)
            {
                client.Dispose();
                throw GraphFailures.Translate(e, "signing in");
            }

            var info = new ConnectionInfo
            {
                TenantId = claims?.TenantId ?? options.TenantId ?? string.Empty,
                ClientId = options.ClientId,
                AuthMode = options.AuthMode.ToString(),
                Environment = options.Environment.ToString(),
                GraphEndpoint = endpoint,
                Permissions = claims?.Permissions ?? Array.Empty<string>(),
                IsDelegated = claims?.IsDelegated ?? options.AuthMode == GraphAuthMode.DeviceCode,
                ConnectedAt = DateTimeOffset.UtcNow,
            };

            reporter.Progress("Connecting to Microsoft Graph", "Checking the session with GET /organization");
            try
            {
                var organisation = await client.Organization.GetAsync(request => request.QueryParameters.Select = new[] { "id", "displayName" }, cancellationToken).ConfigureAwait(false);
                var first = organisation?.Value?.FirstOrDefault();
                if (first != null)
                {
                    info.TenantId = first.Id ?? info.TenantId;
                    info.TenantName = first.DisplayName;
                }
            }
            catch (Exception e)
            {
                var failure = GraphFailures.Translate(e, "checking the session");
                if (failure is SocialToolkitException known && known.Kind == FailureKind.PermissionDenied)
                {
                    // Signed in, but the app may not read the organisation: the session is still usable.
                    reporter.Warning("Signed in, but the tenant name could not be read (Organization.Read.All is not granted). Other commands may still work.");
                }
                else
                {
                    client.Dispose();
                    throw failure;
                }
            }

            if (claims == null)
            {
                reporter.Verbose("The access token is not a JWT; granted permissions cannot be listed.");
            }

            reporter.Verbose($"Connected to tenant {info.TenantId} with {info.AuthMode}; permissions: {string.Join(", ", info.Permissions)}");
            return new GraphSession(client, info, credential, options);
        }

        private static TokenCredential CreateCredential(GraphConnectionOptions options, IOperationReporter reporter)
        {
            var authority = GraphCloud.Authority(options.Environment);
            switch (options.AuthMode)
            {
                case GraphAuthMode.AccessToken:
                    var token = Reveal(options.AccessToken, "AccessToken");
                    var expiry = AccessTokenClaims.TryRead(token)?.ExpiresOn ?? DateTimeOffset.UtcNow.AddHours(1);
                    return new StaticTokenCredential(token, expiry);
                case GraphAuthMode.ClientSecret:
                    return new ClientSecretCredential(Require(options.TenantId, "TenantId"), Require(options.ClientId, "ClientId"), Reveal(options.ClientSecret, "ClientSecret"), new ClientSecretCredentialOptions { AuthorityHost = authority });
                case GraphAuthMode.CertificateThumbprint:
                    return new ClientCertificateCredential(Require(options.TenantId, "TenantId"), Require(options.ClientId, "ClientId"), options.Certificate ?? FindCertificate(Require(options.CertificateThumbprint, "CertificateThumbprint")), new ClientCertificateCredentialOptions { AuthorityHost = authority });
                case GraphAuthMode.CertificateFile:
                    return new ClientCertificateCredential(Require(options.TenantId, "TenantId"), Require(options.ClientId, "ClientId"), options.Certificate ?? LoadCertificate(Require(options.CertificatePath, "CertificatePath"), options.CertificatePassword), new ClientCertificateCredentialOptions { AuthorityHost = authority });
                case GraphAuthMode.DeviceCode:
                    return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                    {
                        TenantId = Require(options.TenantId, "TenantId"),
                        ClientId = Require(options.ClientId, "ClientId"),
                        AuthorityHost = authority,
                        DeviceCodeCallback = (code, _) =>
                        {
                            reporter.Notice(code.Message);
                            return Task.CompletedTask;
                        },
                    });
                case GraphAuthMode.ManagedIdentity:
                    return string.IsNullOrEmpty(options.ClientId)
                        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
                default:
                    throw new SocialToolkitException("UnknownAuthMode", FailureKind.InvalidArgument, $"Unknown authentication mode {options.AuthMode}.");
            }
        }

        private static string Require(string? value, string parameter) =>
            string.IsNullOrWhiteSpace(value)
                ? throw new SocialToolkitException("MissingParameter", FailureKind.InvalidArgument, $"-{parameter} is required for this sign-in mode.", parameter)
                : value!;

        private static string Reveal(SecureString? secret, string parameter)
        {
            if (secret == null || secret.Length == 0)
            {
                throw new SocialToolkitException("MissingParameter", FailureKind.InvalidArgument, $"-{parameter} is required and must not be empty.", parameter);
            }

            return new NetworkCredential(string.Empty, secret).Password;
        }

        private static X509Certificate2 FindCertificate(string thumbprint)
        {
            var wanted = thumbprint.Replace(" ", string.Empty).ToUpperInvariant();
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                try
                {
                    using var store = new X509Store(StoreName.My, location);
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, false);
                    if (found.Count > 0)
                    {
                        return found[0];
                    }
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // The store does not exist for this user or on this platform; try the next one.
                }
            }

            throw new SocialToolkitException("CertificateNotFound", FailureKind.NotFound, $"No certificate with thumbprint {wanted} in the CurrentUser or LocalMachine 'My' store.", "CertificateThumbprint");
        }

        private static X509Certificate2 LoadCertificate(string path, SecureString? password)
        {
            if (!System.IO.File.Exists(path))
            {
                throw new SocialToolkitException("CertificateFileNotFound", FailureKind.NotFound, $"Certificate file not found: {path}", "CertificatePath");
            }

            try
            {
                var revealed = password == null ? null : new NetworkCredential(string.Empty, password).Password;
                return new X509Certificate2(path, revealed, X509KeyStorageFlags.DefaultKeySet);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new SocialToolkitException("CertificateUnreadable", FailureKind.InvalidData, $"The certificate file {path} could not be read (wrong password, or no private key): {e.Message}", "CertificatePath", e);
            }
        }
    }
}
