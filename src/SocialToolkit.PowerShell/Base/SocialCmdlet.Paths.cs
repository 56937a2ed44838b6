using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using SocialToolkit.Core.Model;
using SocialToolkit.Core.Operations;
using SocialToolkit.Data.Store;

namespace SocialToolkit.PowerShell.Base
{
    /// <summary>
    /// PowerShell's path conventions, in one place for every cmdlet that reads or writes files: -Path takes
    /// wildcards and provider paths (~, PSDrives) relative to the session's current location, -LiteralPath takes
    /// them as written, a folder where a file is expected is said to be a folder, and a path that names no file is
    /// a non-terminating error about that path, so the other paths are still processed.
    /// </summary>
    public abstract partial class SocialCmdlet
    {
        /// <summary>
        /// The files named by <paramref name="paths"/>, in order and without duplicates. Each path that names no
        /// file writes a non-terminating error whose target is that path. Wildcards are expanded unless
        /// <paramref name="literal"/>; a wildcard skips the folders it matches and fails only when it matches no file.
        /// </summary>
        protected IReadOnlyList<string> ResolveInputFiles(IEnumerable<string> paths, bool literal, string parameterName, Func<string, SocialToolkitException>? notFound = null)
        {
            var files = new List<string>();
            foreach (var path in paths.Where(p => !string.IsNullOrEmpty(p)))
            {
                foreach (var file in ResolveOne(path, literal, parameterName, notFound))
                {
                    if (!files.Contains(file, StringComparer.Ordinal))
                    {
                        files.Add(file);
                    }
                }
            }

            return files;
        }

        /// <summary>
        /// One input file (a store, a catalog): the path taken literally when such a file exists, else with its
        /// wildcards expanded, which must then name exactly one file. Null after a non-terminating error.
        /// <paramref name="notFound"/> is the failure to report when nothing is there (a store's says how to create one).
        /// </summary>
        protected string? ResolveInputFile(string path, string parameterName, Func<string, SocialToolkitException>? notFound = null)
        {
            string full;
            try
            {
                full = ToFileSystemPath(path, parameterName);
            }
            catch (SocialToolkitException failure)
            {
                WriteError(ToErrorRecord(failure, path));
                return null;
            }

            if (File.Exists(full) || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                return CheckIsFile(full, path, parameterName, notFound) ? full : null;
            }

            var matches = ResolveOne(path, literal: false, parameterName, notFound).ToList();
            if (matches.Count > 1)
            {
                WriteError(ToErrorRecord(new SocialToolkitException("InputPathAmbiguous", FailureKind.InvalidArgument, $"-{parameterName} '{path}' matches {matches.Count} files; it must name one: {string.Join(", ", matches.Take(3))}{(matches.Count > 3 ? ", …" : string.Empty)}", path), path));
                return null;
            }

            return matches.FirstOrDefault();
        }

        /// <summary>
        /// A file the whole command depends on (a store, a certificate): resolved like <see cref="ResolveInputFile"/>
        /// but without wildcards, and a missing file or a folder ends the command with a terminating error.
        /// </summary>
        protected string RequireInputFile(string path, string parameterName, Func<string, SocialToolkitException>? notFound = null)
        {
            SocialToolkitException? problem;
            string full = path;
            try
            {
                full = ToFileSystemPath(path, parameterName);
                problem = InputFileProblem(full, path, parameterName, notFound);
            }
            catch (SocialToolkitException unusable)
            {
                problem = unusable;
            }

            if (problem != null)
            {
                ThrowTerminatingError(ToErrorRecord(problem, path));
            }

            return full;
        }

        /// <summary>
        /// A guideline catalog to read: -Path/-CatalogPath resolved as an input file, or the catalog shipped with
        /// the module when it is left out. Null after a non-terminating error.
        /// </summary>
        protected string? ResolveCatalogPath(string? catalogPath, string parameterName = "Path") =>
            string.IsNullOrEmpty(catalogPath) ? Commands.Guidelines.GuidelineLocations.DefaultCatalogPath : ResolveInputFile(catalogPath!, parameterName, CatalogNotFound);

        /// <summary>The failure for a guideline catalog that is not there.</summary>
        protected static SocialToolkitException CatalogNotFound(string fullPath) =>
            new SocialToolkitException("GuidelineCatalogNotFound", FailureKind.NotFound, $"The guideline catalog '{fullPath}' does not exist. Leave the path out to use the catalog shipped with the module; ConvertTo-SocialGuidelineCatalog writes a catalog from a guidelines workbook.", fullPath);

