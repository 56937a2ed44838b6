namespace SocialToolkit.Core.Model
{
    /// <summary>
    /// Synthetic organisations that each set one trap for a training-effect estimate; the store's metadata holds the truth,
    /// so anyone can watch the report catch it.
    /// </summary>
    public enum SampleScenario
    {
        /// <summary>Three course waves with a real, immediate effect; volunteers are the already active; guests, joiners and leavers.</summary>
        Default,

        /// <summary>As Default, with no effect at all.</summary>
        NoEffect,

        /// <summary>No effect, but the people later trained were already becoming more active.</summary>
        PreTrend,

        /// <summary>A real effect, plus course work that raises activity between assignment and completion.</summary>
        Anticipation,

        /// <summary>Effects that grow over six weeks, different by wave.</summary>
        Staggered,

        /// <summary>No effect; whole departments trained together, while each department's activity rises and falls as one.</summary>
        DepartmentRollout,

        /// <summary>A real effect of the social-media courses, and an unrelated mandatory course completed by 85% of staff.</summary>
        MandatoryCourse,

        /// <summary>A real effect; new joiners take a course in their first weeks while their activity ramps up anyway.</summary>
        Joiners,
    }
}
