using System.Management.Automation;
using SocialToolkit.Graph.Connection;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Connection
{
    /// <summary>
    /// <para type="synopsis">Forgets the Microsoft Graph session of this PowerShell session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "SocialToolkit", HelpUri = HelpLinks.Cmdlets + "Disconnect-SocialToolkit.md")]
    [OutputType(typeof(void))]
    public sealed class DisconnectSocialToolkitCommand : SocialCmdlet
    {
        protected override void ProcessRecord()
        {
            if (!GraphSessions.Remove(SessionScope))
            {
                WriteVerbose("There was no Microsoft Graph session to forget.");
            }
        }
    }
}
