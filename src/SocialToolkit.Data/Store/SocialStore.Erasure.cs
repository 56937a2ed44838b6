using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Data.Store
{
    /// <summary>
    /// The identifiers of erased people (UPN, mail, directory id) as keyed hashes: enough to recognise the person
    /// when a sync or an import offers them again, not enough to tell who they were without the store's key.
    /// </summary>
    public sealed class ErasureList
    {
        private readonly byte[] key;
        private readonly HashSet<string> hashes;

        internal ErasureList(byte[] key, HashSet<string> hashes)
        {
            this.key = key;
            this.hashes = hashes;
        }

        /// <summary>The list of a store that has erased nobody.</summary>
        public static ErasureList Empty => new ErasureList(Array.Empty<byte>(), new HashSet<string>(StringComparer.Ordinal));

        public int Count => hashes.Count;

        /// <summary>True when the person's UPN, mail or directory id was erased.</summary>
        public bool Contains(Person person) =>
            hashes.Count > 0 && (Contains(person.UserPrincipalName) || Contains(person.Mail) || Contains(person.Id));

        public bool Contains(string? identifier) => hashes.Count > 0 && !string.IsNullOrWhiteSpace(identifier) && hashes.Contains(Hash(key, identifier!));

        /// <summary>HMAC-SHA256 of the trimmed, lower-cased identifier under the store's erasure key.</summary>
        internal static string Hash(byte[] key, string identifier)
        {
            using var hmac = new HMACSHA256(key);
            var digest = hmac.ComputeHash(Encoding.UTF8.GetBytes(identifier.Trim().ToLowerInvariant()));
            var text = new StringBuilder(digest.Length * 2);
            foreach (var b in digest)
            {
                text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return text.ToString();
        }
    }

    public sealed partial class SocialStore
    {
        /// <summary>The metadata entry holding the key of the erasure list's hashes (never shown by Get-SocialStoreInfo).</summary>
        public const string ErasureKeyMetadata = "erasure_key";

        /// <summary>The erasure list, for writes of people.</summary>
        public ErasureList LoadErasureList(DbTransaction? transaction = null)
        {
            var hashes = new HashSet<string>(StringComparer.Ordinal);
            using (var command = Command("SELECT identity_hash FROM erased_identity", transaction))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    hashes.Add(reader.GetString(0));
                }
            }

            var key = hashes.Count == 0 ? Array.Empty<byte>() : ErasureKey(transaction, create: false) ?? Array.Empty<byte>();
            return new ErasureList(key, hashes);
        }

        /// <summary>Puts identifiers on the erasure list, inside the caller's transaction; returns how many were new.</summary>
        public int AddToErasureList(IEnumerable<string> identifiers, DbTransaction transaction)
        {
            var key = ErasureKey(transaction, create: true)!;
            using var insert = Command("INSERT INTO erased_identity (identity_hash, erased_at) VALUES (@hash, @at) ON CONFLICT (identity_hash) DO NOTHING", transaction);
            var hash = insert.Parameters.Add("@hash", DbType.String);
            insert.Parameters.AddWithValue("@at", FormatDate(DateTime.UtcNow.Date));
            var added = 0;
            foreach (var identifier in identifiers)
            {
                if (string.IsNullOrWhiteSpace(identifier))
                {
                    continue;
                }

                hash.Value = ErasureList.Hash(key, identifier);
                added += insert.ExecuteNonQuery();
            }

            return added;
        }

        /// <summary>Takes identifiers off the erasure list (a person erased by mistake may come back); returns how many were listed.</summary>
        public int RemoveFromErasureList(IEnumerable<string> identifiers, DbTransaction transaction)
        {
            var key = ErasureKey(transaction, create: false);
            if (key == null)
            {
                return 0;
            }

            using var delete = Command("DELETE FROM erased_identity WHERE identity_hash = @hash", transaction);
            var hash = delete.Parameters.Add("@hash", DbType.String);
            var removed = 0;
            foreach (var identifier in identifiers)
            {
                hash.Value = ErasureList.Hash(key, identifier);
                removed += delete.ExecuteNonQuery();
            }

            return removed;
        }

        private byte[]? ErasureKey(DbTransaction? transaction, bool create)
        {
            using (var read = Command("SELECT value FROM metadata WHERE key = @key", transaction))
            {
                read.Parameters.AddWithValue("@key", ErasureKeyMetadata);
                if (read.ExecuteScalar() is string existing)
                {
                    return Convert.FromBase64String(existing);
                }
            }

            if (!create)
            {
                return null;
            }

            var key = new byte[32];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(key);
            }

            SetMetadata(ErasureKeyMetadata, Convert.ToBase64String(key), transaction);
            return key;
        }
    }
}
