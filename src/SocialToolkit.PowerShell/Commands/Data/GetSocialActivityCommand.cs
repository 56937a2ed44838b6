using System;
using System.Collections.Generic;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Reads per-person activity from the Viva Engage and Teams usage reports. Needs Reports.Read.All.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SocialActivity", DefaultParameterSetName = PeriodSet, HelpUri = HelpLinks.Cmdlets + "Get-SocialActivity.md")]
    [OutputType(typeof(ReportedActivity))]
    public sealed class GetSocialActivityCommand : SocialCmdlet
    {
        private const string PeriodSet = "Period";
        private const string DateSet = "Date";

        /// <summary>VivaEngage, Teams, or both (the default). -Workload is its former name.</summary>
        [Parameter(Position = 0)]
        [Alias("Workload")]
        [ValidateSet(SocialNetworks.VivaEngage, SocialNetworks.Teams)]
        public string[] Network { get; set; } = { SocialNetworks.VivaEngage, SocialNetworks.Teams };

        /// <summary>D7 (default), D30, D90 or D180: figures summed over that many days up to the report's refresh date.</summary>
        [Parameter(ParameterSetName = PeriodSet)]
        [ValidateSet("D7", "D30", "D90", "D180")]
        public string Period { get; set; } = "D7";

        /// <summary>One day's figures; Graph keeps about the last 28 days.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DateSet)]
        public DateTime Date { get; set; }

        protected override void ProcessRecord()
        {
            var scope = SessionScope;
            string? period = ParameterSetName == PeriodSet ? Period : null;
            DateTime? day = ParameterSetName == DateSet ? Date.Date : (DateTime?)null;
            // Each network's report is its own item: one the tenant refuses (a report it hides, a licence it lacks)
            // is an error about that network, and the other network's rows still come.
            foreach (var network in Network)
            {
                if (!TryRunEngine("Reading usage reports", network, (reporter, token) =>
                    ActivityReportReader.ReadAsync(GraphSessions.Require(scope), network, period, day, GraphReadOptions.Default, reporter, token), out List<ReportedActivity> rows))
                {
                    continue;
                }

                foreach (var row in rows)
                {
                    WriteObject(row);
                }
            }
        }
    }
}
