using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Guidelines.Html;

namespace SocialToolkit.Guidelines.Catalog
{
    /// <summary>
    /// Finds everything wrong with a catalog, all at once, so an editor fixes a file in one pass. The rules
    /// mirror the catalog's JSON Schema (shipped with the add-in) plus what a schema cannot say: unique ids,
    /// known categories, declared placeholders, allowed HTML.
    /// </summary>
    public static class GuidelineCatalogValidator
    {
        public const int MaxIdLength = 80;
        public const int MaxTitleLength = 200;
        public const int MaxTagLength = 40;

        private static readonly Regex IdPattern = new Regex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
        private static readonly Regex LanguagePattern = new Regex("^[a-z]{2,3}$", RegexOptions.CultureInvariant);
        private static readonly Regex PlaceholderNamePattern = new Regex("^[a-z][a-zA-Z0-9]*$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionPattern = new Regex(@"^[0-9]{4}\.[0-9]{1,2}\.[0-9]+$", RegexOptions.CultureInvariant);

        public static bool IsValidId(string? id) => id != null && IdPattern.IsMatch(id);

        public static bool IsValidLanguage(string? language) => language != null && LanguagePattern.IsMatch(language);

        /// <summary>Longest organisation value, as the pane bounds a person's own.</summary>
        public const int MaxPlaceholderValueLength = 200;

        /// <summary>
        /// Why an organisation value cannot be used, or null when it can (null and absent are fine: each person then
        /// gives one). The value is inserted as text, escaped, so any character is harmless; only its shape is checked.
        /// </summary>
        public static string? PlaceholderValueProblem(string? value)
        {
            if (value == null)
            {
                return null;
            }

            if (value.Trim().Length == 0)
            {
                return "is empty; leave it out instead, so that each person is asked for it";
            }

            if (value.Length > MaxPlaceholderValueLength)
            {
                return $"is {Count(value.Length)} characters long; the limit is {Count(MaxPlaceholderValueLength)}";
            }

            if (value.Any(c => c <= '\u001f' || (c >= '\u007f' && c <= '\u009f')))
            {
                return "holds a control character (a line break or a tab)";
            }

            return PlaceholderPattern.IsMatch(value) ? "holds a {{placeholder}} itself" : null;
        }

        private static readonly Regex PlaceholderPattern = new Regex(@"\{\{\s*[a-zA-Z][a-zA-Z0-9]*\s*\}\}", RegexOptions.CultureInvariant);

        private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>Every problem, in file order; empty when the catalog is valid.</summary>
        public static IReadOnlyList<GuidelineCatalogProblem> Validate(GuidelineCatalog catalog, string? source = null) =>
            new Run(catalog, source).Problems();

        private sealed class Run
        {
            private readonly GuidelineCatalog catalog;
            private readonly string? source;
            private readonly List<GuidelineCatalogProblem> problems = new List<GuidelineCatalogProblem>();
            private readonly List<string> languages;
            private readonly HashSet<string> declaredPlaceholders;

            public Run(GuidelineCatalog catalog, string? source)
            {
                this.catalog = catalog;
                this.source = source;
                languages = (catalog.Languages ?? new List<string>()).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal).ToList();
                declaredPlaceholders = new HashSet<string>((catalog.Placeholders ?? new List<GuidelinePlaceholder>()).Where(p => p != null).Select(p => p.Name ?? string.Empty), StringComparer.Ordinal);
            }

            public IReadOnlyList<GuidelineCatalogProblem> Problems()
            {
                CheckHeader();
                CheckPlaceholders();
                var categories = CheckCategories();
                CheckSnippets(categories);
                return problems;
            }

            private void CheckHeader()
            {
                if (!GuidelineCatalog.ReadableSchemaVersions.Contains(catalog.SchemaVersion))
                {
                    Add(GuidelineProblemCode.SchemaVersion, "schemaVersion", $"schemaVersion is {catalog.SchemaVersion.ToString(CultureInfo.InvariantCulture)}; this module reads versions {string.Join(" and ", GuidelineCatalog.ReadableSchemaVersions.Select(v => v.ToString(CultureInfo.InvariantCulture)))}.");
                }

                if (string.IsNullOrWhiteSpace(catalog.CatalogVersion))
                {
                    Add(GuidelineProblemCode.MissingField, "catalogVersion", "The catalog version is missing (year.month.revision, e.g. 2026.11.1).");
                }
                else if (!VersionPattern.IsMatch(catalog.CatalogVersion))
                {
                    Add(GuidelineProblemCode.InvalidVersion, "catalogVersion", $"The catalog version '{catalog.CatalogVersion}' does not read year.month.revision (e.g. 2026.11.1).");
                }

                var listed = catalog.Languages ?? new List<string>();
                if (listed.Count == 0)
                {
                    Add(GuidelineProblemCode.MissingField, "languages", "The catalog lists no language.");
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < listed.Count; i++)
                {
                    var language = listed[i];
                    if (!IsValidLanguage(language))
                    {
                        Add(GuidelineProblemCode.InvalidLanguage, $"languages[{i}]", $"'{language}' is not a language code (two or three lowercase letters, e.g. fr).");
                    }
                    else if (!seen.Add(language))
                    {
                        Add(GuidelineProblemCode.DuplicateId, $"languages[{i}]", $"The language '{language}' is listed twice.");
                    }
                }

                if (string.IsNullOrWhiteSpace(catalog.DefaultLanguage))
                {
                    Add(GuidelineProblemCode.MissingField, "defaultLanguage", "The default language is missing.");
                }
                else if (!languages.Contains(catalog.DefaultLanguage))
                {
                    Add(GuidelineProblemCode.InvalidLanguage, "defaultLanguage", $"The default language '{catalog.DefaultLanguage}' is not in the catalog's languages ({string.Join(", ", languages)}).");
                }
            }

            private void CheckPlaceholders()
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var placeholders = catalog.Placeholders ?? new List<GuidelinePlaceholder>();
                for (var i = 0; i < placeholders.Count; i++)
                {
                    var placeholder = placeholders[i];
                    var at = $"placeholders[{i}]";
                    if (placeholder == null)
                    {
                        Add(GuidelineProblemCode.MissingField, at, "The placeholder is empty (null).");
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(placeholder.Name))
                    {
                        Add(GuidelineProblemCode.MissingField, at + ".name", "The placeholder has no name.");
                    }
                    else if (!PlaceholderNamePattern.IsMatch(placeholder.Name))
                    {
                        Add(GuidelineProblemCode.InvalidId, at + ".name", $"The placeholder name '{placeholder.Name}' must start with a lowercase letter and hold only letters and digits (e.g. company, socialPolicyUrl).");
                    }
                    else if (!seen.Add(placeholder.Name))
                    {
                        Add(GuidelineProblemCode.DuplicateId, at + ".name", $"The placeholder '{placeholder.Name}' is declared twice.");
                    }

                    CheckTexts(placeholder.Label, at + ".label", $"placeholder '{placeholder.Name}'", "label", null, MaxTitleLength, html: false);
                    if (placeholder.Example != null && placeholder.Example.Length > MaxTitleLength)
                    {
                        Add(GuidelineProblemCode.TooLong, at + ".example", $"The example of placeholder '{placeholder.Name}' is {Count(placeholder.Example.Length)} characters long; the limit is {Count(MaxTitleLength)}.");
                    }

                    CheckPlaceholderValue(placeholder.Name, placeholder.Value, at + ".value");
                    if (placeholder.Value != null && catalog.SchemaVersion < GuidelineCatalog.ValuesSchemaVersion)
                    {
                        Add(GuidelineProblemCode.SchemaVersion, at + ".value", $"The placeholder '{placeholder.Name}' has an organisation value, which a schemaVersion {catalog.SchemaVersion.ToString(CultureInfo.InvariantCulture)} catalog cannot carry: set schemaVersion to {GuidelineCatalog.ValuesSchemaVersion.ToString(CultureInfo.InvariantCulture)}.");
                    }
                }
            }

