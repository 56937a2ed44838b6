namespace SocialToolkit.PowerShell.Base
{
    /// <summary>
    /// Where each cmdlet's page lives online, for the cmdlets' HelpUri (Get-Command, Get-Help -Online): the
    /// manifest's ProjectUri followed by docs/cmdlets/&lt;name&gt;.md. An acceptance test checks it against the manifest.
    /// </summary>
    internal static class HelpLinks
    {
        public const string Cmdlets = "https://github.com/socialtoolkit/socialtoolkit/blob/main/docs/cmdlets/";
    }
}
