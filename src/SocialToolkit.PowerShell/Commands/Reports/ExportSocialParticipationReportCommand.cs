using System;
using System.IO;
using System.Management.Automation;
using SocialToolkit.Core.Analytics;
using SocialToolkit.Core.Model;
using SocialToolkit.PowerShell.Base;
using SocialToolkit.Reports;

namespace SocialToolkit.PowerShell.Commands.Reports
{
    /// <summary>
    /// <para type="synopsis">Writes the participation workbook (who takes part, by group, week and network) from the store.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "SocialParticipationReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ParticipationReportInfo))]
    public sealed class ExportSocialParticipationReportCommand : SocialCmdlet
    {
        /// <summary>The workbook to write (.xlsx).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The store to read; by default the default store.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>First day of the period; by default 89 days before -To.</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>Last day of the period; by default the last day the store covers.</summary>
        [Parameter]
        public DateTime? To { get; set; }

        /// <summary>The attribute the "By" sheet groups people by.</summary>
        [Parameter]
        public ReportGroupBy GroupBy { get; set; } = ReportGroupBy.Department;

        /// <summary>Counts only these networks; by default all.</summary>
        [Parameter]
        [ValidateSet(SocialNetworks.VivaEngage, SocialNetworks.Teams, SocialNetworks.LinkedIn, SocialNetworks.X, SocialNetworks.Facebook, SocialNetworks.Instagram, SocialNetworks.Other, IgnoreCase = true)]
        public string[]? Network { get; set; }

        /// <summary>No figure about fewer people than this is shown; 1 turns protection off.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MinimumGroupSize { get; set; } = 5;

        /// <summary>Adds the People sheet with one row per person, under a pseudonym.</summary>
        [Parameter]
        public SwitchParameter IncludeIndividuals { get; set; }

        /// <summary>With -IncludeIndividuals: display names instead of pseudonyms.</summary>
        [Parameter]
        public SwitchParameter IncludeNames { get; set; }

        /// <summary>Replaces an existing workbook.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Returns a summary of the written workbook.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path!);
            var storePath = GetUnresolvedProviderPathFromPSPath(StorePath ?? StorePaths.Default());
            if (!ShouldProcess(path, File.Exists(path) ? "Replace with a participation report" : "Write a participation report"))
            {
                return;
            }

            var request = new ParticipationReportRequest
            {
                Path = path,
                StorePath = storePath,
                From = From,
                To = To,
                GroupBy = GroupBy,
                Networks = Network ?? Array.Empty<string>(),
                MinimumGroupSize = MinimumGroupSize,
                IncludeIndividuals = IncludeIndividuals.IsPresent,
                IncludeNames = IncludeNames.IsPresent,
                Force = Force.IsPresent,
            };
            var info = RunEngine("Exporting the participation report", (reporter, token) => ParticipationReport.Export(request, reporter, token));
            if (PassThru.IsPresent)
            {
                WriteObject(info);
            }
        }
    }
}
