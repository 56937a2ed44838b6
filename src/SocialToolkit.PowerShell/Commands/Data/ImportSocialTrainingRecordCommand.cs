using System.Collections;
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
    [Cmdlet(VerbsData.Import, "SocialTrainingRecord", SupportsShouldProcess = true, HelpUri = HelpLinks.Cmdlets + "Import-SocialTrainingRecord.md")]
    [OutputType(typeof(TrainingImportSummary), typeof(TrainingRecord))]
    public sealed class ImportSocialTrainingRecordCommand : ImportFileCommand
    {
        /// <summary>Our field → the file's header, e.g. @{ UserPrincipalName = 'Email'; CompletedDate = 'Date de fin' }.</summary>
        [Parameter]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>The label the records are stored under (default File); records of other sources are kept apart.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Source { get; set; } = "File";

        /// <summary>Writes the stored records instead of the summary.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var storePath = ResolveStore();
            if (storePath == null)
            {
                return;
            }

            ImportEachFile(
                storePath,
                "Importing training records",
                (file, reporter, token) => TrainingImporter.Prepare(
                    new TrainingImportOptions
                    {
                        Path = file,
                        StorePath = storePath,
                        ColumnMap = ColumnMap,
                        Culture = Culture,
                        Delimiter = DelimiterCharacter,
                        Source = Source,
                        RequireAllMatched = RequireAllMatched,
                    },
                    reporter,
                    token),
                plan => plan.Description,
                TrainingImporter.Apply,
                (plan, summary) =>
                {
                    if (PassThru)
                    {
                        WriteObject(plan.Records, enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(summary);
                    }
                });
        }
    }
}
