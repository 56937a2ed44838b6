using System.Collections.Generic;
using System.IO;
using System.Linq;
using SocialToolkit.Core.Guidelines;
using SocialToolkit.Core.Operations;
using SocialToolkit.Guidelines.Workbook;

namespace SocialToolkit.Guidelines.Catalog
{
    /// <summary>What the guideline cmdlets do, without PowerShell: each method is one command's work.</summary>
    public static class GuidelineCatalogService
    {
        /// <summary>The catalog shipped in a module (or add-in source) folder: addin/catalog/guidelines.json.</summary>
        public static string DefaultCatalogPath(string moduleFolder) => Path.Combine(moduleFolder, "addin", "catalog", "guidelines.json");

        /// <summary>Get-SocialGuideline.</summary>
        public static IReadOnlyList<Guideline> Find(string catalogPath, GuidelineFilter filter) =>
            GuidelineQuery.Find(GuidelineCatalogFile.Load(catalogPath), filter, catalogPath);

        /// <summary>Test-SocialGuidelineCatalog: every problem; a file that cannot be parsed at all is an error instead.</summary>
        public static IReadOnlyList<GuidelineCatalogProblem> Validate(string catalogPath) =>
            GuidelineCatalogValidator.Validate(GuidelineCatalogFile.Load(catalogPath), catalogPath);

        /// <summary>ConvertTo-SocialGuidelineCatalog: workbook → catalog JSON, written only when the workbook has no error.</summary>
        public static GuidelineCatalogSummary ConvertWorkbook(string workbookPath, string outputPath, bool overwrite, IOperationReporter reporter)
        {
            using var output = GuidelineCatalogFile.Prepare(outputPath, overwrite);
            reporter.Progress("Converting guidelines workbook", "Reading " + Path.GetFileName(workbookPath));
            var content = GuidelineWorkbookReader.Read(workbookPath);
            foreach (var warning in content.Problems.Where(p => p.Severity == GuidelineProblemSeverity.Warning))
            {
                reporter.Warning(warning.ToString());
            }

            var errors = content.Problems.Where(p => p.Severity == GuidelineProblemSeverity.Error).ToList();
            if (errors.Count > 0 || content.Catalog == null)
            {
                throw new GuidelineCatalogException(
                    "GuidelineWorkbookInvalid",
                    $"The guidelines workbook '{workbookPath}' has {Plural(errors.Count, "problem")}; nothing was written:",
                    errors);
            }

            reporter.Progress("Converting guidelines workbook", "Writing " + Path.GetFileName(outputPath));
            GuidelineCatalogFile.Save(content.Catalog, output);
            reporter.Verbose($"Wrote {Plural(content.Catalog.Snippets.Count, "snippet")} in {Plural(content.Catalog.Categories.Count, "category", "categories")} to '{output.Target}'.");
            return Summarize(content.Catalog, output.Target);
        }

        /// <summary>Export-SocialGuidelineWorkbook: catalog JSON → workbook. A catalog with problems is exported too (to be fixed in Excel), with a warning.</summary>
        public static FileInfo ExportWorkbook(string catalogPath, string outputPath, bool overwrite, IOperationReporter reporter)
        {
            using var output = GuidelineWorkbookWriter.Prepare(outputPath, overwrite);
            var catalog = GuidelineCatalogFile.Load(catalogPath);
            var problems = GuidelineCatalogValidator.Validate(catalog, catalogPath).Where(p => p.Severity == GuidelineProblemSeverity.Error).ToList();
            if (problems.Count > 0)
            {
                reporter.Warning($"The catalog '{catalogPath}' has {Plural(problems.Count, "problem")} (Test-SocialGuidelineCatalog lists them); the workbook holds it as it is, to be fixed there.");
            }

            reporter.Progress("Exporting guidelines workbook", "Writing " + Path.GetFileName(outputPath));
            GuidelineWorkbookWriter.Save(catalog, output);
            return new FileInfo(output.Target);
        }

        public static GuidelineCatalogSummary Summarize(GuidelineCatalog catalog, string path) => new GuidelineCatalogSummary
        {
            Path = path,
            CatalogVersion = catalog.CatalogVersion,
            DefaultLanguage = catalog.DefaultLanguage,
            Languages = catalog.Languages.ToList(),
            CategoryCount = catalog.Categories.Count,
            SnippetCount = catalog.Snippets.Count,
            PlaceholderCount = catalog.Placeholders.Count,
        };

        internal static string Plural(int count, string one, string? many = null) =>
            count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");
    }
}
