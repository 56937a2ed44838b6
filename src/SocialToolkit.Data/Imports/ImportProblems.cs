using System.Collections.Generic;
using System.Linq;
using System.Text;
using SocialToolkit.Core.Operations;

namespace SocialToolkit.Data.Imports
{
    /// <summary>
    /// Every bad value of a file, found before anything is written. The import fails on the first problem but the
    /// message lists a few more, so a user fixing the file does not have to run the import once per mistake.
    /// </summary>
    internal sealed class ImportProblems
    {
        private const int Shown = 5;
        private readonly string path;
        private readonly List<(string ErrorId, string Text)> problems = new List<(string, string)>();

        public ImportProblems(string path)
        {
            this.path = path;
        }

        public int Count => problems.Count;

        public void Add(string errorId, int row, string column, string problem) =>
            problems.Add((errorId, $"{path}: row {row}, column {column}: {problem}"));

        public void AddText(string errorId, string text) => problems.Add((errorId, text));

        public void ThrowIfAny()
        {
            if (problems.Count == 0)
            {
                return;
            }

            var message = new StringBuilder(problems[0].Text);
            foreach (var other in problems.Skip(1).Take(Shown - 1))
            {
                message.AppendLine().Append(other.Text);
            }

            if (problems.Count > Shown)
            {
                message.AppendLine().Append("... and ").Append(problems.Count - Shown).Append(" more problem(s).");
            }

            message.AppendLine().Append("Nothing was imported: fix the file and run the import again.");
            throw new SocialToolkitException(problems[0].ErrorId, FailureKind.InvalidData, message.ToString(), path);
        }
    }
}
