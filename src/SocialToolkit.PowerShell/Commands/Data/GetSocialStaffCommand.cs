using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Graph.Connection;
using SocialToolkit.Graph.Reading;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Reads people from the directory (/users), with their manager. Needs User.Read.All.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SocialStaff", HelpUri = HelpLinks.Cmdlets + "Get-SocialStaff.md")]
    [OutputType(typeof(Person))]
    public sealed class GetSocialStaffCommand : SocialCmdlet
    {
        /// <summary>Only people of this department (exact match).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Department { get; set; }

        /// <summary>Also returns disabled accounts.</summary>
        [Parameter]
        public SwitchParameter IncludeDisabled { get; set; }

        protected override void ProcessRecord()
        {
            var scope = SessionScope;
            var query = new StaffQuery { Department = Department, IncludeDisabled = IncludeDisabled.IsPresent };
            var people = RunEngine("Reading staff from Microsoft Graph", (reporter, token) =>
                StaffReader.ReadAsync(GraphSessions.Require(scope), query, GraphReadOptions.Default, reporter, token));
            foreach (var person in people)
            {
                WriteObject(person);
            }
        }
    }
}
