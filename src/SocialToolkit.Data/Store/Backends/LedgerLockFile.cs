using System;
using System.IO;
using System.Threading;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>
    /// One report at a time decides what a store file's release ledger lets it publish: two reports deciding at once would
    /// each miss what the other publishes. The lock is an exclusively opened file next to the store, which the system
    /// releases when the process ends, even when it is killed. The file stays: deleting it on release would let a
    /// report that opened it just before lock a file no longer on disk while another locks its replacement.
    /// </summary>
    internal sealed class LedgerLockFile : IDisposable
    {
        /// <summary>How long a report waits for the one before it, and how often it looks.</summary>
        internal static TimeSpan Patience { get; set; } = TimeSpan.FromMinutes(10);

        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

        private readonly FileStream file;

        private LedgerLockFile(FileStream file)
        {
            this.file = file;
        }

        public static LedgerLockFile Acquire(string storePath)
        {
            var path = storePath + ".report-lock";
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new LedgerLockFile(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new SocialToolkitException("StoreReadOnly", FailureKind.PermissionDenied,
                        $"{storePath}: a report records what it publishes in the store and needs to write beside it ({path}), but the folder is read-only.", storePath, e);
                }
                catch (IOException) when (waited.Elapsed < Patience)
                {
                    // Another report holds it: look again shortly.
                    Thread.Sleep(Interval);
                }
                catch (IOException e)
                {
                    throw new SocialToolkitException("StoreBusy", FailureKind.InvalidOperation,
                        $"Another report has been writing from {storePath} for over {Patience.TotalMinutes:0} minutes; this one stopped instead of waiting longer. Run it again when the other has finished.",
                        storePath, e);
                }
            }
        }

        public void Dispose() => file.Dispose();
    }
}
