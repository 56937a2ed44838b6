using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Guidelines
{
    /// <summary>
    /// One snippet of a guideline catalog in one language: what Get-SocialGuideline writes. A catalog snippet
    /// with French and English texts becomes two of these, so the pipeline can filter and sort them plainly.
    /// </summary>
    public sealed class Guideline
    {
        /// <summary>The snippet's id (lowercase kebab-case, unique in the catalog).</summary>
        public string Id { get; set; } = string.Empty;

        /// <summary>The id of the snippet's category.</summary>
        public string Category { get; set; } = string.Empty;

        /// <summary>The category's title in <see cref="Language"/>.</summary>
        public string CategoryTitle { get; set; } = string.Empty;

        /// <summary>The language of <see cref="Title"/>, <see cref="Body"/> and <see cref="Text"/> (e.g. fr).</summary>
        public string Language { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        /// <summary>The body as the catalog holds it: simple HTML, with {{placeholder}} marks left in.</summary>
        public string Body { get; set; } = string.Empty;

        /// <summary>The body as plain text (paragraphs separated by blank lines, list items prefixed with "- ").</summary>
        public string Text { get; set; } = string.Empty;

        public IReadOnlyList<string> Tags { get; set; } = Array.Empty<string>();

        /// <summary>Names of the placeholders (<c>{{name}}</c>) the title or body uses.</summary>
        public IReadOnlyList<string> Placeholders { get; set; } = Array.Empty<string>();

        /// <summary>The version of the catalog the snippet comes from.</summary>
        public string CatalogVersion { get; set; } = string.Empty;

        public override string ToString() => $"{Id} ({Language})";
    }
}
