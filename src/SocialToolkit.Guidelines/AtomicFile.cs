using System;
using System.IO;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Guidelines
{
    /// <summary>Writes a file completely or not at all: a temporary file in the same folder, then a move.</summary>
    internal static class AtomicFile
    {
        public static void Write(string path, byte[] content, bool overwrite) =>
            Write(path, overwrite, temporary => File.WriteAllBytes(temporary, content));

        /// <summary>Lets <paramref name="produce"/> write a temporary file, then moves it to <paramref name="path"/>.</summary>
        public static void Write(string path, bool overwrite, Action<string> produce)
        {
            var full = Path.GetFullPath(path);
            EnsureWritable(full, overwrite);
            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                produce(temporary);
                if (File.Exists(full))
                {
                    File.Replace(temporary, full, null);
                }
                else
                {
                    File.Move(temporary, full);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new SocialToolkitException("FileWriteFailed", FailureKind.WriteFailed, $"'{full}' could not be written: {e.Message}", full, e);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        /// <summary>Refuses to replace an existing file unless asked to, before any work is done.</summary>
        public static void EnsureWritable(string path, bool overwrite)
        {
            if (Directory.Exists(path))
            {
                throw new SocialToolkitException("OutputIsFolder", FailureKind.InvalidArgument, $"'{path}' is a folder; give a file path.", path);
            }

            if (File.Exists(path) && !overwrite)
            {
                throw new SocialToolkitException("OutputExists", FailureKind.AlreadyExists, $"'{path}' already exists. Use -Force to replace it.", path);
            }
        }
    }
}
