using System;
using Azure.Identity;

namespace SocialToolkit.Graph.Connection
{
    /// <summary>Graph roots and sign-in authorities of the national clouds.</summary>
    internal static class GraphCloud
    {
        public static Uri GraphRoot(GraphEnvironment environment) => environment switch
        {
            GraphEnvironment.USGov => new Uri("https://graph.microsoft.us/v1.0"),
            GraphEnvironment.USGovDoD => new Uri("https://dod-graph.microsoft.us/v1.0"),
            GraphEnvironment.China => new Uri("https://microsoftgraph.chinacloudapi.cn/v1.0"),
            _ => new Uri("https://graph.microsoft.com/v1.0"),
        };

        /// <summary>
        /// The endpoint requests are sent to. The Graph SDKs take the service root without a version
        /// (https://graph.microsoft.com); a root with nothing after the host gets the version this module calls.
        /// </summary>
        public static Uri VersionedEndpoint(Uri endpoint) =>
            endpoint.AbsolutePath.Trim('/').Length == 0 ? new Uri(endpoint.GetLeftPart(UriPartial.Authority) + "/" + ApiVersion) : endpoint;

        /// <summary>The Graph API version every request uses.</summary>
        public const string ApiVersion = "v1.0";

        public static Uri Authority(GraphEnvironment environment) => environment switch
        {
            GraphEnvironment.USGov => AzureAuthorityHosts.AzureGovernment,
            GraphEnvironment.USGovDoD => AzureAuthorityHosts.AzureGovernment,
            GraphEnvironment.China => AzureAuthorityHosts.AzureChina,
            _ => AzureAuthorityHosts.AzurePublicCloud,
        };

        /// <summary>The token scope for app-only and managed-identity sign-in: always the cloud's real Graph host,
        /// even when requests go through a proxy endpoint.</summary>
        public static string DefaultScope(GraphEnvironment environment)
        {
            var root = GraphRoot(environment);
            return root.Scheme + "://" + root.Host + "/.default";
        }

        /// <summary>Scopes asked for in a delegated (device code) sign-in.</summary>
        public static string[] DelegatedScopes(GraphEnvironment environment)
        {
            var root = GraphRoot(environment);
            var prefix = root.Scheme + "://" + root.Host + "/";
            return new[]
            {
                prefix + "User.Read.All",
                prefix + "Reports.Read.All",
                prefix + "LearningContent.Read.All",
                prefix + "LearningAssignedCourse.Read.All",
                prefix + "LearningSelfInitiatedCourse.Read.All",
                prefix + "Sites.Read.All",
            };
        }
    }
}
