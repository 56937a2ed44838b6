using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Store.Backends
{
    /// <summary>
    /// A lock beside a store file (a server store's are advisory locks): an exclusively opened file, which the system
    /// releases when the process ends, even when it is killed, so a crashed sync or report never blocks the next one. The
    /// file stays when released: deleting it then would let a process that opened it a moment before lock a file no longer
    /// on disk while another locks its replacement, both believing they hold the lock.
    /// </summary>
    internal sealed class StoreLockFile : IDisposable
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

        private readonly FileStream file;

        private StoreLockFile(FileStream file)
        {
            this.file = file;
        }

        /// <summary>How long <see cref="Wait"/> waits for the holder before giving up.</summary>
        internal static TimeSpan Patience { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>The lock named <paramref name="suffix"/> beside the store, or null when another holds it.</summary>
        public static StoreLockFile? TryTake(string storePath, string suffix)
        {
            var path = storePath + suffix;
            try
            {
                return new StoreLockFile(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1));
            }
            catch (UnauthorizedAccessException e)
            {
                throw new SocialToolkitException("StoreReadOnly", FailureKind.PermissionDenied,
                    $"{storePath}: the store's folder is read-only, so its lock file {path} cannot be written.", storePath, e);
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>The lock named <paramref name="suffix"/>, once its holder lets go; <paramref name="busy"/> after <see cref="Patience"/>.</summary>
        public static StoreLockFile Wait(string storePath, string suffix, Func<SocialToolkitException> busy)
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                var taken = TryTake(storePath, suffix);
                if (taken != null)
                {
                    return taken;
                }

                if (waited.Elapsed >= Patience)
                {
                    throw busy();
                }

                Thread.Sleep(Interval);
            }
        }

        public void Dispose() => file.Dispose();
    }
}
