using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace SocialToolkit.Core.Analytics
{
    /// <summary>
    /// Stable pseudonyms for individual rows: a keyed hash (HMAC-SHA256) of the user principal name. The same store key
    /// gives the same pseudonym in every report, so rows can be followed over time; without the key a pseudonym cannot
    /// be turned back into a person by hashing guessed names.
    /// </summary>
    public sealed class Pseudonymiser : IDisposable
    {
        private const string Hex = "0123456789ABCDEF";

        /// <summary>One keyed hash per thread: <see cref="For"/> may be called from several threads at once.</summary>
        private readonly ThreadLocal<HMACSHA256> hmac;

        public Pseudonymiser(byte[] key)
        {
            if (key == null || key.Length < 16)
            {
                throw new ArgumentException("A pseudonym key needs at least 16 bytes.", nameof(key));
            }

            var copy = (byte[])key.Clone();
            hmac = new ThreadLocal<HMACSHA256>(() => new HMACSHA256(copy), trackAllValues: true);
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
            var hash = hmac.Value!.ComputeHash(Encoding.UTF8.GetBytes(userPrincipalName.Trim().ToLowerInvariant()));
            var text = new char[14];
            text[0] = 'P';
            text[1] = '-';
            for (var i = 0; i < 6; i++)
            {
                text[2 + 2 * i] = Hex[hash[i] >> 4];
                text[3 + 2 * i] = Hex[hash[i] & 15];
            }

            return new string(text);
        }

        public void Dispose()
        {
            foreach (var instance in hmac.Values)
            {
                instance.Dispose();
            }

            hmac.Dispose();
        }
    }
}
