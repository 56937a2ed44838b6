using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace SocialToolkit.Graph.Connection
{
    /// <summary>
    /// The few claims of a Graph access token the toolkit reports (tenant, permissions, expiry). The token is
    /// decoded, not validated: Graph validates it; this only tells the admin what the session may do.
    /// </summary>
    internal sealed class AccessTokenClaims
    {
        public string? TenantId { get; private set; }

        public IReadOnlyList<string> Permissions { get; private set; } = Array.Empty<string>();

        public bool IsDelegated { get; private set; }

        public DateTimeOffset? ExpiresOn { get; private set; }

        /// <summary>Reads the payload of a JWT; returns null when the token is not a JWT (opaque tokens exist).</summary>
        public static AccessTokenClaims? TryRead(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            try
            {
                using var payload = JsonDocument.Parse(DecodeBase64Url(parts[1]));
                var root = payload.RootElement;
                var claims = new AccessTokenClaims();
                if (root.TryGetProperty("tid", out var tid) && tid.ValueKind == JsonValueKind.String)
                {
                    claims.TenantId = tid.GetString();
                }

                if (root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
                {
                    claims.Permissions = roles.EnumerateArray().Select(r => r.GetString() ?? string.Empty).Where(r => r.Length > 0).OrderBy(r => r, StringComparer.Ordinal).ToArray();
                }
                else if (root.TryGetProperty("scp", out var scopes) && scopes.ValueKind == JsonValueKind.String)
                {
                    claims.IsDelegated = true;
                    claims.Permissions = (scopes.GetString() ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).OrderBy(r => r, StringComparer.Ordinal).ToArray();
                }

                if (root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number)
                {
                    claims.ExpiresOn = DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64());
                }

                return claims;
            }
            catch (Exception e) when (e is JsonException || e is FormatException || e is ArgumentException)
            {
                return null;
            }
        }

        private static byte[] DecodeBase64Url(string segment)
        {
            var base64 = segment.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return Convert.FromBase64String(base64);
        }
    }
}
