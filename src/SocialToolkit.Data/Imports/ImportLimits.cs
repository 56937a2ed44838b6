using System;
using System.IO;
using System.IO.Compression;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// The bounds every import file is held to, in one place, so a hostile or broken file is refused at the door
    /// instead of filling memory or the store. The help of the import cmdlets states them.
    /// </summary>
    public static class ImportLimits
    {
        /// <summary>Longest value of a field naming a person (user principal name, mail, manager): RFC 5321's 320 characters.</summary>
        public const int MaxIdentifierLength = 320;

        /// <summary>Longest value of any other text field (names, department, job title, course title...).</summary>
        public const int MaxTextLength = 256;

        /// <summary>Largest xlsx workbook file.</summary>
        public const long MaxWorkbookBytes = 50L * 1024 * 1024;

        /// <summary>Most bytes an xlsx workbook may expand to once unzipped (all its parts together).</summary>
        public const long MaxWorkbookExpandedBytes = 200L * 1024 * 1024;

        /// <summary>Most a part of a workbook may expand relative to its compressed size; real sheets stay far below.</summary>
        public const int MaxCompressionRatio = 200;

        /// <summary>
        /// Checks an xlsx (zip) before any XML of it is parsed: every part is decompressed once into nothing, counting
        /// bytes, and the check stops at the first limit crossed, so a zip bomb is refused quickly in bounded memory
        /// whatever sizes its directory claims.
        /// </summary>
        internal static void CheckWorkbookSize(string path, long length)
        {
            if (length > MaxWorkbookBytes)
            {
                throw TooLarge(path, $"the workbook is {length / 1048576.0:0.#} MB; the largest accepted is {MaxWorkbookBytes / 1048576} MB. Save the sheet as CSV and import that.");
            }
        }

        internal static void CheckWorkbook(string path, byte[] bytes)
        {
            CheckWorkbookSize(path, bytes.Length);

            try
            {
                using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
                long total = 0;
                var buffer = new byte[81920];
                foreach (var entry in archive.Entries)
                {
                    long expanded = 0;
                    using var stream = entry.Open();
                    int read;
                    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        expanded += read;
                        total += read;
                        if (total > MaxWorkbookExpandedBytes)
                        {
                            throw TooLarge(path, $"the workbook expands to more than {MaxWorkbookExpandedBytes / 1048576} MB once unzipped (part '{entry.FullName}'); it was not read.");
                        }

                        if (expanded > 1024 * 1024 && expanded > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                        {
                            throw TooLarge(path, $"part '{entry.FullName}' expands more than {MaxCompressionRatio} times its compressed size, as a zip bomb does; it was not read.");
                        }
                    }
                }
            }
            catch (InvalidDataException e)
            {
                throw new SocialToolkitException("ImportUnreadableFile", FailureKind.InvalidData, $"{path} is not a readable xlsx workbook ({e.Message}).", path, e);
            }
        }

        private static SocialToolkitException TooLarge(string path, string detail) =>
            new SocialToolkitException("ImportFileTooLarge", FailureKind.InvalidData, $"{path}: {detail}", path);
    }
}
