using System.Collections.Generic;
using System.IO;
using SocialToolkit.Core.Model;

namespace SocialToolkit.Reports
{
    internal static class ReportInfoExtensions
    {
        /// <summary>Fills what every report summary says about the written file and the request behind it.</summary>
        public static T Describe<T>(this T info, FileInfo written, IReadOnlyList<string> sheets, ReportRequest request)
            where T : ReportInfo
        {
            info.FullName = written.FullName;
            info.Name = written.Name;
            info.Length = written.Length;
            info.LastWriteTime = written.LastWriteTime;
            info.Sheets = sheets;
            info.MinimumGroupSize = request.MinimumGroupSize;
            info.IncludesIndividuals = request.IncludeIndividuals;
            return info;
        }
    }
}
