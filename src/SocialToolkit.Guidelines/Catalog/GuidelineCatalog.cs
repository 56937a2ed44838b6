using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SocialToolkit.Guidelines.Catalog
{
    /// <summary>
    /// The guideline catalog file, shared with the Outlook add-in (which reads the same JSON). Property order
    /// is the order written to disk. Texts are keyed by language code.
    /// </summary>
    public sealed class GuidelineCatalog
    {
        /// <summary>The format version this module writes: 2 adds placeholders[].value.</summary>
        public const int CurrentSchemaVersion = 2;

        /// <summary>The first format version with placeholders[].value.</summary>
        public const int ValuesSchemaVersion = 2;

        /// <summary>The format versions this module reads (a version 1 file is a version 2 file without values).</summary>
        public static readonly IReadOnlyList<int> ReadableSchemaVersions = new[] { 1, 2 };

        /// <summary>The schema file that sits next to the catalog.</summary>
        public const string SchemaFileName = "guidelines.schema.json";

        [JsonPropertyName("$schema")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Schema { get; set; } = "./" + SchemaFileName;

        [JsonPropertyName("schemaVersion")]
        public int SchemaVersion { get; set; }

        [JsonPropertyName("catalogVersion")]
        public string CatalogVersion { get; set; } = string.Empty;

        [JsonPropertyName("defaultLanguage")]
        public string DefaultLanguage { get; set; } = string.Empty;

        [JsonPropertyName("languages")]
        public List<string> Languages { get; set; } = new List<string>();

        [JsonPropertyName("placeholders")]
        public List<GuidelinePlaceholder> Placeholders { get; set; } = new List<GuidelinePlaceholder>();

        [JsonPropertyName("categories")]
        public List<GuidelineCategory> Categories { get; set; } = new List<GuidelineCategory>();

        [JsonPropertyName("snippets")]
        public List<GuidelineSnippet> Snippets { get; set; } = new List<GuidelineSnippet>();
    }

    /// <summary>
    /// A value used as {{name}} in texts (e.g. the company name): the organisation's <see cref="Value"/> when it has
    /// one, which each person may override in the add-in; without one, the add-in asks for it before inserting.
    /// </summary>
    public sealed class GuidelinePlaceholder
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("label")]
        public Dictionary<string, string> Label { get; set; } = new Dictionary<string, string>();

        [JsonPropertyName("example")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Example { get; set; }

        /// <summary>The organisation's value; null when each person must give one.</summary>
        [JsonPropertyName("value")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? Value { get; set; }
    }

    public sealed class GuidelineCategory
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("title")]
        public Dictionary<string, string> Title { get; set; } = new Dictionary<string, string>();
    }

    public sealed class GuidelineSnippet
    {
        [JsonPropertyName("id")]
        public string Id { get; set; } = string.Empty;

        [JsonPropertyName("category")]
        public string Category { get; set; } = string.Empty;

        [JsonPropertyName("tags")]
        public List<string> Tags { get; set; } = new List<string>();

        /// <summary>Plain text per language.</summary>
        [JsonPropertyName("title")]
        public Dictionary<string, string> Title { get; set; } = new Dictionary<string, string>();

        /// <summary>Simple HTML per language (see <see cref="Html.SnippetHtml"/> for what is allowed).</summary>
        [JsonPropertyName("body")]
        public Dictionary<string, string> Body { get; set; } = new Dictionary<string, string>();
    }
}