            private void CheckPlaceholderValue(string name, string? value, string field)
            {
                var problem = PlaceholderValueProblem(value);
                if (problem != null)
                {
                    Add(GuidelineProblemCode.InvalidPlaceholderValue, field, $"The value of placeholder '{name}' {problem}.");
                }
            }

            private HashSet<string> CheckCategories()
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                var categories = catalog.Categories ?? new List<GuidelineCategory>();
                if (categories.Count == 0)
                {
                    Add(GuidelineProblemCode.MissingField, "categories", "The catalog has no category.");
                }

                for (var i = 0; i < categories.Count; i++)
                {
                    var category = categories[i];
                    var at = $"categories[{i}]";
                    if (category == null)
                    {
                        Add(GuidelineProblemCode.MissingField, at, "The category is empty (null).");
                        continue;
                    }

                    if (CheckId(category.Id, at + ".id", "category", null) && !ids.Add(category.Id))
                    {
                        Add(GuidelineProblemCode.DuplicateId, at + ".id", $"The category id '{category.Id}' is used twice.");
                    }

                    CheckTexts(category.Title, at + ".title", $"category '{category.Id}'", "title", null, MaxTitleLength, html: false);
                }

                return ids;
            }

            private void CheckSnippets(HashSet<string> categories)
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                var snippets = catalog.Snippets ?? new List<GuidelineSnippet>();
                if (snippets.Count == 0)
                {
                    Add(GuidelineProblemCode.MissingField, "snippets", "The catalog has no snippet.");
                }

