using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Html;

namespace SocialToolkit.Guidelines.Catalog
{
    /// <summary>What Get-SocialGuideline asks for; empty lists mean "all".</summary>
    public sealed class GuidelineFilter
    {
        public IReadOnlyList<string> Languages { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> Categories { get; set; } = Array.Empty<string>();

        /// <summary>Snippet ids; * and ? are wildcards.</summary>
        public IReadOnlyList<string> Ids { get; set; } = Array.Empty<string>();

        /// <summary>Words that must all occur in the title, text or tags (accents and case ignored).</summary>
        public string? Search { get; set; }
    }

    /// <summary>Flattens a catalog into per-language <see cref="Guideline"/> objects and filters them.</summary>
    public static class GuidelineQuery
    {
        /// <summary>Every snippet in every catalog language, in catalog order (snippet by snippet, then language).</summary>
        public static IEnumerable<Guideline> Flatten(GuidelineCatalog catalog)
        {
            var categories = catalog.Categories.Where(c => c != null).GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var declared = new HashSet<string>(catalog.Placeholders.Where(p => p != null).Select(p => p.Name), StringComparer.Ordinal);
            foreach (var snippet in catalog.Snippets.Where(s => s != null))
            {
                foreach (var language in catalog.Languages)
                {
                    var title = Localized(snippet.Title, language, catalog.DefaultLanguage);
                    var body = Localized(snippet.Body, language, catalog.DefaultLanguage);
                    categories.TryGetValue(snippet.Category ?? string.Empty, out var category);
                    yield return new Guideline
                    {
                        Id = snippet.Id,
                        Category = snippet.Category ?? string.Empty,
                        CategoryTitle = category == null ? string.Empty : Localized(category.Title, language, catalog.DefaultLanguage),
                        Language = language,
                        Title = title,
                        Body = body,
                        Text = SnippetHtml.ToText(body),
                        Tags = (snippet.Tags ?? new List<string>()).ToList(),
                        Placeholders = SnippetHtml.PlaceholdersIn(title + "\n" + body).Where(declared.Contains).ToList(),
                        CatalogVersion = catalog.CatalogVersion,
                    };
                }
            }
        }

        /// <summary>
        /// The snippets that pass <paramref name="filter"/>. A language or category the catalog does not have is
        /// an error naming what it has, so a typo does not look like "no result".
        /// </summary>
        public static IReadOnlyList<Guideline> Find(GuidelineCatalog catalog, GuidelineFilter filter, string source)
        {
            foreach (var language in filter.Languages.Where(l => !catalog.Languages.Contains(l, StringComparer.OrdinalIgnoreCase)))
            {
                throw new SocialToolkitException("GuidelineLanguageNotFound", FailureKind.InvalidArgument, $"The catalog '{source}' has no language '{language}'; it has {string.Join(", ", catalog.Languages)}.", language);
            }

            var categoryIds = catalog.Categories.Where(c => c != null).Select(c => c.Id).ToList();
            foreach (var category in filter.Categories.Where(c => !categoryIds.Contains(c, StringComparer.OrdinalIgnoreCase)))
            {
                throw new SocialToolkitException("GuidelineCategoryNotFound", FailureKind.InvalidArgument, $"The catalog '{source}' has no category '{category}'; it has {string.Join(", ", categoryIds)}.", category);
            }

            var idPatterns = filter.Ids.Select(Wildcard).ToList();
            var words = SnippetHtml.NormalizeForSearch(filter.Search).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            return Flatten(catalog)
                .Where(g => filter.Languages.Count == 0 || filter.Languages.Contains(g.Language, StringComparer.OrdinalIgnoreCase))
                .Where(g => filter.Categories.Count == 0 || filter.Categories.Contains(g.Category, StringComparer.OrdinalIgnoreCase))
                .Where(g => idPatterns.Count == 0 || idPatterns.Any(p => p.IsMatch(g.Id)))
                .Where(g => words.Length == 0 || Matches(g, words))
                .ToList();
        }

        private static bool Matches(Guideline guideline, string[] words)
        {
            var haystack = SnippetHtml.NormalizeForSearch(guideline.Title + " \n " + guideline.Text + " \n " + string.Join(" ", guideline.Tags));
            return words.All(w => haystack.IndexOf(w, StringComparison.Ordinal) >= 0);
        }

        private static string Localized(Dictionary<string, string>? texts, string language, string defaultLanguage)
        {
            if (texts == null)
            {
                return string.Empty;
            }

            if (texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text))
            {
                return text;
            }

            // A missing translation falls back to the default language, as the add-in does; Test-SocialGuidelineCatalog reports it.
            return texts.TryGetValue(defaultLanguage, out var fallback) && fallback != null ? fallback : string.Empty;
        }

        private static Regex Wildcard(string pattern) =>
            new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
