using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Training;

public sealed record PersonView(PersonStatus Status, IReadOnlyList<Completion> Completions, DateOnly? PolicyReadOn, DateOnly? AupSignedOn,
    DateOnly? LeftOn, long Version);

/// <summary>The training register read: everyone's position today, and one person's record; the requirements they are held to.</summary>
public static class TrainingQueries
{
    public static void MapTrainingQueries(this RouteGroupBuilder t)
    {
        t.MapGet("/people", People).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTrainingRecords")
            .WithSummary("Every member of staff and governor with their training and induction position today");
        t.MapGet("/people/{personId}", Person).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetTrainingRecord");
    }

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

    /// <summary>A person's record as the endpoints answer it, read after a change.</summary>
    public static async Task<PersonView> PersonViewOf(IQuerySession session, string personId, SchoolDay day, CancellationToken ct) =>
        await ViewOf(session, (await session.LoadAsync<StaffTraining>(StreamIds.Person(personId), ct))!, day, ct);

    /// <summary>The school's training requirements per role (the defaults until it sets its own).</summary>
    public static async Task<TrainingRequirements> RequirementsOf(IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<TrainingRequirements>(StreamIds.TrainingRequirements, ct) ?? new TrainingRequirements();
}
