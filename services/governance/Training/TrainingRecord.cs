using Marten.Metadata;
using TrustSafety.Contracts.Governance;

namespace TrustSafety.Governance.Training;

public sealed record TrainingRequirement(string Kind, int IntervalMonths);

public sealed record TrainingRequirementSet(string Role, IReadOnlyList<TrainingRequirement> Requirements, string By, DateTimeOffset At);

/// <summary>The school's training requirements per role; a role nobody has set uses <see cref="TrainingRules.DefaultRequirements"/>.</summary>
public sealed class TrainingRequirements : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public Dictionary<string, List<TrainingRequirement>> ByRole { get; set; } = [];

    public static TrainingRequirements Create(TrainingRequirementSet e) => new TrainingRequirements().With(e);
    public void Apply(TrainingRequirementSet e) => With(e);

    private TrainingRequirements With(TrainingRequirementSet e)
    {
        ByRole[e.Role] = [.. e.Requirements];
        return this;
    }

    public IReadOnlyList<TrainingRequirement> For(string role) =>
        ByRole.TryGetValue(role, out var set) ? set : TrainingRules.DefaultRequirements(role);
}

public sealed record StaffMemberJoined(string PersonId, string Name, string Role, DateOnly JoinedOn, string By, DateTimeOffset At);
public sealed record StaffMemberRoleChanged(string PersonId, string Name, string Role, string By, DateTimeOffset At);
public sealed record StaffMemberLeft(string PersonId, DateOnly LeftOn, string By, DateTimeOffset At);
public sealed record TrainingCompleted(string PersonId, string Kind, DateOnly CompletedOn, string Provider, string? CertificateRef,
    Guid? SessionId, string By, DateTimeOffset At);
public sealed record InductionCompleted(string PersonId, DateOnly PolicyReadOn, DateOnly AupSignedOn, string By, DateTimeOffset At);
/// <summary>A person's position after a change (what their role requires and until when each counts); what reporting learns.</summary>
public sealed record TrainingStatusRecorded(string PersonId, string Role, bool Active, bool InductionComplete, DateOnly InductionDueOn,
    IReadOnlyList<TrainingRequirementStatus> Requirements, DateTimeOffset At);

public sealed record Completion(string Kind, DateOnly CompletedOn, string Provider, string? CertificateRef, Guid? SessionId, string By);

/// <summary>One member of staff's or governor's training record: role, induction and every training completed.</summary>
public sealed class StaffTraining : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string PersonId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public DateOnly? PolicyReadOn { get; set; }
    public DateOnly? AupSignedOn { get; set; }
    public List<Completion> Completions { get; set; } = [];

    public bool Active => LeftOn is null;
    public bool InductionComplete => PolicyReadOn is not null && AupSignedOn is not null;

    public static StaffTraining Create(StaffMemberJoined e) =>
        new() { PersonId = e.PersonId, Name = e.Name, Role = e.Role, JoinedOn = e.JoinedOn };

    public void Apply(StaffMemberRoleChanged e) { Name = e.Name; Role = e.Role; LeftOn = null; }
    public void Apply(StaffMemberLeft e) => LeftOn = e.LeftOn;
    public void Apply(TrainingCompleted e) => Completions.Add(new(e.Kind, e.CompletedOn, e.Provider, e.CertificateRef, e.SessionId, e.By));
    public void Apply(InductionCompleted e) { PolicyReadOn = e.PolicyReadOn; AupSignedOn = e.AupSignedOn; }
    public void Apply(TrainingStatusRecorded e) { }

    public DateOnly? LatestOf(string kind) =>
        Completions.Where(c => c.Kind == kind).Select(c => (DateOnly?)c.CompletedOn).Max();
}

public enum TrainingState { Current, DueSoon, Overdue, NeverDone }

public sealed record KindStatus(string Kind, int IntervalMonths, DateOnly? LastCompletedOn, DateOnly? ValidUntil, TrainingState State);

public sealed record PersonStatus(string PersonId, string Name, string Role, bool Active, DateOnly JoinedOn, bool InductionComplete,
    DateOnly InductionDueOn, bool InductionOverdue, IReadOnlyList<KindStatus> Training, bool Compliant);

