using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Catalog;

namespace SocialToolkit.Guidelines.Addin
{
    /// <summary>What Export-SocialOutlookAddin asks for.</summary>
    public sealed class OutlookAddinExportOptions
    {
        /// <summary>The add-in source: a folder holding src/, manifest/ and catalog/ (the module's addin folder).</summary>
        public string SourceFolder { get; set; } = string.Empty;

        /// <summary>The catalog to ship; null for the source's catalog/guidelines.json.</summary>
        public string? CatalogPath { get; set; }

        /// <summary>Where the folder will be served (https).</summary>
        public string BaseUrl { get; set; } = string.Empty;

        public string OutputPath { get; set; } = string.Empty;

        /// <summary>Replace an existing, non-empty output folder.</summary>
        public bool Force { get; set; }
    }

    /// <summary>
    /// Builds a folder ready to publish on a web server: the task pane in src/ and the catalog in catalog/, laid
    /// out as in development so the pane's relative link to the catalog (../catalog/) holds unchanged, and both
    /// manifests at its root with the development address replaced by the organisation's.
    /// The folder is assembled next to the target and moved into place at the end, so a failure leaves the
    /// target as it was.
    /// </summary>
    public static class OutlookAddinPackager
    {
        /// <summary>The address the add-in's manifests use in development.</summary>
        public const string DevelopmentBaseUrl = "https://localhost:3000";

        public const string XmlManifestName = "manifest.xml";
        public const string JsonManifestName = "manifest.json";
        public const string CatalogFolder = "catalog";
        public const string CatalogFileName = "guidelines.json";

        public const string PagesFolder = "src";

