using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using SocialToolkit.Core.Files;
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

        /// <summary>Replace a previous export in the output folder (identified by its marker file).</summary>
        public bool Force { get; set; }

        /// <summary>
        /// Organisation values for the catalog's placeholders (name → value), set or replacing the catalog's own
        /// placeholders[].value; null or empty to ship the catalog's values as they are.
        /// </summary>
        public IReadOnlyDictionary<string, string>? PlaceholderValues { get; set; }
    }

    /// <summary>
    /// Builds a folder ready to publish on a web server: the task pane in src/ and the catalog in catalog/, laid
    /// out as in development so the pane's relative link to the catalog (../catalog/) holds unchanged, both
    /// manifests at its root with the development address replaced by the organisation's, and the unified
    /// manifest's app package (the zip the Microsoft 365 admin center takes). A marker file lists what was
    /// written, so a later export with -Force replaces exactly those files and nothing else.
    /// The files are assembled next to the target and moved into place at the end; a failure leaves the target
    /// as it was.
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

        /// <summary>The unified manifest's app package, for upload in the Microsoft 365 admin center.</summary>
        public const string AppPackageName = "outlook-app-package.zip";

        /// <summary>Lists the files an export wrote; only those are ever replaced by a later export.</summary>
        public const string MarkerFileName = ".socialtoolkit-addin-export.json";

        private const string MarkerWriter = "Export-SocialOutlookAddin";

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
            var withValues = ApplyPlaceholderValues(catalog, options.PlaceholderValues);
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

            using var target = OutputFolder.Prepare(options.OutputPath, options.Force);
            var output = target.Target;
            var previous = target.HasContent ? PreviousExport(output) : Array.Empty<string>();
            var staging = target.NewStaging();
            OutlookAddinPackage? package = null;
            target.Write(() =>
            {
                reporter.Progress("Exporting the Outlook add-in", "Copying the task pane");
                CopyPages(sourcePages, Path.Combine(staging, PagesFolder), cancellationToken);

                reporter.Progress("Exporting the Outlook add-in", "Copying the catalog");
                var catalogFolder = Path.Combine(staging, CatalogFolder);
                Directory.CreateDirectory(catalogFolder);
                if (withValues)
                {
                    File.WriteAllBytes(Path.Combine(catalogFolder, CatalogFileName), GuidelineCatalogFile.Serialize(catalog));
                }
                else
                {
                    File.Copy(catalogPath, Path.Combine(catalogFolder, CatalogFileName), overwrite: true);
                }

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
                reporter.Progress("Exporting the Outlook add-in", "Writing the app package " + AppPackageName);
                WriteAppPackage(staging, sourcePages, Path.Combine(staging, AppPackageName));
                var taskPaneUrl = TaskPaneUrl(Path.Combine(staging, XmlManifestName));
                var written = Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Select(f => RelativePath(staging, f)).OrderBy(f => f, StringComparer.Ordinal).ToList();
                WriteMarker(staging, written);
                cancellationToken.ThrowIfCancellationRequested();

                var placed = written.Concat(new[] { MarkerFileName }).ToList();
                MoveIntoPlace(staging, output, previous, placed);
                reporter.Verbose($"Wrote {placed.Count} files to '{output}' for {baseUrl.AbsoluteUri}.");
                package = new OutlookAddinPackage
                {
                    Path = output,
                    BaseUrl = baseUrl,
                    XmlManifestPath = Path.Combine(output, XmlManifestName),
                    JsonManifestPath = Path.Combine(output, JsonManifestName),
                    AppPackagePath = Path.Combine(output, AppPackageName),
                    TaskPaneUrl = taskPaneUrl,
                    FileCount = placed.Count,
                    CatalogVersion = catalog.CatalogVersion,
                    SnippetCount = catalog.Snippets.Count,
                    PlaceholdersWithoutValue = catalog.Placeholders.Where(p => p.Value == null).Select(p => p.Name).ToList(),
                };
            });
            return package!;
        }

        /// <summary>
        /// Sets the organisation values given at deployment on the catalog's placeholders. Every name must be
        /// declared by the catalog and every value usable (<see cref="GuidelineCatalogValidator.PlaceholderValueProblem"/>);
        /// the catalog then says it is in the format that carries values. Returns whether anything was set.
        /// </summary>
        public static bool ApplyPlaceholderValues(GuidelineCatalog catalog, IReadOnlyDictionary<string, string>? values)
        {
            if (values == null || values.Count == 0)
            {
                return false;
            }

            var declared = catalog.Placeholders.Where(p => p != null).ToDictionary(p => p.Name, StringComparer.Ordinal);
            foreach (var pair in values)
            {
                if (!declared.TryGetValue(pair.Key ?? string.Empty, out var placeholder))
                {
                    // Names are matched exactly, as in the catalog's {{name}}; a case slip is named with its fix.
                    var near = declared.Keys.FirstOrDefault(k => string.Equals(k, pair.Key, StringComparison.OrdinalIgnoreCase));
                    var hint = near != null ? $" Did you mean '{near}'?" : string.Empty;
                    throw new SocialToolkitException(
                        "PlaceholderValueUnknown",
                        FailureKind.InvalidArgument,
                        $"-PlaceholderValue names '{pair.Key}', which the catalog does not declare (it declares: {string.Join(", ", declared.Keys)}).{hint}",
                        pair.Key);
                }

                var value = pair.Value?.Trim();
                var problem = GuidelineCatalogValidator.PlaceholderValueProblem(value ?? string.Empty);
                if (problem != null)
                {
                    throw new SocialToolkitException("PlaceholderValueInvalid", FailureKind.InvalidArgument, $"-PlaceholderValue for '{pair.Key}' {problem}.", pair.Key);
                }

                placeholder.Value = value;
            }

            catalog.SchemaVersion = Math.Max(catalog.SchemaVersion, GuidelineCatalog.CurrentSchemaVersion);
            return true;
        }

        /// <summary>
        /// The files a previous export wrote in <paramref name="output"/>, a folder with content that -Force may
        /// replace (<see cref="OutputFolder.Prepare"/> refused it without -Force). It is refused even with -Force when
        /// no marker says an export wrote it: -Force replaces an export, it never empties a folder someone else filled.
        /// </summary>
        private static IReadOnlyList<string> PreviousExport(string output)
        {
            var marker = Path.Combine(output, MarkerFileName);
            if (!File.Exists(marker))
            {
                throw new SocialToolkitException("OutputFolderNotAnExport", FailureKind.AlreadyExists, $"The folder '{output}' is not empty and holds no {MarkerFileName}, so it is not a previous export: -Force replaces only files an export wrote. Choose an empty folder.", output);
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(marker, Encoding.UTF8));
                var files = document.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString() ?? string.Empty).ToList();
                var root = output.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;

                // A marker is a file like any other: an entry that climbs out of the folder is not ours to delete.
                var outside = files.FirstOrDefault(f => f.Length == 0 || !Path.GetFullPath(Path.Combine(output, f)).StartsWith(root, StringComparison.Ordinal));
                if (outside != null)
                {
                    throw new SocialToolkitException("ExportMarkerInvalid", FailureKind.InvalidData, $"The marker '{marker}' names '{outside}', outside the folder; it was not written by an export. Nothing was changed.", marker);
                }

                return files;
            }
            catch (Exception e) when (e is JsonException || e is KeyNotFoundException || e is InvalidOperationException)
            {
                throw new SocialToolkitException("ExportMarkerInvalid", FailureKind.InvalidData, $"The marker '{marker}' cannot be read ({e.Message}); it was not written by an export. Nothing was changed.", marker, e);
            }
        }

        private static void WriteMarker(string staging, IReadOnlyList<string> written)
        {
            var text = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["writtenBy"] = MarkerWriter,
                ["note"] = "Export-SocialOutlookAddin -Force replaces the files listed here, and only those.",
                ["files"] = written,
            }, new JsonSerializerOptions { WriteIndented = true });
            File.WriteAllText(Path.Combine(staging, MarkerFileName), text + "\n", new UTF8Encoding(false));
        }

        /// <summary>
        /// The unified manifest's app package: manifest.json, the localisation files it lists and the two icons at
        /// the paths it names (relative to the package, found at the same paths under the pane's folder).
        /// </summary>
        private static void WriteAppPackage(string staging, string sourcePages, string target)
        {
            var manifestPath = Path.Combine(staging, JsonManifestName);
            var entries = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(JsonManifestName, manifestPath) };
            using (var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath, Encoding.UTF8)))
            {
                var root = manifest.RootElement;
                if (root.TryGetProperty("localizationInfo", out var localization) && localization.TryGetProperty("additionalLanguages", out var languages))
                {
                    foreach (var language in languages.EnumerateArray())
                    {
                        var file = language.GetProperty("file").GetString() ?? string.Empty;
                        entries.Add(new KeyValuePair<string, string>(file, Path.Combine(staging, file.Replace('/', Path.DirectorySeparatorChar))));
                    }
                }

                if (root.TryGetProperty("icons", out var icons))
                {
                    foreach (var kind in new[] { "color", "outline" })
                    {
                        if (icons.TryGetProperty(kind, out var icon) && icon.GetString() is string relative)
                        {
                            entries.Add(new KeyValuePair<string, string>(relative, Path.Combine(sourcePages, relative.Replace('/', Path.DirectorySeparatorChar))));
                        }
                    }
                }
            }

            var missing = entries.Where(e => !File.Exists(e.Value)).Select(e => $"{e.Key} (looked for '{e.Value}')").ToList();
            if (missing.Count > 0)
            {
                throw new SocialToolkitException("AddinPackageFileMissing", FailureKind.InvalidData, "The app package cannot be built: manifest.json names files the add-in source does not have: " + string.Join(", ", missing), missing);
            }

            using var stream = File.Create(target);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
            foreach (var entry in entries)
            {
                // Entry names use forward slashes, the zip convention the admin center expects.
                var item = zip.CreateEntry(entry.Key.Replace('\\', '/'), CompressionLevel.Optimal);
                using var to = item.Open();
                using var from = File.OpenRead(entry.Value);
                from.CopyTo(to);
            }
        }

        private static string RelativePath(string root, string file) =>
            file.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/');

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

        /// <summary>
        /// Puts the assembled files in place. A new or empty folder is the staging folder renamed. Over a previous
        /// export, the files it wrote are moved aside, the new ones moved in, then the old ones deleted, so a
        /// failure midway puts everything back; any other file in the folder is left alone, and a new file that
        /// would overwrite one of those is refused before anything moves.
        /// </summary>
        private static void MoveIntoPlace(string staging, string output, IReadOnlyList<string> previous, IReadOnlyList<string> written)
        {
            if (!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any())
            {
                if (Directory.Exists(output))
                {
                    Directory.Delete(output);
                }

                Directory.Move(staging, output);
                return;
            }

            string Local(string root, string relative) => Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
            var ours = new HashSet<string>(previous, StringComparer.Ordinal) { MarkerFileName };
            var clash = written.FirstOrDefault(f => !ours.Contains(f) && File.Exists(Local(output, f)));
            if (clash != null)
            {
                throw new SocialToolkitException("OutputFileNotOurs", FailureKind.AlreadyExists, $"'{Local(output, clash)}' exists and was not written by the previous export; it was left as it is and nothing was changed. Move it away, or export to another folder.", Local(output, clash));
            }

            var aside = staging + ".old";
            var movedAside = new List<string>();
            var movedIn = new List<string>();
            try
            {
                foreach (var file in ours.Where(f => File.Exists(Local(output, f))))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Local(aside, file))!);
                    File.Move(Local(output, file), Local(aside, file));
                    movedAside.Add(file);
                }

                foreach (var file in written)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Local(output, file))!);
                    File.Move(Local(staging, file), Local(output, file));
                    movedIn.Add(file);
                }
            }
            catch
            {
                foreach (var file in movedIn)
                {
                    File.Move(Local(output, file), Local(staging, file));
                }

                foreach (var file in movedAside)
                {
                    File.Move(Local(aside, file), Local(output, file));
                }

                throw;
            }
            finally
            {
                if (Directory.Exists(aside))
                {
                    Directory.Delete(aside, recursive: true);
                }
            }

            // Folders the previous export made and no longer holds anything are removed; others stay.
            foreach (var folder in previous.Select(f => Path.GetDirectoryName(Local(output, f))!).Distinct().OrderByDescending(f => f.Length))
            {
                for (var current = folder; current.Length > output.Length && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any(); current = Path.GetDirectoryName(current)!)
                {
                    Directory.Delete(current);
                }
            }
        }

        private static SocialToolkitException BadBaseUrl(string errorId, string? baseUrl, string reason) =>
            new SocialToolkitException(errorId, FailureKind.InvalidArgument, $"-BaseUrl '{baseUrl}' {reason}.", baseUrl);
    }
}
