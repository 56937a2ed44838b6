using System;

namespace SocialToolkit.Core.Guidelines
{
    /// <summary>A folder Export-SocialOutlookAddin prepared, ready to be served at <see cref="BaseUrl"/>.</summary>
    public sealed class OutlookAddinPackage
    {
        /// <summary>The folder to publish, as it is, at <see cref="BaseUrl"/>.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>Where the folder will be served, ending with a slash.</summary>
        public Uri? BaseUrl { get; set; }

        /// <summary>The add-in-only XML manifest (every Outlook client): upload it in the Microsoft 365 admin center.</summary>
        public string XmlManifestPath { get; set; } = string.Empty;

        /// <summary>The unified JSON manifest (new Outlook, Outlook on the web, Office 2304 and later).</summary>
        public string JsonManifestPath { get; set; } = string.Empty;

        /// <summary>The unified manifest's app package (manifest.json, its localisation files, its icons): upload it in the Microsoft 365 admin center.</summary>
        public string AppPackagePath { get; set; } = string.Empty;

        /// <summary>Placeholders without an organisation value: the add-in asks each person for them.</summary>
        public System.Collections.Generic.IReadOnlyList<string> PlaceholdersWithoutValue { get; set; } = System.Array.Empty<string>();

        /// <summary>The task pane's address, as the manifests give it.</summary>
        public Uri? TaskPaneUrl { get; set; }

        /// <summary>How many files the folder holds.</summary>
        public int FileCount { get; set; }

        public string CatalogVersion { get; set; } = string.Empty;

        public int SnippetCount { get; set; }

        public override string ToString() => Path;
    }
}