/// <summary>Pure rules of training: what each role needs, where a person stands on a day, and what a command records.</summary>
public static class TrainingRules
{
    public const string Safeguarding = "safeguarding";
    public const string OnlineSafety = "online-safety";
    public const string Prevent = "prevent";
    public const string Dsl = "dsl";
    public const string Governor = "governor";
    public static readonly string[] Kinds = [Safeguarding, OnlineSafety, Prevent, Dsl, Governor];
    public static readonly string[] Roles = ["staff", "dsl", "deputy-dsl", "headteacher", "it-admin", "governor"];
    /// <summary>Induction (online-safety policy read, AUP signed) is due within this many days of joining.</summary>
    public const int InductionDays = 28;
    /// <summary>Training falling due within this many days is listed as due.</summary>
    public const int DueSoonDays = 30;

    /// <summary>Annual by default; DSL training every two years (KCSIE), with the annual updates recorded as online-safety and safeguarding.</summary>
    public static IReadOnlyList<TrainingRequirement> DefaultRequirements(string role) => role switch
    {
        "governor" => [new(Safeguarding, 12), new(OnlineSafety, 12), new(Governor, 12)],
        "dsl" or "deputy-dsl" => [new(Safeguarding, 12), new(OnlineSafety, 12), new(Prevent, 12), new(Dsl, 24)],
        _ => [new(Safeguarding, 12), new(OnlineSafety, 12), new(Prevent, 12)],
    };

    public static string KindLabel(string kind) => kind switch
    {
        Safeguarding => "Safeguarding",
        OnlineSafety => "Online safety",
        Prevent => "Prevent",
        Dsl => "DSL training",
        Governor => "Governor safeguarding",
        _ => kind,
    };

    public static PersonStatus Status(StaffTraining person, IReadOnlyList<TrainingRequirement> requirements, DateOnly day)
    {
        var training = requirements.Select(r =>
        {
            var last = person.LatestOf(r.Kind);
            var until = last?.AddMonths(r.IntervalMonths).AddDays(-1);
            var state = until is null ? TrainingState.NeverDone
                : until < day ? TrainingState.Overdue
                : until < day.AddDays(DueSoonDays) ? TrainingState.DueSoon
                : TrainingState.Current;
            return new KindStatus(r.Kind, r.IntervalMonths, last, until, state);
        }).ToList();
        var inductionDue = person.JoinedOn.AddDays(InductionDays);
        var inductionOverdue = !person.InductionComplete && day > inductionDue;
        var compliant = training.All(t => t.State is TrainingState.Current or TrainingState.DueSoon) && person.InductionComplete;
        return new PersonStatus(person.PersonId, person.Name, person.Role, person.Active, person.JoinedOn, person.InductionComplete,
            inductionDue, inductionOverdue, training, compliant);
    }

    /// <summary>The fact reporting learns after any change: requirements with the day each stops counting.</summary>
    public static TrainingStatusRecorded Snapshot(StaffTraining person, IReadOnlyList<TrainingRequirement> requirements, DateTimeOffset at) =>
        new(person.PersonId, person.Role, person.Active, person.InductionComplete, person.JoinedOn.AddDays(InductionDays),
            requirements.Select(r => new TrainingRequirementStatus(r.Kind, person.LatestOf(r.Kind)?.AddMonths(r.IntervalMonths).AddDays(-1))).ToList(),
            at);

    /// <summary>
    /// A role's requirements set, and everyone in the role told their position under them (so reporting's compliance follows
    /// the new rule) in the same transaction.
    /// </summary>
    public static Decision SetRequirements(string role, IReadOnlyList<TrainingRequirement> requirements, IEnumerable<StaffTraining> inRole,
        string by, DateTimeOffset at) =>
        inRole.Aggregate(Decision.Accept(new TrainingRequirementSet(role, requirements, by, at)),
            (decision, person) => decision.AlsoOn(person.Id, Snapshot(person, requirements, at)));

    /// <summary>Joining, or a change of name or role; the same details again change nothing.</summary>
    public static Decision Join(StaffTraining? person, string personId, string name, string role, DateOnly joinedOn, string by, DateTimeOffset at)
    {
        if (person is null) return Decision.Accept(new StaffMemberJoined(personId, name, role, joinedOn, by, at));
        if (person.Name == name && person.Role == role && person.Active) return Decision.Nothing;
        return Decision.Accept(new StaffMemberRoleChanged(personId, name, role, by, at));
    }

