using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Core.Files
{
    /// <summary>
    /// <see cref="OutputFile"/> for a command that writes a folder of files (the Outlook add-in): the same checks up
    /// front and the same error ids, content assembled in a hidden staging folder next to the target and removed
    /// whatever happens. What "replace" means for a folder belongs to its writer (the add-in replaces only the files
    /// its previous export wrote); this class says whether there is anything to replace and refuses it without -Force.
    /// </summary>
    public sealed class OutputFolder : IDisposable
    {
        private readonly string parent;
        private readonly string stem;
        private readonly List<string> staging = new List<string>();

        private OutputFolder(string target)
        {
            Target = target;
            parent = Path.GetDirectoryName(target)!;
            stem = "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N");
        }

        public string Target { get; }

        /// <summary>The folder exists and holds something: writing there replaces content.</summary>
        public bool HasContent => Directory.Exists(Target) && Directory.EnumerateFileSystemEntries(Target).Any();

        /// <summary>
        /// Checks <paramref name="path"/> (given as <paramref name="parameter"/>): a valid path, not a file, in a folder
        /// that exists, and empty or new unless <paramref name="force"/>.
        /// </summary>
        public static OutputFolder Prepare(string path, bool force, string parameter = "-OutputPath")
        {
            var target = OutputFile.FullPath(path, parameter, "folder").TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (File.Exists(target))
            {
                throw new SocialToolkitException(OutputFile.ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"{parameter} {target} is a file; give a folder.", target);
            }

            var parent = Path.GetDirectoryName(target);
            if (string.IsNullOrEmpty(parent))
            {
                throw new SocialToolkitException(OutputFile.ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"{parameter} {target} is the root of a drive; give a folder in it.", target);
            }

            OutputFile.RequireFolder(parent!);
            var folder = new OutputFolder(target);
            if (!force && folder.HasContent)
            {
                throw new SocialToolkitException(OutputFile.ErrorIds.Exists, FailureKind.AlreadyExists, $"The folder {target} is not empty. Use -Force to replace a previous export there.", target);
            }

            return folder;
        }

        /// <summary>Creates a new, empty staging folder next to the target (same volume, so moving out of it is a rename).</summary>
        public string NewStaging()
        {
            var path = Path.Combine(parent, stem + "." + (staging.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp");
            staging.Add(path);
            Write(() => Directory.CreateDirectory(path));
            return path;
        }

        /// <summary>Runs a write, turning file-system failures into the shared error ids naming the target folder.</summary>
        public void Write(Action write) => OutputFile.Guard(parent, Target, write);

        /// <summary>Removes every staging folder left.</summary>
        public void Dispose()
        {
            foreach (var path in staging)
            {
                try
                {
                    if (Directory.Exists(path))
                    {
                        Directory.Delete(path, recursive: true);
                    }
                }
                catch (IOException)
                {
                    // Best effort: a staging folder another process still holds is hidden (dot name) and harmless.
                }
                catch (UnauthorizedAccessException)
                {
                    // Same as above.
                }
            }
        }
    }
}
