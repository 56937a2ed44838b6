using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace SocialToolkit.Guidelines.Html
{
    /// <summary>
    /// What is done with a snippet body: sanitised with the shared rule (<see cref="SnippetHtmlRules"/>, the add-in's
    /// snippet-html.json, which the pane applies with DOMPurify), converted to text, searched. Bodies end up in
    /// mail sent outside the company and render differently in each Outlook client, so the rule is small.
    /// </summary>
    public static class SnippetHtml
    {
        public const int MaxBodyLength = 2000;

        private static SnippetHtmlRules Rules => SnippetHtmlRules.Current;

        /// <summary>Elements whose content is code or chrome, not text: removed whole rather than unwrapped.</summary>
        private static readonly Lazy<HashSet<string>> DroppedWithContent = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(Rules.DroppedWithContent, StringComparer.OrdinalIgnoreCase));

        private static readonly Regex PlaceholderPattern = new Regex(@"\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}", RegexOptions.CultureInvariant);

        /// <summary>Names of the {{placeholders}} a text uses, in order of first use.</summary>
        public static IReadOnlyList<string> PlaceholdersIn(string? text) =>
            string.IsNullOrEmpty(text)
                ? Array.Empty<string>()
                : PlaceholderPattern.Matches(text).Cast<Match>().Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>
        /// Sanitises <paramref name="html"/> with the allow-list. <paramref name="removed"/> says what went
        /// (empty when nothing did); the result is then <paramref name="html"/> itself, unchanged, so a valid
        /// body keeps its exact spelling (the serialiser would otherwise rewrite "&lt;br/&gt;" and entities).
        /// </summary>
        public static string Sanitize(string html, out IReadOnlyList<string> removed)
        {
            var found = new List<string>();
            var sanitizer = CreateSanitizer(found);
            sanitizer.RemovingTag += (_, e) =>
            {
                found.Add($"<{e.Tag.LocalName}> is not allowed");
                if (DroppedWithContent.Value.Contains(e.Tag.LocalName))
                {
                    // KeepChildNodes would otherwise turn a script's code or a style sheet into visible text.
                    e.Tag.TextContent = string.Empty;
                }
            };
            sanitizer.RemovingAttribute += (_, e) => found.Add(
                e.Reason == RemoveReason.NotAllowedUrlValue || string.Equals(e.Attribute.Name, "href", StringComparison.OrdinalIgnoreCase)
                    ? $"{e.Attribute.Name}=\"{Shorten(e.Attribute.Value)}\" on <{e.Tag.LocalName}> is not an address starting with {string.Join(" or ", Rules.UrlSchemes.Select(u => u + ":"))}"
                    : $"attribute {e.Attribute.Name} on <{e.Tag.LocalName}> is not allowed");
            sanitizer.RemovingStyle += (_, e) => found.Add($"style on <{e.Tag.LocalName}> is not allowed");
            sanitizer.RemovingAtRule += (_, e) => found.Add($"CSS rules in <{e.Tag.LocalName}> are not allowed");
            sanitizer.RemovingCssClass += (_, e) => found.Add($"class {e.CssClass} on <{e.Tag.LocalName}> is not allowed");
            sanitizer.RemovingComment += (_, _) => found.Add("comments are not allowed");
            var sanitized = sanitizer.Sanitize(html);
            removed = found.Distinct(StringComparer.Ordinal).ToList();
            return removed.Count == 0 ? html : sanitized;
        }

        /// <summary>The body as plain text, for searching and for plain-text mail.</summary>
        public static string ToText(string? html)
        {
            if (string.IsNullOrWhiteSpace(html))
            {
                return string.Empty;
            }

            var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
            var text = new StringBuilder();
            Append(document.Body!, text, listDepth: 0, ordered: null);
            var lines = text.ToString().Replace("\r", string.Empty).Split('\n').Select(l => CollapseSpaces(l).Trim());

            // Blank lines separate blocks; never two in a row.
            var result = new StringBuilder();
            var blank = false;
            foreach (var line in lines)
            {
                if (line.Length == 0)
                {
                    blank = result.Length > 0;
                    continue;
                }

                if (result.Length > 0)
                {
                    result.Append(blank ? "\n\n" : "\n");
                }

                result.Append(line);
                blank = false;
            }

            return result.ToString();
        }

        /// <summary>Accent-, case- and spacing-insensitive form used to search ("Réseau" and "reseau" match).</summary>
        public static string NormalizeForSearch(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return string.Empty;
            }

            var decomposed = text!.Normalize(NormalizationForm.FormD);
            var folded = new StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
            {
                switch (CharUnicodeInfo.GetUnicodeCategory(c))
                {
                    case UnicodeCategory.NonSpacingMark:
                        continue;
                    case UnicodeCategory.SpaceSeparator:
                    case UnicodeCategory.LineSeparator:
                    case UnicodeCategory.ParagraphSeparator:
                    case UnicodeCategory.Control:
                        folded.Append(' ');
                        continue;
                }

                switch (c)
                {
                    case 'œ':
                    case 'Œ':
                        folded.Append("oe");
                        break;
                    case 'æ':
                    case 'Æ':
                        folded.Append("ae");
                        break;
                    case 'ß':
                        folded.Append("ss");
                        break;
                    case '\u2018':
                    case '\u2019':
                    case '\u02BC':
                        folded.Append('\'');
                        break;
                    default:
                        folded.Append(char.ToLowerInvariant(c));
                        break;
                }
            }

            return CollapseSpaces(folded.ToString()).Trim();
        }

        private static HtmlSanitizer CreateSanitizer(List<string> removed)
        {
            var rules = Rules;
            var options = new HtmlSanitizerOptions
            {
                AllowedTags = new HashSet<string>(rules.Elements.Keys, StringComparer.OrdinalIgnoreCase),
                AllowedAttributes = new HashSet<string>(rules.Attributes, StringComparer.OrdinalIgnoreCase),
                AllowedSchemes = new HashSet<string>(rules.UrlSchemes, StringComparer.OrdinalIgnoreCase),
                UriAttributes = new HashSet<string>(rules.UrlAttributes, StringComparer.OrdinalIgnoreCase),
                AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
                AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
                AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            };

            // Disallowed wrappers (span, div, font…) lose their tag but keep their text; only dangerous
            // containers lose their content too.
            var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };

            // HtmlSanitizer keeps relative and protocol-relative addresses ("//host/x"); the rule wants an
            // address with one of its schemes, as the pane's DOMPurify does, because a mail has no base address.
            sanitizer.FilterUrl += (_, e) =>
            {
                var url = (e.OriginalUrl ?? string.Empty).Trim();
                var colon = url.IndexOf(':');
                if (colon <= 0 || !rules.UrlSchemes.Contains(url.Substring(0, colon), StringComparer.OrdinalIgnoreCase))
                {
                    e.SanitizedUrl = null;
                }
            };

            // Attributes are allowed per element in the rule; HtmlSanitizer's list is global.
            sanitizer.PostProcessNode += (_, e) =>
            {
                if (e.Node is IElement element && rules.Elements.TryGetValue(element.LocalName, out var allowed))
                {
                    foreach (var attribute in element.Attributes.ToList().Where(a => !allowed.Contains(a.Name, StringComparer.OrdinalIgnoreCase)))
                    {
                        element.RemoveAttribute(attribute.Name);
                        removed.Add($"attribute {attribute.Name} on <{element.LocalName}> is not allowed");
                    }
                }
            };
            return sanitizer;
        }

        private static void Append(INode node, StringBuilder text, int listDepth, int[]? ordered)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText textNode)
                {
                    text.Append(textNode.Data);
                    continue;
                }

                if (!(child is IElement element))
                {
                    continue;
                }

                switch (element.LocalName)
                {
                    case "br":
                        text.Append('\n');
                        break;
                    case "p":
                    case "div":
                        text.Append("\n\n");
                        Append(element, text, listDepth, ordered);
                        text.Append("\n\n");
                        break;
                    case "ul":
                        text.Append('\n');
                        Append(element, text, listDepth + 1, null);
                        text.Append('\n');
                        break;
                    case "ol":
                        text.Append('\n');
                        Append(element, text, listDepth + 1, new[] { 0 });
                        text.Append('\n');
                        break;
                    case "li":
                        text.Append('\n');
                        if (ordered != null)
                        {
                            ordered[0]++;
                            text.Append(ordered[0].ToString(CultureInfo.InvariantCulture)).Append(". ");
                        }
                        else
                        {
                            text.Append("- ");
                        }

                        Append(element, text, listDepth, null);
                        break;
                    case "a":
                        var before = text.Length;
                        Append(element, text, listDepth, ordered);
                        var label = text.ToString(before, text.Length - before);
                        var href = element.GetAttribute("href");
                        if (!string.IsNullOrWhiteSpace(href))
                        {
                            var shown = href!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? href.Substring("mailto:".Length) : href;
                            if (NormalizeForSearch(label) != NormalizeForSearch(shown) && NormalizeForSearch(label) != NormalizeForSearch(href))
                            {
                                text.Append(" (").Append(shown).Append(')');
                            }
                        }

                        break;
                    case "script":
                    case "style":
                    case "template":
                        break;
                    default:
                        Append(element, text, listDepth, ordered);
                        break;
                }
            }
        }

        private static string CollapseSpaces(string text) => Regex.Replace(text, @"[ \t\u00A0]+", " ");

        private static string Shorten(string value) => value.Length <= 60 ? value : value.Substring(0, 57) + "...";
    }
}
