using System.Collections.Generic;

namespace SocialToolkit.Core.Analytics.Privacy
{
    /// <summary>
    /// Every population whose figures a workbook from one store has published. The store keeps it, so suppression in a new
    /// workbook is consistent with every earlier one (no subtraction between two workbooks isolates a small group).
    /// </summary>
    public interface IReleaseLedger
    {
        /// <summary>Published figures of a family whose populations hold between <paramref name="minimumSize"/> and <paramref name="maximumSize"/> people.</summary>
        IEnumerable<ReleasedFigure> Comparable(string family, int minimumSize, int maximumSize);

        /// <summary>Records newly published figures (a figure already recorded in the same frame is kept once).</summary>
        void Record(IReadOnlyCollection<ReleasedFigure> figures);
    }

    /// <summary>A ledger in memory: for a single workbook with no store, and for tests.</summary>
    public sealed class MemoryReleaseLedger : IReleaseLedger
    {
        private readonly List<ReleasedFigure> figures = new List<ReleasedFigure>();
        private readonly HashSet<string> keys = new HashSet<string>();

        public IReadOnlyList<ReleasedFigure> Figures => figures;

        public IEnumerable<ReleasedFigure> Comparable(string family, int minimumSize, int maximumSize)
        {
            foreach (var figure in figures)
            {
                if (figure.Frame.Family == family && figure.Members.Length >= minimumSize && figure.Members.Length <= maximumSize)
                {
                    yield return figure;
                }
            }
        }

        public void Record(IReadOnlyCollection<ReleasedFigure> released)
        {
            foreach (var figure in released)
            {
                var key = figure.Frame.Key + "#" + System.Convert.ToBase64String(Population.Fingerprint(Population.Encode(figure.Members)));
                if (keys.Add(key))
                {
                    figures.Add(figure);
                }
            }
        }
    }
}
