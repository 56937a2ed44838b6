using System;
using System.Collections;
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
    [Cmdlet(VerbsData.Import, "SocialActivity", SupportsShouldProcess = true, DefaultParameterSetName = ParameterSets.UsageReport, HelpUri = HelpLinks.Cmdlets + "Import-SocialActivity.md")]
    [OutputType(typeof(ActivityImportSummary))]
    public sealed class ImportSocialActivityCommand : ImportFileCommand
    {
        /// <summary>Parameter-set names.</summary>
        public static class ParameterSets
        {
            public const string UsageReport = "UsageReport";
            public const string Network = "Network";
        }

        /// <summary>The network of an export that is not a Microsoft 365 usage report.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Network)]
        [ValidateSet(SocialNetworks.LinkedIn, SocialNetworks.X, SocialNetworks.Facebook, SocialNetworks.Instagram, SocialNetworks.Other)]
        public string? Network { get; set; }

        /// <summary>Our field → the file's header, e.g. @{ UserPrincipalName = 'Email'; Day = 'Date'; Posts = 'Shares' }.</summary>
        [Parameter(ParameterSetName = ParameterSets.Network)]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>Lets a usage report replace its days even when it lists fewer people than the store holds for them, or rows of several dates.</summary>
        [Parameter(ParameterSetName = ParameterSets.UsageReport)]
        public SwitchParameter Replace { get; set; }

        /// <summary>The day a one-day usage report is about (the date it was requested for); default: its Report Refresh Date.</summary>
        [Parameter(ParameterSetName = ParameterSets.UsageReport)]
        public DateTime? Date { get; set; }

        protected override void ProcessRecord()
        {
            var storePath = ResolveStore();
            if (storePath == null)
            {
                return;
            }

            ImportEachFile(
                storePath,
                "Importing activity",
                (file, reporter, token) => ActivityImporter.Prepare(
                    new ActivityImportOptions
                    {
                        Path = file,
                        StorePath = storePath,
                        Network = Network,
                        ColumnMap = ColumnMap,
                        Culture = Culture,
                        Delimiter = DelimiterCharacter,
                        RequireAllMatched = RequireAllMatched,
                        Replace = Replace,
                        ReportDate = Date,
                    },
                    reporter,
                    token),
                plan => plan.Description,
                ActivityImporter.Apply,
                (_, summary) => WriteObject(summary));
        }
    }
}
