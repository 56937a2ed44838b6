using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Core.Files
{
    /// <summary>
    /// The one way the toolkit writes a file a user asked for (report workbooks, sample stores, guideline catalogs and workbooks; <see cref="OutputFolder"/> for the add-in folder):
    /// checked up front (extension, folder, existing file, lock), written to temporary files in the target folder, moved into
    /// place only when complete, owner-only from the first byte when it holds personal data. A failure leaves the old file,
    /// if any, untouched and no partial file behind. Every writer reports the same error ids (<see cref="ErrorIds"/>).
    /// </summary>
    public sealed class OutputFile : IDisposable
    {
        private readonly string folder;
        private readonly string stem;
        private int temporaries;

        private OutputFile(string target, bool ownerOnly)
        {
            Target = target;
            OwnerOnly = ownerOnly;
            folder = Path.GetDirectoryName(target)!;
            stem = "." + Path.GetFileNameWithoutExtension(target) + "." + Guid.NewGuid().ToString("N");
        }

        /// <summary>The error ids of every file-writing cmdlet: scripts can test for them whatever the cmdlet.</summary>
        public static class ErrorIds
        {
            public const string InvalidPath = "OutputPathInvalid";
            public const string FolderNotFound = "OutputFolderNotFound";
            public const string Exists = "OutputFileExists";
            public const string Locked = "OutputFileLocked";
            public const string NotWritable = "OutputNotWritable";
            public const string WriteFailed = "OutputWriteFailed";
        }

        public string Target { get; }

        /// <summary>Readable and writable by its owner only (0600 on Unix): files with individual rows or a store.</summary>
        public bool OwnerOnly { get; }

        /// <summary>
        /// Checks <paramref name="path"/> (given as <paramref name="parameter"/>, e.g. "-Path") and returns a handle for its
        /// temporary files. <paramref name="extensions"/> lists the accepted endings (".xlsx"), empty for any.
        /// </summary>
        public static OutputFile Prepare(string path, bool force, bool ownerOnly, string parameter = "-Path", params string[] extensions)
        {
            var target = FullPath(path, parameter, "file");

            if (extensions.Length > 0 && !extensions.Any(x => string.Equals(Path.GetExtension(target), x, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SocialToolkitException(ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"{parameter} {target} must end with {string.Join(" or ", extensions)}.", target);
            }

            if (Directory.Exists(target))
            {
                throw new SocialToolkitException(ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"{parameter} {target} is a folder; give the file's name.", target);
            }

            RequireFolder(Path.GetDirectoryName(target)!);

            if (File.Exists(target))
            {
                if (!force)
                {
                    throw new SocialToolkitException(ErrorIds.Exists, FailureKind.AlreadyExists, $"{target} already exists. Use -Force to replace it.", target);
                }

                try
                {
                    using (new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
                catch (IOException e)
                {
                    throw new SocialToolkitException(ErrorIds.Locked, FailureKind.WriteFailed, $"{target} is open in another program (Excel?) or locked: close it and try again. {e.Message}", target, e);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new SocialToolkitException(ErrorIds.NotWritable, FailureKind.PermissionDenied, $"{target} cannot be replaced: {e.Message}", target, e);
                }
            }

            return new OutputFile(target, ownerOnly);
        }

        /// <summary>Fails with <see cref="ErrorIds.FolderNotFound"/> unless <paramref name="folder"/> exists: a typo is not silently created.</summary>
        internal static void RequireFolder(string folder)
        {
            if (!Directory.Exists(folder))
            {
                throw new SocialToolkitException(ErrorIds.FolderNotFound, FailureKind.NotFound, $"The folder {folder} does not exist.", folder);
            }
        }

        /// <summary>A new temporary file name in the target folder (same volume, so the final move is a rename).</summary>
        public string NewTemporary()
        {
            temporaries++;
            return Path.Combine(folder, stem + "." + temporaries.ToString(CultureInfo.InvariantCulture) + ".tmp");
        }

        /// <summary>Creates a temporary file for writing, owner-only before any byte is written when <see cref="OwnerOnly"/>.</summary>
        public FileStream Create(string temporary)
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            if (OwnerOnly)
            {
                try
                {
                    OwnerOnlyPermissions.Apply(temporary, isDirectory: false);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
            }

            return stream;
        }

        /// <summary>Runs a write to a temporary file, turning file-system failures into errors naming the folder.</summary>
        public void Write(Action write) => Guard(folder, Target, write);

        /// <summary>
        /// Resolves <paramref name="path"/> given as <paramref name="parameter"/> to a full path, or fails with
        /// <see cref="ErrorIds.InvalidPath"/>.
        /// </summary>
        internal static string FullPath(string path, string parameter, string what)
        {
            try
            {
                return Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw new SocialToolkitException(ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"{parameter} '{path}' is not a valid {what} path: {e.Message}", path, e);
            }
        }

        /// <summary>The one translation of file-system failures while writing <paramref name="target"/> into the shared error ids.</summary>
        internal static void Guard(string folder, string target, Action write)
        {
            try
            {
                write();
            }
            catch (UnauthorizedAccessException e)
            {
                throw new SocialToolkitException(ErrorIds.NotWritable, FailureKind.PermissionDenied, $"Cannot write in {folder}: {e.Message}", target, e);
            }
            catch (IOException e)
            {
                throw new SocialToolkitException(ErrorIds.WriteFailed, FailureKind.WriteFailed, $"Writing {target} failed: {e.Message}", target, e);
            }
        }

        /// <summary>Moves the finished temporary file into place, replacing the old file in one step when there is one.</summary>
        public FileInfo Commit(string finished)
        {
            Write(() =>
            {
                if (OwnerOnly)
                {
                    OwnerOnlyPermissions.Apply(finished, isDirectory: false);
                }

                if (File.Exists(Target))
                {
                    File.Replace(finished, Target, null);
                }
                else
                {
                    File.Move(finished, Target);
                }
            });
            return new FileInfo(Target);
        }

        /// <summary>Removes every temporary file left (after a failure, or the intermediate ones).</summary>
        public void Dispose()
        {
            for (var i = 1; i <= temporaries; i++)
            {
                var file = Path.Combine(folder, stem + "." + i.ToString(CultureInfo.InvariantCulture) + ".tmp");
                try
                {
                    if (File.Exists(file))
                    {
                        File.Delete(file);
                    }
                }
                catch (IOException)
                {
                    // Best effort: a temporary file another process still holds is hidden (dot name) and harmless.
                }
                catch (UnauthorizedAccessException)
                {
                    // Same as above.
                }
            }
        }
    }

    /// <summary>Owner-only permissions on Unix (0600 files, 0700 folders). No-op on Windows, where the user's profile folders already restrict access.</summary>
    public static class OwnerOnlyPermissions
    {
        [DllImport("libc", SetLastError = true, EntryPoint = "chmod")]
        private static extern int Chmod(string path, uint mode);

        public static void Apply(string path, bool isDirectory)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                return;
            }

            if (Chmod(path, isDirectory ? 0x1C0u : 0x180u) != 0)
            {
                throw new SocialToolkitException(OutputFile.ErrorIds.NotWritable, FailureKind.WriteFailed, $"Could not make {path} private to its owner (errno {Marshal.GetLastWin32Error().ToString(CultureInfo.InvariantCulture)}).", path);
            }
        }
    }
}
