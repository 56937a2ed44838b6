using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Core.Store;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>How a command uses its store, which decides what a store that is not there means.</summary>
    public enum StoreUse
    {
        /// <summary>Reads one store among its input items: a missing store is a non-terminating error.</summary>
        Read,

        /// <summary>Works on the store as a whole: a missing store ends the command.</summary>
        Require,

        /// <summary>May create the store (a sync, a staff import): a missing file is fine, a folder is not.</summary>
        Create,
    }

    /// <summary>
    /// One rule for every command's store: -StoreConnection (a PostgreSQL connection string or postgresql:// URI,
    /// with -Credential for the sign-in), else -StorePath (a file, resolved as PowerShell paths are), else
    /// $env:SOCIALTOOLKIT_STORE (either of the two), else the per-user store file.
    /// </summary>
    public abstract partial class SocialCmdlet
    {
        /// <summary>
        /// The store the command works on; null after a non-terminating error (<see cref="StoreUse.Read"/> only).
        /// A connection string's password never leaves the returned object but to the driver.
        /// </summary>
        protected StoreLocation? ResolveStore(string? storePath, string? storeConnection, PSCredential? credential, StoreUse use)
        {
            if (storePath != null && storeConnection != null)
            {
                ThrowTerminatingError(ToErrorRecord(new SocialToolkitException("StorePathAndConnection", FailureKind.InvalidArgument,
                    "Give -StorePath (a store file) or -StoreConnection (a PostgreSQL store), not both.", "StoreConnection")));
            }

            var connection = storeConnection;
            if (storePath == null && connection == null && StoreLocation.LooksLikeServer(System.Environment.GetEnvironmentVariable(StorePaths.EnvironmentVariable)))
            {
                connection = System.Environment.GetEnvironmentVariable(StorePaths.EnvironmentVariable);
            }

            if (connection != null)
            {
                try
                {
                    return SignedIn(StoreLocation.Server(connection), credential);
                }
                catch (SocialToolkitException invalid)
                {
                    ThrowTerminatingError(ToErrorRecord(invalid, "StoreConnection"));
                    return null;
                }
            }

            if (HasCredential(credential))
            {
                ThrowTerminatingError(ToErrorRecord(new SocialToolkitException("CredentialNeedsServer", FailureKind.InvalidArgument,
                    "-Credential signs in to a PostgreSQL store (-StoreConnection); a store file has no sign-in. Leave -Credential out.", "Credential")));
            }

            var path = storePath ?? StorePaths.Default();
            switch (use)
            {
                case StoreUse.Read:
                    var found = ResolveInputFile(path, "StorePath", Data.Store.SocialStore.NotFound);
                    return found == null ? null : StoreLocation.File(found);
                case StoreUse.Require:
                    return StoreLocation.File(RequireInputFile(path, "StorePath", Data.Store.SocialStore.NotFound));
                default:
                    return StoreLocation.File(ResolveOutputFile(path, "StorePath"));
            }
        }

        /// <summary>Whether a -Credential was given (PowerShell passes PSCredential.Empty for an empty one).</summary>
        protected static bool HasCredential(PSCredential? credential) => credential != null && credential != PSCredential.Empty;

        /// <summary>The server store signed in with <paramref name="credential"/> when one is given.</summary>
        protected static StoreLocation SignedIn(StoreLocation server, PSCredential? credential) =>
            HasCredential(credential) ? server.WithCredential(credential!.UserName, credential.GetNetworkCredential().Password) : server;
    }
}
