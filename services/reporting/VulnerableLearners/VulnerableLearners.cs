using Marten;
using TrustSafety.Contracts.Incident;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;

namespace TrustSafety.Reporting.VulnerableLearners;

/// <summary>
/// One school's month as the incident service last counted it (issue 15 point 5): incidents reported, and how many of
/// them involve a pupil with each vulnerability context. Counts only: nothing here names an incident or a pupil.
/// </summary>
public sealed class VulnerabilityContextMonth : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string Month { get; set; } = "";
    public int Revision { get; set; }
    public Dictionary<string, int> Counts { get; set; } = [];
    public int Incidents { get; set; }
}

public sealed class VulnerabilityContextCountedConsumer(IDocumentStore store, TimeProvider time)
    : ReportingConsumer<VulnerabilityContextCounted>(store, time)
{
    protected override async Task Project(VulnerabilityContextCounted m, IDocumentSession session, RollupChanges rollups, CancellationToken ct)
    {
        // A month's counts arrive whole, in any order and at once (consumers run in parallel): each revision is its own
        // document, so no two deliveries write the same row; a higher one removes the lower ones and the read takes the highest.
        if (await session.Query<VulnerabilityContextMonth>().AnyAsync(d => d.Month == m.Month && d.Revision >= m.Revision, ct)) return;
        session.DeleteWhere<VulnerabilityContextMonth>(d => d.Month == m.Month && d.Revision < m.Revision);
        session.Store(new VulnerabilityContextMonth
        {
            Id = $"{m.Month}|{m.Revision}", Month = m.Month, Revision = m.Revision, Incidents = m.Incidents, Counts = VulnerableLearnerContexts.Of(m),
        });
    }
}

public static class VulnerableLearnerContexts
{
    public const string LookedAfter = "looked-after";
    public const string PreviouslyLookedAfter = "previously-looked-after";
    public const string Send = "send";
    public const string Ehcp = "ehcp";
    public const string ChildProtectionPlan = "child-protection-plan";
    public const string ChildInNeedPlan = "child-in-need-plan";
    public const string YoungCarer = "young-carer";

    public static readonly IReadOnlyList<string> All =
        [LookedAfter, PreviouslyLookedAfter, Send, Ehcp, ChildProtectionPlan, ChildInNeedPlan, YoungCarer];

    public static Dictionary<string, int> Of(VulnerabilityContextCounted m) => new(StringComparer.Ordinal)
    {
        [LookedAfter] = m.LookedAfter, [PreviouslyLookedAfter] = m.PreviouslyLookedAfter, [Send] = m.Send, [Ehcp] = m.Ehcp,
        [ChildProtectionPlan] = m.ChildProtectionPlan, [ChildInNeedPlan] = m.ChildInNeedPlan, [YoungCarer] = m.YoungCarer,
    };
}
