using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Training;

public sealed record AddPerson(string? Name, string? Role, string? JoinedOn);
public sealed record RecordCompletion(string? Kind, string? CompletedOn, string? Provider, string? CertificateRef);
public sealed record RecordInduction(string? PolicyReadOn, string? AupSignedOn);
public sealed record RecordLeaving(string? LeftOn);
public sealed record RecordSession(string? Kind, string? CompletedOn, string? Provider, string? CertificateRef, IReadOnlyList<string>? Attendees);
public sealed record SessionRecorded(Guid SessionId, string Kind, DateOnly CompletedOn, int Recorded, IReadOnlyList<string> AlreadyRecorded);
public sealed record SetRequirements(IReadOnlyList<TrainingRequirement>? Requirements);
public sealed record RoleRequirements(string Role, IReadOnlyList<TrainingRequirement> Requirements, bool IsDefault);
public sealed record PersonView(PersonStatus Status, IReadOnlyList<Completion> Completions, DateOnly? PolicyReadOn, DateOnly? AupSignedOn,
    DateOnly? LeftOn, long Version);
public sealed record DueItem(string PersonId, string Name, string Role, string Kind, string Label, DateOnly? DueOn, string State);

public static class RecordingTraining
{
    public static void MapTraining(this RouteGroupBuilder api)
    {
        var t = api.MapGroup("/training").WithTags("training");
        t.MapGet("/people", People).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTrainingRecords")
            .WithSummary("Every member of staff and governor with their training and induction position today");
        t.MapGet("/people/{personId}", Person).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetTrainingRecord");
        t.MapPut("/people/{personId}", Add).RequireAuthorization(GovernancePolicies.Manage).WithName("AddOrUpdateTrainingPerson")
            .WithSummary("Add a member of staff or governor (internal id, name, role, joining date; If-Match \"0\"), or change their name or role (If-Match)")
            .ProducesChangeProblems();
        t.MapPost("/people/{personId}/completions", Complete).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordTrainingCompletion")
            .WithSummary("Record training done: kind, date, provider, certificate reference (If-Match)").ProducesChangeProblems();
        t.MapPost("/people/{personId}/induction", Induct).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordInduction")
            .WithSummary("Record induction: the online-safety policy read and the AUP signed on joining (If-Match)").ProducesChangeProblems();
        t.MapPost("/people/{personId}/leaving", Leave).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordLeaving")
            .WithSummary("The person has left: no longer counted in the audit from that day (If-Match)").ProducesChangeProblems();
        t.MapPost("/sessions", Session).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordTrainingSession")
            .WithSummary("A training session: one completion for every attendee");
        t.MapGet("/due", Due).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTrainingDue")
            .WithSummary("Training overdue, never done or due within 30 days (or withinDays), and inductions overdue");
        t.MapGet("/audit", Audit).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetTrainingAudit")
            .WithSummary("The school's annual training audit: year=2026 for 2026/27 (default: the current academic year)");
        t.MapGet("/requirements", Requirements).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTrainingRequirements");
        t.MapPut("/requirements/{role}", SetRequirement).RequireAuthorization(GovernancePolicies.Manage).WithName("SetTrainingRequirements")
            .WithSummary("The training a role requires and how often (months); annual by default (If-Match: the requirements' ETag, \"0\" before any is set)")
            .ProducesChangeProblems();
        t.MapPost("/import", TrainingImport.Import).RequireAuthorization(GovernancePolicies.Manage).WithName("ImportTrainingRecords")
            .Accepts<string>("text/csv").WithSummary("CSV of existing records; good rows are recorded, every bad row is named with the fix");
    }

    internal static FieldErrors PersonId(string personId) => new FieldErrors().Id(personId, "personId");

