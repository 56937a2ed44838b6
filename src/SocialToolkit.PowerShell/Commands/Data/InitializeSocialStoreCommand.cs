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
    public sealed class InitializeSocialStoreCommand : SocialCmdlet
    {
        /// <summary>A store file to create or upgrade; default: $env:SOCIALTOOLKIT_STORE or the per-user data folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? StorePath { get; set; }

        /// <summary>The PostgreSQL database to set up: a connection string or postgresql:// URI, signing in as the database's owner.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StoreConnection { get; set; }

        /// <summary>The owner's user name and password for -StoreConnection (kept out of the connection string).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        protected override void ProcessRecord()
        {
            var store = ResolveStore(StorePath, StoreConnection, Credential, StoreUse.Create)!;
            var action = store.IsServer
                ? "Create or upgrade the store's schema and grant the roles socialtoolkit_writer, socialtoolkit_reader and socialtoolkit_privacy their rights"
                : "Create or upgrade the store file";
            if (!ShouldProcess(store.Display, action))
            {
                return;
            }

            WriteObject(RunEngine("Initialising the store", (reporter, token) => StoreInspector.Initialize(store, reporter, token)));
        }
    }
}
