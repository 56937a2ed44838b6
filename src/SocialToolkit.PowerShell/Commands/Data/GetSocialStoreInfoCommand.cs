using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Shows what the store holds: people, days covered per network and their gaps, training records, last sync.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SocialStoreInfo", HelpUri = HelpLinks.Cmdlets + "Get-SocialStoreInfo.md")]
    [OutputType(typeof(StoreInfo))]
    public sealed class GetSocialStoreInfoCommand : StoreCommand
    {
        /// <summary>The store; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        protected override void ProcessRecord()
        {
            var store = ResolveStore(StorePath, StoreUse.Read);
            if (store != null && TryRunEngine("Reading the store", store.Display, (reporter, token) => StoreInspector.Read(store, reporter, token), out var info))
            {
                WriteObject(info);
            }
        }
    }
}