                for (var i = 0; i < snippets.Count; i++)
                {
                    var snippet = snippets[i];
                    var at = $"snippets[{i}]";
                    if (snippet == null)
                    {
                        Add(GuidelineProblemCode.MissingField, at, "The snippet is empty (null).");
                        continue;
                    }

                    var id = string.IsNullOrWhiteSpace(snippet.Id) ? null : snippet.Id;
                    if (CheckId(snippet.Id, at + ".id", "snippet", id) && !ids.Add(snippet.Id))
                    {
                        Add(GuidelineProblemCode.DuplicateId, at + ".id", $"The snippet id '{snippet.Id}' is used twice.", id);
                    }

                    if (string.IsNullOrWhiteSpace(snippet.Category))
                    {
                        Add(GuidelineProblemCode.MissingField, at + ".category", $"Snippet '{snippet.Id}' has no category.", id);
                    }
                    else if (!categories.Contains(snippet.Category))
                    {
                        Add(GuidelineProblemCode.UnknownCategory, at + ".category", $"Snippet '{snippet.Id}' is in category '{snippet.Category}', which the catalog does not define.", id);
                    }

                    CheckTags(snippet, at, id);
                    CheckTexts(snippet.Title, at + ".title", $"snippet '{snippet.Id}'", "title", id, MaxTitleLength, html: false);
                    CheckTexts(snippet.Body, at + ".body", $"snippet '{snippet.Id}'", "body", id, SnippetHtml.MaxBodyLength, html: true);
                }
            }

            private void CheckTags(GuidelineSnippet snippet, string at, string? id)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var tags = snippet.Tags ?? new List<string>();
                for (var t = 0; t < tags.Count; t++)
                {
                    var tag = tags[t];
                    var field = $"{at}.tags[{t}]";
                    if (tag != null && tag.Length > MaxTagLength)
                    {
                        Add(GuidelineProblemCode.TooLong, field, $"The tag '{tag}' of snippet '{snippet.Id}' is {Count(tag.Length)} characters long; the limit is {Count(MaxTagLength)}.", id);
                    }
                    else if (!IsValidId(tag))
                    {
                        Add(GuidelineProblemCode.InvalidTag, field, $"The tag '{tag}' of snippet '{snippet.Id}' is not lowercase kebab-case (e.g. behind-the-scenes).", id);
                    }
                    else if (!seen.Add(tag!))
                    {
                        Add(GuidelineProblemCode.InvalidTag, field, $"The tag '{tag}' appears twice on snippet '{snippet.Id}'.", id);
                    }
                }
            }

            private bool CheckId(string? value, string field, string what, string? snippetId)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    Add(GuidelineProblemCode.MissingField, field, $"A {what} has no id.", snippetId);
                    return false;
                }

                if (value!.Length > MaxIdLength)
                {
                    Add(GuidelineProblemCode.TooLong, field, $"The {what} id '{value}' is {Count(value.Length)} characters long; the limit is {Count(MaxIdLength)}.", snippetId);
                    return false;
                }

                if (!IsValidId(value))
                {
                    Add(GuidelineProblemCode.InvalidId, field, $"The {what} id '{value}' is not lowercase kebab-case (letters a-z, digits, single hyphens, e.g. share-team-success).", snippetId);
                    return false;
                }

                return true;
            }

            private void CheckTexts(Dictionary<string, string>? texts, string field, string owner, string what, string? snippetId, int maxLength, bool html)
            {
                texts ??= new Dictionary<string, string>();
                foreach (var language in languages)
                {
                    var at = field + "." + language;
                    if (!texts.TryGetValue(language, out var text) || string.IsNullOrWhiteSpace(text))
                    {
                        Add(GuidelineProblemCode.MissingTranslation, at, $"The {what} of {owner} is missing in '{language}'.", snippetId, language);
                        continue;
                    }

                    if (text.Length > maxLength)
                    {
                        Add(GuidelineProblemCode.TooLong, at, $"The {what} of {owner} in '{language}' is {Count(text.Length)} characters long; the limit is {Count(maxLength)}.", snippetId, language);
                    }

                    if (html)
                    {
                        SnippetHtml.Sanitize(text, out var removed);
                        if (removed.Count > 0)
                        {
                            Add(GuidelineProblemCode.UnsafeHtml, at, $"The {what} of {owner} in '{language}' holds HTML outside the allow-list ({SnippetHtmlRules.Current.Describe()}): {string.Join("; ", removed)}.", snippetId, language);
                        }
                    }

                    foreach (var name in SnippetHtml.PlaceholdersIn(text).Where(n => !declaredPlaceholders.Contains(n)))
                    {
                        Add(GuidelineProblemCode.UnknownPlaceholder, at, $"The {what} of {owner} in '{language}' uses {{{{{name}}}}}, which the catalog does not declare in its placeholders.", snippetId, language);
                    }
                }

                foreach (var extra in texts.Keys.Where(k => !languages.Contains(k)))
                {
                    Add(GuidelineProblemCode.UnknownLanguage, field + "." + extra, $"The {what} of {owner} is given in '{extra}', which is not one of the catalog's languages ({string.Join(", ", languages)}); it is ignored.", snippetId, extra, GuidelineProblemSeverity.Warning);
                }
            }

            private void Add(GuidelineProblemCode code, string field, string message, string? snippetId = null, string? language = null, GuidelineProblemSeverity severity = GuidelineProblemSeverity.Error) =>
                problems.Add(new GuidelineCatalogProblem
                {
                    Severity = severity,
                    Code = code,
                    SnippetId = snippetId,
                    Language = language,
                    Field = field,
                    Message = message,
                    Source = source,
                });

            private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
