using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialToolkit.Guidelines.Html
{
    /// <summary>
    /// The HTML a snippet body may hold, as data: the add-in's src/snippet-html.json, embedded in this assembly at
    /// build time. The task pane (DOMPurify) and the add-in's catalog checker read the same file, so the module,
    /// the checker and the pane cannot disagree about a body.
    /// </summary>
    public sealed class SnippetHtmlRules
    {
        /// <summary>The name the file is embedded under (see SocialToolkit.Guidelines.csproj).</summary>
        public const string ResourceName = "SocialToolkit.Guidelines.snippet-html.json";

        private static readonly Lazy<SnippetHtmlRules> Embedded = new Lazy<SnippetHtmlRules>(LoadEmbedded);

        /// <summary>The rule this module was built with.</summary>
        public static SnippetHtmlRules Current => Embedded.Value;

        [JsonPropertyName("version")]
        public int Version { get; set; }

        /// <summary>Allowed elements (lower case), each with the attributes it may carry.</summary>
        [JsonPropertyName("elements")]
        public Dictionary<string, List<string>> Elements { get; set; } = new Dictionary<string, List<string>>();

        /// <summary>Attributes holding an address, which must use one of <see cref="UrlSchemes"/>.</summary>
        [JsonPropertyName("urlAttributes")]
        public List<string> UrlAttributes { get; set; } = new List<string>();

        [JsonPropertyName("urlSchemes")]
        public List<string> UrlSchemes { get; set; } = new List<string>();

        /// <summary>Elements removed with their content (code or chrome, not text) rather than unwrapped.</summary>
        [JsonPropertyName("droppedWithContent")]
        public List<string> DroppedWithContent { get; set; } = new List<string>();

        /// <summary>Every attribute some element may carry.</summary>
        public IReadOnlyCollection<string> Attributes => Elements.Values.SelectMany(a => a).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>The rule in a sentence, for messages: "p, br, …, a (href: https:, mailto:)".</summary>
        public string Describe() => string.Join(", ", Elements.Select(e =>
            e.Value.Count == 0
                ? e.Key
                : e.Key + " " + string.Join(" ", e.Value.Select(a => UrlAttributes.Contains(a) ? $"{a}={string.Join("/", UrlSchemes.Select(s => s + ":"))}" : a))));

        public static SnippetHtmlRules Parse(Stream json)
        {
            using var reader = new StreamReader(json);
            var rules = JsonSerializer.Deserialize<SnippetHtmlRules>(reader.ReadToEnd())
                ?? throw new InvalidDataException("The snippet HTML rule is empty.");
            if (rules.Elements.Count == 0)
            {
                throw new InvalidDataException("The snippet HTML rule allows no element.");
            }

            return rules;
        }

        private static SnippetHtmlRules LoadEmbedded()
        {
            using var stream = typeof(SnippetHtmlRules).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The snippet HTML rule ({ResourceName}) is not embedded in {typeof(SnippetHtmlRules).Assembly.GetName().Name}; the build is broken.");
            return Parse(stream);
        }
    }
}
