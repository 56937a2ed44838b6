using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Imports
{
    /// <summary>A field an import needs, the header names it is found under by default, and whether it must be there.</summary>
    internal sealed class ImportField
    {
        public ImportField(string name, bool required, params string[] aliases)
        {
            Name = name;
            Required = required;
            Aliases = aliases;
            MaxLength = ImportLimits.MaxTextLength;
        }

        /// <summary>The longest value accepted (see <see cref="ImportLimits"/>).</summary>
        public int MaxLength { get; private set; }

        /// <summary>This field names a person: it may be as long as an address.</summary>
        public ImportField Identifier()
        {
            MaxLength = ImportLimits.MaxIdentifierLength;
            return this;
        }

        public string Name { get; }

        public bool Required { get; }

        public IReadOnlyList<string> Aliases { get; }

        /// <summary>
        /// The column that names the person, found under the headers exports commonly give it, plus
        /// <paramref name="moreAliases"/> particular to one kind of file.
        /// </summary>
        public static ImportField Person(params string[] moreAliases) =>
            new ImportField("UserPrincipalName", true, new[]
            {
                "UPN", "Email", "Mail", "EmailAddress", "E-mail", "User", "UserName", "Login",
                "Courriel", "Adresse e-mail", "Adresse mail", "Adresse électronique", "Mail professionnel", "Email professionnel", "Identifiant", "Utilisateur",
            }.Concat(moreAliases).ToArray()).Identifier();
    }

    /// <summary>Which column of the file holds each field: the user's -ColumnMap first, then the default names.</summary>
    internal sealed class ColumnMapping
    {
        private readonly Dictionary<string, int> columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly IReadOnlyList<string> headers;
        private IReadOnlyList<ImportField> fields = Array.Empty<ImportField>();

        private ColumnMapping(IReadOnlyList<string> headers)
        {
            this.headers = headers;
        }

        /// <summary>Turns a -ColumnMap hashtable into field → header pairs, refusing keys that are not fields.</summary>
        public static IDictionary<string, string> FromHashtable(IDictionary? map, IReadOnlyList<ImportField> fields)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (map == null)
            {
                return result;
            }

            foreach (DictionaryEntry entry in map)
            {
                var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                var field = fields.FirstOrDefault(f => string.Equals(f.Name, key.Trim(), StringComparison.OrdinalIgnoreCase));
                if (field == null)
                {
                    throw new SocialToolkitException("InvalidColumnMap", FailureKind.InvalidArgument, $"-ColumnMap: '{key}' is not a field of this import. Fields: {string.Join(", ", fields.Select(f => f.Name))}. Map each field to a header of the file, e.g. @{{ UserPrincipalName = 'Email' }}.", "ColumnMap");
                }

                var header = Convert.ToString(entry.Value, System.Globalization.CultureInfo.InvariantCulture);
                if (string.IsNullOrWhiteSpace(header))
                {
                    throw new SocialToolkitException("InvalidColumnMap", FailureKind.InvalidArgument, $"-ColumnMap: the header for '{field.Name}' is empty.", "ColumnMap");
                }

                result[field.Name] = header!.Trim();
            }

            return result;
        }

        public static ColumnMapping Resolve(TabularData data, IReadOnlyList<ImportField> fields, IDictionary<string, string> userMap)
        {
            var mapping = new ColumnMapping(data.Headers) { fields = fields };
            var missing = new List<string>();
            foreach (var field in fields)
            {
                if (userMap.TryGetValue(field.Name, out var mapped))
                {
                    var index = FindHeader(data.Headers, mapped, exactOnly: true);
                    if (index < 0)
                    {
                        missing.Add($"no column '{mapped}' for {field.Name} (from -ColumnMap)");
                        continue;
                    }

                    mapping.columns[field.Name] = index;
                    continue;
                }

                var found = -1;
                foreach (var name in new[] { field.Name }.Concat(field.Aliases))
                {
                    found = FindHeader(data.Headers, name, exactOnly: false);
                    if (found >= 0)
                    {
                        break;
                    }
                }

                if (found >= 0)
                {
                    mapping.columns[field.Name] = found;
                }
                else if (field.Required)
                {
                    var lookedFor = string.Join(", ", new[] { field.Name }.Concat(field.Aliases).Select(n => "'" + n + "'"));
                    missing.Add($"no column for {field.Name} (looked for {lookedFor})");
                }
            }

            if (missing.Count > 0)
            {
                var message = new StringBuilder();
                message.Append(data.Path).Append(": row ").Append(data.HeaderRow).Append(" (header), column ").Append(string.Join("; ", missing)).Append('.');
                message.Append(" Columns found: ").Append(string.Join(", ", data.Headers.Select(h => "'" + h + "'"))).Append('.');
                var hint = DelimiterHint(data);
                if (hint != null)
                {
                    message.Append(' ').Append(hint);
                }
                else
                {
                    message.Append(" Name the columns with -ColumnMap, e.g. @{ UserPrincipalName = 'Email' }.");
                }

                throw new SocialToolkitException("ImportMissingColumn", FailureKind.InvalidData, message.ToString(), data.Path);
            }

            return mapping;
        }

        public bool Has(string field) => columns.ContainsKey(field);

        /// <summary>Adds a problem for each mapped value of the row longer than its field allows.</summary>
        internal void CheckLengths(RawRow row, ImportProblems problems)
        {
            foreach (var field in fields)
            {
                if (columns.TryGetValue(field.Name, out var index))
                {
                    var text = row[index].Text;
                    if (text.Length > field.MaxLength)
                    {
                        problems.Add("ImportValueTooLong", row.Number, Describe(field.Name), $"the value is {text.Length} characters long; {field.Name} takes at most {field.MaxLength}.");
                    }
                }
            }
        }

        public int IndexOf(string field) => columns[field];

        /// <summary>The column as the user knows it: "'Completion date' (CompletedDate)", or "'CompletedDate'".</summary>
        public string Describe(string field)
        {
            var header = headers[columns[field]];
            return string.Equals(header, field, StringComparison.OrdinalIgnoreCase) ? $"'{header}'" : $"'{header}' ({field})";
        }

        public RawCell Cell(RawRow row, string field) => columns.TryGetValue(field, out var index) ? row[index] : new RawCell(string.Empty);

        private static int FindHeader(IReadOnlyList<string> headers, string name, bool exactOnly)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                if (string.Equals(headers[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            if (exactOnly)
            {
                return -1;
            }

            // "User Principal Name", "user_principal_name" and "UserPrincipalName" are the same column.
            var wanted = Normalise(name);
            for (var i = 0; i < headers.Count; i++)
            {
                if (Normalise(headers[i]) == wanted)
                {
                    return i;
                }
            }

            return -1;
        }

        internal static string Normalise(string header)
        {
            var builder = new StringBuilder(header.Length);
            foreach (var c in header)
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        /// <summary>When the whole header landed in one column, the file most likely uses another delimiter.</summary>
        private static string? DelimiterHint(TabularData data)
        {
            if (data.Delimiter == null || data.Headers.Count != 1)
            {
                return null;
            }

            foreach (var candidate in new[] { ';', ',', '\t', '|' })
            {
                if (candidate != data.Delimiter && data.Headers[0].IndexOf(candidate) >= 0)
                {
                    var name = candidate == '\t' ? "a tab" : "'" + candidate + "'";
                    var used = data.Delimiter == '\t' ? "a tab" : "'" + data.Delimiter + "'";
                    return $"The whole header is one column: the file seems to be separated by {name}, not {used}. Give -Delimiter '{(candidate == '\t' ? "`t" : candidate.ToString())}' or leave -Delimiter out to detect it.";
                }
            }

            return null;
        }
    }
}
