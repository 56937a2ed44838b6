using System.Threading;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;
using SocialToolkit.Data.Store;

namespace SocialToolkit.Data.Maintenance
{
    /// <summary>Initialize-SocialStore: sets a store up, or brings it to this version's schema.</summary>
    public static class StoreSetup
    {
        /// <summary>
        /// Creates the store or brings it to the current schema (on a server with its roles and grants), then
        /// describes it. Run by the database's owner; safe to run again.
        /// </summary>
        public static StoreInfo Initialize(StoreLocation storePath, IOperationReporter reporter, CancellationToken token) =>
            SocialStore.Guard(storePath.Display, "initialising", () =>
            {
                reporter.Progress("Initialising the store", storePath.Display);
                SocialStore.Initialize(storePath).Dispose();
                return StoreInspector.ReadStore(storePath, reporter, token);
            });
    }
}
