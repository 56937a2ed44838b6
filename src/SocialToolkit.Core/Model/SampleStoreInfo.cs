using System;
using System.Collections.Generic;

namespace SocialToolkit.Core.Model
{
    /// <summary>What New-SocialSampleStore generated, including the ground truth a training-effect report should find.</summary>
    public sealed class SampleStoreInfo
    {
        public string Path { get; set; } = string.Empty;

        public int Employees { get; set; }

        public int Departments { get; set; }

        public DateTime From { get; set; }

        public DateTime To { get; set; }

        public int Days { get; set; }

        public IReadOnlyList<string> Networks { get; set; } = Array.Empty<string>();

        /// <summary>People who completed a course.</summary>
        public int TrainedPeople { get; set; }

        public IReadOnlyList<string> Courses { get; set; } = Array.Empty<string>();

        /// <summary>Ground truth: extra active days per week after completing a course.</summary>
        public double TrainingUplift { get; set; }

        public int Seed { get; set; }

        public SampleScenario Scenario { get; set; }

        /// <summary>Ground truth of the headline: extra active days per week in the four weeks after the completion week, among trained people both of whose windows fall in the period.</summary>
        public double TrueEffect { get; set; }

        /// <summary>Guests (UserType Guest) added next to the employees.</summary>
        public int Guests { get; set; }

        public long ActivityRows { get; set; }

        public override string ToString() => Path;
    }
}