    /// <summary>A completion on a day no later than today; the same completion recorded twice counts once.</summary>
    public static Decision Complete(StaffTraining? person, string kind, DateOnly completedOn, string provider, string? certificateRef,
        Guid? sessionId, DateOnly today, string by, DateTimeOffset at)
    {
        if (person is null) return Decision.NotFound("Person not found", "No training record for that person; add them first.");
        if (completedOn > today) return Decision.Unprocessable("Training in the future", "Record training once it has happened (completedOn is after today).");
        if (completedOn < person.JoinedOn.AddYears(-10))
            return Decision.Unprocessable("Training too old", "A completion more than ten years before joining cannot count; check completedOn.");
        if (person.Completions.Any(c => c.Kind == kind && c.CompletedOn == completedOn && c.Provider == provider)) return Decision.Nothing;
        return Decision.Accept(new TrainingCompleted(person.PersonId, kind, completedOn, provider, certificateRef, sessionId, by, at));
    }

    public static Decision Induct(StaffTraining? person, DateOnly policyReadOn, DateOnly aupSignedOn, DateOnly today, string by, DateTimeOffset at)
    {
        if (person is null) return Decision.NotFound("Person not found", "No training record for that person; add them first.");
        if (policyReadOn > today || aupSignedOn > today)
            return Decision.Unprocessable("Induction in the future", "Record the policy read and the AUP signed once they have happened.");
        if (person.PolicyReadOn == policyReadOn && person.AupSignedOn == aupSignedOn) return Decision.Nothing;
        return Decision.Accept(new InductionCompleted(person.PersonId, policyReadOn, aupSignedOn, by, at));
    }

    public static Decision Leave(StaffTraining? person, DateOnly leftOn, string by, DateTimeOffset at)
    {
        if (person is null) return Decision.NotFound("Person not found", "No training record for that person.");
        if (!person.Active) return Decision.Nothing;
        if (leftOn < person.JoinedOn) return Decision.Unprocessable("Left before joining", "leftOn is before the day they joined.");
        return Decision.Accept(new StaffMemberLeft(person.PersonId, leftOn, by, at));
    }

    /// <summary>The school's annual training audit for the academic year starting 1 September <paramref name="year"/>.</summary>
    public static TrainingAudit Audit(int year, IReadOnlyList<(StaffTraining Person, IReadOnlyList<TrainingRequirement> Requirements)> people, DateOnly today)
    {
        var from = SchoolDay.YearStart(year);
        var to = SchoolDay.YearEnd(year);
        var asOf = today < to ? today : to;
        var active = people.Where(p => p.Person.JoinedOn <= asOf && (p.Person.LeftOn is null || p.Person.LeftOn >= from)).ToList();
        var statuses = active.Select(p => Status(p.Person, p.Requirements, asOf)).ToList();
        var byKind = Kinds.Select(kind =>
        {
            var required = statuses.Where(s => s.Training.Any(t => t.Kind == kind)).ToList();
            var current = required.Count(s => s.Training.First(t => t.Kind == kind).State is TrainingState.Current or TrainingState.DueSoon);
            var completedInYear = active.Sum(p => p.Person.Completions.Count(c => c.Kind == kind && c.CompletedOn >= from && c.CompletedOn <= to));
            return new AuditLine(kind, KindLabel(kind), required.Count, current, required.Count - current, completedInYear, Percent(current, required.Count));
        }).Where(l => l.Required > 0 || l.CompletedInYear > 0).ToList();
        var compliant = statuses.Count(s => s.Compliant);
        return new TrainingAudit(year, $"{year}/{(year + 1) % 100:00}", from, to, asOf, statuses.Count, compliant, Percent(compliant, statuses.Count),
            statuses.Count(s => s.InductionComplete), statuses.Count(s => s.InductionOverdue), byKind,
            statuses.Where(s => !s.Compliant).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList());
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}

public sealed record AuditLine(string Kind, string Label, int Required, int Current, int Overdue, int CompletedInYear, double? PercentCurrent);

public sealed record TrainingAudit(int Year, string Label, DateOnly From, DateOnly To, DateOnly AsOf, int People, int Compliant,
    double? PercentCompliant, int InductionsComplete, int InductionsOverdue, IReadOnlyList<AuditLine> ByKind, IReadOnlyList<PersonStatus> NotCompliant);
