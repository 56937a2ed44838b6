using System;
using System.Collections.Generic;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Graph.Reading
{
    /// <summary>
    /// Checks each @odata.nextLink / @odata.deltaLink before it is followed. The SDK sends the bearer token to any
    /// URL on an allowed host, so a link to another scheme or port of the same host would receive it, and a link
    /// that repeats itself would be followed forever. Only links to the endpoint's own scheme, host and port are
    /// followed, and never the same one twice.
    /// </summary>
    internal sealed class NextLinkGuard
    {
        private readonly Uri endpoint;
        private readonly string operation;
        private readonly HashSet<string> followed = new HashSet<string>(StringComparer.Ordinal);

        public NextLinkGuard(Uri endpoint, string operation)
        {
            this.endpoint = endpoint;
            this.operation = operation;
        }

        /// <summary>The link if it may be followed; throws GraphLinkRefused or GraphLinkRepeated otherwise.</summary>
        public string Check(string link)
        {
            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri)
                || !string.Equals(uri.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(uri.Host, endpoint.Host, StringComparison.OrdinalIgnoreCase)
                || uri.Port != endpoint.Port
                || !uri.AbsolutePath.StartsWith(endpoint.AbsolutePath.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
            {
                throw new SocialToolkitException(
                    "GraphLinkRefused",
                    FailureKind.InvalidData,
                    $"Microsoft Graph's answer while {operation} points the next page to {Describe(uri, link)}, outside {endpoint.GetLeftPart(UriPartial.Path)}; the link was not followed (the access token would have gone with it).",
                    Describe(uri, link));
            }

            if (!followed.Add(uri.AbsoluteUri))
            {
                throw new SocialToolkitException(
                    "GraphLinkRepeated",
                    FailureKind.InvalidData,
                    $"Microsoft Graph's answer while {operation} points the next page to a page already read ({Describe(uri, link)}); stopped after {followed.Count} page(s) instead of reading the same pages forever.",
                    Describe(uri, link));
            }

            return link;
        }

        /// <summary>The link without its query (skip and delta tokens), for messages.</summary>
        internal static string Describe(Uri? uri, string link) => uri == null ? "an invalid address" : uri.GetLeftPart(UriPartial.Path);
    }
}
