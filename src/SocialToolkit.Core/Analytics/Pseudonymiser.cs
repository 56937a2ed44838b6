using System;
using System.Security.Cryptography;
using System.Text;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// Stable pseudonyms for individual rows: a keyed hash (HMAC-SHA256) of the user principal name. The same store key
    /// gives the same pseudonym in every report, so rows can be followed over time; without the key a pseudonym cannot
    /// be turned back into a person by hashing guessed names.
    /// </summary>
    public sealed class Pseudonymiser : IDisposable
    {
        private readonly HMACSHA256 hmac;

        public Pseudonymiser(byte[] key)
        {
            if (key == null || key.Length < 16)
            {
                throw new ArgumentException("A pseudonym key needs at least 16 bytes.", nameof(key));
            }

            hmac = new HMACSHA256(key);
        }

        /// <summary>Generates a new random key (32 bytes).</summary>
        public static byte[] NewKey()
        {
            var key = new byte[32];
            using var generator = RandomNumberGenerator.Create();
            generator.GetBytes(key);
            return key;
        }

        /// <summary>"P-" and 12 hexadecimal characters (48 bits: collisions are negligible below millions of people).</summary>
        public string For(string userPrincipalName)
        {
            var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(userPrincipalName.Trim().ToLowerInvariant()));
            var text = new StringBuilder("P-", 14);
            for (var i = 0; i < 6; i++)
            {
                text.Append(hash[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }

        public void Dispose() => hmac.Dispose();
    }
}
