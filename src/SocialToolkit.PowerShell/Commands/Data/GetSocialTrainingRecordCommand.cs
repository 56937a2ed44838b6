using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Reads training records from Viva Learning or from a SharePoint list.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SocialTrainingRecord", DefaultParameterSetName = VivaLearningSet, HelpUri = HelpLinks.Cmdlets + "Get-SocialTrainingRecord.md")]
    [OutputType(typeof(TrainingRecord))]
    public sealed class GetSocialTrainingRecordCommand : SocialCmdlet
    {
        private const string VivaLearningSet = "VivaLearning";
        private const string SharePointListSet = "SharePointList";

        private readonly List<string> userPrincipalNames = new List<string>();

        /// <summary>VivaLearning (delegated sign-in) or SharePointList.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateSet(TrainingSource.VivaLearning, TrainingSource.SharePointList)]
        public string Source { get; set; } = TrainingSource.VivaLearning;

        /// <summary>The SharePoint site id (hostname,site-collection-id,web-id) holding the training list.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SharePointListSet)]
        [ValidateNotNullOrEmpty]
        public string? SiteId { get; set; }

        /// <summary>The list id (or its display name) in that site.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SharePointListSet)]
        [ValidateNotNullOrEmpty]
        public string? ListId { get; set; }

        /// <summary>Training field → list column name, e.g. @{ UserPrincipalName = 'Employee'; CourseId = 'Course' }.</summary>
        [Parameter(ParameterSetName = SharePointListSet)]
        public Hashtable? ColumnMap { get; set; }

        /// <summary>Only these people (user principal names); binds from the UserPrincipalName property of piped objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? UserPrincipalName { get; set; }

        protected override void ProcessRecord()
        {
            if (UserPrincipalName != null)
            {
                userPrincipalNames.AddRange(UserPrincipalName.Where(u => !string.IsNullOrWhiteSpace(u)));
            }
        }

        protected override void EndProcessing()
        {
            if (Source == TrainingSource.SharePointList && ParameterSetName != SharePointListSet)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Source SharePointList needs -SiteId and -ListId."), "MissingParameter", ErrorCategory.InvalidArgument, "SiteId"));
            }

            if (Source == TrainingSource.VivaLearning && ParameterSetName == SharePointListSet)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-SiteId, -ListId and -ColumnMap apply to -Source SharePointList only."), "ParameterNotForSource", ErrorCategory.InvalidArgument, "SiteId"));
            }

            var map = ColumnMap?.Cast<DictionaryEntry>().ToDictionary(e => Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, e => Convert.ToString(e.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var scope = SessionScope;
            var source = Source;
            var siteId = SiteId;
            var listId = ListId;
            var wanted = userPrincipalNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var records = RunEngine("Reading training records", async (reporter, token) =>
            {
                var session = GraphSessions.Require(scope);
                var settings = TrainingSource.Create(source, siteId, listId, map);
                var learners = new List<Learner>();
                if (settings.Kind == TrainingSource.VivaLearning)
                {
                    TrainingReader.RequireDelegated(session);
                    if (wanted.Count > 0)
                    {
                        learners.AddRange(wanted.Select(u => new Learner(u, u)));
                    }
                    else
                    {
                        var people = await StaffReader.ReadAsync(session, new StaffQuery { IncludeManager = false }, GraphReadOptions.Default, reporter, token).ConfigureAwait(false);
                        learners.AddRange(people.Select(p => new Learner(p.Id, p.UserPrincipalName)));
                    }
                }

                return await TrainingReader.ReadAsync(session, settings, learners, wanted, GraphReadOptions.Default, reporter, token).ConfigureAwait(false);
            });
            foreach (var record in records)
            {
                WriteObject(record);
            }
        }
    }
}
