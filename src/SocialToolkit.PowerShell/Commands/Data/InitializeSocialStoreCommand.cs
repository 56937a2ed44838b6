using System.Management.Automation;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Maintenance;
using SocialToolkit.PowerShell.Base;

namespace SocialToolkit.PowerShell.Commands.Data
{
    /// <summary>
    /// <para type="synopsis">Creates a store, or brings it to this module's schema; on PostgreSQL also creates the three roles and grants them their rights.</para>
    /// </summary>
    [Cmdlet(VerbsData.Initialize, "SocialStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Cmdlets + "Initialize-SocialStore.md")]
    [OutputType(typeof(StoreInfo))]
    public sealed class InitializeSocialStoreCommand : StoreCommand
    {
        /// <summary>A store file to create or upgrade; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        protected override void ProcessRecord()
        {
            var store = ResolveStore(StorePath, StoreUse.Create)!;
            var action = store.IsServer
                ? "Create or upgrade the store's schema and grant the roles socialtoolkit_writer, socialtoolkit_reader and socialtoolkit_privacy their rights"
                : "Create or upgrade the store file";
            if (!ShouldProcess(store.Display, action))
            {
                return;
            }

            WriteObject(RunEngine("Initialising the store", (reporter, token) => StoreSetup.Initialize(store, reporter, token)));
        }
    }
}
