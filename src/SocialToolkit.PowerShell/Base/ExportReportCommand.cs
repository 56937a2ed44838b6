using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>
    /// What the two report cmdlets share: where to write, which store to read, the privacy switches, the language, and the
    /// ShouldProcess/-PassThru flow around the engine call.
    /// </summary>
    public abstract class ExportReportCommand : StoreCommand
    {
        /// <summary>The workbook to write (.xlsx).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The store to read; by default the default store.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>No figure about fewer people than this is shown; 1 turns protection off.</summary>
        [Parameter]
        [ValidateRange(1, ReportRequest.MaximumGroupSize)]
        public int MinimumGroupSize { get; set; } = ReportRequest.DefaultMinimumGroupSize;

        /// <summary>Adds the People sheet with one row per person, under a pseudonym.</summary>
        [Parameter]
        public SwitchParameter IncludeIndividuals { get; set; }

        /// <summary>With -IncludeIndividuals: display names instead of pseudonyms.</summary>
        [Parameter]
        public SwitchParameter IncludeNames { get; set; }

        /// <summary>With -IncludeIndividuals: the store's pseudonyms, the same in every workbook written with this switch (by default each workbook has its own).</summary>
        [Parameter]
        public SwitchParameter LinkPseudonyms { get; set; }

        /// <summary>The language of every label, sheet name, chart, sentence and About text (fr or en); by default French when the current UI culture is French, else English.</summary>
        [Parameter]
        [ValidateSet("fr", "en", IgnoreCase = true)]
        public string? Language { get; set; }

        /// <summary>Replaces an existing workbook.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Returns a summary of the written workbook.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Fills what every report request shares from the common parameters: the one place these values are set.</summary>
        protected T Fill<T>(T request, string path, StoreLocation store)
            where T : ReportRequest
        {
            request.Path = path;
            request.StorePath = store;
            request.MinimumGroupSize = MinimumGroupSize;
            request.IncludeIndividuals = IncludeIndividuals.IsPresent;
            request.IncludeNames = IncludeNames.IsPresent;
            request.LinkPseudonyms = LinkPseudonyms.IsPresent;
            request.Language = ResolveLanguage(Language);
            request.Force = Force.IsPresent;
            return request;
        }

        /// <summary>The report language for a -Language value: as given, or French when the current UI culture is French, else English (the one rule for both reports).</summary>
        private static ReportLanguage ResolveLanguage(string? language) => language == null
            ? ReportRequest.LanguageOf(CultureInfo.CurrentUICulture)
            : string.Equals(language, "fr", StringComparison.OrdinalIgnoreCase) ? ReportLanguage.Fr : ReportLanguage.En;

        /// <summary>
        /// Resolves the paths, asks ShouldProcess, runs <paramref name="export"/> (given the workbook and store
        /// paths) and writes its summary with -PassThru.
        /// </summary>
        protected void ExportReport(string reportName, Func<string, StoreLocation, IOperationReporter, CancellationToken, object> export)
        {
            var path = ResolveOutputFile(Path!, "Path");
            var store = ResolveStore(StorePath, StoreUse.Read);
            if (store == null)
            {
                return;
            }

            if (!ShouldProcess(path, File.Exists(path) ? "Replace with a " + reportName : "Write a " + reportName))
            {
                return;
            }

            // What the store or the workbook cannot give is an error about them, which honours -ErrorAction; a
            // failure of the session or Ctrl+C still ends the command.
            if (TryRunEngine("Exporting the " + reportName, null, (reporter, token) => export(path, store, reporter, token), out var info)
                && PassThru.IsPresent)
            {
                WriteObject(info);
            }
        }
    }
}
