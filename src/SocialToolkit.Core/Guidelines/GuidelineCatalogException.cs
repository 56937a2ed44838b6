using System;
using System.Collections.Generic;
using System.Linq;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Core.Guidelines
{
    /// <summary>
    /// A catalog or workbook that cannot be used: the message lists the first problems, <see cref="Problems"/>
    /// holds them all (it is also the error's target, so scripts reach it through $Error[0].TargetObject).
    /// </summary>
    public sealed class GuidelineCatalogException : SocialToolkitException
    {
        /// <summary>How many problems the message spells out; the rest are counted.</summary>
        public const int ProblemsInMessage = 10;

        public GuidelineCatalogException(string errorId, string introduction, IReadOnlyList<GuidelineCatalogProblem> problems)
            : base(errorId, FailureKind.InvalidData, Compose(introduction, problems), problems)
        {
            Problems = problems;
        }

        public IReadOnlyList<GuidelineCatalogProblem> Problems { get; }

        private static string Compose(string introduction, IReadOnlyList<GuidelineCatalogProblem> problems)
        {
            var lines = problems.Take(ProblemsInMessage).Select(p => "  " + p).ToList();
            if (problems.Count > ProblemsInMessage)
            {
                lines.Add($"  … and {problems.Count - ProblemsInMessage} more.");
            }

            return introduction + Environment.NewLine + string.Join(Environment.NewLine, lines);
        }
    }
}
