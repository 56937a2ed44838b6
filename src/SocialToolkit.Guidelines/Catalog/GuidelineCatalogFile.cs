using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SocialToolkit.Core.Files;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Guidelines.Catalog
{
    /// <summary>Reads and writes catalog files. Errors name the file, and the line and position for JSON syntax.</summary>
    public static class GuidelineCatalogFile
    {
        private static readonly JsonSerializerOptions ReadOptions = new JsonSerializerOptions
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            RespectNullableAnnotations = true,
        };

        // Relaxed escaping keeps accents and HTML readable for the people who review catalog diffs; the file is
        // data, never pasted into a page as script.
        private static readonly JsonSerializerOptions WriteOptions = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        };

        public static GuidelineCatalog Load(string path)
        {
            if (!File.Exists(path))
            {
                throw new SocialToolkitException("GuidelineCatalogNotFound", FailureKind.NotFound, $"The guideline catalog '{path}' does not exist.", path);
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SocialToolkitException("GuidelineCatalogUnreadable", FailureKind.InvalidData, $"The guideline catalog '{path}' cannot be read: {e.Message}", path, e);
            }

            return Parse(bytes, path);
        }

        /// <summary>Parses catalog JSON; <paramref name="source"/> names it in errors.</summary>
        public static GuidelineCatalog Parse(byte[] utf8Json, string source)
        {
            try
            {
                var span = new ReadOnlySpan<byte>(utf8Json);
                if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF)
                {
                    span = span.Slice(3);
                }

                return JsonSerializer.Deserialize<GuidelineCatalog>(span, ReadOptions)
                    ?? throw new SocialToolkitException("GuidelineCatalogInvalid", FailureKind.InvalidData, $"The guideline catalog '{source}' is empty (null).", source);
            }
            catch (JsonException e)
            {
                throw new SocialToolkitException("GuidelineCatalogInvalid", FailureKind.InvalidData, $"The guideline catalog '{source}' is not valid: {Describe(e)}", source, e);
            }
        }

        /// <summary>The catalog as the JSON written to disk (UTF-8, no byte-order mark).</summary>
        public static byte[] Serialize(GuidelineCatalog catalog) =>
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(InLanguageOrder(catalog), WriteOptions) + "\n");

        /// <summary>Writes the catalog through the toolkit's one output-file path (checked, temporary file, moved into place).</summary>
        public static void Save(GuidelineCatalog catalog, string path, bool overwrite)
        {
            using var file = Prepare(path, overwrite);
            Save(catalog, file);
        }

        /// <summary>Checks a catalog file to write (-OutputPath): any name, not owner-only (a catalog holds no personal data).</summary>
        public static OutputFile Prepare(string path, bool overwrite) => OutputFile.Prepare(path, overwrite, ownerOnly: false, "-OutputPath");

        /// <summary>Writes the catalog to a prepared file.</summary>
        public static void Save(GuidelineCatalog catalog, OutputFile file)
        {
            var content = Serialize(catalog);
            var temporary = file.NewTemporary();
            file.Write(() =>
            {
                using var stream = file.Create(temporary);
                stream.Write(content, 0, content.Length);
            });
            file.Commit(temporary);
        }

        private static string Describe(JsonException e)
        {
            // System.Text.Json numbers lines and bytes from 0; people and editors count from 1.
            var where = new List<string>();
            if (e.LineNumber != null)
            {
                where.Add("line " + (e.LineNumber.Value + 1).ToString(CultureInfo.InvariantCulture));
            }

            if (e.BytePositionInLine != null)
            {
                where.Add("position " + (e.BytePositionInLine.Value + 1).ToString(CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrEmpty(e.Path) && e.Path != "$")
            {
                where.Add("at " + e.Path);
            }

            // The serializer appends its own "Path: … | LineNumber: …" suffix; the location is given above instead.
            var message = e.Message;
            var suffix = message.IndexOf(" Path: ", StringComparison.Ordinal);
            if (suffix > 0)
            {
                message = message.Substring(0, suffix);
            }

            return where.Count == 0 ? message : string.Join(", ", where) + ": " + message;
        }

        private static GuidelineCatalog InLanguageOrder(GuidelineCatalog catalog)
        {
            Dictionary<string, string> Order(Dictionary<string, string> texts)
            {
                var ordered = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var language in catalog.Languages.Where(texts.ContainsKey))
                {
                    ordered[language] = texts[language];
                }

                foreach (var pair in texts.Where(p => !ordered.ContainsKey(p.Key)))
                {
                    ordered[pair.Key] = pair.Value;
                }

                return ordered;
            }

            return new GuidelineCatalog
            {
                Schema = catalog.Schema,
                SchemaVersion = catalog.SchemaVersion,
                CatalogVersion = catalog.CatalogVersion,
                DefaultLanguage = catalog.DefaultLanguage,
                Languages = catalog.Languages.ToList(),
                Placeholders = catalog.Placeholders.Select(p => new GuidelinePlaceholder { Name = p.Name, Label = Order(p.Label), Example = p.Example, Value = p.Value }).ToList(),
                Categories = catalog.Categories.Select(c => new GuidelineCategory { Id = c.Id, Title = Order(c.Title) }).ToList(),
                Snippets = catalog.Snippets.Select(s => new GuidelineSnippet { Id = s.Id, Category = s.Category, Tags = s.Tags.ToList(), Title = Order(s.Title), Body = Order(s.Body) }).ToList(),
            };
        }
    }
}
