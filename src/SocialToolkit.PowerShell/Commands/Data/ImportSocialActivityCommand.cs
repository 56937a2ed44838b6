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
    /// <para type="synopsis">Imports daily activity from a usage-report export or another network's export into the store, all or nothing.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "SocialActivity", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.UsageReport)]
    [OutputType(typeof(ActivityImportSummary))]
    public sealed class ImportSocialActivityCommand : SocialCmdlet
    {
        /// <summary>Parameter-set names.</summary>
        public static class ParameterSets
        {
            public const string UsageReport = "UsageReport";
            public const string Network = "Network";
        }

        /// <summary>The CSV or xlsx file. Accepts files from Get-ChildItem through the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The store; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>The network of an export that is not a Microsoft 365 usage report.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Network)]
        [ValidateSet(SocialNetworks.LinkedIn, SocialNetworks.X, SocialNetworks.Facebook, SocialNetworks.Instagram, SocialNetworks.Other)]
        public string? Network { get; set; }

        /// <summary>Our field → the file's header, e.g. @{ UserPrincipalName = 'Email'; Day = 'Date'; Posts = 'Shares' }.</summary>
        [Parameter(ParameterSetName = ParameterSets.Network)]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>The culture of the file's dates and numbers, e.g. fr-FR for 31/12/2026. Default: ISO dates (2026-12-31) only.</summary>
        [Parameter]
        public CultureInfo? Culture { get; set; }

        /// <summary>The CSV delimiter; detected from the header line when left out.</summary>
        [Parameter]
        [ValidateSet(",", ";", "\t", "|")]
        public string? Delimiter { get; set; }

        /// <summary>Fails the import when any row names a person who is not in the store.</summary>
        [Parameter]
        public SwitchParameter RequireAllMatched { get; set; }

        protected override void ProcessRecord()
        {
            var options = new ActivityImportOptions
            {
                Path = GetUnresolvedProviderPathFromPSPath(Path),
                StorePath = GetUnresolvedProviderPathFromPSPath(StorePath ?? StorePaths.Default()),
                Network = Network,
                ColumnMap = ColumnMap,
                Culture = Culture,
                Delimiter = string.IsNullOrEmpty(Delimiter) ? (char?)null : Delimiter![0],
                RequireAllMatched = RequireAllMatched,
            };
            var plan = RunEngine("Importing activity", (reporter, token) => ActivityImporter.Prepare(options, reporter, token));
            if (!ShouldProcess(options.StorePath, plan.Description))
            {
                return;
            }

            WriteObject(RunEngine("Importing activity", (reporter, token) => ActivityImporter.Apply(plan, reporter, token)));
        }
    }
}