        /// <summary>
        /// A file to write: resolved relative to the current location (~ and PSDrives too), refused with a
        /// terminating error when it is an existing folder or not on the file system.
        /// </summary>
        protected string ResolveOutputFile(string path, string parameterName)
        {
            try
            {
                var full = ToFileSystemPath(path, parameterName, SocialToolkit.Core.Files.OutputFile.ErrorIds.InvalidPath);
                if (Directory.Exists(full))
                {
                    throw new SocialToolkitException(SocialToolkit.Core.Files.OutputFile.ErrorIds.InvalidPath, FailureKind.InvalidArgument, $"-{parameterName} '{full}' is a folder; give the path of the file to write, e.g. {System.IO.Path.Combine(full, "file")}.", path);
                }

                return full;
            }
            catch (SocialToolkitException failure)
            {
                ThrowTerminatingError(ToErrorRecord(failure, path));
                throw;
            }
        }

        /// <summary>
        /// Writes a file the command has just written as the file-system provider's item, as Get-Item would: a
        /// bare FileInfo lacks the provider's properties, so PowerShell's file view showed it without size or mode.
        /// </summary>
        protected void WriteFileItem(string fullPath)
        {
            foreach (var item in SessionState.InvokeProvider.Item.Get(new[] { fullPath }, force: true, literalPath: true))
            {
                WriteObject(item);
            }
        }

        /// <summary>A path resolved through the session without requiring it to exist; only file-system paths are accepted.</summary>
        protected string ToFileSystemPath(string path, string parameterName, string invalidErrorId = "InputPathInvalid")
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                throw new SocialToolkitException(invalidErrorId, FailureKind.InvalidArgument, $"-{parameterName} '{path}' is not a usable path: {e.Message}", path, e);
            }

            if (!IsFileSystem(provider))
            {
                throw new SocialToolkitException("PathNotFileSystem", FailureKind.InvalidArgument, $"-{parameterName} '{path}' is on the {provider.Name} provider; give a file-system path.", path);
            }

            return resolved;
        }

        private IEnumerable<string> ResolveOne(string path, bool literal, string parameterName, Func<string, SocialToolkitException>? notFound)
        {
            if (literal || !WildcardPattern.ContainsWildcardCharacters(path))
            {
                string full;
                try
                {
                    full = ToFileSystemPath(path, parameterName);
                }
                catch (SocialToolkitException failure)
                {
                    WriteError(ToErrorRecord(failure, path));
                    yield break;
                }

                if (CheckIsFile(full, path, parameterName, notFound))
                {
                    yield return full;
                }

                yield break;
            }

            Collection<string> matches;
            ProviderInfo? provider;
            try
            {
                matches = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var found);
                provider = found;
            }
            catch (ItemNotFoundException)
            {
                matches = new Collection<string>(new List<string>());
                provider = null;
            }
            catch (Exception e) when (IsPathFailure(e))
            {
                WriteError(ToErrorRecord(new SocialToolkitException("InputPathInvalid", FailureKind.InvalidArgument, $"-{parameterName} '{path}' is not a usable path: {e.Message}", path, e), path));
                yield break;
            }

            if (provider != null && !IsFileSystem(provider))
            {
                WriteError(ToErrorRecord(new SocialToolkitException("PathNotFileSystem", FailureKind.InvalidArgument, $"-{parameterName} '{path}' is on the {provider.Name} provider; give a file-system path.", path), path));
                yield break;
            }

            var files = matches.Where(File.Exists).ToList();
            if (files.Count == 0)
            {
                WriteError(ToErrorRecord(new SocialToolkitException("InputPathNotFound", FailureKind.NotFound, $"-{parameterName} '{path}' matches no file.", path), path));
            }

            foreach (var file in files)
            {
                yield return file;
            }
        }

        private bool CheckIsFile(string full, string path, string parameterName, Func<string, SocialToolkitException>? notFound)
        {
            var problem = InputFileProblem(full, path, parameterName, notFound);
            if (problem != null)
            {
                WriteError(ToErrorRecord(problem, path));
            }

            return problem == null;
        }

        /// <summary>Why <paramref name="full"/> cannot be read as a file, or null when it can.</summary>
        private static SocialToolkitException? InputFileProblem(string full, string path, string parameterName, Func<string, SocialToolkitException>? notFound)
        {
            if (Directory.Exists(full))
            {
                return new SocialToolkitException("InputPathIsFolder", FailureKind.InvalidArgument, $"-{parameterName} '{full}' is a folder; give a file in it, or a wildcard such as {System.IO.Path.Combine(full, "*")}.", path);
            }

            return File.Exists(full)
                ? null
                : notFound?.Invoke(full) ?? new SocialToolkitException("InputPathNotFound", FailureKind.NotFound, $"-{parameterName}: the file '{full}' does not exist.", path);
        }

        /// <summary>What the session's path resolution throws for a path it cannot use (unknown drive or provider, bad syntax).</summary>
        private static bool IsPathFailure(Exception e) =>
            e is ProviderNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is NotSupportedException || e is ArgumentException || e is PSInvalidOperationException || e is PSArgumentException;

        private static bool IsFileSystem(ProviderInfo provider) =>
            string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase);
    }
}
