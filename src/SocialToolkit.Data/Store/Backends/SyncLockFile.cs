using System;
using System.IO;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>
    /// One sync per store at a time: a second one would fetch the same days again and spend the report budget twice.
    /// The lock is an exclusively opened file next to the store; the system releases it when the process ends, even
    /// when it is killed, so a crashed sync never blocks the next one.
    /// </summary>
    internal sealed class SyncLockFile : IDisposable
    {
        private readonly FileStream file;

        private SyncLockFile(FileStream file)
        {
            this.file = file;
        }

        public static SyncLockFile Acquire(string storePath)
        {
            var path = storePath + ".sync-lock";
            try
            {
                return new SyncLockFile(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
            }
            catch (IOException e)
            {
                throw new SocialToolkitException("SyncAlreadyRunning", FailureKind.InvalidOperation,
                    $"Another Sync-SocialData is running on {storePath}; this one stopped instead of fetching the same days again. Run it again when the other has finished.",
                    storePath, e);
            }
        }

        public void Dispose() => file.Dispose();
    }
}
