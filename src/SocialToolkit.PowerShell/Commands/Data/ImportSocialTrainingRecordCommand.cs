using System.Collections;
using System.Globalization;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Imports;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Imports training records from a CSV or xlsx file into the store, all or nothing.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "SocialTrainingRecord", SupportsShouldProcess = true)]
    [OutputType(typeof(TrainingImportSummary), typeof(TrainingRecord))]
    public sealed class ImportSocialTrainingRecordCommand : SocialCmdlet
    {
        /// <summary>The CSV or xlsx file. Accepts files from Get-ChildItem through the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The store; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>Our field → the file's header, e.g. @{ UserPrincipalName = 'Email'; CompletedDate = 'Date de fin' }.</summary>
        [Parameter]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>The culture of the file's dates and numbers, e.g. fr-FR for 31/12/2026. Default: ISO dates (2026-12-31) only.</summary>
        [Parameter]
        public CultureInfo? Culture { get; set; }

        /// <summary>The CSV delimiter; detected from the header line when left out.</summary>
        [Parameter]
        [ValidateSet(",", ";", "\t", "|")]
        public string? Delimiter { get; set; }

        /// <summary>The label the records are stored under (default File); records of other sources are kept apart.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Source { get; set; } = "File";

        /// <summary>Fails the import when any row names a person who is not in the store.</summary>
        [Parameter]
        public SwitchParameter RequireAllMatched { get; set; }

        /// <summary>Writes the stored records instead of the summary.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var options = new TrainingImportOptions
            {
                Path = GetUnresolvedProviderPathFromPSPath(Path),
                StorePath = GetUnresolvedProviderPathFromPSPath(StorePath ?? StorePaths.Default()),
                ColumnMap = ColumnMap,
                Culture = Culture,
                Delimiter = string.IsNullOrEmpty(Delimiter) ? (char?)null : Delimiter![0],
                Source = Source,
                RequireAllMatched = RequireAllMatched,
            };
            var plan = RunEngine("Importing training records", (reporter, token) => TrainingImporter.Prepare(options, reporter, token));
            if (!ShouldProcess(options.StorePath, plan.Description))
            {
                return;
            }

            var summary = RunEngine("Importing training records", (reporter, token) => TrainingImporter.Apply(plan, reporter, token));
            if (PassThru)
            {
                WriteObject(plan.Records, enumerateCollection: true);
            }
            else
            {
                WriteObject(summary);
            }
        }
    }
}
