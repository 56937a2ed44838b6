using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.Graph.Sync;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Copies staff, training records and every missing day of Viva Engage and Teams activity of the last 28 days from Microsoft Graph into the store.</para>
    /// </summary>
    [Cmdlet(VerbsData.Sync, "SocialData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cmdlets + "Sync-SocialData.md")]
    [OutputType(typeof(SyncSummary))]
    public sealed class SyncSocialDataCommand : StoreCommand
    {
        /// <summary>The store file; default $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>VivaEngage, Teams, or both (the default). -Workload is its former name.</summary>
        [Parameter]
        [Alias("Workload")]
        [ValidateSet(SocialNetworks.VivaEngage, SocialNetworks.Teams)]
        public string[] Network { get; set; } = { SocialNetworks.VivaEngage, SocialNetworks.Teams };

        /// <summary>Where training records come from: VivaLearning or SharePointList. Remembered in the store for later syncs.</summary>
        [Parameter]
        [ValidateSet("VivaLearning", "SharePointList")]
        public string? TrainingSource { get; set; }

        /// <summary>The SharePoint site id of the training list (with -TrainingSource SharePointList).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SiteId { get; set; }

        /// <summary>The training list id or display name (with -TrainingSource SharePointList).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ListId { get; set; }

        /// <summary>Training field → list column name (with -TrainingSource SharePointList).</summary>
        [Parameter]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>Does not read /users.</summary>
        [Parameter]
        public SwitchParameter SkipStaff { get; set; }

        /// <summary>Keeps guest accounts (B2B, #EXT#) in the store; they are never counted as staff. By default only members are stored.</summary>
        [Parameter]
        public SwitchParameter IncludeGuests { get; set; }

        /// <summary>Lists every user again instead of reading only the changes since the last sync (through the stored /users/delta link).</summary>
        [Parameter]
        public SwitchParameter FullStaffSync { get; set; }

        /// <summary>Does not read training records.</summary>
        [Parameter]
        public SwitchParameter SkipTraining { get; set; }

        /// <summary>Report requests allowed per pacing window (Graph allows 14 per 10 minutes per app).</summary>
        [Parameter]
        [ValidateRange(1, 40)]
        public int ReportRequestsPerWindow { get; set; } = ReportPacer.GraphLimit;

        /// <summary>The pacing window (default 10 minutes); 0 turns pacing off.</summary>
        [Parameter]
        public TimeSpan PaceWindow { get; set; } = ReportPacer.GraphWindow;

        protected override void ProcessRecord()
        {
            if (PaceWindow < TimeSpan.Zero)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-PaceWindow must not be negative."), "InvalidPace", ErrorCategory.InvalidArgument, PaceWindow));
            }

            var map = ColumnMap?.Cast<DictionaryEntry>().ToDictionary(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e => Convert.ToString(e.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var storePath = ResolveStore(StorePath, StoreUse.Create)!;
            var request = new SyncRequest
            {
                StorePath = storePath,
                Workloads = Network.Distinct(StringComparer.Ordinal).ToArray(),
                SkipStaff = SkipStaff.IsPresent,
                SkipTraining = SkipTraining.IsPresent,
                IncludeGuests = IncludeGuests.IsPresent,
                FullStaffSync = FullStaffSync.IsPresent,
                ReportRequestsPerWindow = ReportRequestsPerWindow,
                PaceWindow = PaceWindow,
            };
            var trainingSource = TrainingSource;
            var siteId = SiteId;
            var listId = ListId;
            var plan = RunEngine("Sync-SocialData", (reporter, token) =>
            {
                if (trainingSource != null)
                {
                    request.TrainingSource = Graph.Reading.TrainingSource.Create(trainingSource, siteId, listId, map);
                }
                else if (siteId != null || listId != null || map != null)
                {
                    throw new Core.Operations.SocialToolkitException("ParameterNotForSource", Core.Operations.FailureKind.InvalidArgument, "-SiteId, -ListId and -ColumnMap go with -TrainingSource SharePointList.", "TrainingSource");
                }

                return SocialSync.Plan(request);
            });

            // Ask for every write on the pipeline thread; the engine then runs only what was approved.
            plan.Staff = plan.Staff && ShouldProcess(plan.StorePath.Display, "Add and update people from Microsoft Graph /users/delta");
            if (plan.Training != null && !ShouldProcess(plan.StorePath.Display, "Store training records from " + plan.Training + (plan.TrainingRemembered ? " (remembered source)" : string.Empty)))
            {
                plan.Training = null;
                request.SkipTraining = true;
            }

            plan.Days = plan.Days.Where(d => ShouldProcess(d.ToString(), "Fetch the usage report and store the day in " + plan.StorePath.Display)).ToList();
            if (!plan.Staff && plan.Training == null && plan.Days.Count == 0)
            {
                WriteVerbose("Nothing to do: every report day of the last " + SocialSync.WindowDays.ToString(CultureInfo.InvariantCulture) + " days is already in the store, or nothing was approved.");
                return;
            }

            var scope = SessionScope;
            var summary = RunEngine("Sync-SocialData", (reporter, token) => SocialSync.RunAsync(GraphSessions.Require(scope), request, plan, reporter, token));

            // A bad day or a failed step did not stop the sync: each is an error of its own, honouring -ErrorAction.
            foreach (var failure in summary.Failures)
            {
                WriteError(ToErrorRecord(failure.Exception));
            }

            WriteObject(summary);
        }
    }
}
