using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.RiskAssessments;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.AssessingTechnology;

public sealed record RiskInput(string? Description, string? Likelihood, string? Impact, string? Mitigation);
public sealed record AssessTechnology(string? Technology, string? Purpose, IReadOnlyList<RiskInput>? Risks, string? Decision, string? Conditions,
    string? AssessedOn, string? ReviewOn);

/// <summary>A technology assessed before the school uses it (its own stream), and the assessments read back.</summary>
public static class AssessTechnologyEndpoints
{
    public static void MapAssessTechnology(this RouteGroupBuilder r)
    {
        r.MapGet("", List).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTechnologyRiskAssessments");
        r.MapPost("", Assess).RequireAuthorization(GovernancePolicies.Manage).WithName("AssessTechnology")
            .WithSummary("Before a new app or technology is used: its risks, the decision and when to review it");
        r.MapGet("/{assessmentId:guid}", Get).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetTechnologyRiskAssessment");
    }

    /// <summary>The form of an assessment or a review: every bad field, and the risks, assessment day and review day it gives.</summary>
    internal static (FieldErrors, IReadOnlyList<Risk>, DateOnly?, DateOnly?) Read(AssessTechnology body, bool isNew)
    {
        var v = new FieldErrors();
        if (isNew) v.Text(body.Technology, "technology", 200).Text(body.Purpose, "purpose", 1000);
        v.Require(body.Risks is { Count: > 0 and <= 50 }, "risks", "List 1-50 risks: { description, likelihood, impact, mitigation }.")
            .OneOf(body.Decision, "decision", RiskRules.Decisions).Optional(body.Conditions, "conditions", 2000);
        foreach (var risk in body.Risks ?? [])
            v.Text(risk?.Description, "risks.description", 1000).OneOf(risk?.Likelihood, "risks.likelihood", RiskRules.Levels)
             .OneOf(risk?.Impact, "risks.impact", RiskRules.Levels).Text(risk?.Mitigation, "risks.mitigation", 1000);
        var assessedOn = v.RequiredDate(body.AssessedOn, "assessedOn");
        var reviewOn = v.RequiredDate(body.ReviewOn, "reviewOn");
        var risks = v.IsValid ? body.Risks!.Select(x => new Risk(x.Description!.Trim(), x.Likelihood!, x.Impact!, x.Mitigation!.Trim())).ToList() : [];
        return (v, risks, assessedOn, reviewOn);
    }

    private static async Task<Ok<List<AssessmentView>>> List(IQuerySession session, SchoolDay day, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<TechnologyRiskAssessment>().ToListAsync(ct)).OrderBy(a => a.Technology, StringComparer.OrdinalIgnoreCase)
            .Select(a => AssessmentView.Of(a, day.Today)).ToList());

    private static async Task<Results<Ok<AssessmentDetail>, ProblemHttpResult>> Get(Guid assessmentId, IQuerySession session, SchoolDay day,
        HttpResponse response, CancellationToken ct)
    {
        var a = await session.LoadAsync<TechnologyRiskAssessment>(assessmentId, ct);
        if (a is null) return Rejections.NotFound("Risk assessment");
        response.SetETag(a.Version);
        return TypedResults.Ok(new AssessmentDetail(AssessmentView.Of(a, day.Today), a.History));
    }

    private static async Task<Results<Created<AssessmentView>, ValidationProblem, ProblemHttpResult>> Assess(AssessTechnology body,
        IDocumentSession session, SchoolDay day, CurrentUser user, HttpResponse response, CancellationToken ct)
    {
        var (v, risks, assessedOn, reviewOn) = Read(body, isNew: true);
        if (!v.IsValid) return v.Problem();
        var id = Guid.CreateVersion7();
        var outcome = RiskRules.Assess(null, id, body.Technology!.Trim(), body.Purpose!.Trim(), risks, body.Decision!,
            string.IsNullOrWhiteSpace(body.Conditions) ? null : body.Conditions.Trim(), assessedOn!.Value, reviewOn!.Value, day.Today, user.Id, day.Now);
        if (outcome.Rejection is { } rejected) return rejected.As<Created<AssessmentView>>();
        session.Events.StartStream<TechnologyRiskAssessment>(id, outcome.Events.ToArray());
        await session.SaveChangesAsync(ct);
        var a = (await session.LoadAsync<TechnologyRiskAssessment>(id, ct))!;
        response.SetETag(a.Version);
        return TypedResults.Created($"/risk-assessments/{id}", AssessmentView.Of(a, day.Today));
    }
}
