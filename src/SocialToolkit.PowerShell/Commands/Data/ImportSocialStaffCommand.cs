using System.Collections;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Imports;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Imports staff from an HR-system export (CSV or xlsx) into the store, all or nothing, keeping each person's history.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "SocialStaff", SupportsShouldProcess = true)]
    [OutputType(typeof(StaffImportSummary), typeof(Person))]
    public sealed class ImportSocialStaffCommand : ImportFileCommand
    {
        /// <summary>Our field → the file's header, e.g. @{ UserPrincipalName = 'Courriel'; Department = 'Service' }.</summary>
        [Parameter]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>File (default): the file's values win, and later syncs only fill the fields it maps where empty. Directory: the file only fills what the directory left empty.</summary>
        [Parameter]
        [ValidateSet(StaffImporter.FileWins, StaffImporter.DirectoryWins)]
        public string Source { get; set; } = StaffImporter.FileWins;

        /// <summary>Writes the imported people instead of the summary.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            // An HR export may be the first thing a store holds: the store is created when it does not exist yet.
            var storePath = ResolveStore(StoreUse.Create)!;

            ImportEachFile(
                storePath,
                "Importing staff",
                (file, reporter, token) => StaffImporter.Prepare(
                    new StaffImportOptions
                    {
                        Path = file,
                        StorePath = storePath,
                        ColumnMap = ColumnMap,
                        Culture = Culture,
                        Delimiter = DelimiterCharacter,
                        Source = Source,
                    },
                    reporter,
                    token),
                plan => plan.Description,
                StaffImporter.Apply,
                (plan, summary) =>
                {
                    if (PassThru)
                    {
                        WriteObject(plan.People, enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(summary);
                    }
                });
        }
    }
}
