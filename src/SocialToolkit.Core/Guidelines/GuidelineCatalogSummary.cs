using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Guidelines
{
    /// <summary>A catalog file ConvertTo-SocialGuidelineCatalog wrote.</summary>
    public sealed class GuidelineCatalogSummary
    {
        public string Path { get; set; } = string.Empty;

        public string CatalogVersion { get; set; } = string.Empty;

        public string DefaultLanguage { get; set; } = string.Empty;

        public IReadOnlyList<string> Languages { get; set; } = Array.Empty<string>();

        public int CategoryCount { get; set; }

        public int SnippetCount { get; set; }

        public int PlaceholderCount { get; set; }

        public override string ToString() => Path;
    }
}
