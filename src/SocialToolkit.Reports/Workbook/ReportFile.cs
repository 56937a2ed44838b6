using System;
using System.IO;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Reports.Workbook
{
    /// <summary>
    /// Where a workbook goes and how it gets there: checked up front (extension, folder, existing file, lock), written to
    /// temporary files in the target folder, moved into place only when complete. A failure leaves the old file, if any,
    /// untouched and no partial workbook behind.
    /// </summary>
    internal sealed class ReportFile : IDisposable
    {
        private readonly string folder;
        private readonly string stem;
        private int temporaries;

        private ReportFile(string target)
        {
            Target = target;
            folder = Path.GetDirectoryName(target)!;
            stem = "." + Path.GetFileNameWithoutExtension(target) + "." + Guid.NewGuid().ToString("N");
        }

        public string Target { get; }

        /// <summary>Checks the target path and returns a handle for its temporary files.</summary>
        public static ReportFile Prepare(string path, bool force)
        {
            string target;
            try
            {
                target = Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                throw new SocialToolkitException("InvalidReportPath", FailureKind.InvalidArgument, $"-Path '{path}' is not a valid file path: {e.Message}", path, e);
            }

            if (!string.Equals(Path.GetExtension(target), ".xlsx", StringComparison.OrdinalIgnoreCase))
            {
                throw new SocialToolkitException("InvalidReportPath", FailureKind.InvalidArgument, $"-Path {target} must end with .xlsx (an Excel workbook).", target);
            }

            if (Directory.Exists(target))
            {
                throw new SocialToolkitException("InvalidReportPath", FailureKind.InvalidArgument, $"-Path {target} is a folder; give the workbook's file name.", target);
            }

            var folder = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(folder))
            {
                throw new SocialToolkitException("ReportFolderNotFound", FailureKind.NotFound, $"The folder {folder} does not exist.", folder);
            }

            if (File.Exists(target))
            {
                if (!force)
                {
                    throw new SocialToolkitException("ReportExists", FailureKind.AlreadyExists, $"{target} already exists. Use -Force to replace it.", target);
                }

                try
                {
                    using (new FileStream(target, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                    {
                    }
                }
                catch (IOException e)
                {
                    throw new SocialToolkitException("ReportLocked", FailureKind.WriteFailed, $"{target} is open in another program (Excel?) or locked: close it and try again. {e.Message}", target, e);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new SocialToolkitException("ReportNotWritable", FailureKind.PermissionDenied, $"{target} cannot be replaced: {e.Message}", target, e);
                }
            }

            return new ReportFile(target);
        }

        /// <summary>A new temporary file name in the target folder (same volume, so the final move is a rename).</summary>
        public string NewTemporary()
        {
            temporaries++;
            return Path.Combine(folder, stem + "." + temporaries.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp");
        }

        /// <summary>Runs a write to a temporary file, turning file-system failures into errors naming the folder.</summary>
        public void Write(Action write)
        {
            try
            {
                write();
            }
            catch (UnauthorizedAccessException e)
            {
                throw new SocialToolkitException("ReportNotWritable", FailureKind.PermissionDenied, $"Cannot write in {folder}: {e.Message}", Target, e);
            }
            catch (IOException e)
            {
                throw new SocialToolkitException("ReportWriteFailed", FailureKind.WriteFailed, $"Writing {Target} failed: {e.Message}", Target, e);
            }
        }

        /// <summary>Moves the finished temporary file into place, replacing the old workbook in one step when there is one.</summary>
        public FileInfo Commit(string finished)
        {
            Write(() =>
            {
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
                var file = Path.Combine(folder, stem + "." + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp");
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
}
