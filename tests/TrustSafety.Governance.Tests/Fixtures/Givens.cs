namespace TrustSafety.Governance.Tests.Fixtures;

/// <summary>Givens the decider tests share (<c>using static</c>): the day they decide on, the DSL who decides, a member of staff, a policy on the register.</summary>
public static class Givens
{
    public static readonly DateOnly Today = new(2026, 11, 10);
    public static readonly DateTimeOffset Now = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);
    public static readonly Actor Dsl = new("dsl", "The DSL", ["dsl"]);

    /// <summary>Tess Jones (t.jones), who joined on 2024-09-01 unless told, with the training <paramref name="done"/>.</summary>
    public static StaffTraining Person(string role = "staff", DateOnly? joined = null, params (string Kind, string On)[] done)
    {
        var p = StaffTraining.Create(new StaffMemberJoined("t.jones", "Tess Jones", role, joined ?? new DateOnly(2024, 9, 1), "dsl", Now));
        foreach (var (kind, on) in done) p.Apply(new TrainingCompleted("t.jones", kind, DateOnly.Parse(on), "LA", null, null, "dsl", Now));
        return p;
    }

    /// <summary>The online-safety policy on the register, approved on <paramref name="approvedOn"/> when given.</summary>
    public static SchoolPolicy Policy(string? approvedOn = null)
    {
        var p = SchoolPolicy.Create(new PolicyRegistered("online-safety", "Online safety policy", "dsl", Now));
        if (approvedOn is not null)
        {
            var e = (PolicyVersionApproved)PolicyRules.Approve(p, null, "Governing board", DateOnly.Parse(approvedOn), null, null, Today, "dsl", Now).Events[0];
            p.Apply(e);
        }
        return p;
    }
}
