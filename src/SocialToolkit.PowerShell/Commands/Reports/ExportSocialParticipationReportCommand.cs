using System;
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
    [Cmdlet(VerbsData.Export, "SocialParticipationReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Cmdlets + "Export-SocialParticipationReport.md")]
    [OutputType(typeof(ParticipationReportInfo))]
    public sealed class ExportSocialParticipationReportCommand : ExportReportCommand
    {
        /// <summary>First day of the period; by default the first covered day of the 90 days up to -To.</summary>
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

        protected override void ProcessRecord() =>
            ExportReport("participation report", (path, store, reporter, token) => ParticipationReport.Export(
                Fill(new ParticipationReportRequest
                {
                    From = From,
                    To = To,
                    GroupBy = GroupBy,
                    Networks = Network ?? Array.Empty<string>(),
                }, path, store),
                reporter,
                token));
    }
}
