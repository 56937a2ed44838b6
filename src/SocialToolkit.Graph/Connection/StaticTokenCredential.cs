using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace SocialToolkit.Graph.Connection
{
    /// <summary>A credential over a token the caller already has (-AccessToken). It cannot refresh.</summary>
    internal sealed class StaticTokenCredential : TokenCredential
    {
        private readonly AccessToken token;

        public StaticTokenCredential(string accessToken, DateTimeOffset expiresOn)
        {
            token = new AccessToken(accessToken, expiresOn);
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => token;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new ValueTask<AccessToken>(token);
    }
}