        /// <summary>
        /// Checks and normalises the address the folder will be served from: absolute https, no query, fragment
        /// or credentials, ending with a slash.
        /// </summary>
        public static Uri NormalizeBaseUrl(string baseUrl)
        {
            if (!Uri.TryCreate((baseUrl ?? string.Empty).Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw BadBaseUrl("BaseUrlInvalid", baseUrl, "is not an absolute web address (e.g. https://addins.contoso.com/social/)");
            }

            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw BadBaseUrl("BaseUrlNotHttps", baseUrl, "must be an https:// address: Outlook loads add-ins only over HTTPS");
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                throw BadBaseUrl("BaseUrlInvalid", baseUrl, "must not carry a query (?), a fragment (#) or credentials");
            }

            var text = uri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        public static OutlookAddinPackage Export(OutlookAddinExportOptions options, IOperationReporter reporter, CancellationToken cancellationToken)
        {
            var baseUrl = NormalizeBaseUrl(options.BaseUrl);
            var source = Path.GetFullPath(options.SourceFolder);
            var sourcePages = Path.Combine(source, PagesFolder);
            var sourceManifests = Path.Combine(source, "manifest");
            foreach (var required in new[] { sourcePages, Path.Combine(sourceManifests, XmlManifestName), Path.Combine(sourceManifests, JsonManifestName) })
            {
                if (!File.Exists(required) && !Directory.Exists(required))
                {
                    throw new SocialToolkitException("AddinSourceNotFound", FailureKind.NotFound, $"The add-in source is incomplete: '{required}' does not exist (expected src/, manifest/{XmlManifestName} and manifest/{JsonManifestName} under '{source}').", required);
                }
            }

            var catalogPath = Path.GetFullPath(options.CatalogPath ?? Path.Combine(source, CatalogFolder, CatalogFileName));
            var catalog = GuidelineCatalogFile.Load(catalogPath);
            var problems = GuidelineCatalogValidator.Validate(catalog, catalogPath);
            var errors = problems.Where(p => p.Severity == GuidelineProblemSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new GuidelineCatalogException(
                    "AddinCatalogInvalid",
                    $"The catalog '{catalogPath}' has {GuidelineCatalogService.Plural(errors.Count, "problem")}; the add-in was not exported (Test-SocialGuidelineCatalog lists them all):",
                    errors);
            }

            foreach (var warning in problems.Where(p => p.Severity == GuidelineProblemSeverity.Warning))
            {
                reporter.Warning(warning.ToString());
            }

            var output = Path.GetFullPath(options.OutputPath);
            EnsureOutputAvailable(output, options.Force);

            var parent = Path.GetDirectoryName(output.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))!;
            Directory.CreateDirectory(parent);
            var staging = Path.Combine(parent, "." + Path.GetFileName(output.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                Directory.CreateDirectory(staging);
                reporter.Progress("Exporting the Outlook add-in", "Copying the task pane");
                CopyPages(sourcePages, Path.Combine(staging, PagesFolder), cancellationToken);

                reporter.Progress("Exporting the Outlook add-in", "Copying the catalog");
                var catalogFolder = Path.Combine(staging, CatalogFolder);
                Directory.CreateDirectory(catalogFolder);
                File.Copy(catalogPath, Path.Combine(catalogFolder, CatalogFileName), overwrite: true);
                var schema = Path.Combine(source, CatalogFolder, GuidelineCatalog.SchemaFileName);
                if (File.Exists(schema))
                {
                    File.Copy(schema, Path.Combine(catalogFolder, GuidelineCatalog.SchemaFileName), overwrite: true);
                }

                reporter.Progress("Exporting the Outlook add-in", "Writing the manifests for " + baseUrl.AbsoluteUri);
                foreach (var file in Directory.GetFiles(sourceManifests))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    WriteManifest(file, Path.Combine(staging, Path.GetFileName(file)), baseUrl);
                }

                CheckManifestUrls(staging, baseUrl);
                var taskPaneUrl = TaskPaneUrl(Path.Combine(staging, XmlManifestName));
                var fileCount = Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Length;
                cancellationToken.ThrowIfCancellationRequested();

                MoveIntoPlace(staging, output);
                reporter.Verbose($"Wrote {fileCount} files to '{output}' for {baseUrl.AbsoluteUri}.");
                return new OutlookAddinPackage
                {
                    Path = output,
                    BaseUrl = baseUrl,
                    XmlManifestPath = Path.Combine(output, XmlManifestName),
                    JsonManifestPath = Path.Combine(output, JsonManifestName),
                    TaskPaneUrl = taskPaneUrl,
                    FileCount = fileCount,
                    CatalogVersion = catalog.CatalogVersion,
                    SnippetCount = catalog.Snippets.Count,
                };
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SocialToolkitException("AddinWriteFailed", FailureKind.WriteFailed, $"The add-in folder '{output}' could not be written: {e.Message}", output, e);
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }

        /// <summary>Refuses a file, or a folder with something in it unless <paramref name="force"/>.</summary>
        public static void EnsureOutputAvailable(string output, bool force)
        {
            if (File.Exists(output))
            {
                throw new SocialToolkitException("OutputIsFile", FailureKind.InvalidArgument, $"-OutputPath '{output}' is a file; give a folder.", output);
            }

            if (!force && Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            {
                throw new SocialToolkitException("OutputFolderNotEmpty", FailureKind.AlreadyExists, $"The folder '{output}' is not empty. Use -Force to replace its content.", output);
            }
        }

        /// <summary>Copies the pane's files, leaving out dot-files and any node_modules a working copy may hold.</summary>
        private static void CopyPages(string sourcePages, string targetPages, CancellationToken cancellationToken)
        {
            foreach (var file in Directory.GetFiles(sourcePages, "*", SearchOption.AllDirectories))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = file.Substring(sourcePages.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                if (relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part == "node_modules" || part.StartsWith(".", StringComparison.Ordinal)))
                {
                    continue;
                }

                var target = Path.Combine(targetPages, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }

        /// <summary>
        /// Points a manifest at <paramref name="baseUrl"/>: addresses under the development server move under the
        /// base address; bare origins (AppDomain, validDomains) become the base address's origin, since domains
        /// carry no path.
        /// </summary>
        private static void WriteManifest(string sourceFile, string target, Uri baseUrl)
        {
            var extension = Path.GetExtension(sourceFile).ToLowerInvariant();
            if (extension != ".xml" && extension != ".json")
            {
                File.Copy(sourceFile, target, overwrite: true);
                return;
            }

            var origin = baseUrl.GetLeftPart(UriPartial.Authority);
            var authority = baseUrl.Authority;
            string Escape(string value) => extension == ".xml" ? SecurityElement.Escape(value) : value;

            var text = File.ReadAllText(sourceFile, Encoding.UTF8)
                .Replace(DevelopmentBaseUrl + "/", Escape(baseUrl.AbsoluteUri))
                .Replace(DevelopmentBaseUrl, Escape(origin))
                .Replace("localhost:3000", Escape(authority));
            try
            {
                if (extension == ".xml")
                {
                    XDocument.Parse(text);
                }
                else
                {
                    using (JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
                    {
                    }
                }
            }
            catch (Exception e) when (e is XmlException || e is JsonException)
            {
                throw new SocialToolkitException("AddinManifestInvalid", FailureKind.InvalidData, $"The add-in manifest '{sourceFile}' is not well-formed: {e.Message}", sourceFile, e);
            }

            File.WriteAllText(target, text, new UTF8Encoding(false));
        }

        /// <summary>Every address a manifest gives under the base address must name a file of the folder.</summary>
        private static void CheckManifestUrls(string staging, Uri baseUrl)
        {
            var prefix = Regex.Escape(baseUrl.AbsoluteUri);
            var missing = new List<string>();
            foreach (var manifest in new[] { XmlManifestName, JsonManifestName })
            {
                var text = File.ReadAllText(Path.Combine(staging, manifest), Encoding.UTF8);
                foreach (Match match in Regex.Matches(text, prefix + "([^\"'<>\\s#?]*)"))
                {
                    var relative = Uri.UnescapeDataString(match.Groups[1].Value);
                    var local = Path.Combine(staging, relative.Replace('/', Path.DirectorySeparatorChar));
                    if (relative.Length > 0 && !File.Exists(local))
                    {
                        missing.Add($"{manifest}: {match.Value}");
                    }
                }
            }

            if (missing.Count > 0)
            {
                throw new SocialToolkitException(
                    "AddinManifestBrokenLink",
                    FailureKind.InvalidData,
                    "The manifests point at files the add-in folder does not have:" + Environment.NewLine + string.Join(Environment.NewLine, missing.Distinct().Take(10).Select(m => "  " + m)),
                    missing);
            }
        }

        private static Uri? TaskPaneUrl(string xmlManifest)
        {
            var location = XDocument.Load(xmlManifest).Descendants().FirstOrDefault(e => e.Name.LocalName == "SourceLocation");
            var value = location?.Attribute("DefaultValue")?.Value;
            return value != null && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
        }

        /// <summary>Swaps the assembled folder in; an existing folder is moved aside first and removed only once the new one is in place.</summary>
        private static void MoveIntoPlace(string staging, string output)
        {
            if (!Directory.Exists(output))
            {
                Directory.Move(staging, output);
                return;
            }

            var aside = staging + ".old";
            Directory.Move(output, aside);
            try
            {
                Directory.Move(staging, output);
            }
            catch
            {
                Directory.Move(aside, output);
                throw;
            }

            Directory.Delete(aside, recursive: true);
        }

        private static SocialToolkitException BadBaseUrl(string errorId, string? baseUrl, string reason) =>
            new SocialToolkitException(errorId, FailureKind.InvalidArgument, $"-BaseUrl '{baseUrl}' {reason}.", baseUrl);
    }
}
