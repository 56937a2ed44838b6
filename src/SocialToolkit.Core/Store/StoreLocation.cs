using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Core.Store
{
    /// <summary>
    /// Where a store lives: an SQLite file (one admin, one machine) or a PostgreSQL database that a whole
    /// organisation shares. The connection string, password included, is only ever handed to the driver; everything
    /// shown to people (messages, output objects, logs) uses <see cref="Display"/>, which carries no secret.
    /// </summary>
    public sealed class StoreLocation
    {
        private static readonly string[] UriSchemes = { "postgresql://", "postgres://" };

        /// <summary>URI query parameters (libpq's names) and the connection-string keyword each becomes.</summary>
        private static readonly Dictionary<string, string> UriParameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["sslmode"] = "SSL Mode",
            ["sslrootcert"] = "Root Certificate",
            ["sslcert"] = "SSL Certificate",
            ["sslkey"] = "SSL Key",
            ["sslpassword"] = "SSL Password",
            ["application_name"] = "Application Name",
            ["connect_timeout"] = "Timeout",
            ["command_timeout"] = "Command Timeout",
            ["target_session_attrs"] = "Target Session Attributes",
            ["options"] = "Options",
            ["user"] = "Username",
            ["password"] = "Password",
            ["dbname"] = "Database",
            ["host"] = "Host",
            ["port"] = "Port",
        };

        // A field, not a property: PowerShell's formatting and ConvertTo-Json show properties, and this holds the password.
        private readonly string? connectionString;

        private StoreLocation(string? filePath, string? connectionString, string display)
        {
            FilePath = filePath;
            this.connectionString = connectionString;
            Display = display;
        }

        /// <summary>The store file's full path; null for a server store.</summary>
        public string? FilePath { get; }

        /// <summary>
        /// The keyword=value connection string of a server store, secrets included: give it only to the driver. A method
        /// rather than a property so that no object display or serialisation ever shows it.
        /// </summary>
        public string? GetConnectionString() => connectionString;

        /// <summary>What to show: the file's full path, or <c>postgresql://user@host:port/database</c> without any secret.</summary>
        public string Display { get; }

        public bool IsServer => connectionString != null;

        /// <summary>True for a store file that does not exist yet (a server store is never "missing" before it is asked).</summary>
        public bool IsMissingFile => !IsServer && !System.IO.File.Exists(FilePath);

        /// <summary>A store file; relative paths are taken from the process's current folder.</summary>
        public static StoreLocation File(string path)
        {
            var fullPath = Path.GetFullPath(path);
            return new StoreLocation(fullPath, null, fullPath);
        }

        /// <summary>
        /// A PostgreSQL store from a connection string (<c>Host=...;Database=...</c>) or a <c>postgresql://</c> URI.
        /// </summary>
        public static StoreLocation Server(string connection)
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw Invalid("the connection string is empty");
            }

            var builder = IsUri(connection) ? FromUri(connection.Trim()) : FromKeywords(connection);
            if (!Has(builder, "Host", "Server"))
            {
                throw Invalid("it names no host (Host=...)");
            }

            if (!Has(builder, "Database", "DB"))
            {
                throw Invalid("it names no database (Database=...)");
            }

            return new StoreLocation(null, builder.ConnectionString, Describe(builder));
        }

        /// <summary>A connection string or <c>postgresql://</c> URI becomes a server store; anything else is a file path.</summary>
        public static StoreLocation Parse(string pathOrConnection) =>
            LooksLikeServer(pathOrConnection) ? Server(pathOrConnection) : File(pathOrConnection);

        /// <summary>True for a <c>postgresql://</c> URI or a keyword connection string naming a host.</summary>
        public static bool LooksLikeServer(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            if (IsUri(text!))
            {
                return true;
            }

            // "Host=db;Database=x": a file name holds no '=' followed by a host keyword at the start of a segment.
            return text!.Split(';').Any(part =>
            {
                var equals = part.IndexOf('=');
                if (equals <= 0)
                {
                    return false;
                }

                var key = part.Substring(0, equals).Trim();
                return key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase);
            });
        }

        public static implicit operator StoreLocation(string pathOrConnection) => Parse(pathOrConnection);

        /// <summary>The same server store signed in as <paramref name="userName"/> with <paramref name="password"/> (from -Credential).</summary>
        public StoreLocation WithCredential(string userName, string password)
        {
            if (!IsServer)
            {
                throw new SocialToolkitException("CredentialNeedsServer", FailureKind.InvalidArgument, "-Credential signs in to a PostgreSQL store; a store file has no sign-in. Give -StoreConnection, or leave -Credential out.", "Credential");
            }

            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            Remove(builder, "Username", "User Id", "User Name", "UserId", "User", "Password", "PWD");
            builder["Username"] = userName;
            builder["Password"] = password;
            return new StoreLocation(null, builder.ConnectionString, Describe(builder));
        }

        /// <summary>
        /// <paramref name="text"/> with this store's passwords replaced by ***: for messages that quote what a driver
        /// or a server said, which this module does not control.
        /// </summary>
        public string Redact(string text)
        {
            if (!IsServer || string.IsNullOrEmpty(text))
            {
                return text;
            }

            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "Password", "PWD", "SSL Password" })
            {
                if (builder.TryGetValue(key, out var value) && value is string secret && secret.Length > 0)
                {
                    text = text.Replace(secret, "***");
                }
            }

            return text;
        }

        public override string ToString() => Display;

        private static bool IsUri(string text) =>
            UriSchemes.Any(scheme => text.TrimStart().StartsWith(scheme, StringComparison.OrdinalIgnoreCase));

        private static DbConnectionStringBuilder FromKeywords(string connection)
        {
            try
            {
                return new DbConnectionStringBuilder { ConnectionString = connection };
            }
            catch (ArgumentException)
            {
                // The driver's message would quote the string, password and all.
                throw Invalid("it is not a keyword=value list separated by ';'");
            }
        }

        /// <summary>postgresql://[user[:password]@][host][:port][/database][?parameter=value&amp;...] (libpq's form).</summary>
        private static DbConnectionStringBuilder FromUri(string uri)
        {
            var builder = new DbConnectionStringBuilder();
            var rest = uri.Substring(uri.IndexOf("://", StringComparison.Ordinal) + 3);
            var query = string.Empty;
            var questionMark = rest.IndexOf('?');
            if (questionMark >= 0)
            {
                query = rest.Substring(questionMark + 1);
                rest = rest.Substring(0, questionMark);
            }

            var slash = rest.IndexOf('/');
            var authority = slash >= 0 ? rest.Substring(0, slash) : rest;
            if (slash >= 0 && slash < rest.Length - 1)
            {
                builder["Database"] = Decode(rest.Substring(slash + 1));
            }

            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                var userInfo = authority.Substring(0, at);
                authority = authority.Substring(at + 1);
                var colon = userInfo.IndexOf(':');
                builder["Username"] = Decode(colon >= 0 ? userInfo.Substring(0, colon) : userInfo);
                if (colon >= 0)
                {
                    builder["Password"] = Decode(userInfo.Substring(colon + 1));
                }
            }

            var hosts = new List<string>();
            var port = (string?)null;
            foreach (var entry in authority.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var (host, entryPort) = SplitHostPort(entry);
                hosts.Add(host);
                port = entryPort ?? port;
            }

            if (hosts.Count > 0)
            {
                builder["Host"] = string.Join(",", hosts);
            }

            if (port != null)
            {
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    throw Invalid($"its port '{port}' is not a number");
                }

                builder["Port"] = port;
            }

            foreach (var pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var name = Decode(equals >= 0 ? pair.Substring(0, equals) : pair);
                var value = equals >= 0 ? Decode(pair.Substring(equals + 1)) : string.Empty;
                if (!UriParameters.TryGetValue(name, out var keyword))
                {
                    throw Invalid($"its parameter '{name}' is not one this module passes on ({string.Join(", ", UriParameters.Keys.OrderBy(k => k, StringComparer.Ordinal))})");
                }

                builder[keyword] = value;
            }

            return builder;
        }

        private static (string Host, string? Port) SplitHostPort(string entry)
        {
            if (entry.StartsWith("[", StringComparison.Ordinal))
            {
                // [IPv6]:port
                var close = entry.IndexOf(']');
                var host = entry.Substring(1, close - 1);
                return (host, close + 1 < entry.Length && entry[close + 1] == ':' ? entry.Substring(close + 2) : null);
            }

            var colon = entry.LastIndexOf(':');
            return colon >= 0 ? (Decode(entry.Substring(0, colon)), entry.Substring(colon + 1)) : (Decode(entry), null);
        }

        private static string Decode(string text) => Uri.UnescapeDataString(text);

        private static bool Has(DbConnectionStringBuilder builder, params string[] keys) =>
            keys.Any(key => builder.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(Convert.ToString(value, CultureInfo.InvariantCulture)));

        private static string? Value(DbConnectionStringBuilder builder, params string[] keys)
        {
            foreach (var key in keys)
            {
                if (builder.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(Convert.ToString(value, CultureInfo.InvariantCulture)))
                {
                    return Convert.ToString(value, CultureInfo.InvariantCulture);
                }
            }

            return null;
        }

        private static void Remove(DbConnectionStringBuilder builder, params string[] keys)
        {
            foreach (var key in keys)
            {
                builder.Remove(key);
            }
        }

        private static string Describe(DbConnectionStringBuilder builder)
        {
            var text = new StringBuilder("postgresql://");
            var user = Value(builder, "Username", "User Id", "User Name", "UserId", "User");
            if (user != null)
            {
                text.Append(Uri.EscapeDataString(user)).Append('@');
            }

            text.Append(Value(builder, "Host", "Server"));
            var port = Value(builder, "Port");
            if (port != null)
            {
                text.Append(':').Append(port);
            }

            text.Append('/').Append(Uri.EscapeDataString(Value(builder, "Database", "DB") ?? string.Empty));
            return text.ToString();
        }

        private static SocialToolkitException Invalid(string why) =>
            new SocialToolkitException("StoreConnectionInvalid", FailureKind.InvalidArgument,
                $"The store connection cannot be used: {why}. Give a connection string such as 'Host=db.example.org;Database=socialtoolkit;Username=hr_anna' or a URI such as 'postgresql://hr_anna@db.example.org/socialtoolkit'.",
                "StoreConnection");
    }
}
