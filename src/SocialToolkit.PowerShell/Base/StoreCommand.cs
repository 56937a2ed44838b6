using System.Management.Automation;
using SocialToolkit.Core.Store;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>
    /// Base of the commands that work on a store: the parameters that reach a shared PostgreSQL store, the same on
    /// each. -StorePath stays with each command, whose position, aliases and pipeline binding differ.
    /// </summary>
    public abstract class StoreCommand : SocialCmdlet
    {
        /// <summary>A PostgreSQL store shared by the organisation: a connection string or postgresql:// URI; default: $env:SOCIALTOOLKIT_STORE when it holds one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StoreConnection { get; set; }

        /// <summary>The user name and password for -StoreConnection (kept out of the connection string).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The store named by -StoreConnection, <paramref name="storePath"/> or the default; null after a non-terminating error (<see cref="StoreUse.Read"/> only).</summary>
        protected StoreLocation? ResolveStore(string? storePath, StoreUse use) => ResolveStore(storePath, StoreConnection, Credential, use);
    }
}