    private static async Task<Ok<List<PersonStatus>>> People(bool? includeLeft, IQuerySession session, SchoolDay day, CancellationToken ct)
    {
        var requirements = await RequirementsOf(session, ct);
        var people = await session.Query<StaffTraining>().ToListAsync(ct);
        return TypedResults.Ok(people.Where(p => includeLeft == true || p.Active)
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p => TrainingRules.Status(p, requirements.For(p.Role), day.Today)).ToList());
    }

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Person(string personId, IQuerySession session, SchoolDay day,
        HttpResponse response, CancellationToken ct)
    {
        var person = await session.LoadAsync<StaffTraining>(StreamIds.Person(personId), ct);
        if (person is null) return Rejections.NotFound("Person");
        response.SetETag(person.Version);
        return TypedResults.Ok(await ViewOf(session, person, day, ct));
    }

    private static async Task<PersonView> ViewOf(IQuerySession session, StaffTraining person, SchoolDay day, CancellationToken ct) =>
        new(TrainingRules.Status(person, (await RequirementsOf(session, ct)).For(person.Role), day.Today),
            person.Completions.OrderByDescending(c => c.CompletedOn).ToList(), person.PolicyReadOn, person.AupSignedOn, person.LeftOn, person.Version);

    internal static async Task<TrainingRequirements> RequirementsOf(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingRequirements>(StreamIds.TrainingRequirements, ct) ?? new TrainingRequirements();

    private static readonly ChangeRules<StaffTraining> Existing = new() { NotFound = () => Rejections.NotFound("Person") };

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Add(string personId, AddPerson body, HttpContext http,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonId(personId).Name(body.Name, "name").OneOf(body.Role, "role", TrainingRules.Roles);
        var joinedOn = v.Date(body.JoinedOn, "joinedOn");
        v.Require(joinedOn is null || joinedOn <= day.Today.AddDays(366), "joinedOn", "Give the joining date (yyyy-MM-dd), at most a year ahead.");
        if (!v.IsValid) return v.Problem();
        var requirements = await RequirementsOf(session, http.RequestAborted);
        return await Change.ApplyOrStart<StaffTraining, PersonView>(http, session, user, clock, StreamIds.Person(personId),
            (p, actor, now) => WithStatus(p, TrainingRules.Join(p, personId, body.Name!.Trim(), body.Role!, joinedOn ?? day.Today, actor.Id, now),
                requirements, now),
            _ => PersonViewOf(session, personId, day, http.RequestAborted));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Complete(string personId, RecordCompletion body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonId(personId).OneOf(body.Kind, "kind", TrainingRules.Kinds).Text(body.Provider, "provider", 200)
            .Optional(body.CertificateRef, "certificateRef", 100);
        var on = v.RequiredDate(body.CompletedOn, "completedOn");
        if (!v.IsValid) return v.Problem();
        return await Apply(personId, http, session, day, user, clock, (p, actor, now) =>
            TrainingRules.Complete(p, body.Kind!, on!.Value, body.Provider!.Trim(), body.CertificateRef?.Trim(), null, day.Today, actor.Id, now));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Induct(string personId, RecordInduction body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonId(personId);
        var read = v.RequiredDate(body.PolicyReadOn, "policyReadOn");
        var signed = v.RequiredDate(body.AupSignedOn, "aupSignedOn");
        if (!v.IsValid) return v.Problem();
        return await Apply(personId, http, session, day, user, clock, (p, actor, now) =>
            TrainingRules.Induct(p, read!.Value, signed!.Value, day.Today, actor.Id, now));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Leave(string personId, RecordLeaving body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonId(personId);
        var on = v.RequiredDate(body.LeftOn, "leftOn");
        if (!v.IsValid) return v.Problem();
        return await Apply(personId, http, session, day, user, clock, (p, actor, now) => TrainingRules.Leave(p, on!.Value, actor.Id, now));
    }

    /// <summary>A change to one person's record on the one change path, with the position it leaves them in (what reporting learns).</summary>
    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Apply(string personId, HttpContext http,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock, Func<StaffTraining, Actor, DateTimeOffset, Decision> decide)
    {
        var requirements = await RequirementsOf(session, http.RequestAborted);
        return await Change.Apply<StaffTraining, PersonView>(http, session, user, clock, StreamIds.Person(personId),
            (p, actor, now) => WithStatus(p, decide(p, actor, now), requirements, now), _ => PersonViewOf(session, personId, day, http.RequestAborted),
            Existing);
    }

    private static async Task<PersonView> PersonViewOf(IQuerySession session, string personId, SchoolDay day, CancellationToken ct) =>
        await ViewOf(session, (await session.LoadAsync<StaffTraining>(StreamIds.Person(personId), ct))!, day, ct);

    /// <summary>An accepted decision on a person, followed by the position it leaves them in; anything else as it is.</summary>
    internal static Decision WithStatus(StaffTraining? before, Decision decision, TrainingRequirements requirements, DateTimeOffset at)
    {
        if (decision.Rejection is not null || decision.Events.Count == 0) return decision;
        var after = before is { } existing ? Copies.Of(existing) : StaffTraining.Create((StaffMemberJoined)decision.Events[0]);
        foreach (var e in before is null ? decision.Events.Skip(1) : decision.Events) Fold(after, e);
        return decision with { Events = [.. decision.Events, TrainingRules.Snapshot(after, requirements.For(after.Role), at)] };
    }

    private static void Fold(StaffTraining person, object e)
    {
        switch (e)
        {
            case StaffMemberRoleChanged x: person.Apply(x); break;
            case StaffMemberLeft x: person.Apply(x); break;
            case TrainingCompleted x: person.Apply(x); break;
            case InductionCompleted x: person.Apply(x); break;
        }
    }

    private static async Task<Results<Ok<SessionRecorded>, ValidationProblem, ProblemHttpResult>> Session(RecordSession body,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors().OneOf(body.Kind, "kind", TrainingRules.Kinds).Text(body.Provider, "provider", 200)
            .Optional(body.CertificateRef, "certificateRef", 100)
            .Require(body.Attendees is { Count: > 0 and <= 500 }, "attendees", "List 1-500 attendees by their internal person id.");
        var on = v.RequiredDate(body.CompletedOn, "completedOn");
        v.Require(on is null || on <= day.Today, "completedOn", "Record a session once it has happened (not a future date).");
        var attendees = (body.Attendees ?? []).Distinct(StringComparer.Ordinal).ToList();
        foreach (var a in attendees) v.Id(a, "attendees");
        if (!v.IsValid) return v.Problem();
        var people = await session.LoadManyAsync<StaffTraining>(ct, attendees.Select(StreamIds.Person));
        var unknown = attendees.Except(people.Select(p => p.PersonId), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            return new FieldErrors().Add("attendees", $"No training record for: {string.Join(", ", unknown)}. Add them first (or remove them).").Problem();
        var command = new TrainingSessionHeld(Guid.CreateVersion7(), body.Kind!, on!.Value, body.Provider!.Trim(), body.CertificateRef?.Trim(), attendees);
        var requirements = await RequirementsOf(session, ct);
        return await Change.Record<StaffTraining, Ok<SessionRecorded>>(session, user, clock, attendees.Select(StreamIds.Person),
            (states, actor, now) => TrainingSession.Decide(states, requirements, command, actor, now),
            decision => Task.FromResult(TypedResults.Ok(TrainingSession.Answer(command, decision))), ct);
    }

    private static async Task<Results<Ok<List<DueItem>>, ValidationProblem>> Due(int? withinDays, IQuerySession session, SchoolDay day,
        CancellationToken ct)
    {
        var v = new FieldErrors().Require(withinDays is null or >= 0 and <= 365, "withinDays", "Give 0-365 days, or leave it out for 30.");
        if (!v.IsValid) return v.Problem();
        var horizon = day.Today.AddDays(withinDays ?? TrainingRules.DueSoonDays);
        var requirements = await RequirementsOf(session, ct);
        var items = new List<DueItem>();
        foreach (var p in (await session.Query<StaffTraining>().ToListAsync(ct)).Where(p => p.Active))
        {
            var s = TrainingRules.Status(p, requirements.For(p.Role), day.Today);
            if (!s.InductionComplete)
                items.Add(new(p.PersonId, p.Name, p.Role, "induction", "Induction (policy read, AUP signed)", s.InductionDueOn,
                    s.InductionOverdue ? "overdue" : "due"));
            foreach (var k in s.Training.Where(k => k.ValidUntil is null || k.ValidUntil < horizon))
                items.Add(new(p.PersonId, p.Name, p.Role, k.Kind, TrainingRules.KindLabel(k.Kind), k.ValidUntil?.AddDays(1),
                    k.State switch { TrainingState.NeverDone => "never-done", TrainingState.Overdue => "overdue", _ => "due" }));
        }
        return TypedResults.Ok(items.OrderBy(i => i.State == "due").ThenBy(i => i.DueOn ?? DateOnly.MinValue).ThenBy(i => i.Name, StringComparer.Ordinal)
            .ToList());
    }

    private static async Task<Results<Ok<TrainingAudit>, ValidationProblem>> Audit(int? year, IQuerySession session, SchoolDay day, CancellationToken ct)
    {
        var current = SchoolDay.AcademicYearOf(day.Today);
        var v = new FieldErrors().Require(year is null || (year >= 2000 && year <= current), "year",
            $"Give the academic year's first calendar year, 2000-{current} (e.g. {current} for {current}/{(current + 1) % 100:00}).");
        if (!v.IsValid) return v.Problem();
        var requirements = await RequirementsOf(session, ct);
        var people = await session.Query<StaffTraining>().ToListAsync(ct);
        return TypedResults.Ok(TrainingRules.Audit(year ?? current,
            people.Select(p => (p, requirements.For(p.Role))).ToList(), day.Today));
    }

    private static async Task<Ok<List<RoleRequirements>>> Requirements(IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var set = await RequirementsOf(session, ct);
        response.SetETag(set.Version);
        return TypedResults.Ok(TrainingRules.Roles.Select(r => new RoleRequirements(r, set.For(r), !set.ByRole.ContainsKey(r))).ToList());
    }

    private static async Task<Results<Ok<RoleRequirements>, ValidationProblem, ProblemHttpResult>> SetRequirement(string role, SetRequirements body,
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().OneOf(role, "role", TrainingRules.Roles)
            .Require(body.Requirements is { Count: > 0 and <= 10 }, "requirements", "List 1-10 requirements: { kind, intervalMonths }.");
        foreach (var r in body.Requirements ?? [])
            v.OneOf(r?.Kind, "requirements.kind", TrainingRules.Kinds)
             .Require(r is { IntervalMonths: >= 1 and <= 60 }, "requirements.intervalMonths", "Give 1-60 months (12 = annual).");
        v.Require(body.Requirements is null || body.Requirements.Select(r => r?.Kind).Distinct(StringComparer.Ordinal).Count() == body.Requirements.Count,
            "requirements", "Name each kind once.");
        if (!v.IsValid) return v.Problem();
        var inRole = await session.Query<StaffTraining>().Where(p => p.Role == role).ToListAsync(http.RequestAborted);
        return await Change.ApplyOrStart<TrainingRequirements, RoleRequirements>(http, session, user, clock, StreamIds.TrainingRequirements,
            (_, actor, now) => TrainingRules.SetRequirements(role, body.Requirements!.ToList(), inRole, actor.Id, now),
            _ => Task.FromResult(new RoleRequirements(role, body.Requirements!.ToList(), false)));
    }
}
